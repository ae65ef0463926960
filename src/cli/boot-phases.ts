/**
 * The agent's boot and shutdown steps as the CLI runs them, with their report parts: a cold boot
 * that draws progress while it programs, a warm boot whose writes are checked, a warm shutdown.
 */
import { existsSync } from 'node:fs';
import { RouteTable } from '../agent/state/route-table.js';
import type { RouteAction, SwitchState } from '../agent/state/switch-state.js';
import { SwitchAgent, stateFiles, type BootOptions, type BootReport, type WriteCounts } from '../agent/switch-agent.js';
import { CliError } from './errors.js';
import type { Progress } from './progress.js';
import { roundMs, type ColdReport, type ShutdownPhase, type WarmBootPhase } from './report.js';

type CreateAdapter = BootOptions['createAdapter'];

/** A booted agent and the report part of its boot. */
export interface Booted {
  readonly agent: SwitchAgent;
  readonly bootType: 'cold' | 'warm';
  readonly cold?: ColdReport;
  readonly warmBoot?: WarmBootPhase;
}

function routeCount(s: SwitchState): number {
  return s.routes.v4.size + s.routes.v6.size;
}

/**
 * Cold boot with a progress bar: boots the desired state without its routes (interfaces,
 * neighbors), then applies the routes with the store's writes counted into the bar. The writes
 * are the same as `SwitchAgent.boot` makes in one step (`apply(delta(empty, desired))`); the
 * report's ops and time cover both steps.
 */
export function coldBoot(
  createAdapter: CreateAdapter,
  desired: SwitchState,
  stateDir: string,
  progress: Progress,
): Booted {
  const t0 = performance.now();
  const empty = RouteTable.empty<RouteAction>();
  const base: SwitchState = { ...desired, routes: { v4: empty, v6: empty } };
  const { agent, report } = SwitchAgent.boot({ createAdapter, desired: base, stateDir });
  if (report.bootType !== 'cold') throw new Error(`expected a cold boot from ${stateDir}, got ${report.bootType}`);
  const task = progress.task('cold programming', routeCount(desired), 'writes');
  let n = 0;
  // A watcher makes every write a record: attach it only when a bar is drawn.
  const stop = progress.enabled
    ? agent.store.watchWrites({ before: () => void (++n % 4096 === 0 && task.update(n)) })
    : () => {};
  let ops: WriteCounts;
  try {
    ops = agent.countWrites(() => agent.apply(desired));
  } finally {
    stop();
    if (!progress.enabled) n = agent.counts.routes;
    task.setTotal(Math.max(n, 1));
    task.update(n);
    task.stop();
  }
  return {
    agent,
    bootType: 'cold',
    cold: {
      ms: roundMs(performance.now() - t0),
      ops: sumOps(report.ops, ops),
      ...(report.coldReason ? { reason: report.coldReason } : {}),
    },
  };
}

/**
 * Boots from `stateDir`: warm when it holds a valid state (the saved state replayed under write
 * policy `fail`, then `desired` applied as normal updates), else cold with the reason.
 */
export function bootFrom(
  createAdapter: CreateAdapter,
  desired: SwitchState,
  stateDir: string,
  progress: Progress,
): Booted {
  // No state file: certainly cold, so program with progress.
  if (!existsSync(stateFiles(stateDir).state)) return coldBoot(createAdapter, desired, stateDir, progress);
  const factory = timedFactory(createAdapter);
  const { agent, report } = progress.step('booting from the saved state', () =>
    SwitchAgent.boot({ createAdapter: factory.create, desired, stateDir, replayPolicy: 'fail' }),
  );
  if (report.bootType === 'warm') return { agent, bootType: 'warm', warmBoot: warmBootPhase(report, factory.ms) };
  const ops = sumOps(report.ops, report.applyOps);
  return { agent, bootType: 'cold', cold: { ms: roundMs(report.ms), ops, reason: report.coldReason ?? 'unknown' } };
}

/**
 * `createAdapter` with the time spent in it counted: the adapter's own init, which for a warm boot
 * is its restore (the fake reads its warm boot file; a libsai its SAI_WARM_BOOT_READ_FILE).
 */
export function timedFactory(createAdapter: CreateAdapter): { create: CreateAdapter; readonly ms: number } {
  let ms = 0;
  return {
    create: (bootType, profile) => {
      const t = performance.now();
      try {
        return createAdapter(bootType, profile);
      } finally {
        ms += performance.now() - t;
      }
    },
    get ms() {
      return ms;
    },
  };
}

/**
 * The report part of a warm boot. `adapterInit` is the adapter factory's time; `other` is what
 * the boot's own phases leave out (decoding the saved ShutdownState, building the agent).
 */
export function warmBootPhase(r: BootReport, adapterInitMs: number): WarmBootPhase {
  const p = r.phases;
  const listed = p.loadState + p.reload + p.replay + p.release + p.apply + adapterInitMs;
  return {
    ms: roundMs(r.ms),
    phases: {
      loadState: roundMs(p.loadState),
      adapterInit: roundMs(adapterInitMs),
      other: roundMs(Math.max(0, r.ms - listed)),
      reload: roundMs(p.reload),
      replay: roundMs(p.replay),
      release: roundMs(p.release),
      apply: roundMs(p.apply),
    },
    ops: { ...r.ops },
    applyOps: { ...r.applyOps },
  };
}

/**
 * A warm boot of a state identical to the one saved: it must come up warm and write nothing, in
 * the replay (policy `fail` throws at the first write) and in applying `desired` after it.
 * @throws CliError when the boot came up cold or wrote anything.
 */
export function identicalWarmBoot(createAdapter: CreateAdapter, desired: SwitchState, stateDir: string, what: string) {
  const factory = timedFactory(createAdapter);
  const { agent, report } = SwitchAgent.boot({
    createAdapter: factory.create,
    desired,
    stateDir,
    replayPolicy: 'fail',
  });
  if (report.bootType !== 'warm')
    throw new CliError(`${what}: came up cold: ${report.coldReason ?? 'no reason given'}`);
  const phase = warmBootPhase(report, factory.ms);
  const writes = sumOps(phase.ops, phase.applyOps);
  if (writes.create + writes.set + writes.remove !== 0) {
    throw new CliError(
      `${what} with identical state wrote ${writes.create} creates, ${writes.set} sets, ${writes.remove} removes; it must write nothing`,
    );
  }
  return { agent, warmBoot: phase };
}

/** Warm shutdown to `stateDir`, as a report part. */
export function warmShutdown(agent: SwitchAgent, stateDir: string): ShutdownPhase {
  const r = agent.warmShutdown(stateDir);
  return { ms: roundMs(r.ms), stateBytes: r.stateBytes };
}

/** The sum of two write counts. */
export function sumOps(a: WriteCounts, b: WriteCounts): WriteCounts {
  return { create: a.create + b.create, set: a.set + b.set, remove: a.remove + b.remove };
}
