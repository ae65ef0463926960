/**
 * Addresses that cannot be next hops and IPv4-mapped prefixes (src/routes/route-rules.ts): refused
 * per line by every reader, counted and skipped with skipBad; and the messages for files that are
 * not route files (directory, binary, other compression), with their bytes escaped.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadRouteTable,
  loadRouteUpdates,
  nextHopReason,
  parseBgpdumpTableLine,
  parseBgpdumpUpdateLine,
  parsePrefixListLine,
  parseUpdateLine,
  prefixReason,
  RouteFileError,
} from '../../src/routes/index.js';
import { tempFiles } from './helpers.js';

const tmp = tempFiles();
const input = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'input', name);

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

/** test/fixtures/input/bad-next-hops.txt: line -> reason. */
const BAD_NEXT_HOPS: [number, string][] = [
  [2, 'bad next hop: 0.0.0.0 is the unspecified address (leave the column out for a route without a next hop)'],
  [3, 'bad next hop: 224.0.0.5 is a multicast address'],
  [4, 'bad next hop: 255.255.255.255 is the limited broadcast address'],
  [5, 'bad next hop: 127.0.0.1 is a loopback address'],
  [6, 'bad next hop: 240.0.0.1 is in 240.0.0.0/4 (reserved, not assignable)'],
  [7, 'bad next hop: IPv4 address 10.0.0.1 for an IPv6 route'],
  [8, 'bad next hop: ::ffff:a00:1 is IPv4-mapped IPv6: write the IPv4 address 10.0.0.1'],
  [9, 'bad next hop: ::ffff:a00:1 is IPv4-mapped IPv6: write the IPv4 address 10.0.0.1'],
  [10, 'bad next hop: ff02::1 is a multicast address'],
  [11, 'bad next hop: :: is the unspecified address (leave the column out for a route without a next hop)'],
  [12, 'bad prefix: ::ffff:a00:0/104 is IPv4-mapped IPv6: write the IPv4 prefix 10.0.0.0/8'],
];

describe('next hop and prefix rules', () => {
  it('each bad line of the fixture stops the load with its reason; with skipBad all are counted', async () => {
    const path = input('bad-next-hops.txt');
    const err = await failure(loadRouteTable(path));
    expect(err.message).toBe(`${path}:2: ${BAD_NEXT_HOPS[0][1]} (10.0.0.0/8 0.0.0.0)`);
    const t = await loadRouteTable(path, { skipBad: true });
    expect(t.bad.map((b) => [b.line, b.reason])).toEqual(BAD_NEXT_HOPS);
    expect(t.routes).toEqual([{ prefix: '10.6.0.0/16', family: 4, nextHop: '192.0.2.1', line: 13 }]);
  });

  it('an add-path dump with an IPv6 route via 255.255.255.255 is refused on that line', async () => {
    const path = input('addpath-v6-broadcast.txt');
    const err = await failure(loadRouteTable(path));
    expect(err.line).toBe(2);
    expect(err.reason).toBe('bad next hop: IPv4 address 255.255.255.255 for an IPv6 route');
  });

  it('all four line parsers apply the rules', () => {
    const rib = (nh: string) => `TABLE_DUMP2|1|B|192.0.2.9|64500|10.0.0.0/8|64500|IGP|${nh}|0|0||NAG||`;
    const ann = (nh: string) => `BGP4MP|1|A|192.0.2.9|64500|10.0.0.0/8|64500|IGP|${nh}|0|0||NAG||`;
    expect(parseBgpdumpTableLine(rib('0.0.0.0'), 1)).toMatch(/unspecified/);
    expect(parseBgpdumpUpdateLine(ann('239.1.1.1'), 1)).toMatch(/multicast/);
    expect(parseUpdateLine('A 10.0.0.0/8 127.0.0.2', 1)).toMatch(/loopback/);
    expect(parsePrefixListLine('10.0.0.0/8 255.255.255.255', 1)).toMatch(/broadcast/);
    expect(parseUpdateLine('W ::ffff:0:0/96', 1)).toBe(
      'bad prefix: ::ffff:0:0/96 is IPv4-mapped IPv6: write the IPv4 prefix 0.0.0.0/0',
    );
    expect(parsePrefixListLine('::ffff:10.0.0.0/104', 1)).toMatch(/IPv4-mapped/);
    expect(parseBgpdumpUpdateLine('BGP4MP|1|W|192.0.2.9|64500|::ffff:10.0.0.0/104', 1)).toMatch(/IPv4-mapped/);
  });

  it('accepts what BGP runs over: private, link-local, CGNAT, documentation, RFC 8950, x.x.x.0 and x.x.x.255', () => {
    for (const [family, nh] of [
      [4, '10.0.0.1'],
      [4, '169.254.1.1'],
      [4, '100.64.0.9'],
      [4, '192.0.2.1'],
      [4, '80.249.209.255'],
      [4, '80.249.210.0'],
      [4, 'fe80::1'],
      [4, '2001:db8::1'],
      [6, 'fe80::1'],
      [6, '64:ff9b::1'],
    ] as const) {
      expect(nextHopReason(family, nh), nh).toBeNull();
    }
    expect(prefixReason('::/0')).toBeNull();
    expect(prefixReason('::ffff:1:0:0/96')).toBeNull(); // ffff in group 4: not IPv4-mapped
    expect(prefixReason('10.0.0.0/8')).toBeNull();
  });
});

describe('files that are not route files', () => {
  it('a directory: named, no errno jargon', async () => {
    const dir = join(tmp.dir, 'a-directory');
    mkdirSync(dir);
    const err = await failure(loadRouteTable(dir));
    expect(err.message).toBe(`${dir}: a directory, not a route file`);
    expect((await failure(loadRouteUpdates(dir))).message).toBe(`${dir}: a directory, not a route file`);
  });

  it('binary data: refused on its first line, its bytes escaped, even with skipBad', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0x00, 0x00, 0x0d, 0x1b]),
      Buffer.from('[2J\x1b]0;pwned\x07 \u202e txt'),
      Buffer.from([0xff, 0xfe, 0x80, 0x0a]),
    ]);
    const path = tmp.write('rib.mrt', bytes);
    for (const skipBad of [false, true]) {
      const err = await failure(loadRouteTable(path, { skipBad }));
      expect(err.line).toBe(1);
      expect(err.reason).toMatch(/^binary data, not a text route file \(an MRT dump must be converted with `bgpdump -m` first\)$/);
      // Nothing a terminal would interpret, nothing invalid: ASCII-printable or escaped.
      expect(err.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\ufffd]/);
      expect(err.text).toBe('\\x00\\x00\\x0d\\x1b[2J\\x1b]0;pwned\\x07 \\u202e txt\\ufffd\\ufffd\\ufffd');
    }
  });

  it('garbage in a bad line is escaped in the message and in the skipped line', async () => {
    const path = tmp.write('dirty.txt', '10.0.0.0/8\n10.1.0.0/16 \x1b[31mred\n');
    const err = await failure(loadRouteTable(path));
    expect(err.message).toBe(`${path}:2: bad next hop: not an IPv4 address (a.b.c.d) (10.1.0.0/16 \\x1b[31mred)`);
    const upd = tmp.write('dirty-updates.txt', 'A 10.0.0.0/8\nX\x1b 10.0.0.0/8\n');
    const e2 = await failure(loadRouteUpdates(upd));
    expect(e2.message).toBe(`${upd}:2: unknown op "X\\x1b" (expected A or W) (X\\x1b 10.0.0.0/8)`);
  });

  it('bzip2, xz and zstd files are named as such', async () => {
    for (const [kind, magic] of [
      ['bzip2', [0x42, 0x5a, 0x68, 0x39]],
      ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
      ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
    ] as const) {
      const path = tmp.write(`table.${kind}`, Buffer.from([...magic, 1, 2, 3]));
      const err = await failure(loadRouteTable(path));
      expect(err.message).toBe(`${path}: ${kind}-compressed: only plain text and gzip are read (decompress it first)`);
    }
  });

  it('the wrong kind of file names its format in a field the command line can speak from', async () => {
    const err = await failure(loadRouteTable(input('updates-new-next-hop.txt')));
    expect(err.found).toBe('bgpdump-updates');
    const upd = await failure(loadRouteUpdates(input('rib-2002-own-subnet.txt')));
    expect(upd.found).toBe('bgpdump-table');
  });
});

describe('text in another encoding is not binary', () => {
  it('a Latin-1 comment or two stray bytes pass; the line is read', async () => {
    const path = tmp.write('latin1.txt', Buffer.from('# Z\xfcrich exchange\n10.0.0.0/8 # caf\xe9\n', 'latin1'));
    const t = await loadRouteTable(path);
    expect(t.routes.map((r) => r.prefix)).toEqual(['10.0.0.0/8']);
  });
});
