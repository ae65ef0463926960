/**
 * The operational drain state as an instance publishes it for the routing daemon: STATE_DB (6) of
 * the instance's namespace, `BGP_DEVICE_GLOBAL|STATE`. SONiC keeps no operational TSA row (bgpcfgd
 * computes it and applies its route-maps); this row uses SONiC's table, key and `tsa_enabled` so a
 * consumer reads it as it reads CONFIG_DB, with the rest beside it:
 *
 * | field                   | values                                                        |
 * |-------------------------|---------------------------------------------------------------|
 * | `tsa_enabled`           | `true` (TSA, drained) / `false`: the operational state         |
 * | `system_mode`           | `Maintenance` / `Normal` (SONiC's TSC words)                   |
 * | `reasons`               | `chassis,instance,startup_hold,unknown` (what drains), or `none`|
 * | `basis`                 | `intent` / `last-known` / `fail-closed`                        |
 * | `chassis_tsa_enabled`   | `true` / `false` / `unknown`: CHASSIS_APP_DB as last read      |
 * | `instance_tsa_enabled`  | `true` / `false` / `unknown`: the instance's CONFIG_DB         |
 * | `unknown`               | `chassis:unreachable,instance:missing-key` ..., or `none`      |
 * | `startup_hold`          | `none` / `running` / `expired` / `ended`                        |
 * | `startup_hold_deadline` | ISO 8601 time, or `none`                                       |
 * | `updated_at`            | ISO 8601 time of the publication                               |
 *
 * Every field is written every time (HSET keeps fields it is not given, so a shorter row would
 * leave stale ones).
 */
import type { HoldStatus, StartupHold } from './hold.js';
import { readingWord, type TsaReading } from './intent.js';
import type { DrainDecision } from './operational.js';

/** The STATE_DB row's fields. */
export type DrainStateRow = Readonly<Record<DrainStateField, string>>;

/** The row's field names, in the order above. */
export const DRAIN_STATE_FIELDS = [
  'tsa_enabled',
  'system_mode',
  'reasons',
  'basis',
  'chassis_tsa_enabled',
  'instance_tsa_enabled',
  'unknown',
  'startup_hold',
  'startup_hold_deadline',
  'updated_at',
] as const;
export type DrainStateField = (typeof DRAIN_STATE_FIELDS)[number];

const REASON_WORD = { tsa: '', 'startup-hold': 'startup_hold', unknown: 'unknown' } as const;

/** The row for a decision; `updated_at` is `now`. */
export function drainStateRow(
  decision: DrainDecision,
  readings: { readonly chassis: TsaReading; readonly instance: TsaReading },
  hold: StartupHold | undefined,
  holdStatus: HoldStatus,
  now: number,
): DrainStateRow {
  const reasons = decision.reasons.map((r) => (r.kind === 'tsa' ? r.scope : REASON_WORD[r.kind]));
  return {
    tsa_enabled: decision.drained ? 'true' : 'false',
    system_mode: decision.mode,
    reasons: reasons.length > 0 ? reasons.join(',') : 'none',
    basis: decision.basis,
    chassis_tsa_enabled: readingWord(readings.chassis),
    instance_tsa_enabled: readingWord(readings.instance),
    unknown: decision.unknown.length > 0 ? decision.unknown.map((u) => `${u.scope}:${u.cause}`).join(',') : 'none',
    startup_hold: holdStatus.state,
    startup_hold_deadline: hold ? new Date(hold.deadline).toISOString() : 'none',
    updated_at: new Date(now).toISOString(),
  };
}

/** True when two rows say the same thing (everything but `updated_at`). */
export function sameDrainState(a: DrainStateRow | undefined, b: DrainStateRow): boolean {
  if (a === undefined) return false;
  return DRAIN_STATE_FIELDS.every((f) => f === 'updated_at' || a[f] === b[f]);
}
