/**
 * Attribute records as the store keeps them (store-level values: enum names, canonical strings,
 * bigint ids) and their SAI attribute lists.
 */
import { saiValueEquals, type SaiAttribute, type SaiValue } from '../sai/value.js';
import { toSaiValue, type SaiTraits } from '../traits/define.js';
import type { InferCreateAttributes } from '../traits/infer.js';
import { UnknownAttributeError } from './errors.js';

/** An attribute record, untyped. */
export type AttrRecord = Record<string, unknown>;

/** Attribute records of one object type: what the store keeps, and the SAI lists of creates. */
export class AttrCodec<T extends SaiTraits = SaiTraits> {
  readonly #frozenLists = new WeakMap<object, readonly SaiAttribute[]>();

  constructor(readonly traits: T) {}

  /** @throws UnknownAttributeError for a name the type does not declare. */
  checkNames(attrs: AttrRecord): void {
    const byName = this.traits.attrByName;
    for (const k in attrs) if (!byName.has(k)) throw new UnknownAttributeError(this.traits.objectType, k);
  }

  /**
   * The attributes object the store keeps: the caller's own when it is frozen (immer's state is),
   * so objects with equal attributes share one; otherwise a copy. Unknown names throw.
   */
  keep(attrs: AttrRecord): InferCreateAttributes<T> {
    if (Object.isFrozen(attrs)) {
      for (const k in attrs) {
        if (!this.traits.attrByName.has(k)) throw new UnknownAttributeError(this.traits.objectType, k);
        if (attrs[k] === undefined) return this.copy(attrs);
      }
      return attrs as InferCreateAttributes<T>;
    }
    return this.copy(attrs);
  }

  /** A copy holding only declared, defined attributes, in declaration order. */
  copy(attrs: AttrRecord): InferCreateAttributes<T> {
    const out: AttrRecord = {};
    const list = this.traits.attrList;
    for (let i = 0; i < list.length; i++) {
      const v = attrs[list[i].name];
      if (v !== undefined) out[list[i].name] = v;
    }
    return out as InferCreateAttributes<T>;
  }

  /** `attrs` plus the `keep` names' values of `old` (attributes without a default to go back to). */
  merged(attrs: AttrRecord, old: AttrRecord, keep: readonly string[] | undefined): InferCreateAttributes<T> {
    if (!keep) return this.keep(attrs);
    const next = this.copy(attrs) as AttrRecord;
    for (const k of keep) next[k] = old[k];
    return next as InferCreateAttributes<T>;
  }

  /** The SAI attribute list of a create, in rising attribute id. */
  createList(attrs: AttrRecord): readonly SaiAttribute[] {
    // A frozen attributes object cannot change: its SAI list is built once and shared by every
    // object created with it (a table's routes share one per next hop group).
    if (Object.isFrozen(attrs)) {
      let list = this.#frozenLists.get(attrs);
      if (list === undefined) {
        list = Object.freeze(this.buildList(attrs));
        this.#frozenLists.set(attrs, list);
      }
      return list;
    }
    return this.buildList(attrs);
  }

  private buildList(attrs: AttrRecord): SaiAttribute[] {
    this.checkNames(attrs);
    const out: SaiAttribute[] = [];
    const list = this.traits.attrList;
    for (let i = 0; i < list.length; i++) {
      const meta = list[i];
      const v = attrs[meta.name];
      if (v !== undefined) out.push({ id: meta.id, value: toSaiValue(meta, v) });
    }
    return out;
  }
}

/** True when two records hold the same defined values. */
export function sameShape(a: AttrRecord, b: AttrRecord): boolean {
  let n = 0;
  for (const k in b) {
    if (b[k] === undefined) continue;
    n++;
    if (!saiValueEquals(a[k] as SaiValue, b[k] as SaiValue)) return false;
  }
  let m = 0;
  for (const k in a) if (a[k] !== undefined) m++;
  return n === m;
}

/** `{name=value ...}` with ids in hex. */
export function formatAttrs(attrs: AttrRecord): string {
  const parts: string[] = [];
  for (const k in attrs) {
    const v = attrs[k];
    parts.push(
      `${k}=${typeof v === 'bigint' ? `0x${v.toString(16)}` : Array.isArray(v) ? `[${v.map((x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x)).join(',')}]` : String(v)}`,
    );
  }
  return `{${parts.join(' ')}}`;
}
