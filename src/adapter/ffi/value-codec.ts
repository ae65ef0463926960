/**
 * `sai_attribute_value_t` (40-byte union) encode / decode for every value kind (`sai/value.ts`), at a
 * byte offset of a DataView (native memory):
 *
 * | kind | union member | bytes at the value's offset |
 * |---|---|---|
 * | bool, u8 | booldata / u8 | 1 |
 * | u16 | u16 | 2, little endian |
 * | u32, i32, enum | u32 / s32 | 4, little endian |
 * | u64, oid | u64 / oid | 8, little endian |
 * | mac | mac | 6 |
 * | ipAddress | ipaddr | 20: family u32, addr |
 * | ipPrefix | ipprefix | 36: family, addr, mask |
 * | chardata | chardata | 32, NUL terminated |
 * | oidList, u32List, i32List, i8List | objlist / u32list / s32list / s8list | count u32 at 0, pointer at 8 |
 *
 * Values are checked as the fake adapter checks them (`fake/check-value.ts`): a value that does not
 * fit its kind is not encoded (the encoder answers false and the adapter reports INVALID_ATTR_VALUE
 * with the attribute's index). Whether an int32 is a member of its enum is left to the libsai.
 */
import type { SaiValue, SaiValueKind } from '../../sai/value.js';
import { CHARDATA_SIZE, LIST_COUNT_OFFSET, LIST_POINTER_OFFSET } from './abi.js';
import {
  decodeIpAddress,
  decodeIpPrefix,
  decodeMac,
  encodeIpAddress,
  encodeIpPrefix,
  encodeMac,
} from './address-codec.js';

const U64_MAX = (1n << 64n) - 1n;
const TWO_32 = 0x1_0000_0000;

/** True for the list kinds (`*_list_t`). */
export function isListKind(kind: SaiValueKind): boolean {
  return kind === 'oidList' || kind === 'u32List' || kind === 'i32List' || kind === 'i8List';
}

/** Bytes per element of a list kind (0 for scalar kinds). */
export function listElementSize(kind: SaiValueKind): number {
  switch (kind) {
    case 'oidList':
      return 8;
    case 'u32List':
    case 'i32List':
      return 4;
    case 'i8List':
      return 1;
    default:
      return 0;
  }
}

/**
 * The kind an attribute the traits do not model is encoded as, guessed from its JavaScript value so
 * that the libsai (not the binding) answers for it, typically UNKNOWN_ATTRIBUTE with the index.
 */
export function guessKind(value: SaiValue): SaiValueKind | undefined {
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'u64';
    case 'number':
      return value < 0 ? 'i32' : 'u32';
    case 'string':
      if (value.includes('/')) return 'ipPrefix';
      if (/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(value)) return 'mac';
      if (value.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(value)) return 'ipAddress';
      return 'chardata';
    default: {
      if (!Array.isArray(value)) return undefined;
      const list = value as readonly unknown[];
      if (list.length > 0 && typeof list[0] === 'number')
        return list.some((x) => (x as number) < 0) ? 'i32List' : 'u32List';
      return 'oidList';
    }
  }
}

/** Writes a 64-bit pointer held as a JavaScript number (x86-64 user addresses are below 2^47). */
export function writePointer(view: DataView, offset: number, address: number): void {
  view.setUint32(offset, address % TWO_32, true);
  view.setUint32(offset + 4, Math.floor(address / TWO_32), true);
}

function isUint(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

function isInt32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff;
}

function isU64(v: unknown): v is bigint {
  return typeof v === 'bigint' && v >= 0n && v <= U64_MAX;
}

const utf8 = new TextEncoder();

/**
 * Writes a scalar value into the union at `offset` (the union's 40 bytes must already be zero).
 * Returns false when the value does not fit the kind. List kinds go through `encodeList`.
 */
export function encodeScalar(kind: SaiValueKind, value: SaiValue, view: DataView, offset: number): boolean {
  switch (kind) {
    case 'bool':
      if (typeof value !== 'boolean') return false;
      view.setUint8(offset, value ? 1 : 0);
      return true;
    case 'u8':
      if (!isUint(value, 0xff)) return false;
      view.setUint8(offset, value);
      return true;
    case 'u16':
      if (!isUint(value, 0xffff)) return false;
      view.setUint16(offset, value, true);
      return true;
    case 'u32':
      if (!isUint(value, 0xffffffff)) return false;
      view.setUint32(offset, value, true);
      return true;
    case 'i32':
    case 'enum':
      if (!isInt32(value)) return false;
      view.setInt32(offset, value, true);
      return true;
    case 'u64':
    case 'oid':
      if (!isU64(value)) return false;
      view.setBigUint64(offset, value, true);
      return true;
    case 'mac':
      return typeof value === 'string' && encodeMac(view, offset, value);
    case 'ipAddress':
      return typeof value === 'string' && encodeIpAddress(view, offset, value);
    case 'ipPrefix':
      return typeof value === 'string' && encodeIpPrefix(view, offset, value);
    case 'chardata': {
      if (typeof value !== 'string' || value.includes('\0')) return false;
      const bytes = utf8.encode(value);
      if (bytes.length > CHARDATA_SIZE - 1) return false;
      new Uint8Array(view.buffer, view.byteOffset + offset, CHARDATA_SIZE).set(bytes);
      return true;
    }
    default:
      return false;
  }
}

/** True when `value` is a list whose elements fit `kind` (checked before anything is written). */
export function listFits(kind: SaiValueKind, value: SaiValue): value is readonly bigint[] | readonly number[] {
  if (!Array.isArray(value)) return false;
  const list = value as readonly unknown[];
  switch (kind) {
    case 'oidList':
      for (const x of list) if (!isU64(x)) return false;
      return true;
    case 'u32List':
      for (const x of list) if (!isUint(x, 0xffffffff)) return false;
      return true;
    case 'i32List':
      for (const x of list) if (!isInt32(x)) return false;
      return true;
    case 'i8List':
      for (const x of list) if (typeof x !== 'number' || !Number.isInteger(x) || x < -128 || x > 127) return false;
      return true;
    default:
      return false;
  }
}

/**
 * Writes a list value: count and `pointer` into the union at `offset`, the elements into `backing`
 * at `backingOffset` (native memory at address `pointer`). The value must pass `listFits`.
 */
export function encodeList(
  kind: SaiValueKind,
  value: readonly bigint[] | readonly number[],
  view: DataView,
  offset: number,
  pointer: number,
  backing: DataView,
  backingOffset: number,
): void {
  const n = value.length;
  view.setUint32(offset + LIST_COUNT_OFFSET, n, true);
  writePointer(view, offset + LIST_POINTER_OFFSET, n === 0 ? 0 : pointer);
  if (kind === 'oidList') {
    for (let k = 0; k < n; k++) backing.setBigUint64(backingOffset + 8 * k, (value as readonly bigint[])[k], true);
  } else if (kind === 'u32List') {
    for (let k = 0; k < n; k++) backing.setUint32(backingOffset + 4 * k, (value as readonly number[])[k], true);
  } else if (kind === 'i8List') {
    for (let k = 0; k < n; k++) backing.setInt8(backingOffset + k, (value as readonly number[])[k]);
  } else {
    for (let k = 0; k < n; k++) backing.setInt32(backingOffset + 4 * k, (value as readonly number[])[k], true);
  }
}

/**
 * Prepares a list for a get: count = `capacity` elements and `pointer` to backing memory of that
 * many elements (NULL when capacity is 0).
 */
export function prepareListOut(view: DataView, offset: number, capacity: number, pointer: number): void {
  view.setUint32(offset + LIST_COUNT_OFFSET, capacity, true);
  writePointer(view, offset + LIST_POINTER_OFFSET, capacity === 0 ? 0 : pointer);
}

/** Reads a scalar value from the union at `offset`; undefined when the bytes name no valid value. */
export function decodeScalar(kind: SaiValueKind, view: DataView, offset: number): SaiValue | undefined {
  switch (kind) {
    case 'bool':
      return view.getUint8(offset) !== 0;
    case 'u8':
      return view.getUint8(offset);
    case 'u16':
      return view.getUint16(offset, true);
    case 'u32':
      return view.getUint32(offset, true);
    case 'i32':
    case 'enum':
      return view.getInt32(offset, true);
    case 'u64':
    case 'oid':
      return view.getBigUint64(offset, true);
    case 'mac':
      return decodeMac(view, offset);
    case 'ipAddress':
      return decodeIpAddress(view, offset);
    case 'ipPrefix':
      return decodeIpPrefix(view, offset);
    case 'chardata': {
      const bytes = new Uint8Array(view.buffer, view.byteOffset + offset, CHARDATA_SIZE);
      let end = bytes.indexOf(0);
      if (end < 0) end = CHARDATA_SIZE; // not terminated: read no further than the array
      return Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('utf8');
    }
    default:
      return undefined;
  }
}

/** A list's count as written in the union at `offset`. */
export function listCount(view: DataView, offset: number): number {
  return view.getUint32(offset + LIST_COUNT_OFFSET, true);
}

/** A list's pointer as written in the union at `offset` (a number: user-space addresses fit 53 bits). */
export function listPointer(view: DataView, offset: number): number {
  return (
    view.getUint32(offset + LIST_POINTER_OFFSET, true) + view.getUint32(offset + LIST_POINTER_OFFSET + 4, true) * TWO_32
  );
}

/** Reads `count` list elements from `backing` at `backingOffset`. */
export function decodeListElements(
  kind: SaiValueKind,
  backing: DataView,
  backingOffset: number,
  count: number,
): readonly bigint[] | readonly number[] {
  if (kind === 'oidList') {
    const out: bigint[] = new Array(count);
    for (let k = 0; k < count; k++) out[k] = backing.getBigUint64(backingOffset + 8 * k, true);
    return out;
  }
  const out: number[] = new Array(count);
  if (kind === 'u32List') for (let k = 0; k < count; k++) out[k] = backing.getUint32(backingOffset + 4 * k, true);
  else if (kind === 'i8List') for (let k = 0; k < count; k++) out[k] = backing.getInt8(backingOffset + k);
  else for (let k = 0; k < count; k++) out[k] = backing.getInt32(backingOffset + 4 * k, true);
  return out;
}
