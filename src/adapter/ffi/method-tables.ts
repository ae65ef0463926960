/**
 * SAI method tables (`sai_<api>_api_t`): `sai_api_query` answers a pointer to a struct of function
 * pointers; the adapter reads only the slots it uses, by index (SAI-ABI.md, "Method tables").
 *
 * Tables only grow by appending, but a libsai built against an older SAI has a shorter table: a
 * slot is read only when the libsai's `sai_query_api_version` is at least the version that added
 * it. The versions below come from the OCP SAI history (inc/sai<api>.h at each release tag):
 *
 * | slots | since |
 * |---|---|
 * | create / remove / set / get of every type used; group members 4..7 of vlan, lag, next hop group | 1.0.0 |
 * | route bulk create / remove / set / get (4, 5, 6, 7) | 1.2.0 |
 * | next hop group member bulk create / remove (8, 9; 1.0 had a different mode argument) | 1.2.0 |
 * | bridge port create / remove / set / get (7..10; at 4..7 in 1.0, 6..9 in 1.2) | 1.3.0 |
 * | neighbor bulk create / remove / set / get (5, 6, 7, 8) | 1.11.0 |
 * | next hop group member bulk set (14; 1.10 had get and set in the other order) | 1.11.0 |
 *
 * A libsai without `sai_query_api_version` (older than 1.10) is taken as 1.0.0: base slots only.
 * A NULL slot counts as absent. Calls of an absent function answer NOT_IMPLEMENTED.
 */
import koffi, { type TypeObject } from 'koffi';
import type { SaiObjectType } from '../../sai/object-type.js';
import { SaiStatus } from '../../sai/status.js';
import { POINTER_SIZE, SaiApi, saiVersion, type SaiApiName } from './abi.js';
import type { SaiLibrary } from './library.js';
import type { NativeBuffer } from './native-memory.js';
import { saiProtos } from './protos.js';

/** `create(out *, switch_id, n, attrs)`. */
export type CreateOidFn = (out: bigint, switchId: bigint, n: number, attrs: bigint) => number;
/** `create_switch(out *, n, attrs)` and entry create `(entry *, n, attrs)`. */
export type CreatePtrFn = (p: bigint, n: number, attrs: bigint) => number;
/** `remove(oid)` or `remove(entry *)`. */
export type RemoveFn = (key: bigint) => number;
/** `set(oid or entry *, attr *)`. */
export type SetFn = (key: bigint, attr: bigint) => number;
/** `get(oid or entry *, n, attrs *)`. */
export type GetFn = (key: bigint, n: number, attrs: bigint) => number;
/** Bulk entry create. */
export type BulkCreateEntryFn = (
  n: number,
  entries: bigint,
  counts: bigint,
  lists: bigint,
  mode: number,
  statuses: bigint,
) => number;
/** Bulk oid create. */
export type BulkCreateOidFn = (
  switchId: bigint,
  n: number,
  counts: bigint,
  lists: bigint,
  mode: number,
  ids: bigint,
  statuses: bigint,
) => number;
/** Bulk entry get `(n, entries, const uint32_t *attr_count, sai_attribute_t **attr_list, mode, statuses)`. */
export type BulkGetEntryFn = (
  n: number,
  entries: bigint,
  counts: bigint,
  lists: bigint,
  mode: number,
  statuses: bigint,
) => number;
/** Bulk remove (entries or oids). */
export type BulkRemoveFn = (n: number, keys: bigint, mode: number, statuses: bigint) => number;
/** Bulk set, one attribute per entry. */
export type BulkSetFn = (n: number, keys: bigint, attrs: bigint, mode: number, statuses: bigint) => number;

/** The functions of one object type the libsai provides (undefined = not provided). */
export interface ObjectOps {
  readonly objectType: SaiObjectType;
  readonly api: SaiApiName;
  /** True for the entry-keyed types (their functions take an entry pointer). */
  readonly isEntry: boolean;
  readonly createOid?: CreateOidFn;
  /** `create_switch` or an entry create. */
  readonly createPtr?: CreatePtrFn;
  readonly remove?: RemoveFn;
  readonly set?: SetFn;
  readonly get?: GetFn;
  readonly bulkCreateEntry?: BulkCreateEntryFn;
  readonly bulkCreateOid?: BulkCreateOidFn;
  readonly bulkRemove?: BulkRemoveFn;
  readonly bulkSet?: BulkSetFn;
  /** Bulk get of entries (routes, neighbors). */
  readonly bulkGetEntry?: BulkGetEntryFn;
}

interface Slot {
  readonly slot: number;
  readonly since: number;
}

interface TypeSlots {
  readonly api: SaiApiName;
  /** First of the four create / remove / set / get slots. */
  readonly crud: number;
  readonly crudSince?: number;
  readonly bulkCreate?: Slot;
  readonly bulkRemove?: Slot;
  readonly bulkSet?: Slot;
  readonly bulkGet?: Slot;
}

const V1_0 = saiVersion(1, 0, 0);

/** Slots per object type. */
export const TYPE_SLOTS: Readonly<Record<SaiObjectType, TypeSlots>> = {
  SWITCH: { api: 'SWITCH', crud: 0 },
  PORT: { api: 'PORT', crud: 0 },
  LAG: { api: 'LAG', crud: 0 },
  LAG_MEMBER: { api: 'LAG', crud: 4 },
  VIRTUAL_ROUTER: { api: 'VIRTUAL_ROUTER', crud: 0 },
  BRIDGE: { api: 'BRIDGE', crud: 0 },
  BRIDGE_PORT: { api: 'BRIDGE', crud: 7, crudSince: saiVersion(1, 3, 0) },
  VLAN: { api: 'VLAN', crud: 0 },
  VLAN_MEMBER: { api: 'VLAN', crud: 4 },
  ROUTER_INTERFACE: { api: 'ROUTER_INTERFACE', crud: 0 },
  NEXT_HOP: { api: 'NEXT_HOP', crud: 0 },
  NEXT_HOP_GROUP: { api: 'NEXT_HOP_GROUP', crud: 0 },
  NEXT_HOP_GROUP_MEMBER: {
    api: 'NEXT_HOP_GROUP',
    crud: 4,
    bulkCreate: { slot: 8, since: saiVersion(1, 2, 0) },
    bulkRemove: { slot: 9, since: saiVersion(1, 2, 0) },
    bulkSet: { slot: 14, since: saiVersion(1, 11, 0) },
  },
  NEIGHBOR_ENTRY: {
    api: 'NEIGHBOR',
    crud: 0,
    bulkCreate: { slot: 5, since: saiVersion(1, 11, 0) },
    bulkRemove: { slot: 6, since: saiVersion(1, 11, 0) },
    bulkSet: { slot: 7, since: saiVersion(1, 11, 0) },
    bulkGet: { slot: 8, since: saiVersion(1, 11, 0) },
  },
  ROUTE_ENTRY: {
    api: 'ROUTE',
    crud: 0,
    bulkCreate: { slot: 4, since: saiVersion(1, 2, 0) },
    bulkRemove: { slot: 5, since: saiVersion(1, 2, 0) },
    bulkSet: { slot: 6, since: saiVersion(1, 2, 0) },
    bulkGet: { slot: 7, since: saiVersion(1, 2, 0) },
  },
  FDB_ENTRY: { api: 'FDB', crud: 0 },
};

const ENTRY_TYPES: ReadonlySet<SaiObjectType> = new Set(['ROUTE_ENTRY', 'NEIGHBOR_ENTRY', 'FDB_ENTRY']);

/** Result of querying one API: its table address, or the status `sai_api_query` answered. */
export interface ApiQueryResult {
  readonly api: SaiApiName;
  readonly status: number;
  readonly table: bigint;
}

/**
 * Queries each API the adapter uses (`sai_api_query`) and binds the slots every object type needs.
 * `scratch` is 8 bytes of native memory for the out pointer.
 */
export function bindMethodTables(
  lib: SaiLibrary,
  version: number,
  scratch: NativeBuffer,
): { ops: Map<SaiObjectType, ObjectOps>; apis: Map<SaiApiName, ApiQueryResult> } {
  const p = saiProtos();
  const apis = new Map<SaiApiName, ApiQueryResult>();
  for (const name of Object.keys(SaiApi) as SaiApiName[]) {
    scratch.view.setBigUint64(0, 0n, true);
    const status = lib.apiQuery(SaiApi[name], scratch.address);
    const table = status === 0 ? scratch.view.getBigUint64(0, true) : 0n;
    apis.set(name, { api: name, status, table });
  }
  const readSlot = (table: bigint, slot: number): bigint => {
    const v = new DataView(koffi.view(table + BigInt(slot * POINTER_SIZE), POINTER_SIZE));
    return v.getBigUint64(0, true);
  };
  const bind = <F>(table: bigint, slot: number | undefined, since: number, proto: TypeObject): F | undefined => {
    if (table === 0n || slot === undefined || version < since) return undefined;
    const fn = readSlot(table, slot);
    return fn === 0n ? undefined : (koffi.decode(fn, proto) as unknown as F);
  };
  const ops = new Map<SaiObjectType, ObjectOps>();
  for (const [type, s] of Object.entries(TYPE_SLOTS) as [SaiObjectType, TypeSlots][]) {
    const table = apis.get(s.api)!.table;
    const since = s.crudSince ?? V1_0;
    const isEntry = ENTRY_TYPES.has(type);
    const usesPtrCreate = isEntry || type === 'SWITCH';
    ops.set(type, {
      objectType: type,
      api: s.api,
      isEntry,
      createOid: usesPtrCreate ? undefined : bind<CreateOidFn>(table, s.crud, since, p.create),
      createPtr: usesPtrCreate ? bind<CreatePtrFn>(table, s.crud, since, p.ptrCountPtr) : undefined,
      remove: bind<RemoveFn>(table, s.crud + 1, since, isEntry ? p.removeEntry : p.remove),
      set: bind<SetFn>(table, s.crud + 2, since, isEntry ? p.setEntry : p.set),
      get: bind<GetFn>(table, s.crud + 3, since, isEntry ? p.ptrCountPtr : p.get),
      bulkCreateEntry: isEntry
        ? bind<BulkCreateEntryFn>(table, s.bulkCreate?.slot, s.bulkCreate?.since ?? 0, p.bulkCreateEntry)
        : undefined,
      bulkCreateOid: isEntry
        ? undefined
        : bind<BulkCreateOidFn>(table, s.bulkCreate?.slot, s.bulkCreate?.since ?? 0, p.bulkCreateOid),
      bulkRemove: bind<BulkRemoveFn>(table, s.bulkRemove?.slot, s.bulkRemove?.since ?? 0, p.bulkRemove),
      bulkSet: bind<BulkSetFn>(table, s.bulkSet?.slot, s.bulkSet?.since ?? 0, p.bulkSet),
      bulkGetEntry: isEntry
        ? bind<BulkGetEntryFn>(table, s.bulkGet?.slot, s.bulkGet?.since ?? 0, p.bulkCreateEntry)
        : undefined,
    });
  }
  return { ops, apis };
}

/**
 * Asks the libsai whether the object at `key` exists, with a get of no attributes. Answers
 * INVALID_OBJECT_ID or ITEM_NOT_FOUND when the libsai says the object is missing, else undefined
 * (present, or the libsai does not answer empty gets). `scratch` is any valid attribute array.
 */
export function probeMissing(ops: ObjectOps, key: bigint, scratch: bigint): number | undefined {
  if (!ops.get) return undefined;
  const st = ops.get(key, 0, scratch);
  return st === SaiStatus.INVALID_OBJECT_ID || st === SaiStatus.ITEM_NOT_FOUND ? st : undefined;
}
