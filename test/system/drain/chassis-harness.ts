/**
 * A chassis for the drain tests: a supervisor (its saved config file, its CONFIG_DB of the global
 * namespace, CHASSIS_APP_DB) and N instances `asic0..` each with its own state dir and an
 * `InstanceDrain`, over any `StateDb`. Restarts are real: `agentRestart` and `instanceReboot` stop an
 * instance's `InstanceDrain` and build a new one from what was persisted (the state DB and the
 * drain files); an instance reboot also flushes the instance's own databases, as its redis restarts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { StateDb } from '../../../src/db/types.js';
import { restoreChassisDrain, setChassisDrain } from '../../../src/system/drain/chassis.js';
import { InstanceDrain } from '../../../src/system/drain/instance-drain.js';
import type { DrainDecision } from '../../../src/system/drain/operational.js';
import { drainFiles } from '../../../src/system/drain/paths.js';
import { ManualClock } from './manual-clock.js';

/** How the chassis DB is taken away and given back (embedded: injected; Redis: the server killed). */
export interface ChassisOutage {
  goDown(): Promise<void>;
  /** Back; `true` when its data survived (embedded), `false` when it came back empty (a restarted redis). */
  comeBack(): Promise<boolean>;
}

const T = 'BGP_DEVICE_GLOBAL';
const K = 'STATE';

export class ChassisHarness {
  readonly root = mkdtempSync(join(tmpdir(), 'drain-chassis-'));
  readonly clock = new ManualClock();
  readonly supervisorFile = join(this.root, 'supervisor', 'config_db.json');
  readonly namespaces: string[];
  readonly drains = new Map<string, InstanceDrain>();
  /** Every `drained` each instance's effect saw, across restarts. */
  readonly effects = new Map<string, boolean[]>();
  holdMs = 0;
  readonly retryMs = 5000;

  constructor(
    readonly db: StateDb,
    readonly outage: ChassisOutage,
    n = 4,
  ) {
    mkdirSync(join(this.root, 'supervisor'));
    this.namespaces = Array.from({ length: n }, (_, i) => `asic${i}`);
    for (const ns of this.namespaces) {
      mkdirSync(this.stateDir(ns));
      this.effects.set(ns, []);
    }
  }

  stateDir(ns: string): string {
    return join(this.root, ns);
  }

  drain(ns: string): InstanceDrain {
    return this.drains.get(ns)!;
  }

  async startInstance(ns: string, bootType: 'cold' | 'warm'): Promise<InstanceDrain> {
    const d = await InstanceDrain.start({
      db: this.db,
      namespace: ns,
      stateDir: this.stateDir(ns),
      bootType,
      holdMs: this.holdMs,
      clock: this.clock,
      retryMs: this.retryMs,
      onDecision: (x: DrainDecision) => void this.effects.get(ns)!.push(x.drained),
    });
    this.drains.set(ns, d);
    return d;
  }

  async bootAll(bootType: 'cold' | 'warm'): Promise<void> {
    for (const ns of this.namespaces) await this.startInstance(ns, bootType);
  }

  // --- intent, as the CLI writes it ---

  /** `drain on|off --scope chassis`: saved, supervisor CONFIG_DB, CHASSIS_APP_DB. */
  async setChassis(tsa: boolean): Promise<void> {
    await setChassisDrain(this.db, this.supervisorFile, tsa);
  }

  /** `drain on|off --scope instance --asic K` for every instance: its CONFIG_DB. */
  async setInstances(tsa: boolean): Promise<void> {
    for (const ns of this.namespaces) {
      await this.db.database('CONFIG_DB', ns).set(T, K, { tsa_enabled: tsa ? 'true' : 'false' });
    }
  }

  // --- events ---

  /** An agent restart: a new InstanceDrain from what was persisted, booting warm. */
  async agentRestart(ns: string): Promise<InstanceDrain> {
    await this.drain(ns).stop();
    return this.startInstance(ns, 'warm');
  }

  /** An instance reboot: its redis restarts (its CONFIG_DB and STATE_DB flushed), it boots cold. */
  async instanceReboot(ns: string): Promise<InstanceDrain> {
    await this.drain(ns).stop();
    await this.db.database('CONFIG_DB', ns).delete(T, K);
    await this.db.database('STATE_DB', ns).delete(T, K);
    return this.startInstance(ns, 'cold');
  }

  /** A supervisor reboot: its CONFIG_DB and the chassis DB (redis_chassis runs on it) flushed. */
  async supervisorGoesDown(): Promise<void> {
    await this.db.database('CONFIG_DB').delete(T, K);
    await this.db.database('CHASSIS_APP_DB').delete(T, K);
  }

  /** The supervisor's boot or config reload: its saved file into its CONFIG_DB and CHASSIS_APP_DB. */
  async supervisorRestore(): Promise<void> {
    const r = await restoreChassisDrain(this.db, this.supervisorFile);
    expect(r.kind).toBe('restored');
  }

  /** SONiC `config reload` on an instance: CONFIG_DB flushed, then loaded from the saved file. */
  async instanceConfigFlush(ns: string): Promise<void> {
    await this.db.database('CONFIG_DB', ns).delete(T, K);
  }

  // --- waiting and checking ---

  /** Moves the clock (timers fire: hold expiries, retries), then lets every instance settle. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.settle();
  }

  /** Lets notifications arrive and every instance decide. */
  async settle(): Promise<void> {
    // Redis delivers notifications over the network: `eventually` polls on top of this.
    const rounds = this.db.backend === 'redis' ? 1 : 3;
    for (let i = 0; i < rounds; i++) {
      await new Promise((r) => setTimeout(r, this.db.backend === 'redis' ? 15 : 0));
      await Promise.all([...this.drains.values()].map((d) => d.evaluate()));
    }
  }

  /** Waits (Redis delivers notifications over the network) until every instance satisfies `check`. */
  async eventually(check: (d: InstanceDrain, ns: string) => void, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      await this.settle();
      try {
        for (const ns of this.namespaces) check(this.drain(ns), ns);
        return;
      } catch (e) {
        if (Date.now() > end) throw e;
      }
    }
  }

  /** Every instance drained as `drained`, its STATE_DB row and its effect agreeing. */
  async expectAll(drained: boolean, extra: (d: InstanceDrain, ns: string) => void = () => {}): Promise<void> {
    await this.eventually((d, ns) => {
      expect(d.decision.drained, `${ns} drained`).toBe(drained);
      expect(this.effects.get(ns)!.at(-1), `${ns} effect`).toBe(drained);
      extra(d, ns);
    });
    for (const ns of this.namespaces) {
      const row = await this.db.database('STATE_DB', ns).get(T, K);
      expect(row?.tsa_enabled, `${ns} STATE_DB tsa_enabled`).toBe(drained ? 'true' : 'false');
    }
  }

  /**
   * Nothing persisted that should not be: each instance's saved config holds only its own
   * `tsa_enabled` (never the hold's, never the chassis'), the supervisor's only the chassis',
   * and no instance's CONFIG_DB row holds the hold or the chassis value.
   */
  async expectPersisted(instanceTsa: boolean, chassisTsa: boolean): Promise<void> {
    for (const ns of this.namespaces) {
      const saved = JSON.parse(readFileSync(drainFiles(this.stateDir(ns)).config, 'utf8'));
      expect(saved, `${ns} saved config`).toEqual({ [T]: { [K]: { tsa_enabled: instanceTsa ? 'true' : 'false' } } });
      const row = await this.db.database('CONFIG_DB', ns).get(T, K);
      if (row !== undefined) {
        expect(row.tsa_enabled, `${ns} CONFIG_DB tsa_enabled`).toBe(instanceTsa ? 'true' : 'false');
        expect(
          Object.keys(row).filter((f) => /hold|startup|chassis/.test(f)),
          `${ns} CONFIG_DB fields`,
        ).toEqual([]);
      }
    }
    const sup = JSON.parse(readFileSync(this.supervisorFile, 'utf8'));
    expect(sup).toEqual({ [T]: { [K]: { tsa_enabled: chassisTsa ? 'true' : 'false' } } });
  }

  async close(): Promise<void> {
    for (const d of this.drains.values()) await d.stop();
    this.drains.clear();
    rmSync(this.root, { recursive: true, force: true });
  }
}
