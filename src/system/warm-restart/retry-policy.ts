/**
 * Whether the next start is warm or cold: a pure function of the intent, the checkpoint and the
 * component's last record. SONiC restarts warm as long as the knob is on, so a warm start that
 * crashes crash-loops warm; here a failed warm start is retried warm at most once, then the start
 * is cold, explicitly and with the reason recorded (`fallback_reason`).
 *
 * A warm start that did not finish (the record stops at `initialized`, `restored` or `replayed`:
 * the process died) counts as failed. A cold start that came up, or a warm one that reconciled,
 * resets the count. The instance's checkpoint keeps its own count of started warm boots per
 * generation (issue 10, `maxWarmAttempts`, also 2): that one survives a crash before anything was
 * recorded here, and reaches this function as an unusable checkpoint.
 */
import type { ComponentRecord } from './component-record.js';

/** The most warm attempts in a row before a cold start: the first and one retry. */
export const MAX_WARM_ATTEMPTS = 2;

/** What the decision reads. */
export interface WarmStartInputs {
  /**
   * STATE_DB `WARM_RESTART_ENABLE_TABLE`: the module's `enable`, else the system's; undefined when
   * neither is set (then a usable checkpoint decides, as `saistore shutdown --warm` asked).
   */
  readonly enabled: boolean | undefined;
  /** Where `enabled` came from, for the reason (`WARM_RESTART_ENABLE_TABLE|swss`). */
  readonly enabledBy?: string;
  /** Whether the instance's checkpoint can be booted warm, and why not. */
  readonly checkpoint: { readonly usable: true } | { readonly usable: false; readonly reason: string };
  /** The component's record from the previous boot, if any. */
  readonly previous?: ComponentRecord;
}

/** The decision. `warmFailures` is what the new boot's record starts with. */
export type WarmStartDecision =
  | { readonly bootType: 'warm'; readonly attempt: number; readonly warmFailures: number; readonly reason: string }
  | {
      readonly bootType: 'cold';
      readonly warmFailures: number;
      readonly reason: string;
      /** True when the retry policy, not the intent or the checkpoint, chose cold. */
      readonly fallback: boolean;
    };

/** Failed warm starts in a row, counting one that never finished. */
export function failedWarmStarts(previous: ComponentRecord | undefined): { count: number; last?: string } {
  if (previous === undefined) return { count: 0 };
  const unfinished = previous.bootType === 'warm' && ['initialized', 'restored', 'replayed'].includes(previous.state);
  if (unfinished) {
    return {
      count: previous.warmFailures + 1,
      last: `the warm start of boot ${previous.bootId} stopped at ${previous.state} (the process died)`,
    };
  }
  return previous.warmFailures > 0
    ? { count: previous.warmFailures, ...(previous.lastFailure ? { last: previous.lastFailure.reason } : {}) }
    : { count: 0 };
}

/** Decides the next start (pure). */
export function decideWarmStart(input: WarmStartInputs): WarmStartDecision {
  const failures = failedWarmStarts(input.previous);
  if (input.enabled === false) {
    return {
      bootType: 'cold',
      warmFailures: failures.count,
      reason: `warm restart disabled (STATE_DB ${input.enabledBy ?? 'WARM_RESTART_ENABLE_TABLE'} enable=false)`,
      fallback: false,
    };
  }
  if (!input.checkpoint.usable) {
    return { bootType: 'cold', warmFailures: failures.count, reason: input.checkpoint.reason, fallback: false };
  }
  if (failures.count >= MAX_WARM_ATTEMPTS) {
    return {
      bootType: 'cold',
      warmFailures: failures.count,
      reason: `${failures.count} warm starts failed in a row (last: ${failures.last ?? 'unknown'}); starting cold instead of trying again`,
      fallback: true,
    };
  }
  if (failures.count > 0) {
    return {
      bootType: 'warm',
      attempt: failures.count + 1,
      warmFailures: failures.count,
      reason: `retrying warm once after a failed warm start (${failures.last ?? 'unknown'})`,
    };
  }
  return { bootType: 'warm', attempt: 1, warmFailures: 0, reason: 'a committed checkpoint' };
}
