/**
 * Fast canonicalisation of IP prefixes and addresses for bulk loading.
 *
 * `canonicalIpPrefix` from `src/sai/address.ts` is already fast for IPv4 (a strict dotted-quad
 * parser; here it is called once directly, `parseIpv4`, to save the repeated scans), but IPv6 goes
 * through ipaddr.js (parse + RFC 5952 formatting, a few microseconds each).
 * Route files almost always hold IPv6 in canonical form already, so here an IPv6 string is first
 * checked, without allocating, for being exactly RFC 5952 canonical (lower-case hex, no leading
 * zeros, the longest run of two or more zero groups compressed, the leftmost on a tie, nothing
 * else compressed) with a valid length and no host bits set. Only such a string is returned as it
 * is; anything else (other spellings, errors) goes to the `address.ts` function, so results and
 * errors are exactly those of `canonicalIpPrefix` / `canonicalIpAddress`.
 */
import { canonicalIpAddress, canonicalIpPrefix, parseIpv4, parseLength } from './address.js';

/** Scratch space for one parsed IPv6 address (8 groups of 16 bits). */
const groups = new Uint16Array(8);

/**
 * True when `s.slice(start, end)` is an IPv6 address in exactly the RFC 5952 canonical form
 * that ipaddr.js `toRFC5952String` produces; its 8 groups are then in `out`. False means "not
 * known canonical" (maybe another spelling, maybe not an address), never "invalid".
 */
export function parseCanonicalIpv6(s: string, start: number, end: number, out: Uint16Array = groups): boolean {
  let n = 0;
  let gap = -1;
  let i = start;
  if (end - start >= 2 && s.charCodeAt(i) === 58 && s.charCodeAt(i + 1) === 58) {
    gap = 0;
    i += 2;
  } else if (i >= end) {
    return false;
  }
  while (i < end) {
    const g0 = i;
    let v = 0;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c >= 48 && c <= 57) v = v * 16 + (c - 48);
      else if (c >= 97 && c <= 102) v = v * 16 + (c - 87);
      else break;
      i++;
    }
    const digits = i - g0;
    if (digits === 0 || digits > 4) return false;
    if (digits > 1 && s.charCodeAt(g0) === 48) return false;
    if (n === 8) return false;
    out[n++] = v;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i === end) return false;
    if (s.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = n;
      i++;
    }
  }
  if (gap < 0) {
    if (n !== 8) return false;
  } else {
    const z = 8 - n;
    // RFC 5952 (and ipaddr.js) never compress a single zero group.
    if (z < 2) return false;
    for (let k = n - 1; k >= gap; k--) out[k + z] = out[k];
    for (let k = gap; k < gap + z; k++) out[k] = 0;
    // The compressed run must be a whole run of zeros.
    if (gap > 0 && out[gap - 1] === 0) return false;
    if (gap + z < 8 && out[gap + z] === 0) return false;
  }
  // The compressed run (if any) must be the longest zero run, the leftmost on a tie, and no
  // uncompressed run of two or more zeros may remain when nothing is compressed.
  let bestStart = -1;
  let bestLen = 0;
  for (let k = 0; k < 8;) {
    if (out[k] !== 0) {
      k++;
      continue;
    }
    const runStart = k;
    while (k < 8 && out[k] === 0) k++;
    if (k - runStart > bestLen) {
      bestLen = k - runStart;
      bestStart = runStart;
    }
  }
  if (gap < 0) return bestLen < 2;
  return bestStart === gap && bestLen === 8 - n;
}

/** True when no bit at or after `len` is set in the 8 groups of `g`. */
function hostBitsClear(g: Uint16Array, len: number): boolean {
  let k = len >> 4;
  const partial = len & 15;
  if (partial !== 0) {
    if ((g[k] & (0xffff >>> partial)) !== 0) return false;
    k++;
  }
  for (; k < 8; k++) if (g[k] !== 0) return false;
  return true;
}

/**
 * `s` itself when it is an IP prefix already in canonical form (no host bits set, length in
 * range), otherwise `null` (not canonical, or not a prefix at all: anything else, even a space,
 * gives `null`). Never throws; `canonicalIpPrefix(s) === s` whenever this returns `s`.
 */
export function canonicalPrefixOrNull(s: string): string | null {
  const slash = s.indexOf('/');
  if (slash <= 0) return null;
  // IPv4: parseIpv4 is the strict parser canonicalIpPrefix uses; it refuses any ':' or hex.
  const addr = parseIpv4(s, 0, slash);
  if (addr >= 0) {
    const len = parseLength(s, slash + 1, 32);
    const hostMask = len === 0 ? 0xffffffff : len === 32 ? 0 : 0xffffffff >>> len;
    return len >= 0 && (addr & hostMask) >>> 0 === 0 ? s : null;
  }
  const len = parseLength(s, slash + 1, 128);
  return len >= 0 && parseCanonicalIpv6(s, 0, slash, groups) && hostBitsClear(groups, len) ? s : null;
}

/**
 * Canonicalises an IP prefix `address/length`: same result and same errors as
 * `canonicalIpPrefix` (a host-bits-set prefix such as `10.0.0.1/8` is refused, never masked),
 * with a fast path for prefixes that are already canonical.
 * @throws AddressFormatError naming the reason (syntax, length out of range, host bits set).
 */
export function canonicalPrefixFast(s: string): string {
  return canonicalPrefixOrNull(s) ?? canonicalIpPrefix(s);
}

/**
 * Canonicalises an IP address (IPv4 dotted quad or IPv6): same result and errors as
 * `canonicalIpAddress`, with a fast path for IPv6 addresses that are already canonical.
 * @throws AddressFormatError when `s` is not an IP address.
 */
export function canonicalAddressFast(s: string): string {
  if (s.includes(':') && parseCanonicalIpv6(s, 0, s.length, groups)) return s;
  return canonicalIpAddress(s);
}
