/**
 * Boot reports shaped as the instance (issue 10) returns them: the boot type, restore count from
 * the checkpoint, and the lifecycle transition records `{instance, from, to, event, at, reason}`.
 */
import type { BootOutcome, TransitionRecord } from '../../../src/system/warm-restart/boot-events.js';

let clock = Date.parse('2026-11-29T10:00:00.000Z');
const at = () => new Date((clock += 1000)).toISOString();
const tr = (event: string, from: string, to: string, reason?: string): TransitionRecord => ({
  instance: 'sw',
  from,
  to,
  event,
  at: at(),
  ...(reason !== undefined ? { reason } : {}),
});

/** A warm boot that reached running. */
export function warmBoot(restoreCount: number): BootOutcome {
  return {
    instance: 'sw',
    bootType: 'warm',
    restoreCount,
    transitions: [
      tr('boot', 'exited', 'initializing'),
      tr('reloaded', 'initializing', 'reloaded'),
      tr('replayed', 'reloaded', 'replayed'),
      tr('reconciled', 'replayed', 'reconciled'),
      tr('ready', 'reconciled', 'running'),
    ],
    reconcile: { staleRemoved: 0, new: 0, same: 12, changed: 0 },
  };
}

/** A cold boot that reached running. */
export function coldBoot(reason: string): BootOutcome {
  return {
    instance: 'sw',
    bootType: 'cold',
    coldReason: reason,
    restoreCount: 0,
    transitions: [
      tr('boot', 'created', 'initializing'),
      tr('reloaded', 'initializing', 'reloaded'),
      tr('reconciled', 'reloaded', 'reconciled'),
      tr('ready', 'reconciled', 'running'),
    ],
  };
}

/** A warm boot that failed after reload and went on cold (the instance's `fellBackCold`). */
export function warmFellBackCold(restoreCount: number, reason: string): BootOutcome {
  return {
    instance: 'sw',
    bootType: 'cold',
    coldReason: `warm boot failed: ${reason}`,
    restoreCount: 0,
    transitions: [
      tr('boot', 'exited', 'initializing'),
      tr('reloaded', 'initializing', 'reloaded'),
      tr('fellBackCold', 'reloaded', 'initializing', reason),
      tr('reloaded', 'initializing', 'reloaded'),
      tr('reconciled', 'reloaded', 'reconciled'),
      tr('ready', 'reconciled', 'running'),
    ],
  };
  void restoreCount;
}

/** A warm boot that died after reload (SIGKILL): only its first transitions were recorded. */
export function warmDiedAfterReload(restoreCount: number): BootOutcome {
  return {
    instance: 'sw',
    bootType: 'warm',
    restoreCount,
    transitions: [tr('boot', 'exited', 'initializing'), tr('reloaded', 'initializing', 'reloaded')],
  };
}
