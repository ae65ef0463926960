/**
 * `FfiSaiAdapter`: one switch of a libsai loaded by path with koffi, as a `SaiAdapter`, speaking only
 * the SAI C ABI (SAI-ABI.md): no private symbols of any particular libsai.
 *
 * Several switches per process: the library is a process-wide `SaiSession` (`session.ts`:
 * `sai_api_initialize` once, method tables, profile services answering per `profile_id`); each
 * `FfiSaiAdapter` is one switch of it, with its own profile and profile id.
 *
 * Start (`new FfiSaiAdapter(options)` or `FfiSaiAdapter.open(options)`):
 * 1. join the library's session (the first switch loads and initializes it); the switch's profile is
 *    served under its profile id (`SAI_BOOT_TYPE` comes from `bootType`: cold "0", warm "1");
 * 2. `create_switch` with INIT_SWITCH (116) = true, SWITCH_PROFILE_ID (113) when the profile id is
 *    not 0, SWITCH_HARDWARE_INFO (114) when `hardwareInfo` is given. A warm boot (profile
 *    `SAI_BOOT_TYPE=1` and `SAI_WARM_BOOT_READ_FILE`) answers the same switch id, and every object
 *    keeps its id. A failed start leaves nothing behind: the profile is withdrawn and, when no other
 *    switch lives, the library is uninitialized and unloaded, so a retry in the same process works.
 *
 * Stop: `shutdown({ warm: true })` sets PRE_SHUTDOWN (157) then RESTART_WARM (71) = true on the
 * switch and calls `remove_switch` (the libsai writes `SAI_WARM_BOOT_WRITE_FILE`);
 * `shutdown({ warm: false })` and `close()` remove the switch cold. The last switch of the session
 * ends it with `sai_api_uninitialize` (where some libsais write their warm file).
 *
 * Calls marshal into preallocated native memory (`AttrBlock`, `BulkMarshaller`): attribute values
 * are written with DataView at the ABI's offsets, object ids stay bigint, IPv4 is in network byte
 * order. Gets follow the get protocol (`get-protocol.ts`): what a libsai cannot answer reads as
 * `NOT_READ`, learned per object type for the session. Every non-success status throws
 * `SaiStatusError` naming the library, the SAI function, the object type and the attribute the
 * status names (SAI name, id and value), except the bulk calls, which answer one status per entry.
 * What the libsai answers is checked before it is used (pointers it writes are never followed,
 * counts are bounded), so a misbehaving libsai surfaces as an error, not a crash. Statuses match
 * `FakeSaiAdapter` for the same calls where the libsai follows the fake's contract; values the
 * binding cannot encode get the fake's status without reaching the libsai.
 */
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
import { attrStatus, decodeStatus, SaiStatus, type SaiAttrStatusName } from '../../sai/status.js';
import { NOT_READ, type ReadValue, type SaiAttribute, type SaiValueKind } from '../../sai/value.js';
import type { SaiTraits } from '../../traits/define.js';
import { ALL_TRAITS } from '../../traits/index.js';
import { statusError, type StatusErrorContext } from '../status-error.js';
import { formatSaiVersion, SwitchAttr } from './abi.js';
import { AttrBlock, listBytesOf } from './attr-block.js';
import { BulkMarshaller, type BulkContext } from './bulk.js';
import { CountingAdapter } from '../instrumentation.js';
import { pushAttrs } from './encode-attrs.js';
import { ENTRY_SIZE, encodeEntry } from './entry-codec.js';
import { GetProtocol } from './get-protocol.js';
import type { SaiLibrary } from './library.js';
import { probeMissing, type ApiQueryResult, type ObjectOps } from './method-tables.js';
import { NativeBuffer } from './native-memory.js';
import { readObjectKeys } from './object-keys.js';
import { readAttributes, type ReadCalls, type ReadResult } from './read-attrs.js';
import { SaiSession } from './session.js';

/** Options of `FfiSaiAdapter`. */
export interface FfiSaiAdapterOptions {
  /** Path of the libsai shared object (e.g. `native/build/libsaivs.so`). */
  readonly libPath: string;
  /**
   * Profile key -> value served to the libsai for this switch (`SAI_WARM_BOOT_READ_FILE`,
   * `SAI_WARM_BOOT_WRITE_FILE`, vendor keys such as `SAI_VS_PORT_COUNT`). `SAI_BOOT_TYPE` is set from
   * `bootType`.
   */
  readonly profile?: Readonly<Record<string, string>>;
  /** Cold ("0") or warm ("1") boot; default cold. */
  readonly bootType?: 'cold' | 'warm';
  /** Entries per libsai bulk call (default 32768). */
  readonly bulkChunkSize?: number;
  /**
   * SAI_SWITCH_ATTR_SWITCH_HARDWARE_INFO (114): which ASIC this switch is, in the vendor's format
   * (often a PCI address); sent as the string's bytes. Needed by libsais that drive several ASICs.
   */
  readonly hardwareInfo?: string;
  /** Attributes given to `create_switch` besides INIT_SWITCH, SWITCH_PROFILE_ID and SWITCH_HARDWARE_INFO. */
  readonly switchAttributes?: readonly SaiAttribute[];
}

/** Options of `shutdown`. */
export interface FfiShutdownOptions {
  /** Warm: PRE_SHUTDOWN, RESTART_WARM = true, then `remove_switch` writes the warm-boot file. */
  readonly warm: boolean;
}

/** What the get protocol did: libsai calls, and what the libsai could not answer (per session). */
export interface FfiReadStats {
  /** Single gets sent to the libsai (each try and each split counted). */
  readonly singleGets: number;
  /** Bulk get calls sent to the libsai. */
  readonly bulkGets: number;
  /** Per object type, the SAI names of the attributes the libsai could not answer (learned). */
  readonly unanswerable: Readonly<Partial<Record<SaiObjectType, readonly string[]>>>;
  /** Object types whose bulk get the libsai does not have. */
  readonly noBulkGet: readonly SaiObjectType[];
}

/** Statuses of an optional attribute a libsai does not have. */
const NOT_THERE = new Set<string>([
  'NOT_SUPPORTED',
  'NOT_IMPLEMENTED',
  'ATTR_NOT_SUPPORTED',
  'ATTR_NOT_IMPLEMENTED',
  'UNKNOWN_ATTRIBUTE',
]);

function traitsOf(type: SaiObjectType): SaiTraits | undefined {
  return (ALL_TRAITS as unknown as Record<string, SaiTraits | undefined>)[type];
}

/** Re-bases a per-attribute status on the caller's positions (`asked[j]` for the libsai's `j`). */
function remapToCaller(status: number, asked: readonly number[]): number {
  const d = decodeStatus(status);
  if (d.attrIndex === undefined || d.attrIndex >= asked.length) return status;
  return attrStatus(d.name as SaiAttrStatusName, asked[d.attrIndex]);
}

/** One switch of a libsai behind koffi, as a `SaiAdapter`. */
export class FfiSaiAdapter extends CountingAdapter implements SaiAdapter {
  readonly name = 'ffi';
  /** The switch object id `create_switch` answered. */
  readonly switchId: bigint;
  /** The library path given. */
  readonly libPath: string;
  readonly bootType: 'cold' | 'warm';
  /** This switch's SAI profile id (SAI_SWITCH_ATTR_SWITCH_PROFILE_ID). */
  readonly profileId: number;
  /** The library this switch is a switch of (for error messages). */
  get library(): string {
    return this.libPath;
  }
  /** `sai_query_api_version` (10000 * major + 100 * minor + revision); 1.0.0 when not exported. */
  get apiVersion(): number {
    return this.session.apiVersion;
  }
  /** What `sai_api_query` answered per API. */
  get apis(): ReadonlyMap<string, ApiQueryResult> {
    return this.session.apis;
  }
  /** Profile keys the libsai asked this switch's profile for through `profile_get_value`, in order. */
  get profileLookups(): readonly string[] {
    return this.session.lookupsOf(this.profileId);
  }

  private readonly session: SaiSession;
  private readonly lib: SaiLibrary;
  private readonly ops: ReadonlyMap<SaiObjectType, ObjectOps>;
  private readonly scratch = new NativeBuffer(64);
  private readonly entry = new NativeBuffer(64);
  private readonly keyList = new NativeBuffer(4096);
  private readonly block = new AttrBlock();
  private readonly bulk: BulkMarshaller;
  private readonly protocol: GetProtocol;
  private readonly reads: ReadCalls = { calls: 0 };
  private bulkGets = 0;
  private open = false;
  /** RESTART_WARM was set by a warm shutdown attempt that did not complete. */
  private restartWarmSet = false;

  /** Joins the library's session and creates the switch. @throws SaiStatusError, SaiLibraryError. */
  static open(options: FfiSaiAdapterOptions): FfiSaiAdapter {
    return new FfiSaiAdapter(options);
  }

  /** Joins the library's session and creates the switch (see the class comment). @throws SaiStatusError, SaiLibraryError. */
  constructor(options: FfiSaiAdapterOptions) {
    super();
    this.libPath = options.libPath;
    this.bootType = options.bootType ?? 'cold';
    this.bulk = new BulkMarshaller(Math.max(1, options.bulkChunkSize ?? 32768));
    const profile = { ...(options.profile ?? {}), SAI_BOOT_TYPE: this.bootType === 'warm' ? '1' : '0' };
    let attached: { session: SaiSession; profileId: number };
    try {
      attached = SaiSession.attach(options.libPath, profile);
    } catch (e) {
      this.freeMemory();
      throw e;
    }
    this.session = attached.session;
    this.profileId = attached.profileId;
    this.lib = this.session.lib;
    this.ops = this.session.ops;
    this.protocol = new GetProtocol(this.session.learned, this.lib, () => this.switchId, this.scratch);
    try {
      const sw = this.ops.get('SWITCH')!;
      if (!sw.createPtr) {
        throw new SaiStatusError(
          'initialize',
          'SWITCH',
          undefined,
          this.apis.get('SWITCH')!.status || SaiStatus.NOT_IMPLEMENTED,
          'no switch API',
          undefined,
          { library: this.libPath, call: 'create_switch' },
        );
      }
      this.switchId = this.createSwitch(sw, options);
      this.open = true;
    } catch (e) {
      // Nothing stays: the profile goes, and the library with it when no other switch lives.
      this.session.release(this.profileId);
      this.freeMemory();
      throw e;
    }
  }

  private createSwitch(sw: ObjectOps, options: FfiSaiAdapterOptions): bigint {
    const attrs: SaiAttribute[] = [{ id: SwitchAttr.INIT_SWITCH, value: true }];
    if (this.profileId !== 0) attrs.push({ id: SwitchAttr.SWITCH_PROFILE_ID, value: this.profileId });
    if (options.hardwareInfo !== undefined) {
      attrs.push({
        id: SwitchAttr.SWITCH_HARDWARE_INFO,
        value: [...Buffer.from(options.hardwareInfo, 'utf8')].map((b) => (b << 24) >> 24),
      });
    }
    attrs.push(...(options.switchAttributes ?? []));
    this.block.begin(attrs.length, listBytesOf(attrs));
    let st = pushAttrs(this.block, traitsOf('SWITCH'), attrs);
    if (st === 0) {
      this.scratch.view.setBigUint64(0, 0n, true);
      st = sw.createPtr!(this.scratch.address, attrs.length, this.block.attrs.address);
    }
    if (st !== 0)
      throw statusError('initialize', 'SWITCH', undefined, st, { attrs, library: this.libPath, call: 'create_switch' });
    const id = this.scratch.view.getBigUint64(0, true);
    if (id === 0n)
      throw statusError('initialize', 'SWITCH', undefined, SaiStatus.FAILURE, {
        library: this.libPath,
        call: 'create_switch',
        detail: 'create_switch answered SAI_NULL_OBJECT_ID',
      });
    return id;
  }

  /** The API version as `major.minor.revision`. */
  get apiVersionText(): string {
    return formatSaiVersion(this.apiVersion);
  }

  /** True until `shutdown` / `close`. */
  get isOpen(): boolean {
    return this.open;
  }

  /** What the get protocol did on this switch, and what the libsai taught the session. */
  readStats(): FfiReadStats {
    const unanswerable: Partial<Record<SaiObjectType, string[]>> = {};
    for (const [type, ids] of this.protocol.learnedUnanswerable()) {
      if (ids.size === 0) continue;
      const traits = traitsOf(type);
      unanswerable[type] = [...ids].map((id) => traits?.attrById.get(id)?.saiName ?? String(id));
    }
    return {
      singleGets: this.reads.calls,
      bulkGets: this.bulkGets,
      unanswerable,
      noBulkGet: [...this.session.learned.noBulkGet],
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private fail(
    op: SaiOperation,
    type: SaiObjectType,
    key: unknown,
    status: number,
    ctx: Omit<StatusErrorContext, 'library'> = {},
  ): never {
    throw statusError(op, type, key, status, { ...ctx, library: this.libPath });
  }

  private opsOf(op: SaiOperation, type: SaiObjectType, key: unknown): ObjectOps {
    if (!this.open) this.fail(op, type, key, SaiStatus.UNINITIALIZED, { detail: 'adapter is shut down' });
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
    return this.fail(op, ops.objectType, key, SaiStatus.NOT_IMPLEMENTED, { detail: why });
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
      this.fail('create', objectType, key, SaiStatus.NOT_SUPPORTED, { detail: 'the switch is created at start' });
    this.block.begin(attrs.length, listBytesOf(attrs));
    let st = pushAttrs(this.block, traitsOf(objectType), attrs);
    if (st !== 0) this.fail('create', objectType, key, st, { attrs });
    let id = 0n;
    if (ops.isEntry) {
      st = this.entryKeyStatus(objectType, key, true);
      if (st !== 0) this.fail('create', objectType, key, st, { attrs });
      if (!ops.createPtr) this.absent('create', ops, key, 'create');
      st = ops.createPtr(this.entry.address, attrs.length, this.block.attrs.address);
    } else {
      if (!ops.createOid) this.absent('create', ops, key, 'create');
      this.scratch.view.setBigUint64(0, 0n, true);
      st = ops.createOid(this.scratch.address, this.switchId, attrs.length, this.block.attrs.address);
      if (st === 0) {
        id = this.scratch.view.getBigUint64(0, true);
        if (id === 0n)
          this.fail('create', objectType, key, SaiStatus.FAILURE, {
            detail: 'libsai answered SUCCESS with SAI_NULL_OBJECT_ID',
          });
      }
    }
    if (st !== 0) this.fail('create', objectType, key, st, { attrs });
    this.counters.add(objectType, 'create');
    return id;
  }

  remove(objectType: SaiObjectType, key: AdapterKey): void {
    const ops = this.opsOf('remove', objectType, key);
    // remove_switch belongs to shutdown; the fake refuses to remove the switch as well.
    if (objectType === 'SWITCH')
      this.fail('remove', objectType, key, SaiStatus.INVALID_PARAMETER, { detail: 'use shutdown()' });
    const arg = this.keyArg('remove', ops, key);
    if (!ops.remove) this.absent('remove', ops, key, 'remove');
    const st = ops.remove(arg);
    if (st !== 0) this.fail('remove', objectType, key, st);
    this.counters.add(objectType, 'remove');
  }

  set(objectType: SaiObjectType, key: AdapterKey, attr: SaiAttribute): void {
    const st = this.setRaw('set', objectType, key, attr);
    if (st !== 0) this.fail('set', objectType, key, st, { attrs: [attr] });
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

  get(objectType: SaiObjectType, key: AdapterKey, attrIds: readonly number[]): ReadValue[] {
    const out = this.getRaw('get', objectType, key, attrIds);
    this.counters.add(objectType, 'get');
    return out;
  }

  /** The value kinds of `attrIds`, or the status of the first the traits do not model. */
  private kindsOf(type: SaiObjectType, attrIds: readonly number[]): SaiValueKind[] | number {
    const traits = traitsOf(type);
    const kinds: SaiValueKind[] = new Array<SaiValueKind>(attrIds.length);
    for (let i = 0; i < attrIds.length; i++) {
      const kind = typeof attrIds[i] === 'number' ? traits?.attrById.get(attrIds[i])?.kind : undefined;
      // An attribute the traits do not model cannot be decoded: refuse it as the fake does.
      if (kind === undefined) return attrStatus('UNKNOWN_ATTRIBUTE', i);
      kinds[i] = kind;
    }
    return kinds;
  }

  /** One get by the get protocol (`get-protocol.ts`), not counted. */
  private getRaw(
    op: SaiOperation,
    objectType: SaiObjectType,
    key: AdapterKey,
    attrIds: readonly number[],
  ): ReadValue[] {
    const ops = this.opsOf(op, objectType, key);
    const kinds = this.kindsOf(objectType, attrIds);
    if (typeof kinds === 'number') this.fail(op, objectType, key, kinds, { attrIds });
    const arg = this.keyArg(op, ops, key);
    if (!ops.get) this.absent(op, ops, key, 'get');
    const r = this.protocolRead(objectType, ops, arg, attrIds, kinds as SaiValueKind[]);
    if (!r.ok) this.fail(op, objectType, key, r.status, { attrIds, detail: r.detail });
    return r.values;
  }

  /** A get of `attrIds` at `arg` by the get protocol; statuses re-based on the caller's positions. */
  private protocolRead(
    type: SaiObjectType,
    ops: ObjectOps,
    arg: bigint,
    attrIds: readonly number[],
    kinds: readonly SaiValueKind[],
  ): { ok: true; values: ReadValue[] } | { ok: false; status: number; detail?: string } {
    const traits = traitsOf(type);
    const asked = this.protocol.plan(type, traits, attrIds);
    if (asked.length === 0) {
      // Nothing the libsai can answer: still, a missing object must not read as present.
      const missing = probeMissing(ops, arg, this.block.attrs.address);
      if (missing !== undefined) return { ok: false, status: missing };
      return { ok: true, values: new Array<ReadValue>(attrIds.length).fill(NOT_READ) };
    }
    const r = readAttributes(
      ops.get!,
      arg,
      this.block,
      asked.map((i) => attrIds[i]),
      asked.map((i) => kinds[i]),
      this.reads,
    );
    if (!r.ok) return { ok: false, status: remapToCaller(r.status, asked), detail: r.detail };
    return { ok: true, values: this.protocol.settle(type, traits, attrIds, asked, r) };
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
      this.fail('bulkSet', objectType, undefined, SaiStatus.INVALID_PARAMETER, { detail: 'one attribute per key' });
    return this.bulk.set(this.bulkContext(), ops, traitsOf(objectType)!, keys, attrs, mode);
  }

  /**
   * Bulk get (`get_route_entries_attribute`, `get_neighbor_entries_attribute`) in chunks of
   * preallocated native arrays, asking what the get protocol says the libsai can answer. A type or
   * libsai without the slot, or whose bulk get answered NOT_IMPLEMENTED as a whole (remembered for the
   * session), is answered with single gets. Per entry the status and values of a single get (see
   * `SaiAdapter.bulkGet`).
   */
  bulkGet(objectType: SaiObjectType, keys: readonly AdapterKey[], attrIds: readonly number[]): BulkGetResult {
    const ops = this.opsOf('bulkGet', objectType, undefined);
    const n = keys.length;
    const kinds = this.kindsOf(objectType, attrIds);
    if (typeof kinds === 'number') {
      // As the single get: an attribute the traits do not model fails every entry.
      return { statuses: new Int32Array(n).fill(kinds), values: Array.from({ length: n }, () => []) };
    }
    if (!ops.isEntry || !ops.bulkGetEntry || !ops.get || this.session.learned.noBulkGet.has(objectType))
      return this.bulkGetBySingles(objectType, keys, attrIds);
    const traits = traitsOf(objectType);
    const asked = this.protocol.plan(objectType, traits, attrIds);
    if (asked.length === 0) return this.bulkGetBySingles(objectType, keys, attrIds);
    const askIds = asked.map((i) => attrIds[i]);
    const askKinds = asked.map((i) => kinds[i]);
    const get = ops.get;
    const before = this.bulk.calls;
    const { results, absent } = this.bulk.get(this.bulkContext(), ops, keys, askIds, askKinds, (i) => {
      const st = this.entryKeyStatus(objectType, keys[i], false);
      if (st !== 0) return { ok: false, status: st };
      return readAttributes(get, this.entry.address, this.block, askIds, askKinds, this.reads);
    });
    this.bulkGets += this.bulk.calls - before;
    if (absent) this.session.learned.noBulkGet.add(objectType);
    const statuses = new Int32Array(n);
    const values = new Array<ReadValue[]>(n);
    for (let i = 0; i < n; i++) {
      const r: ReadResult = results[i];
      if (r.ok) values[i] = this.protocol.settle(objectType, traits, attrIds, asked, r);
      else {
        statuses[i] = remapToCaller(r.status, asked);
        values[i] = [];
      }
    }
    return { statuses, values };
  }

  /** `bulkGet` as a loop of single gets (no bulk get slot). */
  private bulkGetBySingles(
    objectType: SaiObjectType,
    keys: readonly AdapterKey[],
    attrIds: readonly number[],
  ): BulkGetResult {
    const statuses = new Int32Array(keys.length);
    const values = new Array<ReadValue[]>(keys.length);
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
    if (!this.open) this.fail('query', 'SWITCH', oid, SaiStatus.UNINITIALIZED, { detail: 'adapter is shut down' });
    if (typeof oid !== 'bigint' || oid <= 0n || oid >= 1n << 64n) return undefined;
    return objectTypeFromId(this.lib.objectTypeQuery(oid));
  }

  /**
   * `sai_get_object_count` + `sai_get_object_key`: every live object of a type.
   * @throws SaiStatusError NOT_IMPLEMENTED (naming the library and the function) when the libsai
   *   cannot enumerate.
   */
  getObjectKeys(objectType: SaiObjectType): AdapterKey[] {
    this.opsOf('query', objectType, undefined);
    try {
      return readObjectKeys(this.lib, this.switchId, objectType, this.scratch, this.keyList);
    } catch (e) {
      if (!isSaiStatusError(e)) throw e;
      throw new SaiStatusError('query', objectType, undefined, e.status, e.detail, undefined, {
        library: this.libPath,
        call: e.detail === 'sai_get_object_count' ? 'sai_get_object_count' : 'sai_get_object_key',
      });
    }
  }

  switchDefaults(): SwitchDefaults {
    const ids = [
      SwitchAttr.DEFAULT_VIRTUAL_ROUTER_ID,
      SwitchAttr.CPU_PORT,
      SwitchAttr.PORT_LIST,
      SwitchAttr.DEFAULT_1Q_BRIDGE_ID,
    ];
    const [vr, cpu, ports, bridge] = this.getRaw('query', 'SWITCH', this.switchId, ids);
    const missing = (what: string): never =>
      this.fail('query', 'SWITCH', this.switchId, SaiStatus.FAILURE, {
        call: 'get_switch_attribute',
        detail: `the switch answered no ${what}`,
      });
    const oid = (v: ReadValue, what: string): bigint => {
      if (typeof v !== 'bigint' || v === 0n) missing(what);
      return v as bigint;
    };
    if (!Array.isArray(ports)) missing('SAI_SWITCH_ATTR_PORT_LIST');
    return {
      defaultVirtualRouterId: oid(vr, 'SAI_SWITCH_ATTR_DEFAULT_VIRTUAL_ROUTER_ID'),
      cpuPort: oid(cpu, 'SAI_SWITCH_ATTR_CPU_PORT'),
      portList: ports as readonly bigint[],
      default1qBridgeId: oid(bridge, 'SAI_SWITCH_ATTR_DEFAULT_1Q_BRIDGE_ID'),
    };
  }

  // ---- shutdown ------------------------------------------------------------------------------

  /**
   * Stops the switch; the last switch of the session also releases the library.
   *
   * Warm: PRE_SHUTDOWN = true (skipped when the libsai does not have it), RESTART_WARM = true,
   * `remove_switch` (the libsai writes its warm-boot file), and for the session's last switch
   * `sai_api_uninitialize` (where some libsais write it). When a step up to `remove_switch` fails, the
   * adapter stays open and usable (nothing was lost): the caller may fix the profile and retry, or
   * shut down cold.
   *
   * Cold: `remove_switch` (RESTART_WARM put back to false first if a failed warm attempt set it),
   * then as above; the switch is released even when the libsai reports a failure.
   *
   * A call after a successful shutdown does nothing.
   * @throws SaiStatusError naming the step that failed.
   */
  shutdown(options: FfiShutdownOptions): void {
    if (!this.open) return;
    const sw = this.ops.get('SWITCH')!;
    const ctx = (call: string, detail?: string) => ({ call, detail });
    if (options.warm) {
      const pre = this.setRaw('shutdown', 'SWITCH', this.switchId, { id: SwitchAttr.PRE_SHUTDOWN, value: true });
      if (pre !== 0 && !NOT_THERE.has(decodeStatus(pre).name))
        this.fail(
          'shutdown',
          'SWITCH',
          this.switchId,
          pre,
          ctx('set_switch_attribute', 'SAI_SWITCH_ATTR_PRE_SHUTDOWN'),
        );
      const st = this.setRaw('shutdown', 'SWITCH', this.switchId, { id: SwitchAttr.RESTART_WARM, value: true });
      if (st !== 0)
        this.fail('shutdown', 'SWITCH', this.switchId, st, ctx('set_switch_attribute', 'SAI_SWITCH_ATTR_RESTART_WARM'));
      this.restartWarmSet = true;
      if (!sw.remove) this.absent('shutdown', sw, this.switchId, 'remove_switch');
      const removed = sw.remove(this.switchId);
      if (removed !== 0) this.fail('shutdown', 'SWITCH', this.switchId, removed, ctx('remove_switch', 'warm'));
    } else {
      let error: SaiStatusError | undefined;
      if (this.restartWarmSet) {
        const st = this.setRaw('shutdown', 'SWITCH', this.switchId, { id: SwitchAttr.RESTART_WARM, value: false });
        if (st !== 0)
          error = statusError('shutdown', 'SWITCH', this.switchId, st, {
            library: this.libPath,
            call: 'set_switch_attribute',
            detail: 'SAI_SWITCH_ATTR_RESTART_WARM = false',
          });
      }
      const removed = sw.remove ? sw.remove(this.switchId) : SaiStatus.NOT_IMPLEMENTED;
      if (removed !== 0)
        error ??= statusError('shutdown', 'SWITCH', this.switchId, removed, {
          library: this.libPath,
          call: 'remove_switch',
        });
      if (error) {
        this.finish();
        throw error;
      }
    }
    this.finish();
  }

  /**
   * Releases this switch whatever happened before (a failed start leaves nothing to close; a failed
   * warm shutdown left the switch open): removes it cold when it is still open. Idempotent.
   * @throws SaiStatusError when the libsai reports a failure (everything is released anyway).
   */
  close(): void {
    this.shutdown({ warm: false });
  }

  /** Withdraws the profile (the last switch uninitializes the library) and frees memory; throws when `sai_api_uninitialize` failed. */
  private finish(): void {
    this.open = false;
    const st = this.session.release(this.profileId);
    this.freeMemory();
    if (st !== 0)
      throw statusError('shutdown', 'SWITCH', this.switchId, st, {
        library: this.libPath,
        call: 'sai_api_uninitialize',
      });
  }

  /** Shuts down cold when still open (`using adapter = FfiSaiAdapter.open(...)`). */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Frees this switch's native memory. */
  private freeMemory(): void {
    this.scratch.free();
    this.entry.free();
    this.keyList.free();
    this.block.free();
    this.bulk.free();
  }
}
