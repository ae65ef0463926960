/**
 * One SAI get (`get_<type>_attribute`) with the list, no-value and unanswered-attribute protocol:
 *
 * - list attributes start with room for FIRST_LIST_CAPACITY elements; BUFFER_OVERFLOW answers the
 *   needed count in the list and the call is repeated with that much room (bounded: a count above
 *   MAX_LIST_COUNT, or an overflow that asks for no more room, is an error);
 * - ATTR_NOT_IMPLEMENTED + i: attribute i answered no value (`noValue`; libsaivs says so for an
 *   attribute not set and without a constant default, the fake's `undefined`); the others are asked
 *   again without it;
 * - ATTR_NOT_SUPPORTED + i or INVALID_ATTRIBUTE + i: the libsai cannot answer attribute i
 *   (`unanswered`); the others are asked again without it;
 * - a plain NOT_IMPLEMENTED or NOT_SUPPORTED (no index, as some vendors answer when any one attribute
 *   was never set) with several attributes: each is asked alone; alone, it is `unanswered`;
 * - after SUCCESS nothing is trusted blindly: the ids must be the ones asked for, a list must sit
 *   where it was given and within its room, an address must be well formed.
 *
 * What `noValue` and `unanswered` mean to the store is decided by the caller (`get-protocol.ts`).
 */
import { attrStatus, decodeStatus, SaiStatus, type SaiAttrStatusName } from '../../sai/status.js';
import type { SaiValue, SaiValueKind } from '../../sai/value.js';
import type { AttrBlock } from './attr-block.js';
import type { GetFn } from './method-tables.js';
import { isListKind, listElementSize } from './value-codec.js';

/** List elements asked for on a get's first try. */
export const FIRST_LIST_CAPACITY = 256;
/** Most elements one list may answer (a guard against a garbage count). */
export const MAX_LIST_COUNT = 1 << 24;

/**
 * A get's result: the values (undefined at `noValue` and `unanswered` positions) with the positions
 * that answered no value and those the libsai could not answer; or the status (and why) to throw.
 */
export type ReadResult =
  | {
      readonly ok: true;
      readonly values: (SaiValue | undefined)[];
      readonly noValue: readonly number[];
      readonly unanswered: readonly number[];
    }
  | { readonly ok: false; readonly status: number; readonly detail?: string };

/** Libsai get calls made (for the get protocol's cost: about one per object). */
export interface ReadCalls {
  calls: number;
}

/** Plain statuses that, for a multi-attribute get, may stand for one attribute the libsai cannot answer. */
function isPlainUnanswerable(st: number): boolean {
  return st === SaiStatus.NOT_IMPLEMENTED || st === SaiStatus.NOT_SUPPORTED;
}

/** Re-bases a per-attribute status on the caller's index (`pending[j]` for the libsai's `j`). */
function remapAttrIndex(status: number, pending: readonly number[]): number {
  const d = decodeStatus(status);
  if (d.attrIndex === undefined || d.attrIndex >= pending.length) return status;
  return attrStatus(d.name as SaiAttrStatusName, pending[d.attrIndex]);
}

/**
 * Reads `attrIds` (decoded as `kinds`) of the object at `key` through `get`, marshalling into `block`.
 */
export function readAttributes(
  get: GetFn,
  key: bigint,
  block: AttrBlock,
  attrIds: readonly number[],
  kinds: readonly SaiValueKind[],
  count?: ReadCalls,
): ReadResult {
  const n = attrIds.length;
  const values = new Array<SaiValue | undefined>(n).fill(undefined);
  const noValue: number[] = [];
  const unanswered: number[] = [];
  let pending: number[] = Array.from({ length: n }, (_, i) => i);
  const capacity = new Array<number>(n).fill(FIRST_LIST_CAPACITY);
  const done = (): ReadResult => ({ ok: true, values, noValue, unanswered });
  for (let attempt = 0; attempt < n + 8; attempt++) {
    if (count) count.calls++;
    let listBytes = 0;
    for (const p of pending) if (isListKind(kinds[p])) listBytes += capacity[p] * listElementSize(kinds[p]);
    block.begin(pending.length, listBytes);
    for (const p of pending) block.pushGetSlot(attrIds[p], kinds[p], isListKind(kinds[p]) ? capacity[p] : 0);
    const st = get(key, pending.length, block.attrs.address);
    if (st === SaiStatus.BUFFER_OVERFLOW) {
      let grew = false;
      for (let j = 0; j < pending.length; j++) {
        const p = pending[j];
        if (!isListKind(kinds[p])) continue;
        const c = block.listCountAt(j);
        if (c <= capacity[p]) continue;
        if (c > MAX_LIST_COUNT)
          return { ok: false, status: SaiStatus.FAILURE, detail: `libsai asked room for ${c} list elements` };
        capacity[p] = c;
        grew = true;
      }
      if (!grew) return { ok: false, status: st, detail: 'BUFFER_OVERFLOW without a larger count' };
      continue;
    }
    const d = decodeStatus(st);
    if (d.attrIndex !== undefined && d.attrIndex < pending.length) {
      const p = pending[d.attrIndex];
      let list: number[] | undefined;
      if (d.name === 'ATTR_NOT_IMPLEMENTED') list = noValue;
      else if (d.name === 'ATTR_NOT_SUPPORTED' || d.name === 'INVALID_ATTRIBUTE') list = unanswered;
      if (list) {
        list.push(p);
        pending = pending.filter((_, j) => j !== d.attrIndex);
        if (pending.length === 0) return done();
        continue;
      }
    }
    if (isPlainUnanswerable(st)) {
      if (pending.length === 1) {
        unanswered.push(pending[0]);
        return done();
      }
      // No index: ask each alone to find which the libsai cannot answer.
      for (const p of pending) {
        const one = readAttributes(get, key, block, [attrIds[p]], [kinds[p]], count);
        if (!one.ok) return one;
        if (one.noValue.length > 0) noValue.push(p);
        else if (one.unanswered.length > 0) unanswered.push(p);
        else values[p] = one.values[0];
      }
      return done();
    }
    if (st !== 0) return { ok: false, status: remapAttrIndex(st, pending) };
    for (let j = 0; j < pending.length; j++) {
      const p = pending[j];
      const kind = kinds[p];
      if (block.idAt(j) !== attrIds[p] >>> 0) {
        return { ok: false, status: SaiStatus.FAILURE, detail: `libsai changed attribute id ${attrIds[p]}` };
      }
      if (isListKind(kind)) {
        const r = block.readList(j, kind);
        if (!r.ok) {
          const why =
            r.reason === 'overflow'
              ? `a count of ${r.needed} beyond the ${capacity[p]} given`
              : 'a list pointer it was not given';
          return {
            ok: false,
            status: SaiStatus.FAILURE,
            detail: `libsai answered SUCCESS with ${why} (attribute ${attrIds[p]})`,
          };
        }
        values[p] = r.value;
      } else {
        const v = block.readScalar(j, kind);
        if (v === undefined) {
          return {
            ok: false,
            status: SaiStatus.FAILURE,
            detail: `libsai answered a malformed ${kind} (attribute ${attrIds[p]})`,
          };
        }
        values[p] = v;
      }
    }
    return done();
  }
  return { ok: false, status: SaiStatus.BUFFER_OVERFLOW, detail: 'list counts kept growing' };
}
