import { describe, expect, it } from 'vitest';
import { detectLineFormat, detectRouteFormat, detectRouteFormatAt } from '../../src/routes/index.js';
import { fixture, tempFiles } from './helpers.js';

const tmp = tempFiles();

describe('detectLineFormat', () => {
  it('recognises each format from one line', () => {
    expect(detectLineFormat('10.0.0.0/8')).toBe('prefix-list');
    expect(detectLineFormat('  2001:db8::/32 2001:db8::1')).toBe('prefix-list');
    expect(detectLineFormat('A 10.0.0.0/8')).toBe('updates');
    expect(detectLineFormat('W\t10.0.0.0/8')).toBe('updates');
    expect(detectLineFormat('X 10.0.0.0/8')).toBe('updates'); // reported later as an unknown op
    expect(detectLineFormat('TABLE_DUMP2|1|B|…')).toBe('bgpdump-table');
    expect(detectLineFormat('TABLE_DUMP|1|B|…')).toBe('bgpdump-table');
    expect(detectLineFormat('BGP4MP|1|A|…')).toBe('bgpdump-updates');
    expect(detectLineFormat('BGP4MP_ET|1|STATE|…')).toBe('bgpdump-updates');
    expect(detectLineFormat('garbage')).toBe('prefix-list');
    expect(detectLineFormat('A')).toBe('prefix-list');
    expect(detectLineFormat('A # comment')).toBe('prefix-list');
  });

  it('skips blank and comment lines', () => {
    for (const l of ['', '  ', '\t', '# x', '  #x']) expect(detectLineFormat(l)).toBeNull();
  });
});

describe('detectRouteFormat', () => {
  it('detects the fixtures', async () => {
    expect(await detectRouteFormat(fixture('prefixes.txt'))).toBe('prefix-list');
    expect(await detectRouteFormat(fixture('updates.txt'))).toBe('updates');
    expect(await detectRouteFormat(fixture('bgpdump-rib.txt'))).toBe('bgpdump-table');
    expect(await detectRouteFormat(fixture('bgpdump-updates.txt'))).toBe('bgpdump-updates');
    expect(await detectRouteFormatAt(fixture('updates.txt'))).toEqual({ format: 'updates', line: 2 });
  });

  it('reads gzip and returns null for files without data', async () => {
    expect(await detectRouteFormat(tmp.write('d.bin', '# x\r\n\r\nW 10.0.0.0/8\r\n', { gzip: true }))).toBe('updates');
    expect(await detectRouteFormat(tmp.write('e.txt', ''))).toBeNull();
    expect(await detectRouteFormat(tmp.write('c.gz', '# only a comment', { gzip: true }))).toBeNull();
  });
});
