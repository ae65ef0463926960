/**
 * Applying update streams to a running agent: each batch of updates becomes one
 * `RouteTable.withChanges` per family and one `agent.apply` of the new state (a delta of the
 * batch's size, never a table walk).
 *
 * - announce: the route is set to `UpdateMapper.actionOf` (new, or moved to another ECMP set);
 * - withdraw: the route is removed; a withdraw of a prefix the table does not have is counted in
 *   `ignoredWithdraws` and skipped.
 */
import type { SwitchAgent, WriteCounts } from '../agent/switch-agent.js';
import type { RouteChange } from '../agent/state/route-table.js';
import { updateState, type RouteAction, type SwitchState } from '../agent/state/switch-state.js';
import { readRouteUpdates } from '../routes/updates.js';
import type { BadLine, RouteUpdate } from '../routes/types.js';
import { countLines } from './line-count.js';
import type { Progress } from './progress.js';
import type { UpdateMapper } from './update-mapper.js';

/** What applying the update files did. */
export interface UpdateRun {
  readonly files: readonly string[];
  /** Updates read (announces + withdraws). */
  count: number;
  announces: number;
  withdraws: number;
  ignoredWithdraws: number;
  batches: number;
  readonly batchSize: number;
  /** Bad lines skipped (with `skipBad`), and the first few of them. */
  bad: number;
  readonly firstBad: BadLine[];
  /** Whole run, reading included; and the part spent building states and in `agent.apply`. */
  ms: number;
  applyMs: number;
  readonly ops: WriteCounts;
}

/** Options of `applyUpdateFiles`. */
export interface ApplyUpdatesOptions {
  readonly batchSize: number;
  readonly skipBad: boolean;
  readonly mapper: UpdateMapper;
  readonly progress: Progress;
}

/** The next state after one batch, and how many withdraws it ignored. */
export function batchState(
  state: SwitchState,
  batch: readonly RouteUpdate[],
  mapper: UpdateMapper,
): { next: SwitchState; ignoredWithdraws: number } {
  const v4: RouteChange<RouteAction>[] = [];
  const v6: RouteChange<RouteAction>[] = [];
  // Routes as this batch left them so far (a prefix may come several times in one batch).
  const pending = new Map<string, RouteAction | undefined>();
  let ignoredWithdraws = 0;
  for (const u of batch) {
    const table = u.family === 4 ? state.routes.v4 : state.routes.v6;
    const changes = u.family === 4 ? v4 : v6;
    if (u.op === 'withdraw') {
      const current = pending.has(u.prefix) ? pending.get(u.prefix) : table.get(u.prefix);
      if (current === undefined) {
        ignoredWithdraws++;
        continue;
      }
      pending.set(u.prefix, undefined);
      changes.push([u.prefix, undefined]);
    } else {
      const action = mapper.actionOf(u);
      pending.set(u.prefix, action);
      changes.push([u.prefix, action]);
    }
  }
  const next = updateState(state, (d) => {
    if (v4.length > 0) d.routes.v4 = state.routes.v4.withChanges(v4);
    if (v6.length > 0) d.routes.v6 = state.routes.v6.withChanges(v6);
  });
  return { next, ignoredWithdraws };
}

/**
 * Reads each update file in batches of `batchSize` and applies every batch to `agent`.
 * @throws RouteFileError on a bad line (without `skipBad`); what `agent.apply` throws.
 */
export async function applyUpdateFiles(
  agent: SwitchAgent,
  files: readonly string[],
  options: ApplyUpdatesOptions,
): Promise<UpdateRun> {
  const t0 = performance.now();
  const run: UpdateRun = {
    files,
    count: 0,
    announces: 0,
    withdraws: 0,
    ignoredWithdraws: 0,
    batches: 0,
    batchSize: options.batchSize,
    bad: 0,
    firstBad: [],
    ms: 0,
    applyMs: 0,
    ops: { create: 0, set: 0, remove: 0 },
  };
  for (const file of files) {
    const total = options.progress.enabled ? await countLines(file) : 0;
    const task = options.progress.task('updates', total, 'lines');
    const reader = readRouteUpdates(file, { skipBad: options.skipBad, batchSize: options.batchSize });
    try {
      for await (const batch of reader) {
        const t = performance.now();
        const { next, ignoredWithdraws } = batchState(agent.state, batch, options.mapper);
        const ops = agent.countWrites(() => agent.apply(next));
        run.applyMs += performance.now() - t;
        run.ops.create += ops.create;
        run.ops.set += ops.set;
        run.ops.remove += ops.remove;
        run.ignoredWithdraws += ignoredWithdraws;
        run.batches++;
        if (batch.length > 0) task.update(batch[batch.length - 1].line);
      }
    } finally {
      task.stop();
    }
    run.count += reader.counts.count;
    run.announces += reader.counts.announces;
    run.withdraws += reader.counts.withdraws;
    run.bad += reader.bad.length;
    run.firstBad.push(...reader.bad.slice(0, 5 - run.firstBad.length));
  }
  run.ms = performance.now() - t0;
  return run;
}
