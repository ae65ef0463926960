/**
 * MAC, IP address and IP prefix values in their C layouts (`sai_mac_t`, `sai_ip_address_t`,
 * `sai_ip_prefix_t`), written to and read from a DataView at a byte offset. IPv4 addresses and
 * masks are in network byte order inside `ip4`; IPv6 is 16 bytes in network order.
 *
 * Encoders accept only canonical strings (`sai/address.ts`), as the fake adapter does, and answer
 * false for anything else, so the caller can report INVALID_ATTR_VALUE / INVALID_PARAMETER. Decoders
 * answer undefined for a value no canonical string can name (unknown family, non-contiguous mask,
 * host bits set): the adapter turns that into an error instead of trusting the libsai.
 */
import { formatIpv4, formatMac, parseIpv4 } from '../../sai/address.js';
import {
  IP_ADDRESS_ADDR_OFFSET,
  IP_FAMILY_IPV4,
  IP_FAMILY_IPV6,
  IP_PREFIX_ADDR_OFFSET,
  IP_PREFIX_MASK_OFFSET,
  MAC_SIZE,
} from './abi.js';

const groups = new Uint16Array(8);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parses an IPv6 address in `s[start, end)` into `groups` (eight 16-bit groups). Accepts any RFC 4291
 * text form (with `::`, upper case, a trailing dotted quad); the caller checks canonical form.
 */
function parseIpv6Groups(s: string, start: number, end: number): boolean {
  const head: number[] = [];
  const tail: number[] = [];
  let target = head;
  let i = start;
  let sawDouble = false;
  if (end - start < 2) return false;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    sawDouble = true;
    target = tail;
    i += 2;
    if (i === end) {
      groups.fill(0);
      return true;
    }
  }
  while (i < end) {
    // One group: up to 4 hex digits, or a dotted quad in the last position.
    let v = 0;
    let digits = 0;
    const first = i;
    while (i < end) {
      const h = hexValue(s.charCodeAt(i));
      if (h < 0) break;
      v = v * 16 + h;
      digits++;
      i++;
    }
    if (i < end && s.charCodeAt(i) === 46) {
      const v4 = parseIpv4(s, first, end);
      if (v4 < 0) return false;
      target.push(v4 >>> 16, v4 & 0xffff);
      i = end;
      break;
    }
    if (digits === 0 || digits > 4) return false;
    target.push(v);
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (sawDouble) return false;
      sawDouble = true;
      target = tail;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return false;
    }
  }
  const n = head.length + tail.length;
  if (sawDouble ? n > 7 : n !== 8) return false;
  groups.fill(0);
  for (let k = 0; k < head.length; k++) groups[k] = head[k];
  for (let k = 0; k < tail.length; k++) groups[8 - tail.length + k] = tail[k];
  return true;
}

/** Formats eight groups as RFC 5952 text (the longest run of two or more zero groups, leftmost, as `::`). */
function formatIpv6Groups(g: ArrayLike<number>): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let k = 0; k < 8;) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && g[e] === 0) e++;
    if (e - k > bestLen) {
      bestStart = k;
      bestLen = e - k;
    }
    k = e;
  }
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === bestStart) {
      out += '::';
      k += bestLen - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(':')) out += ':';
    out += g[k].toString(16);
  }
  return out;
}

function writeGroups(view: DataView, offset: number): void {
  for (let k = 0; k < 8; k++) view.setUint16(offset + 2 * k, groups[k], false);
}

function readGroups(view: DataView, offset: number): void {
  for (let k = 0; k < 8; k++) groups[k] = view.getUint16(offset + 2 * k, false);
}

/** Parses canonical IPv6 text in `s[start, end)` into the 16 bytes at `offset`; false when not canonical. */
function encodeIpv6(view: DataView, offset: number, s: string, start: number, end: number): boolean {
  if (!parseIpv6Groups(s, start, end)) return false;
  // Canonical means the RFC 5952 form of the parsed value is the text itself.
  const canonical = formatIpv6Groups(groups);
  if (canonical.length !== end - start || s.slice(start, end) !== canonical) return false;
  writeGroups(view, offset);
  return true;
}

/** Zeroes 12 bytes (the unused tail of an IPv4 address in the 16-byte union). */
function zero12(view: DataView, offset: number): void {
  view.setUint32(offset, 0, true);
  view.setUint32(offset + 4, 0, true);
  view.setUint32(offset + 8, 0, true);
}

/** The IPv4 mask of a prefix length, as an unsigned 32-bit number. */
function ipv4Mask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** Length of a contiguous IPv4 mask (ones from the top), or -1. */
function ipv4MaskLength(mask: number): number {
  const inverted = ~mask >>> 0;
  // Contiguous ones from the top: the inverse is 2^k - 1.
  if ((inverted & (inverted + 1)) !== 0) return -1;
  return Math.clz32(inverted);
}

/**
 * Parses strict `a.b.c.d/len` (decimal octets and length, no leading zeros, len <= 32) in one pass.
 * Returns `address * 64 + len` (exact in a double), or -1.
 */
function parseIpv4Prefix(s: string): number {
  const n = s.length;
  let v = 0;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (i >= n) return -1;
    let c = s.charCodeAt(i++);
    if (c < 48 || c > 57) return -1;
    let octet = c - 48;
    let digits = 1;
    while (i < n) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (octet === 0) return -1; // a leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3) return -1;
      i++;
    }
    if (octet > 255 || i >= n) return -1;
    c = s.charCodeAt(i++);
    if (c !== (part < 3 ? 46 : 47)) return -1;
    v = v * 256 + octet;
  }
  const rest = n - i;
  if (rest < 1 || rest > 2) return -1;
  const d0 = s.charCodeAt(i) - 48;
  if (d0 < 0 || d0 > 9) return -1;
  let len = d0;
  if (rest === 2) {
    const d1 = s.charCodeAt(i + 1) - 48;
    if (d0 === 0 || d1 < 0 || d1 > 9) return -1;
    len = d0 * 10 + d1;
  }
  return len > 32 ? -1 : v * 64 + len;
}

/** Parses a decimal prefix length in `s[start, end)` (no leading zeros), or -1. */
function parsePrefixLength(s: string, start: number, max: number): number {
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

/** Writes a canonical MAC (`aa:bb:cc:dd:ee:ff`) as 6 bytes at `offset`; false when not canonical. */
export function encodeMac(view: DataView, offset: number, s: string): boolean {
  if (s.length !== 17) return false;
  for (let k = 0; k < 6; k++) {
    const p = k * 3;
    const hi = s.charCodeAt(p);
    const lo = s.charCodeAt(p + 1);
    // Canonical MACs are lower case: refuse A-F as the fake does.
    if (hi >= 65 && hi <= 70) return false;
    if (lo >= 65 && lo <= 70) return false;
    const h = hexValue(hi);
    const l = hexValue(lo);
    if (h < 0 || l < 0) return false;
    if (k < 5 && s.charCodeAt(p + 2) !== 58) return false;
    view.setUint8(offset + k, h * 16 + l);
  }
  return true;
}

/** Reads 6 bytes at `offset` as a canonical MAC. */
export function decodeMac(view: DataView, offset: number): string {
  const b = new Uint8Array(view.buffer, view.byteOffset + offset, MAC_SIZE);
  return formatMac(b);
}

/** Writes a canonical IP address as `sai_ip_address_t` (20 bytes) at `offset`; false when not canonical. */
export function encodeIpAddress(view: DataView, offset: number, s: string): boolean {
  const addr = offset + IP_ADDRESS_ADDR_OFFSET;
  if (s.indexOf(':') < 0) {
    const v = parseIpv4(s);
    if (v < 0) return false;
    view.setUint32(offset, IP_FAMILY_IPV4, true);
    view.setUint32(addr, v, false);
    zero12(view, addr + 4);
    return true;
  }
  if (!encodeIpv6(view, addr, s, 0, s.length)) return false;
  view.setUint32(offset, IP_FAMILY_IPV6, true);
  return true;
}

/** Reads `sai_ip_address_t` at `offset` as a canonical string; undefined for an unknown family. */
export function decodeIpAddress(view: DataView, offset: number): string | undefined {
  const family = view.getUint32(offset, true);
  const addr = offset + IP_ADDRESS_ADDR_OFFSET;
  if (family === IP_FAMILY_IPV4) return formatIpv4(view.getUint32(addr, false));
  if (family === IP_FAMILY_IPV6) {
    readGroups(view, addr);
    return formatIpv6Groups(groups);
  }
  return undefined;
}

/**
 * Writes a canonical prefix (`a.b.c.d/len`, `x::/len`, no host bits) as `sai_ip_prefix_t`
 * (36 bytes) at `offset`; false when not canonical.
 */
export function encodeIpPrefix(view: DataView, offset: number, s: string): boolean {
  const addr = offset + IP_PREFIX_ADDR_OFFSET;
  const mask = offset + IP_PREFIX_MASK_OFFSET;
  // IPv4 in one pass (the bulk route path); anything else with a ':' is IPv6.
  const packed = parseIpv4Prefix(s);
  if (packed >= 0) {
    const len = packed % 64;
    const v = (packed - len) / 64;
    const m = ipv4Mask(len);
    if ((v & ~m) >>> 0 !== 0) return false;
    view.setUint32(offset, IP_FAMILY_IPV4, true);
    view.setUint32(addr, v, false);
    view.setUint32(mask, m, false);
    zero12(view, addr + 4);
    zero12(view, mask + 4);
    return true;
  }
  const slash = s.indexOf('/');
  if (slash < 0 || s.indexOf(':') < 0) return false;
  const len = parsePrefixLength(s, slash + 1, 128);
  if (len < 0) return false;
  if (!encodeIpv6(view, addr, s, 0, slash)) return false;
  for (let k = 0; k < 16; k++) {
    const bits = Math.max(0, Math.min(8, len - 8 * k));
    const mb = bits === 0 ? 0 : (0xff << (8 - bits)) & 0xff;
    if ((view.getUint8(addr + k) & ~mb & 0xff) !== 0) return false;
    view.setUint8(mask + k, mb);
  }
  view.setUint32(offset, IP_FAMILY_IPV6, true);
  return true;
}

/** Length of a contiguous 16-byte mask at `offset`, or -1. */
function ipv6MaskLength(view: DataView, offset: number): number {
  let len = 0;
  let k = 0;
  for (; k < 16; k++) {
    const b = view.getUint8(offset + k);
    if (b === 0xff) {
      len += 8;
      continue;
    }
    const ones = ipv4MaskLength((b << 24) >>> 0);
    if (ones < 0 || ones > 8) return -1;
    len += ones;
    k++;
    break;
  }
  for (; k < 16; k++) if (view.getUint8(offset + k) !== 0) return -1;
  return len;
}

/**
 * Reads `sai_ip_prefix_t` at `offset` as a canonical prefix string; undefined for an unknown family,
 * a non-contiguous mask or host bits outside the mask.
 */
export function decodeIpPrefix(view: DataView, offset: number): string | undefined {
  const family = view.getUint32(offset, true);
  const addr = offset + IP_PREFIX_ADDR_OFFSET;
  const mask = offset + IP_PREFIX_MASK_OFFSET;
  if (family === IP_FAMILY_IPV4) {
    const v = view.getUint32(addr, false);
    const m = view.getUint32(mask, false);
    const len = ipv4MaskLength(m);
    if (len < 0 || (v & ~m) >>> 0 !== 0) return undefined;
    return `${formatIpv4(v)}/${len}`;
  }
  if (family === IP_FAMILY_IPV6) {
    const len = ipv6MaskLength(view, mask);
    if (len < 0) return undefined;
    for (let k = 0; k < 16; k++) {
      if ((view.getUint8(addr + k) & ~view.getUint8(mask + k) & 0xff) !== 0) return undefined;
    }
    readGroups(view, addr);
    return `${formatIpv6Groups(groups)}/${len}`;
  }
  return undefined;
}

/** RFC 5952 text of 16 network-order bytes (exported for tests). */
export function formatIpv6Bytes(bytes: ArrayLike<number>): string {
  const g = new Uint16Array(8);
  for (let k = 0; k < 8; k++) g[k] = (bytes[2 * k] << 8) | bytes[2 * k + 1];
  return formatIpv6Groups(g);
}
