/** A clock the test moves by hand: `advance(ms)` fires the timers that fall due, in order. */
import type { DrainClock, DrainTimer } from '../../../src/system/drain/clock.js';

export class ManualClock implements DrainClock {
  #now: number;
  #timers: { at: number; seq: number; fn: () => void; live: boolean }[] = [];
  #seq = 0;

  constructor(start = Date.UTC(2026, 4, 11, 12, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(fn: () => void, ms: number): DrainTimer {
    const t = { at: this.#now + Math.max(ms, 0), seq: this.#seq++, fn, live: true };
    this.#timers.push(t);
    return { cancel: () => void (t.live = false) };
  }

  /** Timers still pending. */
  get pending(): number {
    return this.#timers.filter((t) => t.live).length;
  }

  /** Moves time forward by `ms`, firing due timers in time order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      due.live = false;
      this.#now = Math.max(this.#now, due.at);
      due.fn();
    }
    this.#now = end;
    this.#timers = this.#timers.filter((t) => t.live);
  }

  /** Sets the wall clock (a jump, forwards or backwards) without firing timers. */
  set(now: number): void {
    this.#now = now;
  }
}
