/**
 * Bulk calls (`create_route_entries`, `remove_route_entries`, `set_route_entries_attribute`, the
 * neighbor ones, `create_next_hop_group_members`, ...): the caller's entries are marshalled into
 * preallocated native arrays in chunks (entries or ids, `attr_count[]`, `attr_list[]` pointing into
 * one attribute block, statuses, ids) and each chunk is one libsai call.
 *
 * Chunking is invisible to the caller: with STOP_ON_ERROR, a failed entry stops the whole request
 * (every later entry, in this chunk or later ones, is NOT_EXECUTED); with IGNORE_ERROR every entry
 * is tried. An entry the binding cannot encode (a bad value, a non-canonical key) is never sent; it
 * gets the status the fake would give it, and the others go on as the mode says.
 *
 * Bulk get (`get_route_entries_attribute`, `get_neighbor_entries_attribute`) always runs in
 * IGNORE_ERROR mode: every entry gets its own status. An entry the bulk call cannot answer in full
 * (ATTR_NOT_IMPLEMENTED / ATTR_NOT_SUPPORTED / INVALID_ATTRIBUTE + i, a plain NOT_IMPLEMENTED or
 * NOT_SUPPORTED, BUFFER_OVERFLOW for a list longer than the first room) is read again with a single
 * get, which has the protocol for each (`read-attrs.ts`). A libsai that answers the whole call
 * NOT_IMPLEMENTED has no bulk get: the result says so (`absent`) and every entry is read singly.
 */
import type { BulkCreateEntry, BulkCreateResult, BulkErrorMode } from '../adapter.js';
import type { AdapterKey, EntryKey } from '../../sai/entry.js';
import { decodeStatus, SaiStatus } from '../../sai/status.js';
import type { SaiAttribute, SaiValue, SaiValueKind } from '../../sai/value.js';
import type { SaiTraits } from '../../traits/define.js';
import { BULK_IGNORE_ERROR, BULK_STOP_ON_ERROR, OID_SIZE, POINTER_SIZE, STATUS_SIZE } from './abi.js';
import { AttrBlock, listBytesOf } from './attr-block.js';
import type { CallCounterSet } from '../counters.js';
import { ENTRY_SIZE, encodeEntry } from './entry-codec.js';
import { pushAttrs } from './encode-attrs.js';
import { probeMissing, type ObjectOps } from './method-tables.js';
import { NativeBuffer } from './native-memory.js';
import { FIRST_LIST_CAPACITY, type ReadResult } from './read-attrs.js';
import { isListKind, listElementSize, writePointer } from './value-codec.js';

const U64_MAX = (1n << 64n) - 1n;

/** What the bulk functions need from the adapter. */
export interface BulkContext {
  readonly switchId: bigint;
  readonly counters: CallCounterSet;
}

function modeValue(mode: BulkErrorMode): number {
  return mode === 'ignoreError' ? BULK_IGNORE_ERROR : BULK_STOP_ON_ERROR;
}

/** Preallocated native arrays for bulk calls, reused by every call. */
export class BulkMarshaller {
  private readonly block = new AttrBlock(1024, 4096);
  private readonly keys = new NativeBuffer(4096);
  private readonly counts = new NativeBuffer(1024);
  private readonly lists = new NativeBuffer(2048);
  private readonly statuses = new NativeBuffer(1024);
  private readonly ids = new NativeBuffer(2048);
  /** Per submitted position in a chunk, the caller's index. */
  private index = new Int32Array(1024);
  /** Bulk get calls sent to the libsai so far. */
  calls = 0;

  /** @param chunkSize entries per libsai call. */
  constructor(readonly chunkSize: number) {}

  private prepare(n: number, keySize: number): void {
    this.keys.ensure(n * keySize);
    this.counts.ensure(n * 4);
    this.lists.ensure(n * POINTER_SIZE);
    this.statuses.ensure(n * STATUS_SIZE);
    this.ids.ensure(n * OID_SIZE);
    if (this.index.length < n) this.index = new Int32Array(n);
    // NOT_EXECUTED until the libsai writes a status: an untouched entry was not executed.
    new Int32Array(this.statuses.view.buffer, 0, n).fill(SaiStatus.NOT_EXECUTED);
  }

  /** Writes an object id key at position `j`; false when it is not a 64-bit id. */
  private writeOid(j: number, key: AdapterKey): boolean {
    if (typeof key !== 'bigint' || key < 0n || key > U64_MAX) return false;
    this.keys.view.setBigUint64(j * OID_SIZE, key, true);
    return true;
  }

  /**
   * Reads back `m` submitted statuses into `out`; when the call failed as a whole (no status
   * written), every submitted entry gets the call's status. Returns the number of successes.
   */
  private collect(m: number, ret: number, out: Int32Array): number {
    const sv = this.statuses.view;
    let untouched = true;
    for (let j = 0; j < m; j++) {
      if (sv.getInt32(j * STATUS_SIZE, true) !== SaiStatus.NOT_EXECUTED) {
        untouched = false;
        break;
      }
    }
    const whole = ret !== SaiStatus.SUCCESS && untouched ? ret : undefined;
    let ok = 0;
    for (let j = 0; j < m; j++) {
      const st = whole ?? sv.getInt32(j * STATUS_SIZE, true);
      out[this.index[j]] = st;
      if (st === 0) ok++;
    }
    return ok;
  }

  /**
   * STOP_ON_ERROR after a chunk: when an entry failed (refused before sending at `localFail`, or
   * by the libsai), marks the rest NOT_EXECUTED and answers true. A libsai failure stops before
   * the entry that could not be encoded.
   */
  private static stopped(
    stop: boolean,
    localFail: number,
    sentFailed: boolean,
    end: number,
    statuses: Int32Array,
  ): boolean {
    if (!stop || (localFail < 0 && !sentFailed)) return false;
    if (localFail >= 0 && sentFailed) statuses[localFail] = SaiStatus.NOT_EXECUTED;
    BulkMarshaller.notExecuted(statuses, localFail >= 0 ? localFail + 1 : end);
    return true;
  }

  /** Marks every entry from `from` on as NOT_EXECUTED. */
  private static notExecuted(out: Int32Array, from: number): void {
    out.fill(SaiStatus.NOT_EXECUTED, from);
  }

  /** Bulk create (entry-keyed types through `bulkCreateEntry`, object ids through `bulkCreateOid`). */
  create(
    ctx: BulkContext,
    ops: ObjectOps,
    traits: SaiTraits,
    entries: readonly BulkCreateEntry[],
    mode: BulkErrorMode,
  ): BulkCreateResult {
    const n = entries.length;
    const statuses = new Int32Array(n);
    const ids: bigint[] = new Array<bigint>(n).fill(0n);
    const type = ops.objectType;
    const keySize = ops.isEntry ? ENTRY_SIZE[type]! : 0;
    const stop = mode !== 'ignoreError';
    for (let start = 0; start < n; start += this.chunkSize) {
      const end = Math.min(n, start + this.chunkSize);
      const len = end - start;
      let attrTotal = 0;
      let listBytes = 0;
      for (let i = start; i < end; i++) {
        const attrs = entries[i]?.attrs ?? [];
        attrTotal += attrs.length;
        listBytes += listBytesOf(attrs);
      }
      this.block.begin(attrTotal, listBytes);
      this.prepare(len, keySize);
      const kv = this.keys.view;
      const cv = this.counts.view;
      const lv = this.lists.view;
      let m = 0;
      let localFail = -1;
      for (let i = start; i < end; i++) {
        const e = entries[i];
        const attrs: readonly SaiAttribute[] = e?.attrs ?? [];
        const mark = this.block.mark();
        let st = Array.isArray(attrs) ? pushAttrs(this.block, traits, attrs) : SaiStatus.INVALID_PARAMETER;
        if (st === 0 && ops.isEntry && !encodeEntry(type, kv, m * keySize, e.key as EntryKey | undefined)) {
          st = SaiStatus.INVALID_PARAMETER;
        }
        if (st !== 0) {
          this.block.rewind(mark);
          statuses[i] = st;
          if (stop) {
            localFail = i;
            break;
          }
          continue;
        }
        cv.setUint32(m * 4, attrs.length, true);
        writePointer(lv, m * POINTER_SIZE, this.block.slotAddressNumber(mark));
        this.index[m++] = i;
      }
      let ok = 0;
      let sentFailed = false;
      if (m > 0) {
        const ret = ops.isEntry
          ? ops.bulkCreateEntry!(
              m,
              this.keys.address,
              this.counts.address,
              this.lists.address,
              modeValue(mode),
              this.statuses.address,
            )
          : ops.bulkCreateOid!(
              ctx.switchId,
              m,
              this.counts.address,
              this.lists.address,
              modeValue(mode),
              this.ids.address,
              this.statuses.address,
            );
        ok = this.collect(m, ret, statuses);
        sentFailed = ok < m;
        if (!ops.isEntry) {
          const iv = this.ids.view;
          for (let j = 0; j < m; j++) {
            const i = this.index[j];
            if (statuses[i] !== 0) continue;
            ids[i] = iv.getBigUint64(j * OID_SIZE, true);
            // SUCCESS without an id is the libsai's bug; the caller must not take it for an object.
            if (ids[i] === 0n) {
              statuses[i] = SaiStatus.FAILURE;
              ok--;
            }
          }
          sentFailed = ok < m;
        }
      }
      ctx.counters.add(type, 'create', ok);
      if (BulkMarshaller.stopped(stop, localFail, sentFailed, end, statuses)) break;
    }
    return { statuses, ids };
  }

  /** Bulk remove. */
  remove(ctx: BulkContext, ops: ObjectOps, keys: readonly AdapterKey[], mode: BulkErrorMode): Int32Array {
    const n = keys.length;
    const statuses = new Int32Array(n);
    const type = ops.objectType;
    const keySize = ops.isEntry ? ENTRY_SIZE[type]! : OID_SIZE;
    const stop = mode !== 'ignoreError';
    const badKey = ops.isEntry ? SaiStatus.ITEM_NOT_FOUND : SaiStatus.INVALID_OBJECT_ID;
    for (let start = 0; start < n; start += this.chunkSize) {
      const end = Math.min(n, start + this.chunkSize);
      this.prepare(end - start, keySize);
      const kv = this.keys.view;
      let m = 0;
      let localFail = -1;
      for (let i = start; i < end; i++) {
        const ok = ops.isEntry ? encodeEntry(type, kv, m * keySize, keys[i] as EntryKey) : this.writeOid(m, keys[i]);
        if (!ok) {
          statuses[i] = badKey;
          if (stop) {
            localFail = i;
            break;
          }
          continue;
        }
        this.index[m++] = i;
      }
      let ok = 0;
      if (m > 0) {
        const ret = ops.bulkRemove!(m, this.keys.address, modeValue(mode), this.statuses.address);
        ok = this.collect(m, ret, statuses);
      }
      ctx.counters.add(type, 'remove', ok);
      if (BulkMarshaller.stopped(stop, localFail, ok < m, end, statuses)) break;
    }
    return statuses;
  }

  /** Bulk set, one attribute per entry. */
  set(
    ctx: BulkContext,
    ops: ObjectOps,
    traits: SaiTraits,
    keys: readonly AdapterKey[],
    attrs: readonly SaiAttribute[],
    mode: BulkErrorMode,
  ): Int32Array {
    const n = keys.length;
    const statuses = new Int32Array(n);
    const type = ops.objectType;
    const keySize = ops.isEntry ? ENTRY_SIZE[type]! : OID_SIZE;
    const stop = mode !== 'ignoreError';
    const badKey = ops.isEntry ? SaiStatus.ITEM_NOT_FOUND : SaiStatus.INVALID_OBJECT_ID;
    for (let start = 0; start < n; start += this.chunkSize) {
      const end = Math.min(n, start + this.chunkSize);
      const one: SaiAttribute[] = [];
      let listBytes = 0;
      for (let i = start; i < end; i++) if (attrs[i]) listBytes += listBytesOf([attrs[i]]);
      this.block.begin(end - start, listBytes);
      this.prepare(end - start, keySize);
      const kv = this.keys.view;
      let m = 0;
      let localFail = -1;
      for (let i = start; i < end; i++) {
        let st = 0;
        const keyOk = ops.isEntry ? encodeEntry(type, kv, m * keySize, keys[i] as EntryKey) : this.writeOid(m, keys[i]);
        if (!keyOk) st = badKey;
        else {
          const mark = this.block.mark();
          one[0] = attrs[i];
          st = attrs[i] === undefined ? SaiStatus.INVALID_PARAMETER : pushAttrs(this.block, traits, one);
          if (st !== 0) {
            this.block.rewind(mark);
            // A missing object outranks a bad value, as in the fake.
            const keyArg = ops.isEntry ? this.keys.address + BigInt(m * keySize) : (keys[i] as bigint);
            st = probeMissing(ops, keyArg, this.block.attrs.address) ?? st;
          }
        }
        if (st !== 0) {
          statuses[i] = st;
          if (stop) {
            localFail = i;
            break;
          }
          continue;
        }
        this.index[m++] = i;
      }
      let ok = 0;
      if (m > 0) {
        const ret = ops.bulkSet!(
          m,
          this.keys.address,
          this.block.attrs.address,
          modeValue(mode),
          this.statuses.address,
        );
        ok = this.collect(m, ret, statuses);
      }
      ctx.counters.add(type, 'set', ok);
      if (BulkMarshaller.stopped(stop, localFail, ok < m, end, statuses)) break;
    }
    return statuses;
  }

  /**
   * Bulk get of entries: the same `attrIds` (decoded as `kinds`) of every key, one libsai call per
   * chunk in IGNORE_ERROR mode. `single(i)` reads entry i with a single get (see the module comment).
   * Per entry the read's result; `absent` when the libsai answered the first call NOT_IMPLEMENTED as a
   * whole (every entry was then read singly).
   */
  get(
    ctx: BulkContext,
    ops: ObjectOps,
    keys: readonly AdapterKey[],
    attrIds: readonly number[],
    kinds: readonly SaiValueKind[],
    single: (i: number) => ReadResult,
  ): { results: ReadResult[]; absent: boolean } {
    const n = keys.length;
    const results = new Array<ReadResult>(n);
    const type = ops.objectType;
    const keySize = ENTRY_SIZE[type]!;
    const na = attrIds.length;
    let listPer = 0;
    for (let a = 0; a < na; a++)
      if (isListKind(kinds[a])) listPer += FIRST_LIST_CAPACITY * listElementSize(kinds[a]) + 8;
    let ok = 0;
    let absent = false;
    const settle = (i: number, r: ReadResult): void => {
      results[i] = r;
      if (r.ok) ok++;
    };
    for (let start = 0; start < n; start += this.chunkSize) {
      const end = Math.min(n, start + this.chunkSize);
      if (absent) {
        for (let i = start; i < end; i++) settle(i, single(i));
        continue;
      }
      const len = end - start;
      this.block.begin(len * na, len * listPer);
      this.prepare(len, keySize);
      const kv = this.keys.view;
      const cv = this.counts.view;
      const lv = this.lists.view;
      let m = 0;
      for (let i = start; i < end; i++) {
        if (!encodeEntry(type, kv, m * keySize, keys[i] as EntryKey)) {
          results[i] = { ok: false, status: SaiStatus.ITEM_NOT_FOUND };
          continue;
        }
        const first = this.block.count;
        for (let a = 0; a < na; a++)
          this.block.pushGetSlot(attrIds[a], kinds[a], isListKind(kinds[a]) ? FIRST_LIST_CAPACITY : 0);
        cv.setUint32(m * 4, na, true);
        writePointer(lv, m * POINTER_SIZE, this.block.slotAddressNumber(first));
        this.index[m++] = i;
      }
      if (m === 0) continue;
      this.calls++;
      const ret = ops.bulkGetEntry!(
        m,
        this.keys.address,
        this.counts.address,
        this.lists.address,
        BULK_IGNORE_ERROR,
        this.statuses.address,
      );
      const sv = this.statuses.view;
      let untouched = ret !== SaiStatus.SUCCESS;
      for (let j = 0; untouched && j < m; j++)
        if (sv.getInt32(j * STATUS_SIZE, true) !== SaiStatus.NOT_EXECUTED) untouched = false;
      if (untouched && ret === SaiStatus.NOT_IMPLEMENTED) absent = true;
      for (let j = 0; j < m; j++) {
        const i = this.index[j];
        const st = untouched ? ret : sv.getInt32(j * STATUS_SIZE, true);
        if (st === 0) {
          settle(i, this.readEntry(j * na, attrIds, kinds));
          continue;
        }
        const name = decodeStatus(st).name;
        if (
          name === 'ATTR_NOT_IMPLEMENTED' ||
          name === 'ATTR_NOT_SUPPORTED' ||
          name === 'INVALID_ATTRIBUTE' ||
          name === 'BUFFER_OVERFLOW' ||
          name === 'NOT_IMPLEMENTED' ||
          name === 'NOT_SUPPORTED'
        ) {
          settle(i, single(i));
          continue;
        }
        results[i] = { ok: false, status: st };
      }
    }
    ctx.counters.add(type, 'get', ok);
    return { results, absent };
  }

  /** Decodes the `attrIds.length` slots from `first` of the block after a successful bulk get. */
  private readEntry(first: number, attrIds: readonly number[], kinds: readonly SaiValueKind[]): ReadResult {
    const out = new Array<SaiValue | undefined>(attrIds.length);
    for (let a = 0; a < attrIds.length; a++) {
      const slot = first + a;
      const kind = kinds[a];
      if (this.block.idAt(slot) !== attrIds[a] >>> 0) {
        return { ok: false, status: SaiStatus.FAILURE, detail: `libsai changed attribute id ${attrIds[a]}` };
      }
      if (isListKind(kind)) {
        const r = this.block.readList(slot, kind);
        if (!r.ok) return { ok: false, status: SaiStatus.FAILURE, detail: `bad list (attribute ${attrIds[a]})` };
        out[a] = r.value;
      } else {
        const v = this.block.readScalar(slot, kind);
        if (v === undefined) {
          return { ok: false, status: SaiStatus.FAILURE, detail: `malformed ${kind} (attribute ${attrIds[a]})` };
        }
        out[a] = v;
      }
    }
    return { ok: true, values: out, noValue: [], unanswered: [] };
  }

  /** Frees the native arrays. */
  free(): void {
    this.block.free();
    this.keys.free();
    this.counts.free();
    this.lists.free();
    this.statuses.free();
    this.ids.free();
  }
}
