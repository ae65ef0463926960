import { describe, expect, it } from 'vitest';
import { loadRouteTable, parsePrefixListLine, RouteFileError } from '../../src/routes/index.js';
import { fixture, tempFiles } from './helpers.js';

const tmp = tempFiles();

/** The RouteFileError a promise rejects with (fails the test when it resolves). */
async function failure(p: Promise<unknown>): Promise<RouteFileError> {
  const err = await p.then(
    () => {
      throw new Error('expected a RouteFileError');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RouteFileError);
  return err as RouteFileError;
}

const EXPECTED_ROUTES = [
  { prefix: '10.0.0.0/8', family: 4, line: 2 },
  { prefix: '192.168.1.0/24', family: 4, nextHop: '192.168.1.254', line: 3 },
  { prefix: '172.16.0.0/12', family: 4, nextHop: '10.1.2.3', line: 4 },
  { prefix: '0.0.0.0/0', family: 4, line: 6 },
  { prefix: '2001:db8::/32', family: 6, line: 7 },
  { prefix: '2001:db8:0:0:1::/80', family: 6, nextHop: '2001:db8::1', line: 8 },
  { prefix: '::/0', family: 6, line: 11 },
];

describe('parsePrefixListLine', () => {
  it('parses prefix and optional next hop, ignoring comments and blanks', () => {
    expect(parsePrefixListLine('10.0.0.0/8', 1)).toEqual({ prefix: '10.0.0.0/8', family: 4, line: 1 });
    expect(parsePrefixListLine('\t10.0.0.0/8 \t 10.0.0.1 # x', 2)).toEqual({
      prefix: '10.0.0.0/8',
      family: 4,
      nextHop: '10.0.0.1',
      line: 2,
    });
    expect(parsePrefixListLine('2001:DB8:0::/32 2001:DB8::1', 3)).toEqual({
      prefix: '2001:db8::/32',
      family: 6,
      nextHop: '2001:db8::1',
      line: 3,
    });
    expect(parsePrefixListLine('10.0.0.0/8 2001:db8::1', 4)).toMatchObject({ family: 4, nextHop: '2001:db8::1' });
    for (const blank of ['', '   ', '\t', '# comment', '   # indented comment', '#10.0.0.0/8']) {
      expect(parsePrefixListLine(blank, 1)).toBeNull();
    }
  });

  it('gives the reason of a bad line', () => {
    expect(parsePrefixListLine('10.0.0.1/8', 1)).toBe('bad prefix: host bits set');
    expect(parsePrefixListLine('10.0.0.0/33', 1)).toBe('bad prefix: prefix length must be 0 to 32');
    expect(parsePrefixListLine('2001:db8::/129', 1)).toBe('bad prefix: prefix length must be 0 to 128');
    expect(parsePrefixListLine('2001:db8::1/32', 1)).toBe('bad prefix: host bits set');
    expect(parsePrefixListLine('10.0.0.0', 1)).toBe('bad prefix: missing "/length"');
    expect(parsePrefixListLine('10.0.0/8', 1)).toBe('bad prefix: not an IPv4 prefix (a.b.c.d/len)');
    expect(parsePrefixListLine('2001:db8::g/32', 1)).toBe('bad prefix: not an IPv6 prefix (x::/len)');
    expect(parsePrefixListLine('10.0.0.0/8 10.0.0.256', 1)).toBe('bad next hop: not an IPv4 address (a.b.c.d)');
    expect(parsePrefixListLine('10.0.0.0/8 fe80::1%eth0', 1)).toBe('bad next hop: not an IPv6 address');
    expect(parsePrefixListLine('10.0.0.0/8 10.0.0.1 extra', 1)).toBe('expected PREFIX [NEXT_HOP], got 3 columns');
  });
});

describe('loadRouteTable on prefix lists', () => {
  it('loads the fixture: canonical prefixes, next hops, comments, duplicates', async () => {
    const path = fixture('prefixes.txt');
    const t = await loadRouteTable(path);
    expect(t).toEqual({
      routes: EXPECTED_ROUTES,
      bad: [],
      v4: 4,
      v6: 3,
      duplicates: 1,
      conflicts: 1,
      firstConflicts: [
        { prefix: '10.0.0.0/8', kept: { file: path, line: 2 }, dropped: { file: path, line: 10, nextHop: '10.9.9.9' } },
      ],
      file: path,
      format: 'prefix-list',
    });
  });

  it('reads the same content gzipped (even without .gz) and with CRLF endings', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(fixture('prefixes.txt'), 'utf8');
    const crlfNoFinalNewline = text.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    for (const [name, content, gzip] of [
      ['prefixes.gz', text, true],
      ['prefixes-gz.txt', text, true],
      ['prefixes-crlf.txt', crlfNoFinalNewline, false],
      ['prefixes-crlf.bin', crlfNoFinalNewline, true],
    ] as const) {
      const path = tmp.write(name, content, { gzip });
      const t = await loadRouteTable(path);
      expect(t.routes, name).toEqual(EXPECTED_ROUTES);
      expect(t.duplicates).toBe(1);
    }
  });

  it('keeps the first of duplicates in sorted input too, counting conflicts', async () => {
    const path = tmp.write(
      'sorted-dups.txt',
      '1.0.0.0/24\n1.0.0.0/24 9.9.9.9\n2.0.0.0/8\n2.0.0.0/8\n2.0.0.0/8 8.8.8.8\n3.0.0.0/8\n',
    );
    const t = await loadRouteTable(path);
    expect(t.routes).toEqual([
      { prefix: '1.0.0.0/24', family: 4, line: 1 },
      { prefix: '2.0.0.0/8', family: 4, line: 3 },
      { prefix: '3.0.0.0/8', family: 4, line: 6 },
    ]);
    expect(t.duplicates).toBe(3);
    expect(t.conflicts).toBe(2); // 2.0.0.0/8 twice without a next hop is no conflict
  });

  it('counts a non-canonical spelling of the same prefix as a duplicate', async () => {
    const path = tmp.write('spellings.txt', '2001:db8::/32\n2001:DB8:0:0::/32 2001:db8::1\n');
    const t = await loadRouteTable(path);
    expect(t.routes).toEqual([{ prefix: '2001:db8::/32', family: 6, line: 1 }]);
    expect(t.duplicates).toBe(1);
  });

  it('stops at the first bad line with FILE:LINE: REASON (TEXT)', async () => {
    const cases: Array<[string, number, string, string]> = [
      ['10.0.0.0/8\n# c\n10.0.0.1/8\n', 3, 'bad prefix: host bits set', '10.0.0.1/8'],
      ['10.0.0.0/8\n10.0.0.0/40\n', 2, 'bad prefix: prefix length must be 0 to 32', '10.0.0.0/40'],
      ['2001:db8::/32\n\n2001:db8::/200\n', 3, 'bad prefix: prefix length must be 0 to 128', '2001:db8::/200'],
      ['banana\n', 1, 'bad prefix: missing "/length"', 'banana'],
      ['10.0.0.0/8 1.2.3\n', 1, 'bad next hop: not an IPv4 address (a.b.c.d)', '10.0.0.0/8 1.2.3'],
      [
        '10.0.0.0/8\n10.1.0.0/16 1.1.1.1 2.2.2.2\n',
        2,
        'expected PREFIX [NEXT_HOP], got 3 columns',
        '10.1.0.0/16 1.1.1.1 2.2.2.2',
      ],
    ];
    for (const [i, [content, line, reason, text]] of cases.entries()) {
      for (const gzip of [false, true]) {
        const path = tmp.write(`bad-${i}-${gzip}`, content, { gzip });
        const err = await failure(loadRouteTable(path));
        expect(err.message).toBe(`${path}:${line}: ${reason} (${text})`);
        expect(err).toMatchObject({ kind: 'RouteFileError', name: 'RouteFileError', file: path, line, reason, text });
      }
    }
  });

  it('with skipBad counts and lists bad lines and keeps the good ones', async () => {
    const content = '10.0.0.0/8\n10.0.0.1/8\n# c\n11.0.0.0/8 x\r\n12.0.0.0/8\n1.2.3.4/33\n';
    const path = tmp.write('skip.txt', content);
    const t = await loadRouteTable(path, { skipBad: true });
    expect(t.routes.map((r) => r.prefix)).toEqual(['10.0.0.0/8', '12.0.0.0/8']);
    expect(t.bad).toEqual([
      { file: path, line: 2, text: '10.0.0.1/8', reason: 'bad prefix: host bits set' },
      { file: path, line: 4, text: '11.0.0.0/8 x', reason: 'bad next hop: not an IPv4 address (a.b.c.d)' },
      { file: path, line: 6, text: '1.2.3.4/33', reason: 'bad prefix: prefix length must be 0 to 32' },
    ]);
    expect(t.v4).toBe(2);
  });

  it('clips very long bad lines in the error', async () => {
    const long = `10.0.0.0/8 ${'9'.repeat(1000)}`;
    const path = tmp.write('long-bad.txt', `${long}\n`);
    const err = await failure(loadRouteTable(path));
    expect(err.text).toBe(`${long.slice(0, 200)}…`);
    expect(err.message.length).toBeLessThan(400);
  });

  it('loads empty and comment-only files as empty tables', async () => {
    for (const [name, content] of [
      ['empty.txt', ''],
      ['comments.txt', '# only\n\n   \n# comments'],
    ] as const) {
      const path = tmp.write(name, content);
      expect(await loadRouteTable(path)).toEqual({
        routes: [],
        bad: [],
        v4: 0,
        v6: 0,
        duplicates: 0,
        conflicts: 0,
        firstConflicts: [],
        file: path,
        format: null,
      });
    }
  });

  it('refuses an update stream', async () => {
    const err = await failure(loadRouteTable(fixture('updates.txt')));
    expect(err.line).toBe(2);
    expect(err.reason).toMatch(/^an update stream \(updates\), not a route table/);
    const err2 = await failure(loadRouteTable(fixture('bgpdump-updates.txt')));
    expect(err2.line).toBe(1);
    expect(err2.reason).toMatch(/^an update stream \(bgpdump-updates\)/);
    const err3 = await failure(loadRouteTable(fixture('prefixes.txt'), { format: 'updates' }));
    expect(err3.line).toBe(0);
  });

  it('can be told the format', async () => {
    const path = tmp.write('forced.txt', 'A 10.0.0.0/8\n');
    const err = await failure(loadRouteTable(path, { format: 'prefix-list' }));
    expect(err.message).toBe(`${path}:1: bad prefix: missing "/length" (A 10.0.0.0/8)`);
  });
});
