/**
 * SAI address value kinds as canonical strings: MAC (`sai_mac_t`), IP address (`sai_ip_address_t`)
 * and IP prefix (`sai_ip_prefix_t`).
 *
 * Canonical forms: MAC `aa:bb:cc:dd:ee:ff` (lower case); IPv4 dotted quad without leading zeros;
 * IPv6 as RFC 5952 (ipaddr.js `toRFC5952String`); a prefix is `address/length` with no host bits set.
 *
 * IPv4 is parsed by a strict dotted-quad parser here because ipaddr.js accepts many legacy forms
 * (octal, hex, fewer parts) and costs about 9 us a prefix: 9 s for a 1M-route table. IPv6 goes
 * through ipaddr.js.
 */
import ipaddr from 'ipaddr.js';
import { canonicalPrefixOrNull, parseCanonicalIpv6 } from './canonical.js';

/** Address family of a canonical IP string: 4 or 6. */
export type IpFamily = 4 | 6;

/** Why an address or prefix was refused; `reason` is a short human sentence. */
export class AddressFormatError extends Error {
  readonly kind = 'AddressFormatError' as const;
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`${JSON.stringify(input)}: ${reason}`);
    this.name = 'AddressFormatError';
  }
}

/**
 * Parses a strict IPv4 dotted quad into an unsigned 32-bit number, or returns -1.
 * Refuses leading zeros ("01"), empty parts, and anything but four decimal octets.
 */
export function parseIpv4(s: string, start = 0, end = s.length): number {
  let value = 0;
  let parts = 0;
  let i = start;
  while (i < end) {
    let octet = 0;
    let digits = 0;
    const first = i;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + (c - 48);
      digits++;
      i++;
    }
    if (digits === 0 || digits > 3 || octet > 255) return -1;
    if (digits > 1 && s.charCodeAt(first) === 48) return -1;
    value = value * 256 + octet;
    parts++;
    if (i === end) break;
    if (s.charCodeAt(i) !== 46 || parts === 4) return -1;
    i++;
    if (i === end) return -1;
  }
  return parts === 4 ? value : -1;
}

/** Formats an unsigned 32-bit IPv4 value as a dotted quad. */
export function formatIpv4(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Parses a prefix length at `start` to the end of `s` (decimal, no leading zeros, at most `max`), or -1. */
export function parseLength(s: string, start: number, max: number): number {
  const n = s.length - start;
  if (n < 1 || n > 3) return -1;
  let len = 0;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    len = len * 10 + (c - 48);
  }
  if (n > 1 && s.charCodeAt(start) === 48) return -1;
  return len <= max ? len : -1;
}

/** The family of a canonical or parseable IP address or prefix string, by the presence of ':'. */
export function ipFamilyOf(s: string): IpFamily {
  return s.includes(':') ? 6 : 4;
}

/**
 * Canonicalises an IP address (IPv4 or IPv6).
 * @throws AddressFormatError when `s` is not an IP address.
 */
export function canonicalIpAddress(s: string): string {
  if (!s.includes(':')) {
    if (parseIpv4(s) < 0) throw new AddressFormatError(s, 'not an IPv4 address (a.b.c.d)');
    return s;
  }
  const parts = parseIpv6Parts(s);
  if (!parts) throw new AddressFormatError(s, 'not an IPv6 address');
  return new ipaddr.IPv6(parts).toRFC5952String();
}

/** True when `s` is an IP address in canonical form (fast path: `sai/canonical.ts`). */
export function isCanonicalIpAddress(s: string): boolean {
  if (s.includes(':') ? parseCanonicalIpv6(s, 0, s.length) : parseIpv4(s) >= 0) return true;
  try {
    return canonicalIpAddress(s) === s;
  } catch {
    return false;
  }
}

/**
 * Canonicalises an IP prefix `address/length`. A prefix with host bits set is refused, never masked:
 * `10.0.0.1/8` is bad input.
 * @throws AddressFormatError naming the reason (syntax, length out of range, host bits set).
 */
export function canonicalIpPrefix(s: string): string {
  const slash = s.indexOf('/');
  if (slash < 0) throw new AddressFormatError(s, 'missing "/length"');
  if (!s.includes(':')) {
    const addr = parseIpv4(s, 0, slash);
    if (addr < 0) throw new AddressFormatError(s, 'not an IPv4 prefix (a.b.c.d/len)');
    const len = parseLength(s, slash + 1, 32);
    if (len < 0) throw new AddressFormatError(s, 'prefix length must be 0 to 32');
    const hostMask = len === 0 ? 0xffffffff : len === 32 ? 0 : 0xffffffff >>> len;
    if ((addr & hostMask) >>> 0 !== 0) throw new AddressFormatError(s, 'host bits set');
    return s;
  }
  const len = parseLength(s, slash + 1, 128);
  if (len < 0) throw new AddressFormatError(s, 'prefix length must be 0 to 128');
  const parts = parseIpv6Parts(s.slice(0, slash));
  if (!parts) throw new AddressFormatError(s, 'not an IPv6 prefix (x::/len)');
  for (let bit = len; bit < 128; bit++) {
    if (parts[bit >> 4] & (0x8000 >> (bit & 15))) throw new AddressFormatError(s, 'host bits set');
  }
  return `${new ipaddr.IPv6(parts).toRFC5952String()}/${len}`;
}

function parseIpv6Parts(text: string): number[] | null {
  // One parse: ipaddr.js throws on anything that is not IPv6; a zone id is not an address.
  if (text.includes('%')) return null;
  try {
    return ipaddr.IPv6.parse(text).parts;
  } catch {
    return null;
  }
}

/** True when `s` is an IP prefix in canonical form with no host bits set (fast path: `sai/canonical.ts`). */
export function isCanonicalIpPrefix(s: string): boolean {
  if (canonicalPrefixOrNull(s) !== null) return true;
  try {
    return canonicalIpPrefix(s) === s;
  } catch {
    return false;
  }
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/**
 * Canonicalises a MAC address: accepts `:` or `-` separated hex pairs in any case.
 * @throws AddressFormatError when `s` is not six hex octets.
 */
export function canonicalMac(s: string): string {
  const lower = s.toLowerCase().replace(/-/g, ':');
  if (!MAC_RE.test(lower)) throw new AddressFormatError(s, 'not a MAC address (aa:bb:cc:dd:ee:ff)');
  return lower;
}

/** True when `s` is a MAC in canonical form. */
export function isCanonicalMac(s: string): boolean {
  return MAC_RE.test(s);
}

/** Formats 6 bytes as a canonical MAC string. */
export function formatMac(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < 6; i++) {
    if (i) out += ':';
    out += (bytes[i] | 0x100).toString(16).slice(1);
  }
  return out;
}
