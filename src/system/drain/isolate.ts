/**
 * The drain's effect on the switch, an operator option: SAI_SWITCH_ATTR_SWITCH_ISOLATE (215, bool,
 * CREATE_AND_SET, default false) on the switch object, set through the store, so an unchanged value
 * costs no write (a warm boot or an agent restart with the same drain state writes nothing: reload
 * reads the attribute back from the adapter).
 *
 * Order, as FBOSS applies a switch's drain state: a drain goes first, before the delta that comes
 * with it (traffic leaves before the tables change), an undrain last, after the delta (traffic
 * comes back only to the new tables).
 */
import { SaiStore } from '../../store/sai-store.js';

/** The switch's SAI_SWITCH_ATTR_SWITCH_ISOLATE as the store holds it (read back at reload). */
export function switchIsolated(store: SaiStore): boolean {
  const sw = store.get('SWITCH').find(null);
  return sw?.attributes.switchIsolate === true;
}

/**
 * Sets SAI_SWITCH_ATTR_SWITCH_ISOLATE to `isolate` through the store (the switch's other
 * attributes as they are). Answers whether it wrote.
 * @throws SaiStatusError when the adapter refuses (e.g. NOT_SUPPORTED on a switch without it);
 *   the store keeps the old value.
 */
export function setSwitchIsolate(store: SaiStore, isolate: boolean): boolean {
  const switches = store.get('SWITCH');
  const sw = switches.find(null);
  if (sw === undefined) throw new Error('the store holds no switch object: load the adapter-owned objects first');
  if ((sw.attributes.switchIsolate ?? false) === isolate) return false;
  switches.setObject(null, { ...sw.attributes, switchIsolate: isolate }).release();
  return true;
}

/**
 * Runs `apply` (a delta) with the isolation brought to `isolate` in FBOSS's order: set before
 * `apply` when it drains, after when it undrains; nothing when it is already so.
 * @returns what `apply` returned.
 */
export function applyWithIsolation<R>(store: SaiStore, isolate: boolean, apply: () => R): R {
  if (isolate && !switchIsolated(store)) setSwitchIsolate(store, true);
  const r = apply();
  if (!isolate && switchIsolated(store)) setSwitchIsolate(store, false);
  return r;
}
