/**
 * Does an adapter-level value fit its attribute? One check for the traits' value conversion
 * (`toSaiValue`, before any adapter call) and the fake adapter's validation (the statuses a strict
 * libsai gives): kind, range, enum member, canonical address format.
 */
import { isCanonicalIpAddress, isCanonicalIpPrefix, isCanonicalMac } from '../sai/address.js';
import type { SaiValue, SaiValueKind } from '../sai/value.js';

const U64_MAX = (1n << 64n) - 1n;

function isUint(v: unknown, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

function isInt(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isU64(v: unknown): boolean {
  return typeof v === 'bigint' && v >= 0n && v <= U64_MAX;
}

/** What a value fitting the attribute looks like (for error messages). */
export function expectedValue(kind: SaiValueKind, enumName?: string): string {
  switch (kind) {
    case 'bool':
      return 'a boolean';
    case 'u8':
      return 'an integer 0..255 (u8)';
    case 'u16':
      return 'an integer 0..65535 (u16)';
    case 'u32':
      return 'an integer 0..4294967295 (u32)';
    case 'i32':
      return 'an integer -2147483648..2147483647 (i32)';
    case 'enum':
      return `a value of ${enumName ?? 'its enum'}`;
    case 'u64':
      return 'a bigint 0..2^64-1 (u64)';
    case 'oid':
      return 'an object id, a bigint 0..2^64-1';
    case 'mac':
      return 'a MAC address aa:bb:cc:dd:ee:ff (lower case)';
    case 'ipAddress':
      return 'a canonical IP address';
    case 'ipPrefix':
      return 'a canonical IP prefix (address/length, no host bits)';
    case 'chardata':
      return 'a string of at most 31 bytes without NUL';
    case 'oidList':
      return 'an array of object ids (bigint)';
    case 'u32List':
      return 'an array of integers 0..4294967295';
    case 'i32List':
      return 'an array of integers -2147483648..2147483647';
    case 'i8List':
      return 'an array of integers -128..127';
  }
}

/**
 * True when `value` is a valid adapter-level value of `kind` (an enum's int32 must be one of
 * `enumValues` when given).
 */
export function valueFitsKind(kind: SaiValueKind, value: SaiValue, enumValues?: ReadonlyMap<number, string>): boolean {
  switch (kind) {
    case 'bool':
      return typeof value === 'boolean';
    case 'u8':
      return isUint(value, 0xff);
    case 'u16':
      return isUint(value, 0xffff);
    case 'u32':
      return isUint(value, 0xffffffff);
    case 'i32':
      return isInt(value, -0x80000000, 0x7fffffff);
    case 'enum':
      return isInt(value, -0x80000000, 0x7fffffff) && (enumValues === undefined || enumValues.has(value as number));
    case 'u64':
    case 'oid':
      return isU64(value);
    case 'mac':
      return typeof value === 'string' && isCanonicalMac(value);
    case 'ipAddress':
      return typeof value === 'string' && isCanonicalIpAddress(value);
    case 'ipPrefix':
      return typeof value === 'string' && isCanonicalIpPrefix(value);
    case 'chardata':
      return typeof value === 'string' && Buffer.byteLength(value) <= 31 && !value.includes('\0');
    case 'oidList':
      return Array.isArray(value) && value.every(isU64);
    case 'u32List':
      return Array.isArray(value) && value.every((x) => isUint(x, 0xffffffff));
    case 'i32List':
      return Array.isArray(value) && value.every((x) => isInt(x, -0x80000000, 0x7fffffff));
    case 'i8List':
      return Array.isArray(value) && value.every((x) => isInt(x, -128, 127));
  }
}
