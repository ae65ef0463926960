/**
 * `SaiAdapter`: what executes SAI calls. Implemented by `FakeSaiAdapter` (in memory) and the FFI
 * adapter (koffi -> libsai.so). Calls are synchronous, as SAI's are. The adapter knows nothing of
 * the store: it speaks AdapterKeys, SAI attribute ids and adapter-level values (`sai/value.ts`).
 *
 * Every method throws `SaiStatusError` on a non-success status, except the bulk calls, which
 * return one status per entry (SAI's own contract) and leave the decision to the caller.
 */
import type { AdapterKey, EntryKey } from '../sai/entry.js';
import type { SaiObjectType } from '../sai/object-type.js';
import type { ReadValue, SaiAttribute } from '../sai/value.js';

/** `sai_bulk_op_error_mode_t`: STOP_ON_ERROR (0) or IGNORE_ERROR (1). */
export type BulkErrorMode = 'stopOnError' | 'ignoreError';

/** One create in a bulk call: the entry (entry-keyed types) and the attributes. */
export interface BulkCreateEntry {
  readonly key?: EntryKey;
  readonly attrs: readonly SaiAttribute[];
}

/** Result of a bulk create: per-entry statuses (0 = SUCCESS, NOT_EXECUTED after a stop), and the new ids (0n for entries or failures). */
export interface BulkCreateResult {
  readonly statuses: Int32Array;
  readonly ids: readonly bigint[];
}

/**
 * Result of a bulk get: per-entry statuses (0 = SUCCESS; otherwise what a single `get` of that
 * entry would throw: ITEM_NOT_FOUND / INVALID_OBJECT_ID for a missing object, UNKNOWN_ATTRIBUTE + i,
 * ...), and per entry the values as `get` answers them (`undefined` for an attribute without a
 * value, `NOT_READ` for one the adapter could not read); an empty array for a failed entry.
 */
export interface BulkGetResult {
  readonly statuses: Int32Array;
  readonly values: ReadValue[][];
}

/** The switch's default objects, as read from its attributes. */
export interface SwitchDefaults {
  /** SAI_SWITCH_ATTR_DEFAULT_VIRTUAL_ROUTER_ID (39). */
  readonly defaultVirtualRouterId: bigint;
  /** SAI_SWITCH_ATTR_CPU_PORT (4). */
  readonly cpuPort: bigint;
  /** SAI_SWITCH_ATTR_PORT_LIST (2): front-panel ports made at switch init. */
  readonly portList: readonly bigint[];
  /** SAI_SWITCH_ATTR_DEFAULT_1Q_BRIDGE_ID (41). */
  readonly default1qBridgeId: bigint;
}

/** Calls and objects counted per object type. */
export interface CallCounters {
  create: number;
  remove: number;
  set: number;
  get: number;
}

/** The interface every adapter implements. */
export interface SaiAdapter {
  /** `'fake'`, `'ffi'`, ... for reports. */
  readonly name: string;
  /** The switch object id (`create_switch`'s result). */
  readonly switchId: bigint;
  /** The libsai this adapter drives (its path, for error messages), when it is one. */
  readonly library?: string;

  /**
   * Creates one object. Returns its object id, or 0n for an entry-keyed type (then `key` is required).
   * @throws SaiStatusError (MANDATORY_ATTRIBUTE_MISSING, INVALID_ATTRIBUTE / UNKNOWN_ATTRIBUTE /
   *   INVALID_ATTR_VALUE with the attribute index, INVALID_OBJECT_ID, ITEM_ALREADY_EXISTS, ...).
   */
  create(objectType: SaiObjectType, key: EntryKey | undefined, attrs: readonly SaiAttribute[]): bigint;
  /** Removes one object. @throws SaiStatusError (OBJECT_IN_USE, ITEM_NOT_FOUND, INVALID_OBJECT_ID). */
  remove(objectType: SaiObjectType, key: AdapterKey): void;
  /** Sets one attribute. @throws SaiStatusError. */
  set(objectType: SaiObjectType, key: AdapterKey, attr: SaiAttribute): void;
  /**
   * Reads attributes by id; returns their values in the same order: `undefined` for an attribute
   * that has no value (not set, no constant default), `NOT_READ` for one the adapter could not read
   * (a libsai that answers NOT_IMPLEMENTED, NOT_SUPPORTED, INVALID_ATTRIBUTE or ATTR_NOT_SUPPORTED for
   * it, or for a get that names it: the FFI adapter's get protocol finds which attribute it was, see
   * `ffi/get-protocol.ts`). The fake never answers `NOT_READ`.
   * @throws SaiStatusError for a missing object (INVALID_OBJECT_ID / ITEM_NOT_FOUND), an attribute the
   *   adapter does not model (UNKNOWN_ATTRIBUTE + i), a shut-down adapter, or another failure.
   */
  get(objectType: SaiObjectType, key: AdapterKey, attrIds: readonly number[]): ReadValue[];

  /** True when the adapter has bulk create / remove / set for this type. */
  supportsBulk(objectType: SaiObjectType): boolean;
  /** Bulk create (`create_route_entries`, `create_next_hop_group_members`, ...). Never throws for a per-entry failure. */
  bulkCreate(objectType: SaiObjectType, entries: readonly BulkCreateEntry[], mode: BulkErrorMode): BulkCreateResult;
  /** Bulk remove; per-entry statuses. */
  bulkRemove(objectType: SaiObjectType, keys: readonly AdapterKey[], mode: BulkErrorMode): Int32Array;
  /** Bulk set, one attribute per entry; per-entry statuses. */
  bulkSet(
    objectType: SaiObjectType,
    keys: readonly AdapterKey[],
    attrs: readonly SaiAttribute[],
    mode: BulkErrorMode,
  ): Int32Array;

  /**
   * Optional bulk get (`get_route_entries_attribute`, `get_neighbor_entries_attribute`): reads the
   * same `attrIds` of every key. Every entry is tried (IGNORE_ERROR semantics); entry i answers
   * `statuses[i]` and `values[i]` as a single `get(objectType, keys[i], attrIds)` would (see
   * `BulkGetResult`), and counts as one get when it succeeds. Adapters without a native bulk get
   * for a type answer it with single gets. Never throws for a per-entry failure.
   * @throws SaiStatusError for the call as a whole (a shut-down adapter, an unknown type).
   */
  bulkGet?(objectType: SaiObjectType, keys: readonly AdapterKey[], attrIds: readonly number[]): BulkGetResult;

  /** `sai_object_type_query`: the type of an object id, or undefined for an invalid id. */
  objectTypeQuery(oid: bigint): SaiObjectType | undefined;
  /**
   * `sai_get_object_key`: every live object of a type. @throws SaiStatusError NOT_IMPLEMENTED where
   * the adapter cannot enumerate (reload then uses the saved adapter keys).
   */
  getObjectKeys(objectType: SaiObjectType): AdapterKey[];
  /** The switch's default objects, read through switch attributes. */
  switchDefaults(): SwitchDefaults;
  /**
   * Switch shutdown. `warm`: by SAI's warm restart protocol (RESTART_WARM = true, then
   * `remove_switch`, which makes the adapter write SAI_WARM_BOOT_WRITE_FILE); every object stays
   * in the ASIC. Cold: the switch and its objects go. The adapter is unusable afterwards.
   */
  shutdown(options: { warm: boolean }): void;
}
