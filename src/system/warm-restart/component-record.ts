/**
 * One component's row of STATE_DB `WARM_RESTART_TABLE|<component>` as typed data, and the pure
 * rules that move it through a boot. SONiC's fields are `restore_count` and `state`; ours add what
 * SONiC lacks: `failed` with a `reason` that no later state of the same boot overwrites, a time per
 * state, the boot type and cold reason, the reconcile counts, and the count of consecutive failed
 * warm starts that the retry policy reads.
 *
 * Row fields (all strings, as Redis keeps them):
 *   restore_count, state                          SONiC's
 *   boot_id, boot_type (warm|cold), cold_reason   this boot
 *   reason                                        why it failed (state `failed` only)
 *   initialized_at, restored_at, replayed_at,
 *   reconciled_at, disabled_at, failed_at         ISO 8601 times, this boot
 *   reconcile_stale_removed, reconcile_new,
 *   reconcile_same, reconcile_changed             what reconciliation did, this boot
 *   warm_failures                                 failed warm starts in a row (across boots)
 *   last_failed_reason, last_failed_at            the last failure (across boots)
 *   fallback_reason                               why the retry policy chose cold (this boot)
 */
import { z } from 'zod';
import { parseRow, type Row } from '../../db/index.js';
import { STATE_WARM_RESTART_TABLE, WARM_START_STATES, type WarmStartState } from './tables.js';

/** What reconciling with the intent did: objects removed as stale, created, left equal, changed. */
export interface ReconcileCounts {
  readonly staleRemoved: number;
  readonly new: number;
  readonly same: number;
  readonly changed: number;
}

/** A component's record. */
export interface ComponentRecord {
  readonly restoreCount: number;
  readonly state: WarmStartState;
  readonly bootId: string;
  readonly bootType: 'warm' | 'cold';
  readonly coldReason?: string;
  /** Why this boot failed (only with state `failed`). */
  readonly reason?: string;
  /** When this boot reached each state. */
  readonly at: Readonly<Partial<Record<WarmStartState, string>>>;
  readonly reconcile?: ReconcileCounts;
  readonly warmFailures: number;
  readonly lastFailure?: { readonly reason: string; readonly at: string };
  readonly fallbackReason?: string;
}

/** What happens to a component, in order. Times are ISO 8601. */
export type BookEvent =
  /** A boot starts: warm (state `initialized`) or cold (state `disabled`). */
  | {
      readonly kind: 'boot';
      readonly bootId: string;
      readonly bootType: 'warm' | 'cold';
      readonly restoreCount: number;
      readonly coldReason?: string;
      /** Consecutive failed warm starts before this boot (the retry policy's count). */
      readonly warmFailures?: number;
      readonly fallbackReason?: string;
      readonly at: string;
    }
  /** A warm boot reached a state. */
  | { readonly kind: 'state'; readonly state: 'restored' | 'replayed' | 'reconciled'; readonly at: string }
  /** The boot failed. */
  | { readonly kind: 'failed'; readonly reason: string; readonly at: string }
  /** The warm attempt failed and this boot goes on cold (the failure stays the state). */
  | { readonly kind: 'coldFallback'; readonly reason: string; readonly restoreCount: number; readonly at: string }
  /** The boot is up and serving (resets the count of failed warm starts unless it failed). */
  | { readonly kind: 'running'; readonly at: string }
  | { readonly kind: 'reconcile'; readonly counts: ReconcileCounts };

/** The record after an event, and why the event changed nothing when it did not. */
export interface EventResult {
  readonly record: ComponentRecord | undefined;
  readonly ignored?: string;
}

const ORDER: Readonly<Record<WarmStartState, number>> = {
  initialized: 0,
  restored: 1,
  replayed: 2,
  reconciled: 3,
  disabled: 0,
  failed: 4,
};

/** Applies one event (pure). A failure is never overwritten by a later event of the same boot. */
export function applyEvent(record: ComponentRecord | undefined, event: BookEvent): EventResult {
  if (event.kind === 'boot') {
    const state: WarmStartState = event.bootType === 'warm' ? 'initialized' : 'disabled';
    return {
      record: {
        restoreCount: event.restoreCount,
        state,
        bootId: event.bootId,
        bootType: event.bootType,
        ...(event.coldReason !== undefined ? { coldReason: event.coldReason } : {}),
        at: { [state]: event.at },
        warmFailures: event.warmFailures ?? record?.warmFailures ?? 0,
        ...(record?.lastFailure ? { lastFailure: record.lastFailure } : {}),
        ...(event.fallbackReason !== undefined ? { fallbackReason: event.fallbackReason } : {}),
      },
    };
  }
  if (record === undefined) return { record, ignored: `${event.kind} before any boot was recorded` };
  const failedAlready =
    record.state === 'failed'
      ? `state stays failed (${record.reason ?? 'no reason'}) for boot ${record.bootId}`
      : undefined;
  switch (event.kind) {
    case 'state': {
      if (failedAlready) return { record, ignored: `${event.state}: ${failedAlready}` };
      if (record.bootType === 'cold') return { record, ignored: `${event.state}: a cold boot stays disabled` };
      if (ORDER[event.state] <= ORDER[record.state]) return { record, ignored: `${event.state} after ${record.state}` };
      return { record: { ...record, state: event.state, at: { ...record.at, [event.state]: event.at } } };
    }
    case 'failed':
    case 'coldFallback': {
      let next: ComponentRecord = record;
      let ignored: string | undefined;
      if (failedAlready) {
        ignored = `failure ${JSON.stringify(event.reason)}: ${failedAlready}`;
      } else {
        next = {
          ...record,
          state: 'failed',
          reason: event.reason,
          at: { ...record.at, failed: event.at },
          warmFailures: record.bootType === 'warm' ? record.warmFailures + 1 : record.warmFailures,
          lastFailure: { reason: event.reason, at: event.at },
        };
      }
      if (event.kind === 'coldFallback') {
        // The boot goes on cold: its type and restore count say so; the failure stays its state.
        next = {
          ...next,
          bootType: 'cold',
          coldReason: `warm start failed: ${event.reason}`,
          restoreCount: event.restoreCount,
        };
        return { record: next };
      }
      return { record: next, ...(ignored ? { ignored } : {}) };
    }
    case 'running':
      return record.state === 'failed' ? { record } : { record: { ...record, warmFailures: 0 } };
    case 'reconcile':
      return { record: { ...record, reconcile: event.counts } };
  }
}

/** Applies events in order; answers the record and every refusal. */
export function applyEvents(
  record: ComponentRecord | undefined,
  events: readonly BookEvent[],
): { record: ComponentRecord | undefined; ignored: string[] } {
  const ignored: string[] = [];
  let r = record;
  for (const e of events) {
    const out = applyEvent(r, e);
    r = out.record;
    if (out.ignored) ignored.push(out.ignored);
  }
  return { record: r, ignored };
}

/** Every field this project writes (others' fields in the same hash are left alone). */
export const RECORD_FIELDS = [
  'restore_count',
  'state',
  'boot_id',
  'boot_type',
  'cold_reason',
  'reason',
  ...WARM_START_STATES.map((s) => `${s}_at`),
  'reconcile_stale_removed',
  'reconcile_new',
  'reconcile_same',
  'reconcile_changed',
  'warm_failures',
  'last_failed_reason',
  'last_failed_at',
  'fallback_reason',
] as const;

/** The record as a `WARM_RESTART_TABLE` row. */
export function recordToRow(r: ComponentRecord): Record<string, string> {
  const row: Record<string, string> = {
    restore_count: String(r.restoreCount),
    state: r.state,
    boot_id: r.bootId,
    boot_type: r.bootType,
    warm_failures: String(r.warmFailures),
  };
  if (r.coldReason !== undefined) row.cold_reason = r.coldReason;
  if (r.reason !== undefined) row.reason = r.reason;
  for (const [s, at] of Object.entries(r.at)) if (at !== undefined) row[`${s}_at`] = at;
  if (r.reconcile) {
    row.reconcile_stale_removed = String(r.reconcile.staleRemoved);
    row.reconcile_new = String(r.reconcile.new);
    row.reconcile_same = String(r.reconcile.same);
    row.reconcile_changed = String(r.reconcile.changed);
  }
  if (r.lastFailure) {
    row.last_failed_reason = r.lastFailure.reason;
    row.last_failed_at = r.lastFailure.at;
  }
  if (r.fallbackReason !== undefined) row.fallback_reason = r.fallbackReason;
  return row;
}

const count = z
  .string()
  .regex(/^[0-9]+$/, 'a count is a whole number')
  .transform(Number);
const opt = z.string().optional();

/** Our fields of the row; others (SONiC's `restore_check`, ...) are allowed and ignored. */
const rowSchema = z.looseObject({
  restore_count: count,
  state: z.enum(WARM_START_STATES, { message: `must be one of ${WARM_START_STATES.join(', ')}` }),
  boot_id: z.string().default(''),
  boot_type: z.enum(['warm', 'cold']).optional(),
  cold_reason: opt,
  reason: opt,
  ...Object.fromEntries(WARM_START_STATES.map((s) => [`${s}_at`, opt])),
  reconcile_stale_removed: count.optional(),
  reconcile_new: count.optional(),
  reconcile_same: count.optional(),
  reconcile_changed: count.optional(),
  warm_failures: count.optional(),
  last_failed_reason: opt,
  last_failed_at: opt,
  fallback_reason: opt,
});

/**
 * Reads a `WARM_RESTART_TABLE` row back into a record. A row written by SONiC (only
 * `restore_count` and `state`) reads as a warm boot record without times.
 * @throws DbValueError naming the field when `restore_count`, `state` or a count is malformed.
 */
export function rowToRecord(component: string, row: Row, namespace = ''): ComponentRecord {
  const p = parseRow(
    rowSchema,
    { db: 'STATE_DB', namespace, key: `${STATE_WARM_RESTART_TABLE}|${component}` },
    row,
  ) as Record<string, unknown> & z.output<typeof rowSchema>;
  const at: Partial<Record<WarmStartState, string>> = {};
  for (const s of WARM_START_STATES) {
    const v = p[`${s}_at`];
    if (typeof v === 'string') at[s] = v;
  }
  const reconcile =
    p.reconcile_stale_removed !== undefined || p.reconcile_new !== undefined
      ? {
          staleRemoved: p.reconcile_stale_removed ?? 0,
          new: p.reconcile_new ?? 0,
          same: p.reconcile_same ?? 0,
          changed: p.reconcile_changed ?? 0,
        }
      : undefined;
  return {
    restoreCount: p.restore_count,
    state: p.state,
    bootId: p.boot_id,
    bootType: p.boot_type ?? (p.state === 'disabled' ? 'cold' : 'warm'),
    ...(p.cold_reason !== undefined ? { coldReason: p.cold_reason } : {}),
    ...(p.reason !== undefined ? { reason: p.reason } : {}),
    at,
    ...(reconcile ? { reconcile } : {}),
    warmFailures: p.warm_failures ?? 0,
    ...(p.last_failed_reason !== undefined
      ? { lastFailure: { reason: p.last_failed_reason, at: p.last_failed_at ?? '' } }
      : {}),
    ...(p.fallback_reason !== undefined ? { fallbackReason: p.fallback_reason } : {}),
  };
}
