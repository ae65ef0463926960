/**
 * The embedded default table: unique canonical prefixes with the real table's prefix-length
 * distribution (`prefix-histogram.ts`), drawn from a seeded PRNG, so every run and every clone
 * gets the same table with nothing but this package present.
 *
 * IPv4: a uniformly drawn network of each length whose first address is public unicast (not in
 * 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16 or 224/3; in particular never one
 * of the synthetic topology's interface subnets, 100.64.i.0/24). IPv6: a uniformly drawn network of
 * each length inside 2000::/3 (global unicast; the topology's interfaces are in fd00::/8).
 * Duplicates and reserved networks are drawn again.
 */
import type { TopologyRoute } from '../agent/topology.js';
import { V4_LENGTHS, V6_LENGTHS, histogramTotal, scaleHistogram } from './prefix-histogram.js';

/** The size of the real table the histograms describe. */
export const REAL_TABLE_SIZE = { v4: histogramTotal(V4_LENGTHS), v6: histogramTotal(V6_LENGTHS) };

/** mulberry32: a small, fast, seeded 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const OCTETS = Array.from({ length: 256 }, (_, i) => String(i));

/** IPv4 blocks never drawn from: [first address, prefix length]. */
const RESERVED_V4: readonly (readonly [number, number])[] = [
  [0x00000000, 8],
  [0x0a000000, 8],
  [0x64400000, 10],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0xe0000000, 3],
];

/** True when address `a` (unsigned 32-bit) lies in a reserved block. */
function reservedV4(a: number): boolean {
  for (const [net, len] of RESERVED_V4) if (a >>> (32 - len) === net >>> (32 - len)) return true;
  return false;
}

function v4Prefixes(len: number, count: number, next: () => number, out: TopologyRoute[]): void {
  const space = 2 ** len;
  if (count > space * 0.8) throw new RangeError(`too many IPv4 /${len} prefixes to draw: ${count}`);
  const seen = new Uint8Array(Math.ceil(space / 8)); // one bit per network of this length
  for (let n = 0; n < count;) {
    const net = len === 0 ? 0 : next() >>> (32 - len);
    if (seen[net >>> 3] & (1 << (net & 7))) continue;
    seen[net >>> 3] |= 1 << (net & 7);
    const a = len === 0 ? 0 : (net * 2 ** (32 - len)) >>> 0;
    if (reservedV4(a)) continue;
    n++;
    out.push({
      prefix: `${OCTETS[a >>> 24]}.${OCTETS[(a >>> 16) & 255]}.${OCTETS[(a >>> 8) & 255]}.${OCTETS[a & 255]}/${len}`,
    });
  }
}

/** Canonical (RFC 5952) text of an IPv6 network whose only non-zero groups are the first three. */
function v6Text(h0: number, h1: number, h2: number, len: number): string {
  const groups = h2 !== 0 ? [h0, h1, h2] : h1 !== 0 ? [h0, h1] : [h0];
  return `${groups.map((g) => g.toString(16)).join(':')}::/${len}`;
}

function v6Prefixes(len: number, count: number, next: () => number, out: TopologyRoute[]): void {
  if (len < 3 || len > 48) throw new RangeError(`generated IPv6 prefixes are /3 to /48, not /${len}`);
  const bits = len - 3; // below 2000::/3
  if (count > 2 ** bits) throw new RangeError(`${count} IPv6 /${len} prefixes do not exist in 2000::/3`);
  const seen = new Set<number>();
  while (seen.size < count) {
    // `bits` random bits (up to 45) from two draws, as an exact integer.
    const hi = next() >>> 11; // 21 bits
    const lo = next() >>> 8; // 24 bits
    const r = Math.floor((hi * 2 ** 24 + lo) / 2 ** (45 - bits));
    if (seen.has(r)) continue;
    seen.add(r);
    const v = (2 ** bits + r) * 2 ** (48 - len); // the top 48 bits: 001, then the drawn bits
    const h0 = Math.floor(v / 2 ** 32);
    const h1 = Math.floor(v / 2 ** 16) % 65536;
    const h2 = v % 65536;
    out.push({ prefix: v6Text(h0, h1, h2, len) });
  }
}

/** Options of `generateTable`. */
export interface GeneratedTableOptions {
  /** Total prefixes (v4 + v6), scaled from the real distribution; default the real size (1,288,500). */
  readonly total?: number;
  /** PRNG seed (default 1). */
  readonly seed?: number;
}

/**
 * Generates the default table: `{ routes, v4, v6 }` with the real per-length counts (or the
 * counts scaled to `total`), IPv4 first, each length in order. Deterministic for a seed.
 */
export function generateTable(options: GeneratedTableOptions = {}): {
  routes: TopologyRoute[];
  v4: number;
  v6: number;
} {
  const real = REAL_TABLE_SIZE.v4 + REAL_TABLE_SIZE.v6;
  const total = Math.max(0, Math.floor(options.total ?? real));
  const v4Total = total >= real ? REAL_TABLE_SIZE.v4 : Math.round((total * REAL_TABLE_SIZE.v4) / real);
  const v4h = scaleHistogram(V4_LENGTHS, v4Total);
  const v6h = scaleHistogram(V6_LENGTHS, Math.min(total, real) - v4Total);
  const next = mulberry32(options.seed ?? 1);
  const routes: TopologyRoute[] = [];
  for (const [len, n] of Object.entries(v4h)) v4Prefixes(Number(len), n, next, routes);
  const v4 = routes.length;
  for (const [len, n] of Object.entries(v6h)) v6Prefixes(Number(len), n, next, routes);
  return { routes, v4, v6: routes.length - v4 };
}
