/**
 * Reading one object's attributes back for reload, as FBOSS does: only the attributes that apply.
 *
 * An attribute with a condition (`when`, e.g. a router interface's PORT_ID only for PORT and SUB_PORT
 * interfaces, its VLAN_ID only for VLAN ones) is read only when its condition holds for the object:
 * the unconditional attributes are read first (the condition's attribute among them), the conditional
 * ones that apply in a second get. Types without conditional attributes (routes, neighbors: almost
 * every object) cost one get. Asking for one that does not apply makes some libsais fail the get, or
 * answer a value that replay then takes for a change of a CREATE_ONLY attribute.
 *
 * Values come back as store-level values: a value equal to its constant default is left out (an
 * omitted attribute means its default to the store, so replay compares them equal), `NOT_READ` (the
 * adapter could not read it) is kept as is and counted.
 */
import type { SaiAdapter } from '../adapter/adapter.js';
import type { AdapterKey } from '../sai/entry.js';
import type { SaiObjectType } from '../sai/object-type.js';
import { NOT_READ, type ReadValue, type SaiValue } from '../sai/value.js';
import { fromSaiValue, type AttrMeta, type SaiTraits } from '../traits/define.js';

/** The attributes reload reads of a type: every non-READ_ONLY one, split by condition. */
export interface ReadPlan {
  /** Unconditional attributes, read first. */
  readonly first: readonly AttrMeta[];
  readonly firstIds: readonly number[];
  /** Conditional attributes, read when their condition holds. */
  readonly conditional: readonly AttrMeta[];
}

const plans = new WeakMap<SaiTraits, ReadPlan>();

/** The read plan of a type (cached). */
export function readPlan(traits: SaiTraits): ReadPlan {
  let p = plans.get(traits);
  if (!p) {
    const readable = traits.attrList.filter((m) => m.mode !== 'readOnly');
    const first = readable.filter((m) => m.condition === undefined);
    p = { first, firstIds: first.map((m) => m.id), conditional: readable.filter((m) => m.condition !== undefined) };
    plans.set(traits, p);
  }
  return p;
}

/** Counts of attributes not read, per type and SAI attribute name. */
export type NotReadCounts = Partial<Record<SaiObjectType, Record<string, number>>>;

/**
 * Store-level attributes from values read for `metas` (a get's or a bulk get entry's). Values equal
 * to their constant default are left out; `NOT_READ` is kept and counted in `notRead`.
 */
export function storeAttrs(
  type: SaiObjectType,
  metas: readonly AttrMeta[],
  values: readonly ReadValue[],
  notRead: NotReadCounts,
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  for (let i = 0; i < metas.length; i++) {
    const v = values[i];
    if (v === undefined) continue;
    const m = metas[i];
    if (v === NOT_READ) {
      into[m.name] = NOT_READ;
      const byAttr = (notRead[type] ??= {});
      byAttr[m.saiName] = (byAttr[m.saiName] ?? 0) + 1;
      continue;
    }
    if (
      m.saiDefault !== undefined &&
      m.kind !== 'oidList' &&
      m.kind !== 'u32List' &&
      m.kind !== 'i32List' &&
      m.kind !== 'i8List' &&
      v === m.saiDefault
    ) {
      continue;
    }
    into[m.name] = fromSaiValue(m, v as SaiValue);
  }
  return into;
}

/**
 * The conditional attributes of `plan` whose condition holds for an object whose unconditional
 * attributes read `first` (values in `plan.first` order). A condition on an attribute that could
 * not be read holds for nothing: what depends on it is not read either (and counted as such).
 */
export function applicable(plan: ReadPlan, first: readonly ReadValue[]): { apply: AttrMeta[]; unknown: AttrMeta[] } {
  const apply: AttrMeta[] = [];
  const unknown: AttrMeta[] = [];
  for (const m of plan.conditional) {
    const c = m.condition!;
    const at = plan.firstIds.indexOf(c.attrId);
    let v: ReadValue = at >= 0 ? first[at] : undefined;
    if (v === NOT_READ) {
      unknown.push(m);
      continue;
    }
    if (v === undefined) v = plan.first[at]?.saiDefault;
    if (c.values.includes(v as number)) apply.push(m);
  }
  return { apply, unknown };
}

/**
 * Reads an object's applicable attributes (one get, and a second for conditional attributes whose
 * condition holds) as store-level values.
 * @throws SaiStatusError from the adapter (a missing object: INVALID_OBJECT_ID / ITEM_NOT_FOUND).
 */
export function readObject(
  adapter: SaiAdapter,
  traits: SaiTraits,
  key: AdapterKey,
  notRead: NotReadCounts,
): Record<string, unknown> {
  const plan = readPlan(traits);
  const type = traits.objectType;
  const first = adapter.get(type, key, plan.firstIds);
  return readConditional(adapter, traits, key, first, notRead);
}

/** The rest of `readObject` once the unconditional attributes were read (`first`). */
export function readConditional(
  adapter: SaiAdapter,
  traits: SaiTraits,
  key: AdapterKey,
  first: readonly ReadValue[],
  notRead: NotReadCounts,
): Record<string, unknown> {
  const plan = readPlan(traits);
  const type = traits.objectType;
  const attrs = storeAttrs(type, plan.first, first, notRead);
  if (plan.conditional.length === 0) return attrs;
  const { apply, unknown } = applicable(plan, first);
  if (unknown.length > 0)
    storeAttrs(
      type,
      unknown,
      unknown.map(() => NOT_READ),
      notRead,
      attrs,
    );
  if (apply.length === 0) return attrs;
  const second = adapter.get(
    type,
    key,
    apply.map((m) => m.id),
  );
  return storeAttrs(type, apply, second, notRead, attrs);
}
