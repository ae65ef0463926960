/**
 * The prefix-length distribution of the real table (RIPE RIS, peer AS3333, 2026-05-11), counted
 * once from `../shared/data/routes/ris-20260511-as3333-v4.txt.gz` and `-v6.txt.gz`:
 *
 *     zcat ris-20260511-as3333-v4.txt.gz | awk -F/ '{c[$2]++} END {for (k in c) print k, c[k]}' | sort -n
 *
 * Facts only (length -> number of prefixes), so the generated default table has the real table's
 * shape and size without the data: 1,042,325 IPv4 and 246,175 IPv6 prefixes.
 */

/** IPv4 prefixes per length: /8 to /24. */
// prettier-ignore
export const V4_LENGTHS: Readonly<Record<number, number>> = Object.freeze({
  8: 16, 9: 14, 10: 39, 11: 95, 12: 297, 13: 584, 14: 1201, 15: 2129, 16: 13635,
  17: 8347, 18: 13387, 19: 25516, 20: 45627, 21: 52463, 22: 113741, 23: 107869, 24: 657365,
});

/** IPv6 prefixes per length: /16 to /48. */
// prettier-ignore
export const V6_LENGTHS: Readonly<Record<number, number>> = Object.freeze({
  16: 1, 19: 1, 20: 14, 21: 3, 22: 6, 23: 6, 24: 42, 25: 12, 26: 17, 27: 18,
  28: 161, 29: 5435, 30: 827, 31: 341, 32: 26740, 33: 5407, 34: 5197, 35: 1837, 36: 9424, 37: 1208,
  38: 2677, 39: 1829, 40: 23096, 41: 1697, 42: 2924, 43: 1453, 44: 24860, 45: 4511, 46: 5640, 47: 8925,
  48: 111866,
});

/** Sum of a histogram's counts. */
export function histogramTotal(h: Readonly<Record<number, number>>): number {
  let n = 0;
  for (const c of Object.values(h)) n += c;
  return n;
}

/**
 * The histogram scaled to `total` prefixes (largest remainder, so the counts add up exactly).
 * `total` at or above the histogram's own total returns it unchanged.
 */
export function scaleHistogram(h: Readonly<Record<number, number>>, total: number): Record<number, number> {
  const sum = histogramTotal(h);
  if (total >= sum) return { ...h };
  const entries = Object.entries(h).map(([len, c]) => {
    const exact = (c * total) / sum;
    return { len: Number(len), n: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = total - entries.reduce((a, e) => a + e.n, 0);
  for (const e of [...entries].sort((a, b) => b.rest - a.rest || a.len - b.len)) {
    if (left-- <= 0) break;
    e.n++;
  }
  const out: Record<number, number> = {};
  for (const e of entries) if (e.n > 0) out[e.len] = e.n;
  return out;
}
