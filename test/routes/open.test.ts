import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isGzipFile, readLineBatches, readLines, RouteFileError } from '../../src/routes/index.js';
import { itWithNeed, needPath, PROC_DIR } from '../helpers/need.js';
import { tempFiles } from './helpers.js';

const PROC_FD = join(PROC_DIR, 'self', 'fd');

const tmp = tempFiles();

async function linesOf(path: string, opts?: { maxLineBytes?: number }): Promise<Array<[number, string]>> {
  const out: Array<[number, string]> = [];
  for await (const { text, line } of readLines(path, opts)) out.push([line, text]);
  return out;
}

describe('readLines / readLineBatches', () => {
  it('reads LF lines with 1-based numbers, blank lines kept', async () => {
    const p = tmp.write('lf.txt', 'a\nb\n\nc\n');
    expect(await linesOf(p)).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c'],
    ]);
  });

  it('strips CR of CRLF endings and reads a last line without newline', async () => {
    const p = tmp.write('crlf.txt', 'a\r\nb\r\n\r\nc');
    expect(await linesOf(p)).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c'],
    ]);
  });

  it('gives nothing for an empty file and one empty line for a lone newline', async () => {
    expect(await linesOf(tmp.write('empty.txt', ''))).toEqual([]);
    expect(await linesOf(tmp.write('nl.txt', '\n'))).toEqual([[1, '']]);
    expect(await linesOf(tmp.write('x.txt', 'x'))).toEqual([[1, 'x']]);
  });

  it('drops a UTF-8 byte order mark', async () => {
    expect(await linesOf(tmp.write('bom.txt', '\uFEFFa\nb\n'))).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(await linesOf(tmp.write('bom-only.txt', '\uFEFFa'))).toEqual([[1, 'a']]);
  });

  it('detects gzip by magic bytes, whatever the name', async () => {
    const text = 'one\r\ntwo\nthree';
    const gz = tmp.write('no-suffix.txt', text, { gzip: true });
    const plainNamedGz = tmp.write('plain.txt.gz', text);
    expect(await isGzipFile(gz)).toBe(true);
    expect(await isGzipFile(plainNamedGz)).toBe(false);
    expect(await linesOf(gz)).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
    expect(await linesOf(plainNamedGz)).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
  });

  it('reads concatenated gzip members', async () => {
    const p = join(tmp.dir, 'multi.gz');
    writeFileSync(p, Buffer.concat([gzipSync('a\nb'), gzipSync('c\nd\n')]));
    expect(await linesOf(p)).toEqual([
      [1, 'a'],
      [2, 'bc'],
      [3, 'd'],
    ]);
  });

  it('keeps lines and multi-byte characters intact across chunk boundaries', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) lines.push(i % 7 === 0 ? `é€😀-${i}` : `line-${i}`);
    const text = `${lines.join('\r\n')}\r\n`;
    for (const gzip of [false, true]) {
      const p = tmp.write(gzip ? 'big.gz' : 'big.txt', text, { gzip });
      const got: string[] = [];
      let batches = 0;
      for await (const b of readLineBatches(p)) {
        batches++;
        if (b.firstLine !== got.length + 1)
          throw new Error(`batch starts at ${b.firstLine}, expected ${got.length + 1}`);
        for (const l of b.lines) got.push(l);
      }
      expect(got.length).toBe(lines.length);
      expect(got.every((l, i) => l === lines[i])).toBe(true);
      expect(batches).toBeGreaterThan(1);
    }
  });

  it('throws RouteFileError for corrupt or truncated gzip data', async () => {
    const whole = gzipSync(Buffer.from('a\n'.repeat(100_000)));
    const p = tmp.write('truncated.gz', whole.subarray(0, whole.length >> 1));
    const err = await linesOf(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RouteFileError);
    expect((err as RouteFileError).reason).toMatch(/^corrupt or truncated gzip data: /);
    expect((err as RouteFileError).message).toMatch(
      new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: corrupt`),
    );
  });

  it('refuses a line longer than maxLineBytes', async () => {
    const p = tmp.write('long.txt', `ok\n${'x'.repeat(5000)}\nok\n`);
    await expect(linesOf(p, { maxLineBytes: 1000 })).rejects.toThrow(`${p}:2: line longer than 1000 bytes`);
    const noNl = tmp.write('long-nonl.txt', `ok\n${'x'.repeat(5000)}`);
    await expect(linesOf(noNl, { maxLineBytes: 1000 })).rejects.toThrow(`${noNl}:2: line longer than 1000 bytes`);
    expect((await linesOf(p, { maxLineBytes: 5000 })).length).toBe(3);
  });

  it('passes fs errors through', async () => {
    await expect(linesOf(join(tmp.dir, 'missing.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  itWithNeed(needPath(PROC_FD, 'a Linux /proc'), 'closes the file when the consumer stops early', async () => {
    const p = tmp.write('early.txt', 'a\n'.repeat(3_000_000));
    const gz = tmp.write('early.gz', 'a\n'.repeat(3_000_000), { gzip: true });
    const before = readdirSync(PROC_FD).length;
    for (const path of [p, gz]) {
      for await (const b of readLineBatches(path)) {
        expect(b.firstLine).toBe(1);
        break;
      }
    }
    // closing is asynchronous: wait (up to 5 s) for the descriptors to go
    for (let i = 0; i < 100 && readdirSync(PROC_FD).length > before; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(readdirSync(PROC_FD).length).toBe(before);
  });
});
