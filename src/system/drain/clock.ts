/**
 * Time for the drain: the wall clock (the startup hold's deadline survives restarts, so it is wall
 * time, ms since the epoch) and one-shot timers. Injectable, so tests move time by hand instead of
 * sleeping.
 */

/** A pending timer. */
export interface DrainTimer {
  cancel(): void;
}

/** The clock and timers the drain uses. */
export interface DrainClock {
  /** ms since the epoch. */
  now(): number;
  /** Calls `fn` once, `ms` from now (a negative `ms` counts as 0). */
  setTimer(fn: () => void, ms: number): DrainTimer;
}

/** `setTimeout` holds at most 2^31 - 1 ms; longer waits are chained. */
const MAX_TIMEOUT = 2 ** 31 - 1;

/** The process's clock (`Date.now`) and timers; timers do not keep the process alive. */
export const systemClock: DrainClock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    let handle: NodeJS.Timeout;
    const arm = (left: number) => {
      handle = setTimeout(
        () => (left > MAX_TIMEOUT ? arm(left - MAX_TIMEOUT) : fn()),
        Math.min(Math.max(left, 0), MAX_TIMEOUT),
      );
      handle.unref();
    };
    arm(ms);
    return { cancel: () => clearTimeout(handle) };
  },
};
