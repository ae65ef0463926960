/** Helpers for host-key strings on the hot path. */

let lastOid = -1n;
let lastOidText = '';

/**
 * An object id as a short hex string. Remembers the last id converted: a route table names one
 * virtual router a million times, and `bigint.toString(16)` is the costliest step of its key.
 */
export function oidText(oid: bigint): string {
  if (oid === lastOid) return lastOidText;
  lastOid = oid;
  lastOidText = oid.toString(16);
  return lastOidText;
}
