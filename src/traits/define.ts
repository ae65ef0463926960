/**
 * `defineTraits`: one declaration per SAI object type (its SAI type, AdapterKey kind, attributes,
 * AdapterHostKey and dependency rank), plus the run-time metadata the store and the adapters read.
 */
import type { AdapterKeyKind, AdapterKeyOfKind } from '../sai/entry.js';
import type { SaiObjectType } from '../sai/object-type.js';
import { SaiObjectTypeId } from '../sai/object-type.js';
import type { SaiValue, SaiValueKind } from '../sai/value.js';
import type { SaiEnum } from '../sai/enum.js';
import type { AnyAttr, AttrMode, AttrPresence, DefaultKind } from './attr.js';
import type { AttrMap, InferGetAttributes } from './infer.js';
import { formatValue } from '../sai/errors.js';
import { expectedValue, valueFitsKind } from './value-check.js';

/** How a type's AdapterHostKey is made. */
export interface HostKeySpec<A extends AttrMap, HK, K extends AdapterKeyKind> {
  /**
   * The host key as a string, unique per host key within its scope: the store's map key. Must be
   * cheap; for routes it is the prefix string itself, so the store adds no string per route.
   */
  toString(hostKey: HK): string;
  /**
   * The object id that scopes the key (route: vr, neighbor and next hop: rif, fdb: bv); the store
   * keeps one map per scope. Absent: one scope (0n).
   */
  scope?(hostKey: HK): bigint;
  /**
   * The host key of an object read back from the adapter, from its AdapterKey and attributes;
   * undefined when it cannot be derived from them (the saved host-key map is used, or, for a next
   * hop group, its members).
   */
  derive(adapterKey: AdapterKeyOfKind[K], attrs: InferGetAttributes<A>): HK | undefined;
  /** For entry-keyed types: the entry struct from the host key and the switch id. */
  adapterKey?(hostKey: HK, switchId: bigint): AdapterKeyOfKind[K];
  /**
   * For entry-keyed types: the object id the entry names in its key (route: vr, neighbor: rif,
   * fdb: bv). It is always the key's scope.
   */
  parent?(hostKey: HK): bigint;
  /**
   * The host key from its scope and string (the inverse of `scope` and `toString`). When given,
   * the store keeps those two instead of a host key object per object (a route: its vr and
   * prefix), and makes the object on request.
   */
  fromParts?(scope: bigint, key: string): HK;
  /** Attribute names whose values make up the host key (they must not change under it). */
  readonly fromAttributes?: readonly string[];
}

/** A traits declaration as written in `src/traits/<type>.ts`. */
export interface TraitsDeclaration<A extends AttrMap, HK, K extends AdapterKeyKind> {
  readonly objectType: SaiObjectType;
  readonly adapterKey: K;
  /**
   * Dependency rank: an object may only reference objects of a lower rank. Creates run in rising
   * rank, removes of unclaimed objects in falling rank.
   */
  readonly rank: number;
  readonly attributes: A;
  readonly hostKey: HostKeySpec<A, HK, K>;
}

/** Run-time metadata of one attribute, resolved from its declaration. */
export interface AttrMeta {
  /** Property name in the store's attribute objects, e.g. `nextHopId`. */
  readonly name: string;
  /** SAI attribute name, e.g. `SAI_ROUTE_ENTRY_ATTR_NEXT_HOP_ID`. */
  readonly saiName: string;
  readonly id: number;
  readonly kind: SaiValueKind;
  readonly mode: AttrMode;
  readonly presence: AttrPresence;
  readonly defaultKind: DefaultKind;
  /** Store-level constant default (enum short name for enums); undefined unless const/empty. */
  readonly defaultValue: unknown;
  /** Adapter-level constant default (int32 for enums). */
  readonly saiDefault: SaiValue | undefined;
  readonly enumDef: SaiEnum | undefined;
  readonly objects: readonly SaiObjectType[] | undefined;
  /** Object type ids of `objects`. */
  readonly objectTypeIds: readonly number[] | undefined;
  /** The condition resolved to the other attribute's id and int32 values. */
  readonly condition:
    { readonly attrId: number; readonly attrName: string; readonly values: readonly number[] } | undefined;
  readonly isKey: boolean;
  /** An oid attribute accepts SAI_NULL_OBJECT_ID when its SAI default is NULL_OID. */
  readonly allowsNull: boolean;
  /** True for oid and oidList attributes: values name other objects. */
  readonly isReference: boolean;
}

/** A traits object: the declaration plus resolved metadata. `__hostKey` / `__adapterKey` are phantom. */
export interface SaiTraits<
  A extends AttrMap = AttrMap,
  HK = unknown,
  K extends AdapterKeyKind = AdapterKeyKind,
> extends TraitsDeclaration<A, HK, K> {
  readonly __hostKey: HK;
  readonly __adapterKey: AdapterKeyOfKind[K];
  /** SAI object type id. */
  readonly objectTypeId: number;
  /** Every attribute, by rising id. */
  readonly attrList: readonly AttrMeta[];
  readonly attrById: ReadonlyMap<number, AttrMeta>;
  readonly attrByName: ReadonlyMap<string, AttrMeta>;
  /** CREATE_AND_SET attributes. */
  readonly settable: readonly AttrMeta[];
  /** CREATE_ONLY attributes. */
  readonly createOnly: readonly AttrMeta[];
  /** oid / oidList attributes that are not READ_ONLY. */
  readonly references: readonly AttrMeta[];
  /** True when the AdapterKey is an entry struct. */
  readonly isEntry: boolean;
}

/** `nextHopId` -> `NEXT_HOP_ID`. */
export function upperSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function resolve(objectType: SaiObjectType, attributes: AttrMap): AttrMeta[] {
  const byName = new Map<string, AnyAttr>(Object.entries(attributes));
  const out: AttrMeta[] = [];
  for (const [name, a] of byName) {
    const enumDef = a.enumDef;
    let saiDefault: SaiValue | undefined;
    if (a.defaultKind === 'const' || a.defaultKind === 'empty') {
      saiDefault = enumDef ? enumDef.values[a.defaultValue as string] : (a.defaultValue as SaiValue);
      if (saiDefault === undefined)
        throw new Error(`${objectType}.${name}: default is not a value of ${enumDef?.cName}`);
    }
    let condition: AttrMeta['condition'];
    if (a.condition) {
      const other = byName.get(a.condition.attr);
      if (!other?.enumDef)
        throw new Error(`${objectType}.${name}: condition names ${a.condition.attr}, not an enum attribute`);
      const values = a.condition.values.map((v) => {
        const n = other.enumDef!.values[v];
        if (n === undefined)
          throw new Error(`${objectType}.${name}: condition value ${v} is not in ${other.enumDef!.cName}`);
        return n;
      });
      condition = { attrId: other.id, attrName: a.condition.attr, values };
    }
    const isReference = a.kind === 'oid' || a.kind === 'oidList';
    out.push({
      name,
      saiName: `SAI_${objectType}_ATTR_${a.saiSuffix ?? upperSnake(name)}`,
      id: a.id,
      kind: a.kind,
      mode: a.mode,
      presence: a.presence,
      defaultKind: a.defaultKind,
      defaultValue: a.defaultValue,
      saiDefault,
      enumDef,
      objects: a.objects,
      objectTypeIds: a.objects?.map((t) => SaiObjectTypeId[t]),
      condition,
      isKey: a.isKey,
      allowsNull: a.kind === 'oid' && a.defaultKind === 'const' && a.defaultValue === 0n,
      isReference,
    });
  }
  return out.sort((x, y) => x.id - y.id);
}

/**
 * Declares the traits of one SAI object type. Types for create / set / get attributes and the
 * host key are inferred from the result (`InferCreateAttributes<typeof XTraits>` and friends).
 * @throws Error when the declaration is inconsistent (duplicate ids, a condition on a non-enum).
 */
export function defineTraits<const A extends AttrMap, HK, K extends AdapterKeyKind>(
  decl: TraitsDeclaration<A, HK, K>,
): SaiTraits<A, HK, K> {
  const attrList = resolve(decl.objectType, decl.attributes);
  const attrById = new Map(attrList.map((m) => [m.id, m]));
  if (attrById.size !== attrList.length) throw new Error(`${decl.objectType}: duplicate attribute id`);
  const traits = {
    ...decl,
    objectTypeId: SaiObjectTypeId[decl.objectType],
    attrList,
    attrById,
    attrByName: new Map(attrList.map((m) => [m.name, m])),
    settable: attrList.filter((m) => m.mode === 'createAndSet'),
    createOnly: attrList.filter((m) => m.mode === 'createOnly'),
    references: attrList.filter((m) => m.isReference && m.mode !== 'readOnly'),
    isEntry: decl.adapterKey !== 'oid',
  };
  return Object.freeze(traits) as unknown as SaiTraits<A, HK, K>;
}

/**
 * Converts a store-level value to its adapter-level form (enum name -> int32), checking that it fits
 * the attribute (kind, range, enum member, canonical address), so a wrong value is refused before
 * any adapter call, naming the attribute.
 * @throws AttributeValueError naming the SAI attribute (name and id) and the value.
 */
export function toSaiValue(meta: AttrMeta, value: unknown): SaiValue {
  if (meta.enumDef) {
    const n = typeof value === 'string' ? meta.enumDef.values[value] : undefined;
    if (n === undefined) {
      const names = Object.keys(meta.enumDef.values);
      const some = names.length > 8 ? `${names.slice(0, 8).join(', ')}, ...` : names.join(', ');
      throw new AttributeValueError(meta, value, `not a value of ${meta.enumDef.cName} (${some})`);
    }
    return n;
  }
  if (!valueFitsKind(meta.kind, value as SaiValue)) {
    throw new AttributeValueError(meta, value, `expected ${expectedValue(meta.kind)}`);
  }
  return value as SaiValue;
}

/** Converts an adapter-level value to its store-level form (int32 -> enum name). */
export function fromSaiValue(meta: AttrMeta, value: SaiValue): unknown {
  if (meta.enumDef) {
    const name = meta.enumDef.names.get(value as number);
    return name ?? value;
  }
  return value;
}

/**
 * A store-level attribute value the traits refuse: it does not fit the attribute's kind or range,
 * or names no value of its enum. Fields: `attr` (its metadata: SAI name, id, property name),
 * `value`, `reason`. Nothing reached the adapter.
 */
export class AttributeValueError extends Error {
  readonly kind = 'AttributeValueError' as const;
  constructor(
    readonly attr: AttrMeta,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`${attr.saiName} (${attr.name}, id ${attr.id}): ${formatValue(value)}: ${reason}`);
    this.name = 'AttributeValueError';
  }
}
