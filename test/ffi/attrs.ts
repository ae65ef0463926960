/** Builds adapter-level attribute lists from store-level names and values (enum names, ...). */
import type { SaiAttribute } from '../../src/sai/value.js';
import { toSaiValue, type SaiTraits } from '../../src/traits/define.js';

type AnyTraits = { readonly attrByName: ReadonlyMap<string, SaiTraits['attrList'][number]> };

/** `[{ id, value }]` for `{ name: storeValue }` in the given order. */
export function attrs(traits: AnyTraits, values: Record<string, unknown>): SaiAttribute[] {
  return Object.entries(values).map(([name, v]) => {
    const meta = traits.attrByName.get(name);
    if (!meta) throw new Error(`no attribute ${name}`);
    return { id: meta.id, value: toSaiValue(meta, v) };
  });
}

/** The attribute ids of `names`. */
export function ids(traits: AnyTraits, ...names: string[]): number[] {
  return names.map((n) => {
    const meta = traits.attrByName.get(n);
    if (!meta) throw new Error(`no attribute ${n}`);
    return meta.id;
  });
}

/** One attribute. */
export function attr(traits: AnyTraits, name: string, value: unknown): SaiAttribute {
  return attrs(traits, { [name]: value })[0];
}
