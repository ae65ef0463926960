/**
 * Object ids of the fake adapter. Like real adapters (sairedis' virtual ids, vendor SDK handles), an
 * id encodes its object type: bits 56-63 a switch marker (0x21), bits 48-55 the SAI object type id,
 * bits 0-47 a counter. Every id therefore exceeds 2^53: JavaScript numbers would corrupt them.
 */
const SWITCH_MARK = 0x21n << 56n;
const COUNTER_MASK = (1n << 48n) - 1n;

/** Builds an id from an object type id and a counter. */
export function makeOid(objectTypeId: number, counter: number): bigint {
  return SWITCH_MARK | (BigInt(objectTypeId) << 48n) | (BigInt(counter) & COUNTER_MASK);
}

/** The object type id encoded in `oid` (without checking the object exists). */
export function oidTypeId(oid: bigint): number {
  return Number((oid >> 48n) & 0xffn);
}

/** The counter part of an id. */
export function oidCounter(oid: bigint): number {
  return Number(oid & COUNTER_MASK);
}
