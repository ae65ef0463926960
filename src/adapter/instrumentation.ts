/**
 * What tests and reports read of an adapter, shared by every adapter: counters of successful calls
 * (`CountingAdapter`: the fake, the FFI adapter, the instrumented wrapper), and, for adapters that
 * can refuse calls before they happen, a call log and fault injection (`FaultingAdapter`: the fake
 * and the instrumented wrapper).
 */
import type { SaiObjectType } from '../sai/object-type.js';
import type { CallCounters } from './adapter.js';
import { CallCounterSet, type WriteTotals } from './counters.js';
import { FaultInjector, type CallLogEntry, type FakeCall, type FaultRule } from './faults.js';
import type { AdapterKey } from '../sai/entry.js';
import type { SaiAttribute } from '../sai/value.js';

/** Per-type counters of successful calls (a bulk call counts each successful entry once). */
export abstract class CountingAdapter {
  protected readonly counters = new CallCounterSet();

  /** Counters of one object type: objects created / removed / set, gets (zeros when none). */
  countersOf(objectType: SaiObjectType): Readonly<CallCounters> {
    return this.counters.of(objectType);
  }

  /** Creates, sets and removes summed over every type, and their total. */
  writes(): WriteTotals {
    return this.counters.writes();
  }

  /** Zeroes every counter (and, where there is one, empties the call log). */
  resetCounters(): void {
    this.counters.reset();
  }
}

/** Counters, a call log and fault injection, with calls numbered from 1. */
export abstract class FaultingAdapter extends CountingAdapter {
  protected readonly faults = new FaultInjector();
  /** Calls (bulk entries one each) numbered so far. */
  protected seq = 0;
  /** The call log when the adapter was made with `log`: every call (every bulk entry) with its status. */
  readonly callLog: CallLogEntry[] | undefined;

  constructor(log: boolean | undefined) {
    super();
    this.callLog = log ? [] : undefined;
  }

  override resetCounters(): void {
    super.resetCounters();
    if (this.callLog) this.callLog.length = 0;
  }

  /**
   * Adds a fault rule: a call (or bulk entry) it matches answers `status` instead of executing.
   * `nth` counts calls from now, 1 = the next call; `when` is a predicate on the call; `times`
   * (default 1, Infinity for always) how often it fires.
   */
  injectFault(rule: FaultRule): void {
    this.faults.add(rule, this.seq);
  }

  /** Drops every fault rule. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Numbers one call (bulk entry) and answers the status a fault injects, or 0 to execute it. */
  protected admit(
    op: FakeCall['op'],
    objectType: SaiObjectType,
    key: AdapterKey | undefined,
    attrs: readonly SaiAttribute[],
    bulk: boolean,
  ): number {
    this.seq++;
    if (this.faults.empty) return 0;
    return this.faults.check({ op, objectType, key, attrs, seq: this.seq, bulk });
  }

  /** Counts a call (bulk entry) that succeeded, and logs it with its status. */
  protected record(
    op: FakeCall['op'],
    objectType: SaiObjectType,
    key: AdapterKey | undefined,
    attrs: readonly SaiAttribute[],
    bulk: boolean,
    status: number,
  ): void {
    if (status === 0) this.counters.add(objectType, op);
    this.callLog?.push({ op, objectType, key, attrs, bulk, status });
  }
}
