/**
 * Attribute declarations: one builder per SAI value kind (`attr.oid(ID)`, `attr.u32(ID)`,
 * `attr.ipPrefix(ID)`, ...) with chained flags (`.mandatory()`, `.createOnly()`, `.readOnly()`,
 * `.default(v)`, `.when(...)`). The TypeScript create / set / get types of an object type are
 * inferred from these declarations (see `infer.ts`); nothing is written twice.
 */
import type { SaiEnum } from '../sai/enum.js';
import type { SaiObjectType } from '../sai/object-type.js';
import type { SaiValueKind } from '../sai/value.js';

/**
 * SAI attribute flags: CREATE_AND_SET (settable), CREATE_ONLY (fixed at create: its set type is
 * `never`), READ_ONLY (neither created nor set).
 */
export type AttrMode = 'createAndSet' | 'createOnly' | 'readOnly';

/**
 * Whether a create must carry the attribute: `required` (MANDATORY_ON_CREATE), `conditional`
 * (MANDATORY_ON_CREATE under a condition on another attribute; optional in the TS type, checked by
 * the adapter), `optional`.
 */
export type AttrPresence = 'required' | 'conditional' | 'optional';

/**
 * Where an omitted attribute's value comes from (the SAI metadata default): `const` (a constant,
 * held in `defaultValue`), `empty` (an empty list), `attrvalue` / `vendor` / `internal` (decided by
 * the adapter), `none`.
 */
export type DefaultKind = 'const' | 'empty' | 'attrvalue' | 'vendor' | 'internal' | 'none';

/** A condition on another attribute of the same object: `attr` (property name) in `values` (enum names). */
export interface AttrCondition {
  readonly attr: string;
  readonly values: readonly string[];
}

/**
 * One declared attribute. `V` is its store-level value type, `M` its mode, `P` its presence.
 * Fields are plain data; the chained methods return new declarations.
 */
export class Attr<V, M extends AttrMode = 'createAndSet', P extends AttrPresence = 'optional'> {
  /** Phantom field carrying the value type for inference; never set at run time. */
  declare readonly __value: V;

  constructor(
    /** SAI attribute id (`SAI_<TYPE>_ATTR_<NAME>` value). */
    readonly id: number,
    /** Value kind (see `sai/value.ts`). */
    readonly kind: SaiValueKind,
    readonly mode: M,
    readonly presence: P,
    readonly defaultKind: DefaultKind,
    readonly defaultValue: V | undefined,
    /** The enum of an `enum` attribute. */
    readonly enumDef: SaiEnum | undefined,
    /** Object types an `oid` / `oidList` attribute may name. */
    readonly objects: readonly SaiObjectType[] | undefined,
    readonly condition: AttrCondition | undefined,
    /** SAI's KEY flag: the attribute makes the object unique (a duplicate is ITEM_ALREADY_EXISTS). */
    readonly isKey: boolean,
    /** The SAI name's suffix when it does not follow from the property name (`DEFAULT_1Q_BRIDGE_ID`). */
    readonly saiSuffix?: string,
  ) {}

  private with<M2 extends AttrMode, P2 extends AttrPresence>(
    patch: Partial<{
      mode: M2;
      presence: P2;
      defaultKind: DefaultKind;
      defaultValue: V;
      condition: AttrCondition;
      isKey: boolean;
      saiSuffix: string;
    }>,
  ): Attr<V, M2, P2> {
    return new Attr<V, M2, P2>(
      this.id,
      this.kind,
      (patch.mode ?? this.mode) as M2,
      (patch.presence ?? this.presence) as P2,
      patch.defaultKind ?? this.defaultKind,
      'defaultValue' in patch ? patch.defaultValue : this.defaultValue,
      this.enumDef,
      this.objects,
      patch.condition ?? this.condition,
      patch.isKey ?? this.isKey,
      patch.saiSuffix ?? this.saiSuffix,
    );
  }

  /** MANDATORY_ON_CREATE. */
  mandatory(): Attr<V, M, 'required'> {
    return this.with({ presence: 'required' });
  }
  /** CREATE_ONLY: cannot be set after create. */
  createOnly(): Attr<V, 'createOnly', P> {
    return this.with({ mode: 'createOnly' });
  }
  /** READ_ONLY: the adapter computes it; neither created nor set. */
  readOnly(): Attr<V, 'readOnly', 'optional'> {
    return this.with({ mode: 'readOnly', presence: 'optional' });
  }
  /** A constant SAI default (`const X` in SAI metadata). */
  default(value: V): Attr<V, M, P> {
    return this.with({ defaultKind: 'const', defaultValue: value });
  }
  /** An empty-list default. */
  defaultEmpty(): Attr<V, M, P> {
    return this.with({ defaultKind: 'empty', defaultValue: [] as unknown as V });
  }
  /** A default the adapter decides (`attrvalue`, `vendor` or `internal` in SAI metadata). */
  adapterDefault(kind: 'attrvalue' | 'vendor' | 'internal'): Attr<V, M, P> {
    return this.with({ defaultKind: kind });
  }
  /** Names the SAI attribute when its name does not follow from the property name. */
  saiName(suffix: string): Attr<V, M, P> {
    return this.with({ saiSuffix: suffix });
  }
  /** SAI's KEY flag. */
  key(): Attr<V, M, P> {
    return this.with({ isKey: true });
  }
  /**
   * Valid (and, when mandatory, required) only when attribute `attr` has one of `values`.
   * A mandatory conditional attribute is optional in the TypeScript create type.
   */
  when(attr: string, ...values: string[]): Attr<V, M, P extends 'required' ? 'conditional' : P> {
    const presence = (this.presence === 'required' ? 'conditional' : this.presence) as P extends 'required'
      ? 'conditional'
      : P;
    return this.with({ presence, condition: { attr, values } });
  }
}

/** Any attribute declaration. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAttr = Attr<any, AttrMode, AttrPresence>;

function make<V>(id: number, kind: SaiValueKind, extra?: { enumDef?: SaiEnum; objects?: readonly SaiObjectType[] }) {
  return new Attr<V, 'createAndSet', 'optional'>(
    id,
    kind,
    'createAndSet',
    'optional',
    'none',
    undefined,
    extra?.enumDef,
    extra?.objects,
    undefined,
    false,
  );
}

/** Attribute builders, one per SAI value kind. `id` is the SAI attribute id. */
export const attr = {
  bool: (id: number) => make<boolean>(id, 'bool'),
  u8: (id: number) => make<number>(id, 'u8'),
  u16: (id: number) => make<number>(id, 'u16'),
  u32: (id: number) => make<number>(id, 'u32'),
  i32: (id: number) => make<number>(id, 'i32'),
  u64: (id: number) => make<bigint>(id, 'u64'),
  /** An object id naming one of `objects` (0n is SAI_NULL_OBJECT_ID). */
  oid: (id: number, objects: readonly SaiObjectType[]) => make<bigint>(id, 'oid', { objects }),
  /** An enum attribute: its value is the enum's short name. */
  enum: <N extends string>(id: number, enumDef: SaiEnum<N>) => make<N>(id, 'enum', { enumDef }),
  mac: (id: number) => make<string>(id, 'mac'),
  ipAddress: (id: number) => make<string>(id, 'ipAddress'),
  ipPrefix: (id: number) => make<string>(id, 'ipPrefix'),
  chardata: (id: number) => make<string>(id, 'chardata'),
  oidList: (id: number, objects: readonly SaiObjectType[]) => make<readonly bigint[]>(id, 'oidList', { objects }),
  u32List: (id: number) => make<readonly number[]>(id, 'u32List'),
  i32List: (id: number) => make<readonly number[]>(id, 'i32List'),
  /** An INT8_LIST (bytes as -128..127), e.g. SAI_SWITCH_ATTR_SWITCH_HARDWARE_INFO. */
  i8List: (id: number) => make<readonly number[]>(id, 'i8List'),
};
