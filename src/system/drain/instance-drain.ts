/**
 * `InstanceDrain`: the shell around `operationalDrain` for one instance. It reads and subscribes to
 * both scopes (CHASSIS_APP_DB and the instance's CONFIG_DB `BGP_DEVICE_GLOBAL|STATE`), runs the
 * startup hold from its persisted deadline, decides, and makes the decision take effect: the
 * instance's drain state file (last state, hold), the STATE_DB row for the routing daemon
 * (`state-row.ts`), and the caller's `onDecision` (the switch's isolation).
 *
 * Restarts: everything it needs comes back from the state DB and `drain-state.json`. A warm boot
 * (an agent restart) resumes the hold and keeps the last operational state; a cold boot (the
 * instance rebooted) begins a new hold and forgets the last state (a state from a previous life is
 * not "last known": with a scope unknown, a cold boot starts drained).
 */
import type { Database, StateDb } from '../../db/types.js';
import { systemClock, type DrainClock, type DrainTimer } from './clock.js';
import { DrainFileError } from './errors.js';
import { holdForBoot, holdStatus, type StartupHold } from './hold.js';
import { BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, type TsaReading } from './intent.js';
import { InstanceConfig } from './instance-config.js';
import { describeReason, operationalDrain, type DrainDecision } from './operational.js';
import { drainFiles } from './paths.js';
import { ScopeWatch } from './scope-watch.js';
import { loadDrainState, saveDrainState } from './state-file.js';
import { drainStateRow, sameDrainState, type DrainStateRow } from './state-row.js';

/** What an instance's drain did, as plain data (newest last; the last 200 are kept). */
export interface DrainEvent {
  readonly at: number;
  readonly kind:
    | 'decision'
    | 'hold-began'
    | 'hold-resumed'
    | 'state-file-unreadable'
    | 'config-restored'
    | 'config-saved'
    | 'config-file-unreadable'
    | 'publish-failed'
    | 'effect-failed'
    | 'subscribe-failed';
  readonly detail: string;
}

/** Options of `InstanceDrain.start`. */
export interface InstanceDrainOptions {
  /** The state DB: the instance's CONFIG_DB and STATE_DB in `namespace`, CHASSIS_APP_DB (chassis-wide). */
  readonly db: StateDb;
  /** The instance's namespace (`asic0`; `''` for a single-ASIC box). */
  readonly namespace: string;
  /** The instance's state directory (beside its checkpoint): `drain-config.json`, `drain-state.json`. */
  readonly stateDir: string;
  /** How the instance booted: cold begins a new startup hold, warm resumes the persisted one. */
  readonly bootType: 'cold' | 'warm';
  /** Startup hold after a cold boot, ms (default 0: none). */
  readonly holdMs?: number;
  readonly clock?: DrainClock;
  /** How soon an unreachable scope is read again, ms (default 5000). */
  readonly retryMs?: number;
  /**
   * Called with the first decision and at every change of `drained`; awaited before the next.
   * A failure is recorded (`effect-failed`) and the call is repeated at the next evaluation.
   */
  readonly onDecision?: (decision: DrainDecision) => void | Promise<void>;
}

export class InstanceDrain {
  readonly #o: Required<Omit<InstanceDrainOptions, 'onDecision'>> & Pick<InstanceDrainOptions, 'onDecision'>;
  readonly #chassis: ScopeWatch;
  readonly #instance: ScopeWatch;
  readonly #stateDb: Database;
  readonly #files: { readonly config: string; readonly state: string };
  readonly #config: InstanceConfig;
  readonly #events: DrainEvent[] = [];
  #hold: StartupHold | undefined;
  #last: { drained: boolean } | undefined;
  #decision: DrainDecision | undefined;
  #applied: boolean | undefined;
  #published: DrainStateRow | undefined;
  #holdTimer: DrainTimer | undefined;
  #retryTimer: DrainTimer | undefined;
  #queue: Promise<void> = Promise.resolve();
  #stopped = false;

  private constructor(o: InstanceDrainOptions) {
    this.#o = { holdMs: 0, clock: systemClock, retryMs: 5000, ...o };
    const failed = (m: string) => this.#event('subscribe-failed', m);
    this.#chassis = new ScopeWatch('chassis', o.db.database('CHASSIS_APP_DB'), (_r, gap) => this.#changed(gap), failed);
    const configDb = o.db.database('CONFIG_DB', o.namespace);
    this.#instance = new ScopeWatch(
      'instance',
      configDb,
      (r, gap) => {
        if (!gap) void this.#enqueue(() => this.#config.sync(r));
        this.#changed(gap);
      },
      failed,
    );
    this.#stateDb = o.db.database('STATE_DB', o.namespace);
    this.#files = drainFiles(o.stateDir);
    this.#config = new InstanceConfig(this.#files.config, configDb, (kind, detail) => this.#event(kind, detail));
  }

  /**
   * Starts: restores the hold and last state (per boot type), subscribes, reads both scopes,
   * decides and applies the first decision. Resolves once the first decision took effect.
   * @throws RangeError for a negative `holdMs`; never for a DB or file failure (those are unknowns).
   */
  static async start(options: InstanceDrainOptions): Promise<InstanceDrain> {
    const d = new InstanceDrain(options);
    await d.#begin();
    return d;
  }

  /** The current decision. */
  get decision(): DrainDecision {
    return this.#decision!;
  }

  /** Both scopes as last read. */
  get readings(): { readonly chassis: TsaReading; readonly instance: TsaReading } {
    return { chassis: this.#chassis.reading, instance: this.#instance.reading };
  }

  /** The startup hold of this boot (persisted), if any. */
  get hold(): StartupHold | undefined {
    return this.#hold;
  }

  /** What happened, oldest first. */
  get events(): readonly DrainEvent[] {
    return this.#events;
  }

  /** Re-reads both scopes and decides again (after a lost connection; also on a timer while a scope is unreachable). */
  refresh(): Promise<DrainDecision> {
    return this.#enqueue(async () => {
      await this.#read();
      await this.#config.sync(this.#instance.reading);
    });
  }

  /**
   * Config reload (SONiC `config reload` for this instance): the saved config file into CONFIG_DB.
   * A bad file changes nothing (the CONFIG_DB value stays: the last good one) and is recorded.
   */
  reloadConfig(): Promise<DrainDecision> {
    return this.#enqueue(async () => {
      const restored = await this.#config.restore();
      if (restored !== undefined) this.#instance.reading = restored;
    });
  }

  /** Decides again now (the clock moved: a hold may have expired). */
  evaluate(): Promise<DrainDecision> {
    return this.#enqueue(async () => {});
  }

  /** Stops: subscriptions closed, timers cancelled; waits for work in progress. Idempotent. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#holdTimer?.cancel();
    this.#retryTimer?.cancel();
    await this.#queue.catch(() => {});
    await Promise.all([this.#chassis.close(), this.#instance.close()]);
  }

  async #begin(): Promise<void> {
    const now = this.#o.clock.now();
    let saved: ReturnType<typeof loadDrainState>;
    let bootType = this.#o.bootType;
    try {
      saved = loadDrainState(this.#files.state);
    } catch (e) {
      if (!(e instanceof DrainFileError)) throw e;
      // Which hold and last state we had is unknown: the safe side is a new hold and no last state.
      this.#event('state-file-unreadable', `${e.message}: a new startup hold begins, no last state`);
      bootType = 'cold';
    }
    this.#hold = holdForBoot(saved?.hold, { type: bootType, now, durationMs: this.#o.holdMs });
    this.#last = bootType === 'warm' && saved?.last ? { drained: saved.last.drained } : undefined;
    if (this.#hold !== saved?.hold && this.#hold) {
      this.#event('hold-began', `until ${new Date(this.#hold.deadline).toISOString()}`);
    } else if (this.#hold) {
      this.#event(
        'hold-resumed',
        `${holdStatus(this.#hold, now).state}, deadline ${new Date(this.#hold.deadline).toISOString()}`,
      );
    }
    await this.#enqueue(async () => {
      await this.#read();
      // Boot: a CONFIG_DB without the row (rebooted, flushed) gets the saved intent, as SONiC loads
      // config_db.json at boot. Later a deleted row stays unknown until a config reload.
      const r = this.#instance.reading;
      if (r.kind === 'unknown' && r.cause === 'missing-key') {
        const restored = await this.#config.restore();
        if (restored !== undefined) this.#instance.reading = restored;
      }
      await this.#config.sync(this.#instance.reading);
    });
  }

  async #read(): Promise<void> {
    await this.#chassis.ensureSubscribed();
    await this.#instance.ensureSubscribed();
    await Promise.all([this.#chassis.read(), this.#instance.read()]);
  }

  /** A scope changed through its subscription: decide again, or after a GAP re-read first. */
  #changed(gap: boolean): void {
    if (gap) void this.refresh();
    else void this.evaluate();
  }

  #enqueue(work: () => Promise<void>): Promise<DrainDecision> {
    const run = this.#queue.then(async () => {
      if (this.#stopped && this.#decision) return;
      await work();
      await this.#decide();
    });
    this.#queue = run.catch(() => {});
    return run.then(() => this.#decision!);
  }

  async #decide(): Promise<void> {
    const now = this.#o.clock.now();
    const status = holdStatus(this.#hold, now);
    const d = operationalDrain({ ...this.readings, hold: status, last: this.#last });
    const first = this.#decision === undefined;
    if (first || d.drained !== this.#decision!.drained) {
      this.#event('decision', `${d.mode}: ${d.reasons.map(describeReason).join('; ') || 'nothing drains'}`);
    }
    this.#decision = d;
    if (first || this.#last?.drained !== d.drained) {
      this.#last = { drained: d.drained };
      this.#persist(now, d);
    }
    await this.#publish(d, status, now);
    if (this.#applied !== d.drained && this.#o.onDecision) {
      try {
        await this.#o.onDecision(d);
        this.#applied = d.drained;
      } catch (e) {
        this.#event('effect-failed', e instanceof Error ? e.message : String(e));
      }
    } else if (!this.#o.onDecision) {
      this.#applied = d.drained;
    }
    this.#schedule(status.state === 'running' ? status.remainingMs : undefined, d);
  }

  #persist(now: number, d: DrainDecision): void {
    try {
      saveDrainState(this.#files.state, {
        hold: this.#hold,
        last: { drained: d.drained, at: now, reasons: d.reasons.map(describeReason) },
      });
    } catch (e) {
      this.#event('publish-failed', `${this.#files.state}: ${(e as Error).message}`);
    }
  }

  async #publish(d: DrainDecision, status: ReturnType<typeof holdStatus>, now: number): Promise<void> {
    const row = drainStateRow(d, this.readings, this.#hold, status, now);
    if (sameDrainState(this.#published, row)) return;
    try {
      await this.#stateDb.set(BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, row);
      this.#published = row;
    } catch (e) {
      this.#event('publish-failed', (e as Error).message);
    }
  }

  #schedule(holdLeft: number | undefined, d: DrainDecision): void {
    if (this.#stopped) return;
    this.#holdTimer?.cancel();
    this.#holdTimer = holdLeft === undefined ? undefined : this.#o.clock.setTimer(() => void this.evaluate(), holdLeft);
    // Read again soon while anything is not as it should be: a scope unknown (whatever the cause:
    // a notification may never come), a subscription missing, a publication or an effect failed.
    const retry =
      d.unknown.length > 0 ||
      !this.#chassis.subscribed ||
      !this.#instance.subscribed ||
      this.#published === undefined ||
      (this.#o.onDecision !== undefined && this.#applied !== d.drained);
    this.#retryTimer?.cancel();
    this.#retryTimer = retry ? this.#o.clock.setTimer(() => void this.refresh(), this.#o.retryMs) : undefined;
  }

  #event(kind: DrainEvent['kind'], detail: string): void {
    this.#events.push({ at: this.#o.clock.now(), kind, detail });
    if (this.#events.length > 200) this.#events.shift();
  }
}
