/**
 * One benchmark job in a fresh process (so one job's heap and GC never weigh on the next), on the
 * fake adapter. Reads the job as JSON from argv[2], prints its result as one JSON line.
 *
 *   cold:    load routes -> desired state -> cold boot (timed, vs raw Map inserts) -> heap per
 *            route -> warm shutdown to stateDir (timed)
 *   warm:    same desired state -> warm boot from stateDir with replay policy `fail` (phases timed,
 *            vs raw Map get-and-compare) -> must be zero writes
 *   changed: warm boot as above, then apply the state with changePct% of routes moved to another
 *            ECMP set and withdrawPct% withdrawn: the writes must equal the change
 *   updates: cold boot, then the update files in batches (timed, vs raw Map set/delete)
 */
import { FakeSaiAdapter } from '../adapter/fake/fake-adapter.js';
import { SwitchAgent, type WriteCounts } from '../agent/switch-agent.js';
import { prefixHash, type RouteChange } from '../agent/state/route-table.js';
import { RouteActionInterner, updateState, type RouteAction, type SwitchState } from '../agent/state/switch-state.js';
import { loadRouteUpdates } from '../routes/updates.js';
import type { RouteUpdate } from '../routes/types.js';
import { batchState } from '../cli/apply-updates.js';
import { buildDesired, type ActionChoices } from '../cli/desired.js';
import { loadRouteInput } from '../cli/inputs.js';
import { heapAfterGc, rss } from '../cli/memory.js';
import { UpdateMapper } from '../cli/update-mapper.js';
import { baselineGetCompare, baselineInsert, baselineUpdates } from './baseline.js';
import type { BenchJob, BenchJobResult, Phase } from './types.js';

const quiet = { enabled: false, task: () => ({ update: () => {}, stop: () => {} }) } as never;

const phase = (ms: number, baselineMs?: number): Phase =>
  baselineMs === undefined
    ? { ms: round(ms) }
    : { ms: round(ms), baselineMs: round(baselineMs), ratio: Number((ms / baselineMs).toFixed(2)) };

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

const fake = (): Parameters<typeof SwitchAgent.boot>[0]['createAdapter'] => (_t, profile) =>
  new FakeSaiAdapter({ profile });

/** The job's routes and desired state. */
async function input(job: BenchJob) {
  const heapStart = heapAfterGc().heapUsed;
  const all = await loadRouteInput({ files: job.routes, skipBad: false, progress: quiet });
  const n = Math.round(all.routes.length * job.fraction);
  const routes = job.fraction >= 1 ? all.routes : all.routes.slice(0, n);
  const prefixes = routes.map((r) => r.prefix);
  const interner = new RouteActionInterner();
  const desired = buildDesired({ routes }, { ports: 32, interner });
  const v6 = prefixes.filter((p) => p.includes(':')).length;
  return { heapStart, prefixes, desired, v4: prefixes.length - v6, v6, source: all.source };
}

/** The desired state with changePct% of routes moved and withdrawPct% withdrawn; the writes that costs. */
function changed(state: SwitchState, choices: ActionChoices, changePct: number, withdrawPct: number) {
  const moveEvery = Math.round(100 / changePct);
  const dropEvery = Math.round(100 / withdrawPct);
  let i = 0;
  let moved = 0;
  let withdrawn = 0;
  const changes: Record<'v4' | 'v6', RouteChange<RouteAction>[]> = { v4: [], v6: [] };
  for (const family of ['v4', 'v6'] as const) {
    const sets = choices[family];
    for (const [prefix, action] of state.routes[family].entries()) {
      i++;
      if (i % dropEvery === dropEvery >> 1) {
        changes[family].push([prefix, undefined]);
        withdrawn++;
      } else if (i % moveEvery === 0 && sets.length > 1) {
        let next = sets[(prefixHash(prefix) + 1) % sets.length];
        if (next === action) next = sets[(prefixHash(prefix) + 2) % sets.length];
        changes[family].push([prefix, next]);
        moved++;
      }
    }
  }
  const next = updateState(state, (d) => {
    d.routes.v4 = state.routes.v4.withChanges(changes.v4);
    d.routes.v6 = state.routes.v6.withChanges(changes.v6);
  });
  const expected: WriteCounts = { create: 0, set: moved, remove: withdrawn };
  return { next, expected };
}

async function run(job: BenchJob): Promise<BenchJobResult> {
  const { heapStart, prefixes, desired, v4, v6, source } = await input(job);
  const base = { kind: job.kind, routes: prefixes.length, v4, v6, source };

  if (job.kind === 'cold' || job.kind === 'updates') {
    const baseline = baselineInsert(prefixes);
    const { agent, report } = SwitchAgent.boot({
      createAdapter: fake(),
      desired: desired.state,
      stateDir: job.stateDir,
    });
    if (report.bootType !== 'cold') throw new Error('the cold job found a warm state');
    const coldMs = report.phases.apply;
    if (job.kind === 'cold') {
      baseline.map.clear();
      const heap = heapAfterGc().heapUsed - heapStart;
      const memory = { heapBytesPerRoute: Math.round(heap / prefixes.length), rssBytes: rss().rssBytes };
      const shutdown = agent.warmShutdown(job.stateDir);
      return {
        ...base,
        total: { ...phase(coldMs, baseline.ms), perSec: Math.round((prefixes.length / coldMs) * 1000) },
        ops: report.ops,
        shutdown: { ms: round(shutdown.ms), stateBytes: shutdown.stateBytes },
        memory,
      };
    }
    const updates: RouteUpdate[] = [];
    for (const f of job.updates) for (const u of (await loadRouteUpdates(f)).updates) updates.push(u);
    const baseMs = baselineUpdates(baseline.map, updates);
    const mapper = new UpdateMapper({ desired, ports: 32 });
    const ops: WriteCounts = { create: 0, set: 0, remove: 0 };
    let batches = 0;
    const t = performance.now();
    for (let i = 0; i < updates.length; i += job.batchSize) {
      const { next } = batchState(agent.state, updates.slice(i, i + job.batchSize), mapper);
      const w = agent.countWrites(() => agent.apply(next));
      ops.create += w.create;
      ops.set += w.set;
      ops.remove += w.remove;
      batches++;
    }
    const ms = performance.now() - t;
    return {
      ...base,
      total: phase(ms, baseMs),
      ops,
      updates: { count: updates.length, perSec: Math.round((updates.length / ms) * 1000), batches },
    };
  }

  const baseline = baselineInsert(prefixes);
  const compareMs = baselineGetCompare(baseline.map, prefixes);
  baseline.map.clear();
  const target =
    job.kind === 'changed'
      ? changed(desired.state, desired.choices, job.changePct ?? 1, job.withdrawPct ?? 0.1)
      : undefined;
  const { agent, report } = SwitchAgent.boot({
    createAdapter: fake(),
    desired: desired.state,
    stateDir: job.stateDir,
    replayPolicy: 'fail',
    // The 'changed' job boots warm again from the same files.
    keepState: true,
  });
  if (report.bootType !== 'warm') throw new Error(`not a warm boot: ${report.coldReason}`);
  const p = report.phases;
  const cycle = p.loadState + p.reload + p.replay + p.release;
  const result: BenchJobResult = {
    ...base,
    total: phase(cycle, compareMs),
    phases: {
      loadState: phase(p.loadState, compareMs),
      reload: phase(p.reload, compareMs),
      replay: phase(p.replay, compareMs),
      release: phase(p.release, compareMs),
    },
    ops: report.ops,
  };
  if (!target) return result;
  const t = performance.now();
  const applyOps = agent.countWrites(() => agent.apply(target.next));
  return {
    ...result,
    phases: { ...result.phases, apply: phase(performance.now() - t) },
    expectedOps: target.expected,
    applyOps,
  };
}

run(JSON.parse(process.argv[2]) as BenchJob).then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
