/**
 * `SwitchAgent`: programs a `SwitchState` through the store and restarts warm.
 *
 *   cold:  adapter init (cold) -> reload (default objects) -> apply(delta(empty, desired))
 *   exit:  exitForWarmBoot + state file -> adapter warm shutdown (SAI RESTART_WARM)
 *   warm:  state file -> adapter init (warm) -> reload(state) -> replay delta(empty, ShutdownState)
 *          under write policy `fail` or `log` -> release unclaimed -> apply(delta(ShutdownState, desired))
 *
 * A missing, corrupted or incompatible state file gives a cold boot with the reason in the
 * report, never a half-applied warm boot: the file is validated before the adapter is made.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { SaiAdapter } from '../adapter/adapter.js';
import { SaiStore, type WritePolicy } from '../store/sai-store.js';
import type { StoreWrite } from '../store/write.js';
import { exitForWarmBoot } from '../warmboot/exit.js';
import { releaseUnclaimed, type ReleaseReport } from '../warmboot/release.js';
import { reload, type ReloadReport } from '../warmboot/reload.js';
import { loadWarmBootState, writeWarmBootState } from '../warmboot/state-file.js';
import { WarmBootStateError } from '../warmboot/errors.js';
import type { WarmBootState } from '../warmboot/state.js';
import { planWarmBoot, applyWarmBoot, type WarmBootPlan } from '../warmboot/plan.js';
import { DesiredStateError, portLookup, type AgentContext, type Holding } from './managers/context.js';
import { subnetOf } from './managers/router-interface-manager.js';
import { NeighborManager } from './managers/neighbor-manager.js';
import { NextHopGroupManager } from './managers/next-hop-group-manager.js';
import { PortManager } from './managers/port-manager.js';
import { RouteManager } from './managers/route-manager.js';
import { RouterInterfaceManager } from './managers/router-interface-manager.js';
import { VlanManager } from './managers/vlan-manager.js';
import { decodeSwitchState, encodeSwitchState } from './shutdown-state.js';
import { stateDelta, type StateDelta } from './state/delta.js';
import { emptySwitchState, RouteActionInterner, type SwitchState } from './state/switch-state.js';

/** Creates, updates and removes, counted at the store. */
export interface WriteCounts {
  create: number;
  set: number;
  remove: number;
}

/** The files of a warm boot state directory. */
export function stateFiles(stateDir: string): { state: string; adapter: string } {
  return { state: join(stateDir, 'saistore-state.json'), adapter: join(stateDir, 'adapter-warm-boot.dat') };
}

/**
 * The SAI profile of an adapter for a boot from `stateDir`: boot type, and the adapter's own warm
 * boot files (SAI_WARM_BOOT_READ_FILE / SAI_WARM_BOOT_WRITE_FILE).
 */
export function warmBootProfile(stateDir: string, bootType: 'cold' | 'warm'): Record<string, string> {
  const f = stateFiles(stateDir);
  return {
    SAI_BOOT_TYPE: bootType === 'warm' ? '1' : '0',
    SAI_WARM_BOOT_READ_FILE: f.adapter,
    SAI_WARM_BOOT_WRITE_FILE: f.adapter,
  };
}

/** What a boot did. */
export interface BootReport {
  readonly bootType: 'cold' | 'warm';
  /** Why a warm boot was not possible (missing or invalid state), for a cold boot from a state dir. */
  readonly coldReason?: string;
  readonly ms: number;
  readonly phases: { loadState: number; reload: number; replay: number; release: number; apply: number };
  /** Writes of the warm boot itself (replay + release); for a cold boot, of the whole programming. */
  readonly ops: WriteCounts;
  /** Writes of applying the desired state after a warm boot's replay. */
  readonly applyOps: WriteCounts;
  readonly release?: ReleaseReport;
  /** What reload found (warm boots). */
  readonly reload?: ReloadReport;
  /** Writes seen under policy `log`. */
  readonly loggedWrites: readonly StoreWrite[];
  readonly plan?: WarmBootPlan;
}

/** Options of a boot. */
export interface BootOptions {
  /** Makes the adapter for a boot type (the profile from `warmBootProfile`). */
  readonly createAdapter: (bootType: 'cold' | 'warm', profile: Record<string, string>) => SaiAdapter;
  /** The desired state to program. */
  readonly desired: SwitchState;
  /** A warm boot state directory; without one, or without a valid state in it, the boot is cold. */
  readonly stateDir?: string;
  /** Write policy of the replay (default `fail`: an unchanged state must cost zero writes). */
  readonly replayPolicy?: WritePolicy;
  /**
   * What a warm boot replays: `saved` (default), the ShutdownState, then `desired` applied as normal
   * updates; or `desired` directly, so the release of unclaimed handles removes what `desired` no
   * longer has and the warm boot's writes are the whole difference (what a plan shows).
   */
  readonly replay?: 'saved' | 'desired';
  /** Compute the warm boot plan first and execute it checked (default false). */
  readonly plan?: boolean;
  /** With `plan`: refuse, before the first write, a plan with more operations than this. */
  readonly maxPlanOps?: number;
  /**
   * Also reload what the adapter holds beyond the saved state (where it can enumerate): for a
   * warm boot after one that failed half way.
   */
  readonly enumerateAdapter?: boolean;
  /**
   * Keep the state file after a successful warm boot (default false: it is renamed
   * `saistore-state.json.used`, so a crash later cold boots instead of warm booting from a state
   * the switch has left behind).
   */
  readonly keepState?: boolean;
}

/**
 * Refuses a state whose route table holds a prefix that a router interface's address already
 * routes (its subnet, or the address itself to the CPU): the two would fight over one ROUTE_ENTRY.
 * Checks the routes the delta adds or changes and the interfaces it adds or changes: O(delta).
 * @throws DesiredStateError naming the prefix and the interface.
 */
function checkInterfaceRoutes(next: SwitchState, delta: StateDelta): void {
  const owner = new Map<string, string>();
  for (const rif of next.routerInterfaces.values()) {
    for (const address of rif.addresses) {
      const { subnet, host } = subnetOf(address);
      owner.set(subnet, rif.name);
      owner.set(host, rif.name);
    }
  }
  if (owner.size === 0) return;
  const clash = (prefix: string) => {
    const rif = owner.get(prefix);
    if (rif !== undefined) {
      throw new DesiredStateError(`route ${prefix} is router interface ${rif}'s own (connected or address) route`);
    }
  };
  for (const family of ['v4', 'v6'] as const) {
    for (const [prefix] of delta.routes[family].added) clash(prefix);
    for (const [prefix] of delta.routes[family].changed) clash(prefix);
  }
  for (const [, rif] of [
    ...delta.routerInterfaces.added,
    ...delta.routerInterfaces.changed.map(([k, , v]) => [k, v] as const),
  ]) {
    for (const address of rif.addresses) {
      const { subnet, host } = subnetOf(address);
      for (const prefix of [subnet, host]) {
        const table = prefix.includes(':') ? next.routes.v6 : next.routes.v4;
        if (table.has(prefix)) clash(prefix);
      }
    }
  }
}

/** A switch agent over one adapter. */
export class SwitchAgent {
  readonly store: SaiStore;
  #state: SwitchState = emptySwitchState();
  /** What the managers have programmed: `#state`, except after a failed apply. */
  #programmed: SwitchState = this.#state;
  readonly interner = new RouteActionInterner();
  readonly #ports: PortManager;
  readonly #vlans: VlanManager;
  readonly #rifs: RouterInterfaceManager;
  readonly #neighbors: NeighborManager;
  readonly #groups: NextHopGroupManager;
  readonly #routes: RouteManager;

  /** An agent over a store (a new store over `adapter` when given an adapter). */
  constructor(storeOrAdapter: SaiStore | SaiAdapter) {
    this.store = storeOrAdapter instanceof SaiStore ? storeOrAdapter : new SaiStore(storeOrAdapter);
    const defaults = this.store.adapter.switchDefaults();
    const ctx: AgentContext = {
      store: this.store,
      defaults,
      vrId: defaults.defaultVirtualRouterId,
      portOid: portLookup(defaults),
      rifOid: (name) => this.#rifs.oid(name),
      vlanOid: (id) => this.#vlans.oid(id),
    };
    this.#ports = new PortManager(ctx);
    this.#vlans = new VlanManager(ctx);
    this.#rifs = new RouterInterfaceManager(ctx);
    this.#groups = new NextHopGroupManager(ctx);
    this.#neighbors = new NeighborManager(ctx, this.#groups);
    this.#groups.setResolver(this.#neighbors);
    this.#routes = new RouteManager(ctx, this.#groups);
  }

  /** The adapter under the store. */
  get adapter(): SaiAdapter {
    return this.store.adapter;
  }

  /** The state last applied. */
  get state(): SwitchState {
    return this.#state;
  }

  /** Number of programmed routes and next hop groups. */
  get counts(): { routes: number; groups: number } {
    return { routes: this.#routes.size, groups: this.#groups.size };
  }

  /**
   * Boots: warm when `stateDir` holds a valid state, else cold (with the reason).
   * @throws SaiStatusError / DesiredStateError / WritePolicyError; a warm boot whose replay is
   *   refused by policy `fail` throws (the state on the ASIC is untouched).
   */
  static boot(options: BootOptions): { agent: SwitchAgent; report: BootReport } {
    const t0 = performance.now();
    let loaded: WarmBootState | undefined;
    let coldReason: string | undefined;
    let loadMs = 0;
    if (options.stateDir) {
      const t = performance.now();
      try {
        const r = loadWarmBootState(stateFiles(options.stateDir).state);
        if (r.kind === 'none') coldReason = 'no warm state';
        else loaded = r.state;
      } catch (e) {
        if (!(e instanceof WarmBootStateError)) throw e;
        coldReason = e.message;
      }
      loadMs = performance.now() - t;
      if (loaded && !existsSync(stateFiles(options.stateDir).adapter)) {
        coldReason = `adapter warm boot file ${stateFiles(options.stateDir).adapter} is missing`;
        loaded = undefined;
      }
    }
    const profile = options.stateDir
      ? warmBootProfile(options.stateDir, loaded ? 'warm' : 'cold')
      : { SAI_BOOT_TYPE: '0' };
    let adapter = options.createAdapter(loaded ? 'warm' : 'cold', profile);
    if (loaded && loaded.switchId !== adapter.switchId) {
      coldReason = new WarmBootStateError(
        stateFiles(options.stateDir!).state,
        `saved for switch 0x${loaded.switchId.toString(16)}, the adapter came up as 0x${adapter.switchId.toString(16)}`,
      ).message;
      loaded = undefined;
      adapter.shutdown({ warm: false });
      adapter = options.createAdapter('cold', warmBootProfile(options.stateDir!, 'cold'));
    }
    const agent = new SwitchAgent(adapter);
    if (!loaded) {
      const t = performance.now();
      reload(agent.store, { cold: true });
      const reloadMs = performance.now() - t;
      const t2 = performance.now();
      const ops = agent.countWrites(() => agent.apply(options.desired));
      return {
        agent,
        report: {
          bootType: 'cold',
          coldReason,
          ms: performance.now() - t0,
          phases: { loadState: loadMs, reload: reloadMs, replay: 0, release: 0, apply: performance.now() - t2 },
          ops,
          applyOps: { create: 0, set: 0, remove: 0 },
          loggedWrites: [],
        },
      };
    }
    return agent.warmBoot(loaded, options, t0, loadMs);
  }

  private warmBoot(
    saved: WarmBootState,
    options: BootOptions,
    t0: number,
    loadMs: number,
  ): { agent: SwitchAgent; report: BootReport } {
    const replayDesired = options.replay === 'desired';
    const shutdownState = replayDesired ? options.desired : decodeSwitchState(saved.shutdownState, this.interner);
    // The plan replays into a shadow store with an agent of its own; the real replay uses this one.
    const replay = (store: SaiStore) =>
      void (store === this.store ? this : new SwitchAgent(store)).apply(shutdownState);
    let plan: WarmBootPlan | undefined;
    if (options.plan) plan = planWarmBoot(this.adapter, saved, replay);
    let t = performance.now();
    const reloaded = reload(this.store, { state: saved, enumerate: options.enumerateAdapter });
    const reloadMs = performance.now() - t;
    const policy = options.replayPolicy ?? 'fail';
    let release: ReleaseReport | undefined;
    let replayMs = 0;
    let releaseMs = 0;
    const ops = this.countWrites(() => {
      if (plan) {
        t = performance.now();
        // Policy `fail` under a plan: a plan with any write is refused before the first one.
        const maxOps = policy === 'fail' ? 0 : options.maxPlanOps;
        const r = this.store.withWritePolicy(policy === 'log' ? 'log' : 'allow', () =>
          applyWarmBoot(this.store, plan!, replay, { maxOps }),
        );
        replayMs = performance.now() - t;
        release = r.release;
        return;
      }
      t = performance.now();
      this.store.withWritePolicy(policy, () => this.apply(shutdownState));
      replayMs = performance.now() - t;
      t = performance.now();
      release = releaseUnclaimed(this.store);
      releaseMs = performance.now() - t;
    });
    const loggedWrites = [...this.store.policyWrites];
    t = performance.now();
    const applyOps =
      options.desired && !replayDesired
        ? this.countWrites(() => this.apply(options.desired))
        : { create: 0, set: 0, remove: 0 };
    const applyMs = performance.now() - t;
    if (!options.keepState && options.stateDir) {
      const file = stateFiles(options.stateDir).state;
      renameSync(file, `${file}.used`);
    }
    return {
      agent: this,
      report: {
        bootType: 'warm',
        ms: performance.now() - t0,
        phases: { loadState: loadMs, reload: reloadMs, replay: replayMs, release: releaseMs, apply: applyMs },
        ops,
        applyOps,
        release,
        reload: reloaded,
        loggedWrites,
        plan,
      },
    };
  }

  /** Counts the store's writes during `fn` (creates, sets, removes that reached the adapter). */
  countWrites(fn: () => void): WriteCounts {
    const before = this.store.writeCounts;
    fn();
    const after = this.store.writeCounts;
    return { create: after.create - before.create, set: after.set - before.set, remove: after.remove - before.remove };
  }

  /**
   * Applies a desired state: computes the delta from what is programmed to `next` and programs
   * it, parents first for additions and children first for removals; a router interface that
   * moved (another port or vlan) takes its neighbors, next hops, groups and routes along.
   *
   * Every manager records each step right after it succeeded, and its releases cannot fail (a
   * remove the adapter refuses waits on the store's retry list), so after any error the store
   * equals the adapter and the managers' records equal the store: the next `apply` computes its
   * delta from what is really programmed (entries left half done are programmed again), and
   * applying the same state again converges. `state` stays the state last applied completely.
   * @returns the delta that was applied.
   * @throws DesiredStateError (nothing written), SaiStatusError / WritePolicyError from a write,
   *   PendingRemovesError when, after everything else succeeded (`state` is then `next`), removes
   *   the adapter refused are still refused on a retry.
   */
  apply(next: SwitchState): StateDelta {
    const delta = stateDelta(this.#programmed, next);
    checkInterfaceRoutes(next, delta);
    try {
      this.#groups.repair();
      this.#ports.apply(delta.ports);
      this.#vlans.applyAdds(delta.vlans);
      this.#rifs.applyAdds(delta.routerInterfaces);
      this.moveInterfaces();
      this.#neighbors.applyAdds(delta.neighbors);
      this.#routes.applyAdds('v4', delta.routes.v4);
      this.#routes.applyAdds('v6', delta.routes.v6);
      this.#routes.applyRemoves('v4', delta.routes.v4, next.routes.v4);
      this.#routes.applyRemoves('v6', delta.routes.v6, next.routes.v6);
      this.#neighbors.applyRemoves(delta.neighbors);
      this.#rifs.applyRemoves(delta.routerInterfaces);
      this.#vlans.applyRemoves(delta.vlans);
    } catch (e) {
      this.#programmed = this.programmedState();
      throw e;
    }
    this.#state = next;
    this.#programmed = next;
    this.store.retryPendingRemoves();
    return delta;
  }

  /**
   * Moves what is on router interfaces that moved (still holding their old object): neighbors and
   * next hops to the new object, groups naming them to new host keys, routes to the new groups;
   * then the old objects go. Every step is idempotent, so a failure is finished by the next apply.
   */
  private moveInterfaces(): void {
    const moving = this.#rifs.moving();
    if (moving.size === 0 && !this.#groups.hasStale) return;
    this.#neighbors.rehome(moving);
    this.#groups.rehome(moving);
    if (this.#groups.hasStale) this.#routes.repoint();
    this.#groups.releaseStale();
    this.#neighbors.releaseMoved();
    this.#rifs.releaseMoved();
  }

  /** What the managers have programmed, as a state (entries whose programming did not complete as `UNSETTLED`). */
  private programmedState(): SwitchState {
    return {
      ports: this.#ports.programmed(),
      vlans: this.#vlans.programmed(),
      routerInterfaces: this.#rifs.programmed(),
      neighbors: this.#neighbors.programmed(),
      routes: this.#routes.programmed(),
    };
  }

  /**
   * Every reference the agent's managers hold, by object type and host key (one entry per
   * reference): what, with the objects' own references on each other, accounts for every store
   * object's count. For consistency checks; O(objects).
   */
  holdings(): Holding[] {
    const out: Holding[] = [];
    const sink = (h: Holding) => void out.push(h);
    this.#ports.holdings(sink);
    this.#vlans.holdings(sink);
    this.#rifs.holdings(sink);
    this.#neighbors.holdings(sink);
    this.#groups.holdings(sink);
    this.#routes.holdings(sink);
    return out;
  }

  /**
   * Next hop groups whose user count differs from the programmed routes forwarding over them
   * (`key`, counted users, routes): empty when the agent's bookkeeping is consistent.
   */
  groupUserMismatches(): { key: string; users: number; routes: number }[] {
    const routes = this.#routes.groupUsers();
    const users = this.#groups.users();
    const out: { key: string; users: number; routes: number }[] = [];
    for (const [key, u] of users) {
      const n = routes.get(key) ?? 0;
      if (n !== u) out.push({ key, users: u, routes: n });
    }
    for (const [key, n] of routes) if (!users.has(key)) out.push({ key, users: 0, routes: n });
    return out;
  }

  /**
   * Warm shutdown to `stateDir`: the store forgets everything without a remove, the state file is
   * written atomically with the current state as ShutdownState, and the adapter shuts down warm
   * (writing its own warm boot file).
   * @returns the state file's size in bytes and the time taken.
   */
  warmShutdown(stateDir: string): { stateBytes: number; ms: number } {
    const t = performance.now();
    mkdirSync(stateDir, { recursive: true });
    const state = exitForWarmBoot(this.store, encodeSwitchState(this.#state));
    const stateBytes = writeWarmBootState(stateFiles(stateDir).state, state);
    this.adapter.shutdown({ warm: true });
    return { stateBytes, ms: performance.now() - t };
  }
}
