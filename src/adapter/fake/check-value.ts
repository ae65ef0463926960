/** Value-kind checks of the fake adapter: does an adapter-level value fit its attribute? */
import { isCanonicalIpAddress, isCanonicalIpPrefix, isCanonicalMac } from '../../sai/address.js';
import type { SaiValue } from '../../sai/value.js';
import type { AttrMeta } from '../../traits/define.js';

const U64_MAX = (1n << 64n) - 1n;

function isUint(v: unknown, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

function isInt32(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff;
}

function isU64(v: unknown): boolean {
  return typeof v === 'bigint' && v >= 0n && v <= U64_MAX;
}

/** True when `value` is a valid adapter-level value for `meta` (kind, range, enum member, format). */
export function valueFitsKind(meta: AttrMeta, value: SaiValue): boolean {
  switch (meta.kind) {
    case 'bool':
      return typeof value === 'boolean';
    case 'u8':
      return isUint(value, 0xff);
    case 'u16':
      return isUint(value, 0xffff);
    case 'u32':
      return isUint(value, 0xffffffff);
    case 'i32':
      return isInt32(value);
    case 'enum':
      return isInt32(value) && meta.enumDef!.names.has(value as number);
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
      return Array.isArray(value) && value.every(isInt32);
  }
}
