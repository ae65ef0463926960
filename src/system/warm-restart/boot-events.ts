/**
 * The seam between an instance and the bookkeeping: an instance reports its boot as plain data
 * (issue 10: the boot report with its lifecycle transition records `{instance, from, to, event, at,
 * reason}`), and this turns it into the component's events, without I/O.
 *
 *   instance event          WARM_RESTART_TABLE
 *   boot (warm)             initialized (restore_count from the checkpoint)
 *   boot (cold)             disabled (restore_count 0, cold_reason)
 *   reloaded                restored
 *   replayed                replayed
 *   reconciled              reconciled (+ reconcile counts)
 *   fellBackCold            failed with the reason; boot_type cold
 *   failed                  failed with the reason
 *   ready                   (running: the count of failed warm starts is reset)
 */
import type { BookEvent, ReconcileCounts } from './component-record.js';
import type { WarmStartDecision } from './retry-policy.js';

/** A lifecycle transition record, as the instance returns it. */
export interface TransitionRecord {
  readonly instance: string;
  readonly from: string;
  readonly to: string;
  readonly event: string;
  /** ISO 8601. */
  readonly at: string;
  readonly reason?: string;
}

/** What the bookkeeping needs of an instance's boot report. */
export interface BootOutcome {
  readonly instance: string;
  /** How the boot ended up. */
  readonly bootType: 'warm' | 'cold';
  readonly coldReason?: string;
  /** Warm boots since the last cold one, from the checkpoint (0 after a cold boot). */
  readonly restoreCount: number;
  /** The boot's transitions, in order. */
  readonly transitions: readonly TransitionRecord[];
  /** What reconciling did, when the boot knows (part 3: the route feed). */
  readonly reconcile?: ReconcileCounts;
}

/** The component's events for one boot, in order (pure). */
export function bootEvents(
  outcome: BootOutcome,
  decision?: WarmStartDecision,
  now: () => string = () => new Date().toISOString(),
): BookEvent[] {
  const start = outcome.transitions.find((t) => t.event === 'boot');
  const startedAt = start?.at ?? outcome.transitions[0]?.at ?? now();
  const fellBack = outcome.transitions.some((t) => t.event === 'fellBackCold');
  const attemptedWarm = outcome.bootType === 'warm' || fellBack;
  const events: BookEvent[] = [
    {
      kind: 'boot',
      bootId: `${outcome.instance}@${startedAt}`,
      bootType: attemptedWarm ? 'warm' : 'cold',
      restoreCount: outcome.bootType === 'warm' ? outcome.restoreCount : attemptedWarm ? outcome.restoreCount : 0,
      ...(!attemptedWarm ? { coldReason: outcome.coldReason ?? decision?.reason ?? 'cold boot' } : {}),
      ...(decision !== undefined ? { warmFailures: decision.warmFailures } : {}),
      ...(decision?.bootType === 'cold' && decision.fallback ? { fallbackReason: decision.reason } : {}),
      at: startedAt,
    },
  ];
  let coldNow = !attemptedWarm;
  for (const t of outcome.transitions) {
    if (t === start) continue;
    switch (t.event) {
      case 'reloaded':
        if (!coldNow) events.push({ kind: 'state', state: 'restored', at: t.at });
        break;
      case 'replayed':
        if (!coldNow) events.push({ kind: 'state', state: 'replayed', at: t.at });
        break;
      case 'reconciled':
        if (!coldNow) events.push({ kind: 'state', state: 'reconciled', at: t.at });
        break;
      case 'fellBackCold':
        coldNow = true;
        events.push({
          kind: 'coldFallback',
          reason: t.reason ?? outcome.coldReason ?? 'warm start failed',
          restoreCount: 0,
          at: t.at,
        });
        break;
      case 'failed':
        events.push({ kind: 'failed', reason: t.reason ?? 'failed', at: t.at });
        break;
      case 'ready':
        events.push({ kind: 'running', at: t.at });
        break;
    }
  }
  if (outcome.reconcile) events.push({ kind: 'reconcile', counts: outcome.reconcile });
  return events;
}
