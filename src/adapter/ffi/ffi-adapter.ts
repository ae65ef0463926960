/**
 * `FfiSaiAdapter`: the `SaiAdapter` over a real libsai, loaded by path with koffi, speaking only
 * the SAI C ABI (SAI-ABI.md): no private symbols of any particular libsai.
 *
 * Start (`new FfiSaiAdapter(options)` or `FfiSaiAdapter.open(options)`):
 * 1. load the library; serve the profile through `sai_service_method_table_t` (registered koffi
 *    callbacks; `SAI_BOOT_TYPE` comes from `bootType`: cold "0", warm "1");
 * 2. `sai_api_initialize(0, &services)`; `sai_query_api_version` (absent: taken as 1.0.0);
 * 3. `sai_api_query` for every API used, binding the method-table slots the version has;
 * 4. `create_switch` with INIT_SWITCH (116) = true. A warm boot (profile `SAI_BOOT_TYPE=1` and
 *    `SAI_WARM_BOOT_READ_FILE`) answers the same switch id, and every object keeps its id.
 *
 * Stop: `shutdown({ warm: true })` sets PRE_SHUTDOWN (157) then RESTART_WARM (71) = true on the
 * switch and calls `remove_switch` (the libsai writes `SAI_WARM_BOOT_WRITE_FILE`);
 * `shutdown({ warm: false })` removes the switch cold. Both end with `sai_api_uninitialize`.
 *
 * Calls marshal into preallocated native memory (`AttrBlock`, `BulkMarshaller`): attribute values
 * are written with DataView at the ABI's offsets, object ids stay bigint, IPv4 is in network byte
 * order. Every non-success status throws `SaiStatusError` (the attribute index decoded), except
 * the bulk calls, which answer one status per entry. What the libsai answers is checked before it
 * is used (pointers it writes are never followed, counts are bounded), so a misbehaving libsai
 * surfaces as an error, not a crash. Statuses match `FakeSaiAdapter` for the same calls where the
 * libsai follows the fake's contract; values the binding cannot encode get the fake's status
 * without reaching the libsai.
 *
 * SAI is a process-wide singleton: one adapter per library file may be open at a time.
 */
import { realpathSync } from 'node:fs';
import type {
  BulkCreateEntry,
  BulkCreateResult,
  BulkErrorMode,
  BulkGetResult,
  SaiAdapter,
  SwitchDefaults,
} from '../adapter.js';
import type { AdapterKey, EntryKey } from '../../sai/entry.js';
import { isSaiStatusError, SaiStatusError, type SaiOperation } from '../../sai/errors.js';
import { objectTypeFromId, type SaiObjectType } from '../../sai/object-type.js';
import { attrStatus, decodeStatus, SaiStatus } from '../../sai/status.js';
import type { SaiAttribute, SaiValue, SaiValueKind } from '../../sai/value.js';
import type { SaiTraits } from '../../traits/define.js';
import { ALL_TRAITS } from '../../traits/index.js';
import { formatSaiVersion, saiVersion, SwitchAttr } from './abi.js';
import { AttrBlock, listBytesOf } from './attr-block.js';
import { BulkMarshaller, type BulkContext } from './bulk.js';
import { CountingAdapter } from '../instrumentation.js';
import { pushAttrs } from './encode-attrs.js';
import { ENTRY_SIZE, encodeEntry } from './entry-codec.js';
import { loadSaiLibrary, type SaiLibrary } from './library.js';
import { bindMethodTables, probeMissing, type ApiQueryResult, type ObjectOps } from './method-tables.js';
import { NativeBuffer } from './native-memory.js';
import { readObjectKeys } from './object-keys.js';
import { ProfileServices } from './profile-services.js';
import { readAttributes } from './read-attrs.js';

/** Options of `FfiSaiAdapter`. */
export interface FfiSaiAdapterOptions {
  /** Path of the libsai shared object (e.g. `native/build/libsaivs.so`). */
  readonly libPath: string;
  /**
   * Profile key -> value served to the libsai (`SAI_WARM_BOOT_READ_FILE`, `SAI_WARM_BOOT_WRITE_FILE`,
   * vendor keys such as `SAI_VS_PORT_COUNT`). `SAI_BOOT_TYPE` is set from `bootType`.
   */
  readonly profile?: Readonly<Record<string, string>>;
  /** Cold ("0") or warm ("1") boot; default cold. */
  readonly bootType?: 'cold' | 'warm';
  /** Entries per libsai bulk call (default 32768). */
  readonly bulkChunkSize?: number;
  /** Attributes given to `create_switch` besides INIT_SWITCH = true. */
  readonly switchAttributes?: readonly SaiAttribute[];
}

/** Options of `shutdown`. */
export interface FfiShutdownOptions {
  /** Warm: PRE_SHUTDOWN, RESTART_WARM = true, then `remove_switch` writes the warm-boot file. */
  readonly warm: boolean;
}

/** Statuses of an optional attribute a libsai does not have. */
const NOT_THERE = new Set<string>([
  'NOT_SUPPORTED',
  'NOT_IMPLEMENTED',
  'ATTR_NOT_SUPPORTED',
  'ATTR_NOT_IMPLEMENTED',
  'UNKNOWN_ATTRIBUTE',
]);

/** Library files with an open adapter in this process (SAI keeps global state). */
const openLibraries = new Set<string>();

function libraryKey(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function traitsOf(type: SaiObjectType): SaiTraits | undefined {
  return (ALL_TRAITS as unknown as Record<string, SaiTraits | undefined>)[type];
}

/** A libsai behind koffi, as a `SaiAdapter`. */
export class FfiSaiAdapter extends CountingAdapter implements SaiAdapter {
  readonly name = 'ffi';
  /** The switch object id `create_switch` answered. */
  readonly switchId: bigint;
  /** The library path given. */
  readonly libPath: string;
  readonly bootType: 'cold' | 'warm';
  /** `sai_query_api_version` (10000 * major + 100 * minor + revision); 1.0.0 when not exported. */
  readonly apiVersion: number;
  /** What `sai_api_query` answered per API. */
  readonly apis: ReadonlyMap<string, ApiQueryResult>;
  /** Profile keys the libsai asked for through `profile_get_value`, in order. */
  get profileLookups(): readonly string[] {
    return this.services.lookups;
  }

  private readonly lib: SaiLibrary;
  private readonly services: ProfileServices;
  private readonly ops: Map<SaiObjectType, ObjectOps>;
  private readonly scratch = new NativeBuffer(64);
  private readonly entry = new NativeBuffer(64);
  private readonly keyList = new NativeBuffer(4096);
  private readonly block = new AttrBlock();
  private readonly bulk: BulkMarshaller;
  private readonly registryKey: string;
  private open = false;
  /** RESTART_WARM was set by a warm shutdown attempt that did not complete. */
  private restartWarmSet = false;

  /** Loads, initializes and creates the switch. @throws SaiStatusError, SaiLibraryError. */
  static open(options: FfiSaiAdapterOptions): FfiSaiAdapter {
    return new FfiSaiAdapter(options);
  }

  /** Loads, initializes and creates the switch (see the class comment). @throws SaiStatusError, SaiLibraryError. */
  constructor(options: FfiSaiAdapterOptions) {
    super();
    this.libPath = options.libPath;
    this.bootType = options.bootType ?? 'cold';
    this.bulk = new BulkMarshaller(Math.max(1, options.bulkChunkSize ?? 32768));
    this.registryKey = libraryKey(options.libPath);
    if (openLibraries.has(this.registryKey)) {
      this.release();
      throw new Error(
        `${options.libPath}: an FfiSaiAdapter is already open on this library (SAI is per process); shut it down first`,
      );
    }
    const profile = { ...(options.profile ?? {}), SAI_BOOT_TYPE: this.bootType === 'warm' ? '1' : '0' };
    let initialized: SaiLibrary | undefined;
    try {
      this.lib = loadSaiLibrary(options.libPath);
      openLibraries.add(this.registryKey);
      this.services = new ProfileServices(profile);
      const st = this.lib.apiInitialize(0n, this.services.tableAddress);
      if (st !== 0) throw new SaiStatusError('initialize', 'SWITCH', undefined, st, 'sai_api_initialize');
      initialized = this.lib;
      this.apiVersion = this.queryVersion();
      const bound = bindMethodTables(this.lib, this.apiVersion, this.scratch);
      this.ops = bound.ops;
      this.apis = bound.apis;
      const sw = this.ops.get('SWITCH')!;
      if (!sw.createPtr) {
        throw new SaiStatusError(
          'initialize',
          'SWITCH',
          undefined,
          bound.apis.get('SWITCH')!.status || SaiStatus.NOT_IMPLEMENTED,
          'no switch API',
        );
      }
      this.switchId = this.createSwitch(sw, options.switchAttributes ?? []);
      this.open = true;
    } catch (e) {
      initialized?.apiUninitialize();
      // Native memory and callbacks are released whatever step failed.
      this.release();
      throw e;
    }
  }

  private queryVersion(): number {
    if (!this.lib.queryApiVersion) return saiVersion(1, 0, 0);
    this.scratch.view.setBigUint64(0, 0n, true);
    const st = this.lib.queryApiVersion(this.scratch.address);
    if (st !== 0) return saiVersion(1, 0, 0);
    const v = this.scratch.view.getBigUint64(0, true);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? saiVersion(1, 0, 0) : Number(v);
  }

  private createSwitch(sw: ObjectOps, extra: readonly SaiAttribute[]): bigint {
    const attrs: SaiAttribute[] = [{ id: SwitchAttr.INIT_SWITCH, value: true }, ...extra];
    this.block.begin(attrs.length, listBytesOf(attrs));
    let st = pushAttrs(this.block, traitsOf('SWITCH'), attrs);
    if (st === 0) {
      this.scratch.view.setBigUint64(0, 0n, true);
      st = sw.createPtr!(this.scratch.address, attrs.length, this.block.attrs.address);
    }
    if (st !== 0) throw new SaiStatusError('initialize', 'SWITCH', undefined, st, 'create_switch');
    const id = this.scratch.view.getBigUint64(0, true);
    if (id === 0n)
      throw new SaiStatusError(
        'initialize',
        'SWITCH',
        undefined,
        SaiStatus.FAILURE,
        'create_switch answered SAI_NULL_OBJECT_ID',
      );
    return id;
  }

  /** The API version as `major.minor.revision`. */
  get apiVersionText(): string {
    return formatSaiVersion(this.apiVersion);
  }

  /** True until `shutdown`. */
  get isOpen(): boolean {
    return this.open;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private fail(op: SaiOperation, type: SaiObjectType, key: unknown, status: number, detail?: string): never {
    throw new SaiStatusError(op, type, key, status, detail);
  }

  private opsOf(op: SaiOperation, type: SaiObjectType, key: unknown): ObjectOps {
    if (!this.open) this.fail(op, type, key, SaiStatus.UNINITIALIZED, 'adapter is shut down');
    const ops = this.ops.get(type);
    if (!ops) this.fail(op, type, key, SaiStatus.INVALID_OBJECT_TYPE);
    return ops!;
  }

  private absent(op: SaiOperation, ops: ObjectOps, key: unknown, fn: string): never {
    const q = this.apis.get(ops.api);
    const why =
      q && q.status !== 0
        ? `sai_api_query(${ops.api}) answered ${decodeStatus(q.status).name}`
        : `no ${fn} in the ${ops.api} API`;
    return this.fail(op, ops.objectType, key, SaiStatus.NOT_IMPLEMENTED, why);
  }

  /** Writes the entry key into `this.entry`, or answers the status the fake gives a bad key. */
  private entryKeyStatus(type: SaiObjectType, key: AdapterKey | undefined, forCreate: boolean): number {
    this.entry.ensure(ENTRY_SIZE[type] ?? 64);
    if (encodeEntry(type, this.entry.view, 0, key as EntryKey | undefined)) return 0;
    return forCreate ? SaiStatus.INVALID_PARAMETER : SaiStatus.ITEM_NOT_FOUND;
  }

  /** The key argument of a remove / set / get: the entry's address or the object id. */
  private keyArg(op: SaiOperation, ops: ObjectOps, key: AdapterKey): bigint {
    if (ops.isEntry) {
      const st = this.entryKeyStatus(ops.objectType, key, false);
      if (st !== 0) this.fail(op, ops.objectType, key, st);
      return this.entry.address;
    }
    if (typeof key !== 'bigint' || key < 0n || key >= 1n << 64n)
      this.fail(op, ops.objectType, key, SaiStatus.INVALID_OBJECT_ID);
    return key as bigint;
  }

  // ---- create / remove / set / get -------------------------------------------------------------

  create(objectType: SaiObjectType, key: EntryKey | undefined, attrs: readonly SaiAttribute[]): bigint {
    const ops = this.opsOf('create', objectType, key);
    if (objectType === 'SWITCH')
      this.fail('create', objectType, key, SaiStatus.NOT_SUPPORTED, 'the switch is created at start');
    this.block.begin(attrs.length, listBytesOf(attrs));
    let st = pushAttrs(this.block, traitsOf(objectType), attrs);
    if (st !== 0) this.fail('create', objectType, key, st);
    let id = 0n;
    if (ops.isEntry) {
      st = this.entryKeyStatus(objectType, key, true);
      if (st !== 0) this.fail('create', objectType, key, st);
      if (!ops.createPtr) this.absent('create', ops, key, 'create');
      st = ops.createPtr(this.entry.address, attrs.length, this.block.attrs.address);
    } else {
      if (!ops.createOid) this.absent('create', ops, key, 'create');
      this.scratch.view.setBigUint64(0, 0n, true);
      st = ops.createOid(this.scratch.address, this.switchId, attrs.length, this.block.attrs.address);
      if (st === 0) {
        id = this.scratch.view.getBigUint64(0, true);
        if (id === 0n)
          this.fail('create', objectType, key, SaiStatus.FAILURE, 'libsai answered SUCCESS with SAI_NULL_OBJECT_ID');
      }
    }
    if (st !== 0) this.fail('create', objectType, key, st);
    this.counters.add(objectType, 'create');
    return id;
  }

  remove(objectType: SaiObjectType, key: AdapterKey): void {
    const ops = this.opsOf('remove', objectType, key);
    // remove_switch belongs to shutdown; the fake refuses to remove the switch as well.
    if (objectType === 'SWITCH') this.fail('remove', objectType, key, SaiStatus.INVALID_PARAMETER, 'use shutdown()');
    const arg = this.keyArg('remove', ops, key);
    if (!ops.remove) this.absent('remove', ops, key, 'remove');
    const st = ops.remove(arg);
    if (st !== 0) this.fail('remove', objectType, key, st);
    this.counters.add(objectType, 'remove');
  }

  set(objectType: SaiObjectType, key: AdapterKey, attr: SaiAttribute): void {
    const st = this.setRaw('set', objectType, key, attr);
    if (st !== 0) this.fail('set', objectType, key, st);
    this.counters.add(objectType, 'set');
  }

  /** One set; answers the status (throws only for a closed adapter or an absent function). */
  private setRaw(op: SaiOperation, objectType: SaiObjectType, key: AdapterKey, attr: SaiAttribute): number {
    const ops = this.opsOf(op, objectType, key);
    const arg = this.keyArg(op, ops, key);
    if (!ops.set) this.absent(op, ops, key, 'set');
    const one = [attr];
    this.block.begin(1, attr && Array.isArray(attr.value) ? listBytesOf(one) : 0);
    const st = attr === undefined ? SaiStatus.INVALID_PARAMETER : pushAttrs(this.block, traitsOf(objectType), one);
    // The fake looks the object up before it judges the value: so does this, on the error path only.
    if (st !== 0) return probeMissing(ops, arg, this.block.attrs.address) ?? st;
    return ops.set(arg, this.block.attrs.address);
  }

  get(objectType: SaiObjectType, key: AdapterKey, attrIds: readonly number[]): (SaiValue | undefined)[] {
    const out = this.getRaw('get', objectType, key, attrIds);
    this.counters.add(objectType, 'get');
    return out;
  }

  /** One get (see `read-attrs.ts`), not counted. */
  private getRaw(
    op: SaiOperation,
    objectType: SaiObjectType,
    key: AdapterKey,
    attrIds: readonly number[],
  ): (SaiValue | undefined)[] {
    const ops = this.opsOf(op, objectType, key);
    const traits = traitsOf(objectType);
    const kinds: SaiValueKind[] = new Array<SaiValueKind>(attrIds.length);
    for (let i = 0; i < attrIds.length; i++) {
      const kind = typeof attrIds[i] === 'number' ? traits?.attrById.get(attrIds[i])?.kind : undefined;
      // An attribute the traits do not model cannot be decoded: refuse it as the fake does.
      if (kind === undefined) this.fail(op, objectType, key, attrStatus('UNKNOWN_ATTRIBUTE', i));
      kinds[i] = kind;
    }
    const arg = this.keyArg(op, ops, key);
    if (!ops.get) this.absent(op, ops, key, 'get');
    const r = readAttributes(ops.get, arg, this.block, attrIds, kinds);
    if (!r.ok) this.fail(op, objectType, key, r.status, r.detail);
    return r.values;
  }

  // ---- bulk ----------------------------------------------------------------------------------

  supportsBulk(objectType: SaiObjectType): boolean {
    if (!this.open) return false;
    const ops = this.ops.get(objectType);
    if (!ops) return false;
    const create = ops.isEntry ? ops.bulkCreateEntry : ops.bulkCreateOid;
    return create !== undefined && ops.bulkRemove !== undefined && ops.bulkSet !== undefined;
  }

  bulkCreate(objectType: SaiObjectType, entries: readonly BulkCreateEntry[], mode: BulkErrorMode): BulkCreateResult {
    const ops = this.opsOf('bulkCreate', objectType, undefined);
    if (!(ops.isEntry ? ops.bulkCreateEntry : ops.bulkCreateOid))
      this.absent('bulkCreate', ops, undefined, 'bulk create');
    return this.bulk.create(this.bulkContext(), ops, traitsOf(objectType)!, entries, mode);
  }

  bulkRemove(objectType: SaiObjectType, keys: readonly AdapterKey[], mode: BulkErrorMode): Int32Array {
    const ops = this.opsOf('bulkRemove', objectType, undefined);
    if (!ops.bulkRemove) this.absent('bulkRemove', ops, undefined, 'bulk remove');
    return this.bulk.remove(this.bulkContext(), ops, keys, mode);
  }

  bulkSet(
    objectType: SaiObjectType,
    keys: readonly AdapterKey[],
    attrs: readonly SaiAttribute[],
    mode: BulkErrorMode,
  ): Int32Array {
    const ops = this.opsOf('bulkSet', objectType, undefined);
    if (!ops.bulkSet) this.absent('bulkSet', ops, undefined, 'bulk set');
    if (attrs.length !== keys.length)
      this.fail('bulkSet', objectType, undefined, SaiStatus.INVALID_PARAMETER, 'one attribute per key');
    return this.bulk.set(this.bulkContext(), ops, traitsOf(objectType)!, keys, attrs, mode);
  }

  /**
   * Bulk get (`get_route_entries_attribute`, `get_neighbor_entries_attribute`) in chunks of
   * preallocated native arrays; a type or libsai without the slot is answered with single gets.
   * Per entry the status and values of a single get (see `SaiAdapter.bulkGet`).
   */
  bulkGet(objectType: SaiObjectType, keys: readonly AdapterKey[], attrIds: readonly number[]): BulkGetResult {
    const ops = this.opsOf('bulkGet', objectType, undefined);
    const n = keys.length;
    const traits = traitsOf(objectType);
    const kinds: SaiValueKind[] = new Array<SaiValueKind>(attrIds.length);
    for (let a = 0; a < attrIds.length; a++) {
      const kind = typeof attrIds[a] === 'number' ? traits?.attrById.get(attrIds[a])?.kind : undefined;
      if (kind === undefined) {
        // As the single get: an attribute the traits do not model fails every entry.
        const values = Array.from({ length: n }, () => [] as (SaiValue | undefined)[]);
        return { statuses: new Int32Array(n).fill(attrStatus('UNKNOWN_ATTRIBUTE', a)), values };
      }
      kinds[a] = kind;
    }
    if (!ops.isEntry || !ops.bulkGetEntry || !ops.get) return this.bulkGetBySingles(objectType, keys, attrIds);
    const get = ops.get;
    return this.bulk.get(this.bulkContext(), ops, keys, attrIds, kinds, (i) => {
      const st = this.entryKeyStatus(objectType, keys[i], false);
      if (st !== 0) return { ok: false, status: st };
      return readAttributes(get, this.entry.address, this.block, attrIds, kinds);
    });
  }

  /** `bulkGet` as a loop of single gets (no bulk get slot). */
  private bulkGetBySingles(
    objectType: SaiObjectType,
    keys: readonly AdapterKey[],
    attrIds: readonly number[],
  ): BulkGetResult {
    const statuses = new Int32Array(keys.length);
    const values = new Array<(SaiValue | undefined)[]>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      try {
        values[i] = this.get(objectType, keys[i], attrIds);
      } catch (e) {
        if (!isSaiStatusError(e) || e.statusName === 'UNINITIALIZED') throw e;
        statuses[i] = e.status;
        values[i] = [];
      }
    }
    return { statuses, values };
  }

  private bulkContext(): BulkContext {
    return { switchId: this.switchId, counters: this.counters };
  }

  // ---- queries -------------------------------------------------------------------------------

  objectTypeQuery(oid: bigint): SaiObjectType | undefined {
    if (!this.open) this.fail('query', 'SWITCH', oid, SaiStatus.UNINITIALIZED, 'adapter is shut down');
    if (typeof oid !== 'bigint' || oid <= 0n || oid >= 1n << 64n) return undefined;
    return objectTypeFromId(this.lib.objectTypeQuery(oid));
  }

  getObjectKeys(objectType: SaiObjectType): AdapterKey[] {
    this.opsOf('query', objectType, undefined);
    return readObjectKeys(this.lib, this.switchId, objectType, this.scratch, this.keyList);
  }

  switchDefaults(): SwitchDefaults {
    const ids = [
      SwitchAttr.DEFAULT_VIRTUAL_ROUTER_ID,
      SwitchAttr.CPU_PORT,
      SwitchAttr.PORT_LIST,
      SwitchAttr.DEFAULT_1Q_BRIDGE_ID,
    ];
    const [vr, cpu, ports, bridge] = this.getRaw('query', 'SWITCH', this.switchId, ids);
    const oid = (v: SaiValue | undefined, what: string): bigint => {
      if (typeof v !== 'bigint' || v === 0n)
        this.fail('query', 'SWITCH', this.switchId, SaiStatus.FAILURE, `no ${what}`);
      return v as bigint;
    };
    if (!Array.isArray(ports)) this.fail('query', 'SWITCH', this.switchId, SaiStatus.FAILURE, 'no PORT_LIST');
    return {
      defaultVirtualRouterId: oid(vr, 'DEFAULT_VIRTUAL_ROUTER_ID'),
      cpuPort: oid(cpu, 'CPU_PORT'),
      portList: ports as readonly bigint[],
      default1qBridgeId: oid(bridge, 'DEFAULT_1Q_BRIDGE_ID'),
    };
  }

  // ---- shutdown ------------------------------------------------------------------------------

  /**
   * Stops the switch and releases the library.
   *
   * Warm: PRE_SHUTDOWN = true (skipped when the libsai does not have it), RESTART_WARM = true,
   * `remove_switch` (the libsai writes its warm-boot file), `sai_api_uninitialize`. When a step up
   * to `remove_switch` fails, the adapter stays open and usable (nothing was lost): the caller may
   * fix the profile and retry, or shut down cold.
   *
   * Cold: `remove_switch` (RESTART_WARM put back to false first if a failed warm attempt set it),
   * `sai_api_uninitialize`; the library is released even when the libsai reports a failure.
   *
   * A call after a successful shutdown does nothing.
   * @throws SaiStatusError naming the step that failed.
   */
  shutdown(options: FfiShutdownOptions): void {
    if (!this.open) return;
    const sw = this.ops.get('SWITCH')!;
    if (options.warm) {
      const pre = this.setRaw('shutdown', 'SWITCH', this.switchId, { id: SwitchAttr.PRE_SHUTDOWN, value: true });
      if (pre !== 0 && !NOT_THERE.has(decodeStatus(pre).name))
        this.fail('shutdown', 'SWITCH', this.switchId, pre, 'PRE_SHUTDOWN');
      const st = this.setRaw('shutdown', 'SWITCH', this.switchId, { id: SwitchAttr.RESTART_WARM, value: true });
      if (st !== 0) this.fail('shutdown', 'SWITCH', this.switchId, st, 'RESTART_WARM');
      this.restartWarmSet = true;
      if (!sw.remove) this.absent('shutdown', sw, this.switchId, 'remove_switch');
      const removed = sw.remove(this.switchId);
      if (removed !== 0) this.fail('shutdown', 'SWITCH', this.switchId, removed, 'remove_switch (warm)');
    } else {
      let error: SaiStatusError | undefined;
      if (this.restartWarmSet) {
        const st = this.setRaw('shutdown', 'SWITCH', this.switchId, { id: SwitchAttr.RESTART_WARM, value: false });
        if (st !== 0) error = new SaiStatusError('shutdown', 'SWITCH', this.switchId, st, 'RESTART_WARM = false');
      }
      const removed = sw.remove ? sw.remove(this.switchId) : SaiStatus.NOT_IMPLEMENTED;
      if (removed !== 0) error ??= new SaiStatusError('shutdown', 'SWITCH', this.switchId, removed, 'remove_switch');
      if (error) {
        this.finish();
        throw error;
      }
    }
    this.finish();
  }

  /** `sai_api_uninitialize` and release; throws when the libsai reports a failure (released anyway). */
  private finish(): void {
    const st = this.lib.apiUninitialize();
    this.open = false;
    this.release();
    if (st !== 0) throw new SaiStatusError('shutdown', 'SWITCH', this.switchId, st, 'sai_api_uninitialize');
  }

  /** Shuts down cold when still open (`using adapter = FfiSaiAdapter.open(...)`). */
  [Symbol.dispose](): void {
    this.shutdown({ warm: false });
  }

  /** Frees native memory, callbacks and the library (after `sai_api_uninitialize`). */
  private release(): void {
    // Fields may be unset when the constructor failed early.
    this.services?.dispose();
    this.scratch.free();
    this.entry.free();
    this.keyList.free();
    this.block.free();
    this.bulk.free();
    if (this.lib) {
      this.lib.unload();
      openLibraries.delete(this.registryKey);
    }
  }
}
