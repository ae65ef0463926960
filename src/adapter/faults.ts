/** Fault injection (the fake adapter and InstrumentedAdapter): fail the Nth call, or calls matching a predicate. */
import type { AdapterKey } from '../sai/entry.js';
import type { SaiObjectType } from '../sai/object-type.js';
import type { SaiAttribute } from '../sai/value.js';

/** One SAI call as the fake sees it; bulk calls are seen once per entry. */
export interface FakeCall {
  readonly op: 'create' | 'remove' | 'set' | 'get';
  readonly objectType: SaiObjectType;
  /** AdapterKey; undefined for an oid create. */
  readonly key: AdapterKey | undefined;
  readonly attrs: readonly SaiAttribute[];
  /** 1-based sequence number of this call (entry) since the adapter was made. */
  readonly seq: number;
  /** True when the call is one entry of a bulk call. */
  readonly bulk: boolean;
}

/** One entry of a call log: the call and the status it answered (0 = SUCCESS). */
export type CallLogEntry = Omit<FakeCall, 'seq'> & { readonly status: number };

/** A fault: `status` returned instead of executing a matching call. */
export interface FaultRule {
  /** Fail the call with this 1-based sequence number (counted from when the rule is added). */
  readonly nth?: number;
  /** Fail calls for which this returns true. */
  readonly when?: (call: FakeCall) => boolean;
  /** The SAI status to return (e.g. SaiStatus.TABLE_FULL). */
  readonly status: number;
  /** How many times the rule fires before it is dropped (default 1; Infinity for always). */
  readonly times?: number;
}

interface ActiveRule {
  readonly rule: FaultRule;
  readonly baseSeq: number;
  remaining: number;
}

/** The fault rules of one adapter. */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  /** Adds a rule; `currentSeq` is the adapter's call count when the rule is added. */
  add(rule: FaultRule, currentSeq: number): void {
    this.rules.push({ rule, baseSeq: currentSeq, remaining: rule.times ?? 1 });
  }

  /** Drops every rule. */
  clear(): void {
    this.rules = [];
  }

  /** True when no rule is active (the hot path checks this first). */
  get empty(): boolean {
    return this.rules.length === 0;
  }

  /** The status a call must fail with, or 0 to execute it. */
  check(call: FakeCall): number {
    for (let i = 0; i < this.rules.length; i++) {
      const a = this.rules[i];
      const { nth, when } = a.rule;
      const matches = (nth === undefined || call.seq - a.baseSeq === nth) && (when === undefined || when(call));
      if (!matches) continue;
      a.remaining--;
      if (a.remaining <= 0) this.rules.splice(i, 1);
      return a.rule.status;
    }
    return 0;
  }
}
