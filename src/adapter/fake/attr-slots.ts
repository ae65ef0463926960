/**
 * The fake adapter's attribute storage: a flat array `[id, value, id, value, ...]`. A route with
 * one attribute costs a two-element array (a sparse array indexed by id would cost a backing
 * store sized for the largest id, and V8 over-allocates it).
 */
import type { SaiAttribute, SaiValue } from '../../sai/value.js';

/** Attribute ids and values, interleaved. */
export type AttrSlots = (number | SaiValue)[];

/** The value of attribute `id`, or undefined. */
export function slotGet(s: AttrSlots, id: number): SaiValue | undefined {
  for (let i = 0; i < s.length; i += 2) if (s[i] === id) return s[i + 1] as SaiValue;
  return undefined;
}

/** Sets attribute `id` (undefined removes it). */
export function slotSet(s: AttrSlots, id: number, v: SaiValue | undefined): void {
  for (let i = 0; i < s.length; i += 2) {
    if (s[i] !== id) continue;
    if (v === undefined) s.splice(i, 2);
    else s[i + 1] = v;
    return;
  }
  if (v !== undefined) s.push(id, v);
}

/** Slots holding a copy of a create's attributes (lists copied). */
export function slotsFrom(attrs: readonly SaiAttribute[]): AttrSlots {
  const s: AttrSlots = new Array(attrs.length * 2);
  for (let i = 0; i < attrs.length; i++) {
    const v = attrs[i].value;
    s[2 * i] = attrs[i].id;
    s[2 * i + 1] = Array.isArray(v) ? [...v] : v;
  }
  return s;
}

/** Slots from `[id, value]` pairs. */
export function slotsOf(pairs: readonly (readonly [number, SaiValue])[]): AttrSlots {
  const s: AttrSlots = [];
  for (const [id, v] of pairs) s.push(id, v);
  return s;
}
