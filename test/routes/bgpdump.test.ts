import { describe, expect, it } from 'vitest';
import {
  loadRouteTable,
  loadRouteUpdates,
  parseBgpdumpTableLine,
  parseBgpdumpUpdateLine,
  readRouteUpdates,
  RouteFileError,
} from '../../src/routes/index.js';
import { fixture, tempFiles } from './helpers.js';

const tmp = tempFiles();

const RIB = 'TABLE_DUMP2|1778457600|B|193.0.0.56|3333|1.0.0.0/24|3333 13335|IGP|193.0.0.56|0|0|3333:100|NAG||';
const ANN = 'BGP4MP|1778457601|A|193.0.0.56|3333|1.0.0.0/24|3333 13335|IGP|193.0.0.56|0|0||NAG||';
const WDR = 'BGP4MP|1778457602|W|193.0.0.56|3333|1.0.0.0/24';

describe('parseBgpdumpTableLine', () => {
  it('parses TABLE_DUMP2, TABLE_DUMP and TABLE_DUMP2_AP rows', () => {
    expect(parseBgpdumpTableLine(RIB, 7)).toEqual({ prefix: '1.0.0.0/24', family: 4, nextHop: '193.0.0.56', line: 7 });
    expect(parseBgpdumpTableLine(RIB.replace('TABLE_DUMP2', 'TABLE_DUMP'), 1)).toMatchObject({ prefix: '1.0.0.0/24' });
    expect(
      parseBgpdumpTableLine('TABLE_DUMP2_AP|1|B|193.0.0.57|3333|9.9.9.0/24|7|3333 19281|IGP|193.0.0.57|0|0||NAG||', 1),
    ).toEqual({ prefix: '9.9.9.0/24', family: 4, nextHop: '193.0.0.57', line: 1 });
    // the minimum: up to the next hop column
    expect(parseBgpdumpTableLine('TABLE_DUMP2|1|B|p|1|2001:DB8::/32|||2001:DB8::1', 1)).toEqual({
      prefix: '2001:db8::/32',
      family: 6,
      nextHop: '2001:db8::1',
      line: 1,
    });
    expect(parseBgpdumpTableLine('', 1)).toBeNull();
    expect(parseBgpdumpTableLine('# comment', 1)).toBeNull();
  });

  it('gives the reason of a bad row', () => {
    expect(parseBgpdumpTableLine(RIB.replace('1.0.0.0/24', '1.0.0.1/24'), 1)).toBe('bad prefix: host bits set');
    expect(parseBgpdumpTableLine(RIB.replace('|193.0.0.56|0|0', '||0|0'), 1)).toBe(
      'bad next hop: not an IPv4 address (a.b.c.d)',
    );
    expect(parseBgpdumpTableLine(RIB.replace('|B|', '|X|'), 1)).toBe('unknown op "X" (expected B)');
    expect(parseBgpdumpTableLine('TABLE_DUMP2|1|B|193.0.0.56|3333|1.0.0.0/24|3333|IGP', 1)).toBe(
      'expected at least 9 |-separated fields, got 8',
    );
    expect(parseBgpdumpTableLine('TABLE_DUMP2_AP|1|B|193.0.0.56|3333|1.0.0.0/24|7|3333|IGP', 1)).toBe(
      'expected at least 10 |-separated fields, got 9',
    );
    expect(parseBgpdumpTableLine('TABLE_DUMP2', 1)).toBe('expected at least 9 |-separated fields, got 1');
    expect(parseBgpdumpTableLine(ANN, 1)).toBe('update record "BGP4MP" in a table dump');
    expect(parseBgpdumpTableLine('FOO|1|B', 1)).toBe('unknown record type "FOO"');
    expect(parseBgpdumpTableLine('10.0.0.0/8', 1)).toBe('unknown record type "10.0.0.0/8"');
  });
});

describe('parseBgpdumpUpdateLine', () => {
  it('parses announces, withdraws, ADD-PATH and ET rows; ignores STATE', () => {
    expect(parseBgpdumpUpdateLine(ANN, 3)).toEqual({
      op: 'announce',
      prefix: '1.0.0.0/24',
      family: 4,
      nextHop: '193.0.0.56',
      line: 3,
    });
    expect(parseBgpdumpUpdateLine(WDR, 4)).toEqual({ op: 'withdraw', prefix: '1.0.0.0/24', family: 4, line: 4 });
    expect(parseBgpdumpUpdateLine('BGP4MP_ET_AP|1.5|W|193.0.0.56|3333|1.0.0.0/24|9', 1)).toMatchObject({
      op: 'withdraw',
    });
    expect(parseBgpdumpUpdateLine('BGP4MP|1|STATE|193.0.0.56|3333|6|1', 1)).toBeNull();
  });

  it('gives the reason of a bad row', () => {
    expect(parseBgpdumpUpdateLine(ANN.replace('|A|', '|B|'), 1)).toBe('unknown op "B" (expected A, W or STATE)');
    expect(parseBgpdumpUpdateLine(`${WDR}|`, 1)).toBe('expected 6 |-separated fields, got 7');
    expect(parseBgpdumpUpdateLine('BGP4MP_AP|1|W|193.0.0.56|3333|1.0.0.0/24', 1)).toBe(
      'expected 7 |-separated fields, got 6',
    );
    expect(parseBgpdumpUpdateLine('BGP4MP|1|A|193.0.0.56|3333|1.0.0.0/24|3333|IGP', 1)).toBe(
      'expected at least 9 |-separated fields, got 8',
    );
    expect(parseBgpdumpUpdateLine(WDR.replace('1.0.0.0/24', '1.0.0.0/24x'), 1)).toBe(
      'bad prefix: prefix length must be 0 to 32',
    );
    expect(parseBgpdumpUpdateLine(ANN.replace('|193.0.0.56|0|0', '|193.0.0.560|0|0'), 1)).toBe(
      'bad next hop: not an IPv4 address (a.b.c.d)',
    );
    expect(parseBgpdumpUpdateLine(RIB, 1)).toBe('table dump record "TABLE_DUMP2" in an update stream');
  });
});

describe('bgpdump files', () => {
  it('loads a RIB dump: next hops, IPv6 canonicalised, one route per prefix (the first peer wins)', async () => {
    const path = fixture('bgpdump-rib.txt');
    const t = await loadRouteTable(path);
    expect(t).toEqual({
      routes: [
        { prefix: '1.0.0.0/24', family: 4, nextHop: '193.0.0.56', line: 1 },
        { prefix: '1.0.4.0/22', family: 4, nextHop: '193.0.0.56', line: 2 },
        { prefix: '2001:db8::/32', family: 6, nextHop: '2001:7f8:1::a500:3333:1', line: 3 },
        { prefix: '8.8.8.0/24', family: 4, nextHop: '193.0.0.56', line: 4 },
        { prefix: '9.9.9.0/24', family: 4, nextHop: '193.0.0.57', line: 5 },
      ],
      bad: [],
      v4: 4,
      v6: 1,
      duplicates: 1,
      conflicts: 1,
      firstConflicts: [
        {
          prefix: '1.0.0.0/24',
          kept: { file: path, line: 1, nextHop: '193.0.0.56' },
          dropped: { file: path, line: 6, nextHop: '193.0.0.57' },
        },
      ],
      file: path,
      format: 'bgpdump-table',
    });
  });

  it('loads an update dump', async () => {
    const path = fixture('bgpdump-updates.txt');
    const u = await loadRouteUpdates(path);
    expect(u.updates).toEqual([
      { op: 'announce', prefix: '1.0.0.0/24', family: 4, nextHop: '193.0.0.56', line: 1 },
      { op: 'withdraw', prefix: '1.0.0.0/24', family: 4, line: 2 },
      { op: 'announce', prefix: '2001:db8::/32', family: 6, nextHop: '2001:7f8:1::a500:3333:1', line: 4 },
      { op: 'withdraw', prefix: '2001:db8::/32', family: 6, line: 5 },
      { op: 'announce', prefix: '9.9.9.0/24', family: 4, nextHop: '193.0.0.57', line: 6 },
      { op: 'withdraw', prefix: '9.9.9.0/24', family: 4, line: 7 },
    ]);
    expect(u).toMatchObject({ announces: 3, withdraws: 3, v4: 4, v6: 2, format: 'bgpdump-updates', bad: [] });
  });

  it('reads gzipped dumps whatever their name', async () => {
    const { readFileSync } = await import('node:fs');
    const rib = tmp.write('rib.mrt.txt', readFileSync(fixture('bgpdump-rib.txt')), { gzip: true });
    expect((await loadRouteTable(rib)).routes.length).toBe(5);
    const upd = tmp.write('updates.bin', readFileSync(fixture('bgpdump-updates.txt')), { gzip: true });
    let n = 0;
    for await (const b of readRouteUpdates(upd, { batchSize: 4 })) n += b.length;
    expect(n).toBe(6);
  });

  it('stops at a bad row with FILE:LINE: REASON (TEXT), or skips it', async () => {
    const bad = RIB.replace('1.0.0.0/24', '1.0.0.128/24');
    const path = tmp.write('rib-bad.txt', `${RIB}\r\n${bad}\r\n`);
    const err = await loadRouteTable(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RouteFileError);
    expect((err as RouteFileError).message).toBe(`${path}:2: bad prefix: host bits set (${bad})`);
    const t = await loadRouteTable(path, { skipBad: true });
    expect(t.routes.length).toBe(1);
    expect(t.bad).toEqual([{ file: path, line: 2, text: bad, reason: 'bad prefix: host bits set' }]);

    const upath = tmp.write('upd-bad.txt', `${ANN}\n${WDR.replace('|W|', '|Q|')}\n`);
    await expect(loadRouteUpdates(upath)).rejects.toThrow(
      `${upath}:2: unknown op "Q" (expected A, W or STATE) (${WDR.replace('|W|', '|Q|')})`,
    );
  });
});
