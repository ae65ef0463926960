/**
 * Per object type counts of successful calls, kept alike by every adapter (fake, FFI, instrumented): objects created,
 * removed, set and read (a bulk create of n routes that all succeed counts n creates).
 */
import type { SaiObjectType } from '../sai/object-type.js';
import type { CallCounters } from './adapter.js';

/** Write totals over every type. */
export interface WriteTotals {
  create: number;
  set: number;
  remove: number;
  total: number;
}

/** Counters of successful calls per object type. */
export class CallCounterSet {
  private readonly counters = new Map<SaiObjectType, CallCounters>();

  /** Adds `n` to `op` of `type`. */
  add(type: SaiObjectType, op: keyof CallCounters, n = 1): void {
    if (n === 0) return;
    let c = this.counters.get(type);
    if (!c) {
      c = { create: 0, remove: 0, set: 0, get: 0 };
      this.counters.set(type, c);
    }
    c[op] += n;
  }

  /** Counters of one type (zeros when it saw no call). */
  of(type: SaiObjectType): Readonly<CallCounters> {
    const c = this.counters.get(type);
    return c ? { ...c } : { create: 0, remove: 0, set: 0, get: 0 };
  }

  /** Creates, sets and removes summed over every type. */
  writes(): WriteTotals {
    let create = 0;
    let set = 0;
    let remove = 0;
    for (const c of this.counters.values()) {
      create += c.create;
      set += c.set;
      remove += c.remove;
    }
    return { create, set, remove, total: create + set + remove };
  }

  /** Zeroes every counter. */
  reset(): void {
    this.counters.clear();
  }
}
