/**
 * `InstrumentedAdapter`: a decorator over any `SaiAdapter` (the fake, the FFI adapter over a
 * libsai, ...) that delegates every call and adds what tests and tools need from any adapter,
 * with the same semantics `FakeSaiAdapter` has for its own:
 *
 * - per-type counters of successful calls: objects created, removed and set, and gets; a bulk
 *   call counts each successful entry once (`countersOf`, `writes`, `resetCounters`);
 * - an optional call log: every call (every bulk entry) with the status it answered (`callLog`);
 * - fault injection (`injectFault`, `FaultRule`): a matching call, or bulk entry, answers the
 *   rule's SAI status without reaching the wrapped adapter;
 * - `objectCount(type)`, through `getObjectKeys`;
 * - `bulkGet` only when the wrapped adapter has one, with per-entry faults, counters and log.
 *
 * Calls are numbered as the fake numbers them (`FakeCall.seq`): one per create / remove / set /
 * get and one per bulk entry that is executed (entries after a stop in `stopOnError` mode are
 * not); queries (`getObjectKeys`, `objectTypeQuery`, `switchDefaults`, `supportsBulk`) and
 * `shutdown` are neither numbered, counted nor logged.
 *
 * Bulk calls reach the wrapped adapter as one call while no fault rule is active. While a rule
 * is active, entries go one at a time (each as a bulk call of one entry), so a rule sees each
 * entry in order and a faulted entry never reaches the wrapped adapter; the rest goes as one
 * call again as soon as no rule is left.
 */
import type { AdapterKey, EntryKey } from '../sai/entry.js';
import { isSaiStatusError, SaiStatusError } from '../sai/errors.js';
import type { SaiObjectType } from '../sai/object-type.js';
import { SaiStatus } from '../sai/status.js';
import type { ReadValue, SaiAttribute } from '../sai/value.js';
import type {
  BulkCreateEntry,
  BulkCreateResult,
  BulkErrorMode,
  BulkGetResult,
  SaiAdapter,
  SwitchDefaults,
} from './adapter.js';
import type { WriteTotals } from './counters.js';
import type { CallLogEntry, FakeCall } from './faults.js';
import { FaultingAdapter } from './instrumentation.js';

/** One SAI call as the instrumented adapter sees it (the fake's `FakeCall`): bulk calls once per entry. */
export type AdapterCall = FakeCall;

/** One entry of the call log: the call and the status it answered (0 = SUCCESS). */
export type AdapterCallLogEntry = CallLogEntry;

/** Options of `InstrumentedAdapter`. */
export interface InstrumentedAdapterOptions {
  /** Keep a log of every call (every bulk entry) in `callLog` (default false). */
  readonly log?: boolean;
}

/** Write totals over every type (the same shape every adapter reports). */
export type InstrumentedWriteTotals = WriteTotals;

type Op = AdapterCall['op'];

/** The status a thrown error carries (FAILURE for an error that is not a `SaiStatusError`). */
function statusOf(e: unknown): number {
  return isSaiStatusError(e) ? e.status : SaiStatus.FAILURE;
}

/** Any `SaiAdapter` with counters, a call log and fault injection (see the module comment). */
export class InstrumentedAdapter<A extends SaiAdapter = SaiAdapter> extends FaultingAdapter implements SaiAdapter {
  /** The wrapped adapter's name. */
  readonly name: string;

  /**
   * Bulk get, present only when the wrapped adapter has one: faults, counters (one get per
   * successful entry) and the log per entry, as the other bulk calls (see `SaiAdapter.bulkGet`).
   */
  readonly bulkGet?: (
    objectType: SaiObjectType,
    keys: readonly AdapterKey[],
    attrIds: readonly number[],
  ) => BulkGetResult;

  private shutDown = false;

  /** Wraps `inner`; every call is delegated to it. */
  constructor(
    /** The wrapped adapter. */
    readonly inner: A,
    options: InstrumentedAdapterOptions = {},
  ) {
    super(options.log);
    this.name = inner.name;
    if (typeof inner.bulkGet === 'function') {
      this.bulkGet = (objectType, keys, attrIds) => this.delegateBulkGet(objectType, keys, attrIds);
    }
  }

  /** The wrapped adapter's libsai, for error messages. */
  get library(): string | undefined {
    return this.inner.library;
  }

  /** The wrapped adapter's switch id. */
  get switchId(): bigint {
    return this.inner.switchId;
  }

  /** Number of live objects of a type, by `getObjectKeys` (neither numbered nor counted). */
  objectCount(objectType: SaiObjectType): number {
    return this.inner.getObjectKeys(objectType).length;
  }

  /** True after a successful `shutdown`. */
  get isShutDown(): boolean {
    return this.shutDown;
  }

  /** Numbers one call (entry): 0 after shutdown (the wrapped adapter refuses it), else as `admit`. */
  private enter(
    op: Op,
    objectType: SaiObjectType,
    key: AdapterKey | undefined,
    attrs: readonly SaiAttribute[],
    bulk: boolean,
  ): number {
    if (this.shutDown) {
      this.seq++;
      return 0;
    }
    return this.admit(op, objectType, key, attrs, bulk);
  }

  /** Runs one non-bulk call through numbering, faults, counters and the log. */
  private call<T>(
    op: Op,
    objectType: SaiObjectType,
    key: AdapterKey | undefined,
    attrs: readonly SaiAttribute[],
    fn: () => T,
  ): T {
    const injected = this.enter(op, objectType, key, attrs, false);
    if (injected !== 0) {
      this.record(op, objectType, key, attrs, false, injected);
      throw new SaiStatusError(op, objectType, key, injected);
    }
    let out: T;
    try {
      out = fn();
    } catch (e) {
      this.record(op, objectType, key, attrs, false, statusOf(e));
      throw e;
    }
    this.record(op, objectType, key, attrs, false, 0);
    return out;
  }

  // ---- create / remove / set / get -------------------------------------------------------------

  /** Delegates `create` (see `SaiAdapter.create`). */
  create(objectType: SaiObjectType, key: EntryKey | undefined, attrs: readonly SaiAttribute[]): bigint {
    return this.call('create', objectType, key, attrs, () => this.inner.create(objectType, key, attrs));
  }

  /** Delegates `remove`. */
  remove(objectType: SaiObjectType, key: AdapterKey): void {
    this.call('remove', objectType, key, [], () => this.inner.remove(objectType, key));
  }

  /** Delegates `set`. */
  set(objectType: SaiObjectType, key: AdapterKey, attr: SaiAttribute): void {
    this.call('set', objectType, key, [attr], () => this.inner.set(objectType, key, attr));
  }

  /** Delegates `get`. */
  get(objectType: SaiObjectType, key: AdapterKey, attrIds: readonly number[]): ReadValue[] {
    return this.call('get', objectType, key, [], () => this.inner.get(objectType, key, attrIds));
  }

  // ---- bulk ------------------------------------------------------------------------------------

  /** Delegates `supportsBulk`. */
  supportsBulk(objectType: SaiObjectType): boolean {
    return this.inner.supportsBulk(objectType);
  }

  /**
   * One bulk call of `n` entries, per entry: `describe(i)` names entry i for rules and the log,
   * `run(from, to)` executes entries [from, to) on the wrapped adapter as one bulk call and
   * answers their statuses (writing any ids itself).
   */
  private bulk(
    op: Op,
    objectType: SaiObjectType,
    n: number,
    mode: BulkErrorMode,
    describe: (i: number) => { key: AdapterKey | undefined; attrs: readonly SaiAttribute[] },
    run: (from: number, to: number) => Int32Array,
  ): Int32Array {
    const statuses = new Int32Array(n);
    // Accounts for entries [from, from + got.length) that the wrapped adapter answered.
    const account = (from: number, got: Int32Array): void => {
      for (let k = 0; k < got.length; k++) {
        const i = from + k;
        const st = got[k];
        statuses[i] = st;
        if (st === SaiStatus.NOT_EXECUTED && mode === 'stopOnError') continue;
        this.seq++;
        const { key, attrs } = describe(i);
        this.record(op, objectType, key, attrs, true, st);
      }
    };
    let i = 0;
    while (i < n) {
      if (this.shutDown || this.faults.empty) {
        account(i, run(i, n));
        return statuses;
      }
      const { key, attrs } = describe(i);
      const injected = this.enter(op, objectType, key, attrs, true);
      let st: number;
      if (injected !== 0) {
        st = injected;
        statuses[i] = st;
        this.record(op, objectType, key, attrs, true, st);
      } else {
        st = run(i, i + 1)[0];
        statuses[i] = st;
        this.record(op, objectType, key, attrs, true, st);
      }
      i++;
      if (st !== 0 && mode === 'stopOnError') {
        statuses.fill(SaiStatus.NOT_EXECUTED, i);
        return statuses;
      }
    }
    return statuses;
  }

  /** Delegates `bulkCreate`; faults, counters and the log per entry. */
  bulkCreate(objectType: SaiObjectType, entries: readonly BulkCreateEntry[], mode: BulkErrorMode): BulkCreateResult {
    if (!this.inner.supportsBulk(objectType)) return this.inner.bulkCreate(objectType, entries, mode);
    const ids: bigint[] = new Array<bigint>(entries.length).fill(0n);
    const statuses = this.bulk(
      'create',
      objectType,
      entries.length,
      mode,
      (i) => ({ key: entries[i].key, attrs: entries[i].attrs }),
      (from, to) => {
        const part = from === 0 && to === entries.length ? entries : entries.slice(from, to);
        const r = this.inner.bulkCreate(objectType, part, mode);
        for (let k = 0; k < r.ids.length; k++) ids[from + k] = r.ids[k];
        return r.statuses;
      },
    );
    return { statuses, ids };
  }

  /** Delegates `bulkRemove`; faults, counters and the log per entry. */
  bulkRemove(objectType: SaiObjectType, keys: readonly AdapterKey[], mode: BulkErrorMode): Int32Array {
    if (!this.inner.supportsBulk(objectType)) return this.inner.bulkRemove(objectType, keys, mode);
    return this.bulk(
      'remove',
      objectType,
      keys.length,
      mode,
      (i) => ({ key: keys[i], attrs: [] }),
      (from, to) =>
        this.inner.bulkRemove(objectType, from === 0 && to === keys.length ? keys : keys.slice(from, to), mode),
    );
  }

  /** Delegates `bulkSet`; faults, counters and the log per entry. */
  bulkSet(
    objectType: SaiObjectType,
    keys: readonly AdapterKey[],
    attrs: readonly SaiAttribute[],
    mode: BulkErrorMode,
  ): Int32Array {
    if (!this.inner.supportsBulk(objectType) || attrs.length !== keys.length)
      return this.inner.bulkSet(objectType, keys, attrs, mode);
    return this.bulk(
      'set',
      objectType,
      keys.length,
      mode,
      (i) => ({ key: keys[i], attrs: [attrs[i]] }),
      (from, to) =>
        from === 0 && to === keys.length
          ? this.inner.bulkSet(objectType, keys, attrs, mode)
          : this.inner.bulkSet(objectType, keys.slice(from, to), attrs.slice(from, to), mode),
    );
  }

  /** `bulkGet` through the wrapped adapter's: every entry tried, per-entry faults, counters and log. */
  private delegateBulkGet(
    objectType: SaiObjectType,
    keys: readonly AdapterKey[],
    attrIds: readonly number[],
  ): BulkGetResult {
    const inner = this.inner;
    const values = new Array<ReadValue[]>(keys.length);
    const statuses = this.bulk(
      'get',
      objectType,
      keys.length,
      'ignoreError',
      (i) => ({ key: keys[i], attrs: [] }),
      (from, to) => {
        const r = inner.bulkGet!(objectType, from === 0 && to === keys.length ? keys : keys.slice(from, to), attrIds);
        for (let k = 0; k < r.statuses.length; k++) values[from + k] = r.values[k];
        return r.statuses;
      },
    );
    for (let i = 0; i < keys.length; i++) if (statuses[i] !== 0 || values[i] === undefined) values[i] = [];
    return { statuses, values };
  }

  // ---- queries and shutdown ------------------------------------------------------------------

  /** Delegates `objectTypeQuery`. */
  objectTypeQuery(oid: bigint): SaiObjectType | undefined {
    return this.inner.objectTypeQuery(oid);
  }

  /** Delegates `getObjectKeys`. */
  getObjectKeys(objectType: SaiObjectType): AdapterKey[] {
    return this.inner.getObjectKeys(objectType);
  }

  /** Delegates `switchDefaults`. */
  switchDefaults(): SwitchDefaults {
    return this.inner.switchDefaults();
  }

  /** Delegates `shutdown`; afterwards calls are refused by the wrapped adapter, not by faults. */
  shutdown(options: { warm: boolean }): void {
    this.inner.shutdown(options);
    this.shutDown = true;
  }
}
