import { describe, expect, it } from 'vitest';
import {
  loadRouteUpdates,
  parseUpdateLine,
  readRouteUpdates,
  RouteFileError,
  type RouteUpdate,
} from '../../src/routes/index.js';
import { fixture, tempFiles } from './helpers.js';

const tmp = tempFiles();

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

async function collect(path: string, opts: Parameters<typeof readRouteUpdates>[1] = {}): Promise<RouteUpdate[][]> {
  const out: RouteUpdate[][] = [];
  for await (const batch of readRouteUpdates(path, opts)) out.push(batch);
  return out;
}

const EXPECTED: RouteUpdate[] = [
  { op: 'announce', prefix: '10.0.0.0/8', family: 4, line: 2 },
  { op: 'announce', prefix: '2001:db8::/32', family: 6, nextHop: 'fe80::1', line: 3 },
  { op: 'withdraw', prefix: '10.0.0.0/8', family: 4, line: 4 },
  { op: 'announce', prefix: '192.0.2.0/24', family: 4, nextHop: '192.0.2.1', line: 5 },
  { op: 'withdraw', prefix: '2001:db8::/32', family: 6, line: 7 },
];

describe('parseUpdateLine', () => {
  it('parses A and W lines', () => {
    expect(parseUpdateLine('A 10.0.0.0/8', 1)).toEqual({ op: 'announce', prefix: '10.0.0.0/8', family: 4, line: 1 });
    expect(parseUpdateLine('W\t2001:DB8::/32', 2)).toEqual({
      op: 'withdraw',
      prefix: '2001:db8::/32',
      family: 6,
      line: 2,
    });
    expect(parseUpdateLine('A 10.0.0.0/8 10.0.0.1 # c', 3)).toEqual({
      op: 'announce',
      prefix: '10.0.0.0/8',
      family: 4,
      nextHop: '10.0.0.1',
      line: 3,
    });
    expect(parseUpdateLine('  # c', 1)).toBeNull();
    expect(parseUpdateLine('', 1)).toBeNull();
  });

  it('gives the reason of a bad line', () => {
    expect(parseUpdateLine('X 10.0.0.0/8', 1)).toBe('unknown op "X" (expected A or W)');
    expect(parseUpdateLine('a 10.0.0.0/8', 1)).toBe('unknown op "a" (expected A or W)');
    expect(parseUpdateLine('10.0.0.0/8', 1)).toBe('unknown op "10.0.0.0/8" (expected A or W)');
    expect(parseUpdateLine('A', 1)).toBe('expected A PREFIX [NEXT_HOP], got 1 column');
    expect(parseUpdateLine('A 10.0.0.0/8 1.1.1.1 2.2.2.2', 1)).toBe('expected A PREFIX [NEXT_HOP], got 4 columns');
    expect(parseUpdateLine('W 10.0.0.0/8 1.1.1.1', 1)).toBe('expected W PREFIX, got 3 columns');
    expect(parseUpdateLine('W', 1)).toBe('expected W PREFIX, got 1 column');
    expect(parseUpdateLine('A 10.0.0.1/8', 1)).toBe('bad prefix: host bits set');
    expect(parseUpdateLine('A 10.0.0.0/8 10.0.0', 1)).toBe('bad next hop: not an IPv4 address (a.b.c.d)');
    expect(parseUpdateLine(`${'Z'.repeat(100)} 10.0.0.0/8`, 1)).toBe(
      `unknown op "${'Z'.repeat(24)}…" (expected A or W)`,
    );
  });
});

describe('loadRouteUpdates', () => {
  it('loads the fixture with counts', async () => {
    const path = fixture('updates.txt');
    expect(await loadRouteUpdates(path)).toEqual({
      updates: EXPECTED,
      bad: [],
      count: 5,
      announces: 3,
      withdraws: 2,
      v4: 3,
      v6: 2,
      file: path,
      format: 'updates',
    });
  });

  it('reads gzip (any name), CRLF and a last line without newline', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(fixture('updates.txt'), 'utf8').replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    for (const gzip of [false, true]) {
      const path = tmp.write(`u-crlf-${gzip}.dat`, text, { gzip });
      expect((await loadRouteUpdates(path)).updates).toEqual(EXPECTED);
    }
  });

  it('stops at the first bad line with FILE:LINE: REASON (TEXT)', async () => {
    const cases: Array<[string, number, string, string]> = [
      ['A 10.0.0.0/8\nQ 10.0.0.0/8\n', 2, 'unknown op "Q" (expected A or W)', 'Q 10.0.0.0/8'],
      ['A 10.0.0.0/8\n\nW 10.0.0.1/8\n', 3, 'bad prefix: host bits set', 'W 10.0.0.1/8'],
      ['A 10.0.0.0/8 300.1.1.1\n', 1, 'bad next hop: not an IPv4 address (a.b.c.d)', 'A 10.0.0.0/8 300.1.1.1'],
      ['A 10.0.0.0/8\r\nW 10.0.0.0/8 1.1.1.1\r\n', 2, 'expected W PREFIX, got 3 columns', 'W 10.0.0.0/8 1.1.1.1'],
      ['W 2001:db8::/33\nA 2001:db8::/129\n', 2, 'bad prefix: prefix length must be 0 to 128', 'A 2001:db8::/129'],
    ];
    for (const [i, [content, line, reason, text]] of cases.entries()) {
      const path = tmp.write(`ubad-${i}.gz`, content, { gzip: true });
      const err = await failure(loadRouteUpdates(path));
      expect(err.message).toBe(`${path}:${line}: ${reason} (${text})`);
      expect(err).toMatchObject({ file: path, line, reason, text });
      const err2 = await failure(collect(path));
      expect(err2.message).toBe(err.message);
    }
  });

  it('with skipBad lists bad lines', async () => {
    const path = tmp.write('uskip.txt', 'A 10.0.0.0/8\nQ 1.0.0.0/8\nW 10.0.0.0/8\nA 1.2.3.4/8\n');
    const u = await loadRouteUpdates(path, { skipBad: true });
    expect(u.updates.map((x) => `${x.op} ${x.prefix}`)).toEqual(['announce 10.0.0.0/8', 'withdraw 10.0.0.0/8']);
    expect(u.bad).toEqual([
      { file: path, line: 2, text: 'Q 1.0.0.0/8', reason: 'unknown op "Q" (expected A or W)' },
      { file: path, line: 4, text: 'A 1.2.3.4/8', reason: 'bad prefix: host bits set' },
    ]);
  });

  it('refuses a route table', async () => {
    const err = await failure(loadRouteUpdates(fixture('prefixes.txt')));
    expect(err.line).toBe(2);
    expect(err.reason).toMatch(/^a route table \(prefix-list\), not an update stream/);
    const err2 = await failure(loadRouteUpdates(fixture('bgpdump-rib.txt')));
    expect(err2.reason).toMatch(/^a route table \(bgpdump-table\)/);
  });

  it('gives nothing for an empty file', async () => {
    const path = tmp.write('uempty.txt', '# nothing\n');
    const u = await loadRouteUpdates(path);
    expect(u.updates).toEqual([]);
    expect(u.format).toBeNull();
  });
});

describe('readRouteUpdates', () => {
  const lines: string[] = [];
  for (let i = 0; i < 2500; i++) lines.push(`${i % 3 === 2 ? 'W' : 'A'} 10.${i >> 8}.${i & 255}.0/24`);
  const many = tmp.write('many.gz', `${lines.join('\n')}\n`, { gzip: true });

  it('yields batches of batchSize (default 1000), the last one shorter', async () => {
    expect((await collect(many)).map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect((await collect(many, { batchSize: 700 })).map((b) => b.length)).toEqual([700, 700, 700, 400]);
    const all = (await collect(many, { batchSize: 1 })).flat();
    expect(all.length).toBe(2500);
    expect(all[2]).toEqual({ op: 'withdraw', prefix: '10.0.2.0/24', family: 4, line: 3 });
    expect(all[2499]).toEqual({ op: 'announce', prefix: '10.9.195.0/24', family: 4, line: 2500 });
  });

  it('exposes counts, bad lines, format and done', async () => {
    const path = tmp.write('rskip.txt', 'A 10.0.0.0/8\nbad line\nW 10.0.0.0/8\nA 10.0.0.0/8 x\n');
    const reader = readRouteUpdates(path, { skipBad: true, batchSize: 1 });
    expect(reader.format).toBeNull();
    expect(reader.done).toBe(false);
    const seen: number[] = [];
    for await (const batch of reader) seen.push(batch[0].line);
    expect(seen).toEqual([1, 3]);
    expect(reader.done).toBe(true);
    expect(reader.format).toBe('updates');
    expect(reader.counts).toEqual({ count: 2, announces: 1, withdraws: 1, v4: 2, v6: 0 });
    expect(reader.bad.map((b) => [b.line, b.reason])).toEqual([
      [2, 'unknown op "bad" (expected A or W)'],
      [4, 'bad next hop: not an IPv4 address (a.b.c.d)'],
    ]);
    expect(() => reader[Symbol.asyncIterator]()).toThrow(/only be iterated once/);
  });

  it('can stop early', async () => {
    const reader = readRouteUpdates(many, { batchSize: 10 });
    for await (const batch of reader) {
      expect(batch.length).toBe(10);
      break;
    }
    expect(reader.done).toBe(false);
    expect(reader.counts.count).toBeLessThan(2500);
  });

  it('refuses a bad batch size', () => {
    expect(() => readRouteUpdates(many, { batchSize: 0 })).toThrow(RangeError);
    expect(() => readRouteUpdates(many, { batchSize: 1.5 })).toThrow(RangeError);
  });
});
