/**
 * SAI attribute value kinds and their JavaScript representation.
 *
 * | kind | SAI value type | JS |
 * |---|---|---|
 * | bool | BOOL | boolean |
 * | u8 / u16 / u32 / i32 | UINT8 / UINT16 / UINT32 / INT32 | number |
 * | u64 | UINT64 | bigint |
 * | oid | OBJECT_ID | bigint (0n is SAI_NULL_OBJECT_ID) |
 * | enum | INT32 with an enum | number at the adapter, short name in the store |
 * | mac | MAC | canonical string `aa:bb:cc:dd:ee:ff` |
 * | ipAddress | IP_ADDRESS | canonical string |
 * | ipPrefix | IP_PREFIX | canonical string `addr/len` |
 * | chardata | CHARDATA | string (at most 31 bytes) |
 * | oidList | OBJECT_LIST | bigint[] |
 * | u32List | UINT32_LIST | number[] |
 * | i32List | INT32_LIST | number[] |
 * | i8List | INT8_LIST | number[] (-128..127; SWITCH_HARDWARE_INFO's bytes) |
 */
export type SaiValueKind =
  | 'bool'
  | 'u8'
  | 'u16'
  | 'u32'
  | 'i32'
  | 'u64'
  | 'oid'
  | 'enum'
  | 'mac'
  | 'ipAddress'
  | 'ipPrefix'
  | 'chardata'
  | 'oidList'
  | 'u32List'
  | 'i32List'
  | 'i8List';

/** A value as it crosses the adapter boundary (enums as their int32). */
export type SaiValue = boolean | number | bigint | string | readonly bigint[] | readonly number[];

/** One attribute in a SAI call: `sai_attribute_t` (id, value). */
export interface SaiAttribute {
  readonly id: number;
  readonly value: SaiValue;
}

/** The SAI metadata value type name of each kind (`SAI_ATTR_VALUE_TYPE_<name>`). */
export const SAI_VALUE_TYPE_OF_KIND: Readonly<Record<SaiValueKind, string>> = {
  bool: 'BOOL',
  u8: 'UINT8',
  u16: 'UINT16',
  u32: 'UINT32',
  i32: 'INT32',
  u64: 'UINT64',
  oid: 'OBJECT_ID',
  enum: 'INT32',
  mac: 'MAC',
  ipAddress: 'IP_ADDRESS',
  ipPrefix: 'IP_PREFIX',
  chardata: 'CHARDATA',
  oidList: 'OBJECT_LIST',
  u32List: 'UINT32_LIST',
  i32List: 'INT32_LIST',
  i8List: 'INT8_LIST',
};

/**
 * An attribute the adapter could not read: the libsai answered it (or a get naming it) NOT_IMPLEMENTED,
 * NOT_SUPPORTED, INVALID_ATTRIBUTE or ATTR_NOT_SUPPORTED, or said through
 * `sai_query_attribute_capability` that its get is not implemented. Never a value, never its default:
 * the store keeps it as unknown (see `docs/store.md`, "Attributes a libsai cannot read").
 */
export const NOT_READ: unique symbol = Symbol('NOT_READ');

/** The type of `NOT_READ`. */
export type NotRead = typeof NOT_READ;

/** What a get answers per attribute: a value, `undefined` (the attribute has no value), or `NOT_READ`. */
export type ReadValue = SaiValue | undefined | NotRead;

/** The SAI null object id, `SAI_NULL_OBJECT_ID`. */
export const NULL_OID = 0n;

/** Equality of two adapter-level values: identity for scalars, element-wise for lists. */
export function saiValueEquals(a: SaiValue | undefined, b: SaiValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return false;
}
