/**
 * Independent consistency checks after a failure, through public interfaces only:
 *
 * - `storeAdapterDifferences`: the adapter holds exactly the store's objects (by AdapterKey), and
 *   every attribute the store knows (its value, or the SAI constant default it stands for when
 *   left out) is what the adapter answers;
 * - `refCountDifferences`: every store object's `refs` equals what accounts for it, computed here
 *   from the objects' attributes (each object holds one reference on every object its entry key
 *   and oid attributes name), the agent's own references (`SwitchAgent.holdings`, from its
 *   managers' records), and the store's one-per-object holds (adapter-owned, warm boot handle,
 *   retry list), never from the store's counts.
 *
 * Both return lines describing each difference (empty = consistent), so a failing sweep names
 * every problem at once.
 */
import type { SaiAdapter } from '../../src/adapter/index.js';
import type { Holding } from '../../src/agent/index.js';
import type { SaiObject, SaiStore } from '../../src/store/index.js';
import type { AdapterKey, SaiValue } from '../../src/sai/index.js';
import type { AttrMeta, SaiTraits } from '../../src/traits/define.js';
import { keyText } from '../helpers/adapter-dump.js';

function valueText(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x));
}

/** True when `meta`'s condition (if any) holds for the store-level attributes `attrs`. */
function conditionHolds(traits: SaiTraits, meta: AttrMeta, attrs: Record<string, unknown>): boolean {
  const c = meta.condition;
  if (!c) return true;
  const other = traits.attrByName.get(c.attrName)!;
  const v = attrs[c.attrName] ?? other.defaultValue;
  const n = other.enumDef ? other.enumDef.values[v as string] : (v as number);
  return c.values.includes(n);
}

/** Differences between what the store holds and what the adapter holds (empty when equal). */
export function storeAdapterDifferences(store: SaiStore, adapter: SaiAdapter): string[] {
  const out: string[] = [];
  for (const os of store.stores()) {
    const traits = os.traits;
    const type = traits.objectType;
    const live = new Set(adapter.getObjectKeys(type).map(keyText));
    const inStore = new Set<string>();
    for (const o of os) {
      const k = keyText(o.adapterKey as AdapterKey);
      inStore.add(k);
      if (!live.has(k)) {
        out.push(`${type} ${o.keyString} (${k}): in the store, not in the adapter`);
        continue;
      }
      const attrs = o.attributes as Record<string, unknown>;
      const metas: AttrMeta[] = [];
      const expected: unknown[] = [];
      for (const meta of traits.attrList) {
        if (meta.mode === 'readOnly' || !conditionHolds(traits, meta, attrs)) continue;
        const v = attrs[meta.name] !== undefined ? attrs[meta.name] : meta.defaultValue;
        if (v === undefined) continue; // no constant default: the adapter's own value stands
        metas.push(meta);
        expected.push(meta.enumDef ? meta.enumDef.values[v as string] : v);
      }
      if (metas.length === 0) continue;
      const got = adapter.get(
        type,
        o.adapterKey as AdapterKey,
        metas.map((m) => m.id),
      );
      metas.forEach((m, i) => {
        if (valueText(got[i] as SaiValue) !== valueText(expected[i]))
          out.push(`${type} ${o.keyString} ${m.name}: store ${valueText(expected[i])}, adapter ${valueText(got[i])}`);
      });
    }
    for (const k of live) if (!inStore.has(k)) out.push(`${type} ${k}: in the adapter, not in the store`);
  }
  return out;
}

/** The store objects that `o`'s entry key and oid attributes name (one reference each). */
export function namedBy(store: SaiStore, o: SaiObject): SaiObject[] {
  const out: SaiObject[] = [];
  const traits = o.traits;
  if (traits.hostKey.parent) {
    const p = store.byOid(o.scope);
    if (p) out.push(p);
  }
  const attrs = o.attributes as Record<string, unknown>;
  for (const meta of traits.attrList) {
    if (meta.mode === 'readOnly' || (meta.kind !== 'oid' && meta.kind !== 'oidList')) continue;
    const v = attrs[meta.name];
    const ids = typeof v === 'bigint' ? [v] : Array.isArray(v) ? (v as bigint[]) : [];
    for (const id of ids) {
      if (id === 0n) continue;
      const d = store.byOid(id);
      if (d) out.push(d);
    }
  }
  return out;
}

/**
 * Differences between each object's `refs` and the references that account for it (see the
 * module comment); `holdings` are the references callers hold (the agent's).
 */
export function refCountDifferences(store: SaiStore, holdings: readonly Holding[]): string[] {
  const out: string[] = [];
  const expected = new Map<SaiObject, number>();
  const all: SaiObject[] = [];
  for (const os of store.stores()) for (const o of os) all.push(o as SaiObject);
  for (const o of all) {
    expected.set(o, (o.adapterOwned ? 1 : 0) + (o.warmBootHandle ? 1 : 0) + (o.removePending ? 1 : 0));
  }
  for (const p of all) for (const d of namedBy(store, p)) expected.set(d, expected.get(d)! + 1);
  for (const h of holdings) {
    const o = store.get(h.objectType).find(h.hostKey as never) as SaiObject | undefined;
    if (!o) {
      out.push(`held ${h.objectType} ${valueText(h.hostKey)}: no such object in the store`);
      continue;
    }
    expected.set(o, expected.get(o)! + 1);
  }
  for (const o of all) {
    const e = expected.get(o)!;
    if (o.refs !== e) out.push(`${o.objectType} ${o.keyString}: refs ${o.refs}, accounted for ${e}`);
  }
  const pending = new Set(store.pendingRemoves.map((p) => `${p.objectType} ${valueText(p.hostKey)}`));
  const flagged = new Set(all.filter((o) => o.removePending).map((o) => `${o.objectType} ${valueText(o.hostKey)}`));
  for (const p of pending) if (!flagged.has(p)) out.push(`pending remove ${p}: object not flagged`);
  for (const f of flagged) if (!pending.has(f)) out.push(`${f}: flagged pending, not on the retry list`);
  return out;
}

/** Types the agent makes (everything but the adapter's own objects). */
export const AGENT_TYPES = [
  'ROUTE_ENTRY',
  'NEIGHBOR_ENTRY',
  'NEXT_HOP',
  'NEXT_HOP_GROUP',
  'NEXT_HOP_GROUP_MEMBER',
  'ROUTER_INTERFACE',
  'VLAN',
  'VLAN_MEMBER',
  'BRIDGE_PORT',
] as const;

/** Objects the adapter holds that it did not make itself (empty after applying the empty state). */
export function nonOwnedObjects(store: SaiStore, adapter: SaiAdapter): string[] {
  const out: string[] = [];
  for (const type of AGENT_TYPES) {
    const n = adapter.getObjectKeys(type).length;
    if (n > 0) out.push(`${type}: ${n} in the adapter`);
  }
  for (const os of store.stores())
    for (const o of os) if (!o.adapterOwned) out.push(`${o.objectType} ${o.keyString} in the store`);
  return out;
}
