/**
 * The startup hold: after an instance boots cold (its data plane was reset), it stays drained for a
 * fixed time, so it takes traffic only once its routes have converged. SONiC's
 * `startup_tsa_tsb.service` does this by writing TSA into the card's CONFIG_DB and a TSB when a timer
 * fires; its deadline lives in the service's memory, so every restart of the service applies TSA
 * and starts the full timer again, and a `config save` while it runs captures its TSA as the
 * operator's config.
 *
 * Here the hold is its own reason with a deadline (wall clock, ms since the epoch) that the caller
 * persists beside the instance's checkpoint, never in CONFIG_DB. A cold boot begins a new hold; a
 * warm boot or a restart of the agent resumes the one it finds, with the time that remains. An
 * operator's explicit intent for the instance (`drain on|off --scope instance`) ends it early, as
 * SONiC's TSA/TSB stop the startup service; the chassis scope never touches it.
 */

/** A startup hold as persisted. Times are ms since the epoch. */
export interface StartupHold {
  /** When the cold boot that began it happened. */
  readonly startedAt: number;
  /** Its length, ms (> 0). */
  readonly durationMs: number;
  /** `startedAt + durationMs`: the hold drains until then. */
  readonly deadline: number;
  /** Set when it ended before its deadline: the operator configured the instance's intent. */
  readonly endedEarly?: { readonly at: number; readonly by: 'operator' };
}

/** A hold at a moment: none, running (with the time left), expired, or ended early. */
export type HoldStatus =
  | { readonly state: 'none' }
  | {
      readonly state: 'running';
      readonly startedAt: number;
      readonly deadline: number;
      /** ms left, `0 < remainingMs <= durationMs`. */
      readonly remainingMs: number;
    }
  | { readonly state: 'expired'; readonly deadline: number }
  | { readonly state: 'ended'; readonly at: number; readonly by: 'operator' };

/**
 * The hold of a boot: a cold boot begins a new one of `durationMs` (none when `durationMs` is 0);
 * a warm boot (or a restart of the agent, which boots warm) resumes `previous` as it is, never a new
 * one, whatever `durationMs` says now.
 * @throws RangeError when `durationMs` is negative or not finite.
 */
export function holdForBoot(
  previous: StartupHold | undefined,
  boot: { readonly type: 'cold' | 'warm'; readonly now: number; readonly durationMs: number },
): StartupHold | undefined {
  if (!Number.isFinite(boot.durationMs) || boot.durationMs < 0)
    throw new RangeError(`startup hold duration ${boot.durationMs} ms: must be a finite number >= 0`);
  if (boot.type === 'warm') return previous;
  if (boot.durationMs === 0) return undefined;
  return { startedAt: boot.now, durationMs: boot.durationMs, deadline: boot.now + boot.durationMs };
}

/**
 * The status of `hold` at `now`. A clock that went backwards never lengthens the hold beyond its
 * duration: the time left is at most `durationMs`.
 */
export function holdStatus(hold: StartupHold | undefined, now: number): HoldStatus {
  if (hold === undefined) return { state: 'none' };
  if (hold.endedEarly) return { state: 'ended', at: hold.endedEarly.at, by: hold.endedEarly.by };
  const left = hold.deadline - now;
  if (left <= 0) return { state: 'expired', deadline: hold.deadline };
  return {
    state: 'running',
    startedAt: hold.startedAt,
    deadline: hold.deadline,
    remainingMs: Math.min(left, hold.durationMs),
  };
}

/** `hold` ended by the operator at `now` when it is still running; otherwise `hold` unchanged. */
export function endHold(hold: StartupHold | undefined, now: number): StartupHold | undefined {
  if (holdStatus(hold, now).state !== 'running') return hold;
  return { ...hold!, endedEarly: { at: now, by: 'operator' } };
}
