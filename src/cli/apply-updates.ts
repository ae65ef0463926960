/**
 * Applying update streams to a running agent: each batch of updates becomes one
 * `RouteTable.withChanges` per family and one `agent.apply` of the new state (a delta of the
 * batch's size, never a table walk).
 *
 * - announce: the route is set to `UpdateMapper.actionOf`: to the next hop it names (a new one gets
 *   its neighbor and interface address in the same state), or moved to another synthetic ECMP set;
 *   an announce whose next hop is refused is a bad line (an error, or counted with `skipBad`);
 * - an announce of an interface's own prefix (connected subnet, own address) is shadowed: counted,
 *   not programmed; a new interface address shadows the table's route for its subnet, which is
 *   removed in the same batch and counted too;
 * - withdraw: the route is removed; a withdraw of a prefix the table does not have is counted in
 *   `ignoredWithdraws` and skipped.
 */
import { castDraft } from 'immer';
import type { SwitchAgent, WriteCounts } from '../agent/switch-agent.js';
import type { RouteChange } from '../agent/state/route-table.js';
import { neighborKey, updateState, type RouteAction, type SwitchState } from '../agent/state/switch-state.js';
import { readRouteUpdates } from '../routes/updates.js';
import { RouteFileError, type BadLine, type RouteUpdate } from '../routes/types.js';
import { wrongKindOfFile } from './inputs.js';
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
  /** Announces of an interface's own prefix, and table routes a new interface address shadowed. */
  shadowed: number;
  /** Neighbors the announces' new next hops added. */
  newNeighbors: number;
  batches: number;
  readonly batchSize: number;
  /** Bad lines skipped (with `skipBad`, refused next hops included), and the first few of them. */
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

/** An announce refused for its next hop, and why. */
export interface RefusedAnnounce {
  readonly update: RouteUpdate;
  readonly reason: string;
}

/** The next state after one batch (see the file comment for what it counts). */
export interface BatchResult {
  readonly next: SwitchState;
  readonly ignoredWithdraws: number;
  readonly shadowed: number;
  readonly newNeighbors: number;
  /** Announces left out: the batch is applicable without them, or must be refused whole. */
  readonly refused: readonly RefusedAnnounce[];
}

/** The reader's batches; a route table given as an update stream is refused in the command line's words. */
async function* wrongKindAsCli(reader: AsyncIterable<RouteUpdate[]>): AsyncGenerator<RouteUpdate[]> {
  try {
    yield* reader;
  } catch (e) {
    throw e instanceof RouteFileError ? wrongKindOfFile(e, '--updates') : e;
  }
}

/** The next state after one batch (see the file comment). */
export function batchState(state: SwitchState, batch: readonly RouteUpdate[], mapper: UpdateMapper): BatchResult {
  const topology = mapper.topologyOf(state);
  const changes: Record<4 | 6, RouteChange<RouteAction>[]> = { 4: [], 6: [] };
  // Routes as this batch left them so far (a prefix may come several times in one batch).
  const pending = new Map<string, RouteAction | undefined>();
  const current = (prefix: string) => {
    if (pending.has(prefix)) return pending.get(prefix);
    return (prefix.includes(':') ? state.routes.v6 : state.routes.v4).get(prefix);
  };
  const isHostRoute = (ip: string) => current(`${ip}/${ip.includes(':') ? 128 : 32}`) !== undefined;
  const refused: RefusedAnnounce[] = [];
  let ignoredWithdraws = 0;
  let shadowed = 0;
  for (const u of batch) {
    if (u.op === 'withdraw') {
      if (current(u.prefix) === undefined) {
        ignoredWithdraws++;
        continue;
      }
      pending.set(u.prefix, undefined);
      changes[u.family].push([u.prefix, undefined]);
      continue;
    }
    const action = mapper.actionOf(topology, u, isHostRoute);
    if (typeof action === 'string') {
      refused.push({ update: u, reason: action });
      continue;
    }
    if (topology.owner(u.prefix) !== undefined) {
      shadowed++;
      continue;
    }
    pending.set(u.prefix, action);
    changes[u.family].push([u.prefix, action]);
  }
  const made = topology.takeChanges();
  // A new interface address owns its subnet and host route from now on: the table's routes for
  // them (from before the batch or from earlier in it) give way.
  for (const prefix of made.owned) {
    if (current(prefix) === undefined) continue;
    pending.set(prefix, undefined);
    changes[prefix.includes(':') ? 6 : 4].push([prefix, undefined]);
    shadowed++;
  }
  const next = updateState(state, (d) => {
    for (const rif of made.routerInterfaces) d.routerInterfaces.set(rif.name, castDraft(rif));
    for (const n of made.neighbors) d.neighbors.set(neighborKey(n.rif, n.ip), castDraft(n));
    if (changes[4].length > 0) d.routes.v4 = state.routes.v4.withChanges(changes[4]);
    if (changes[6].length > 0) d.routes.v6 = state.routes.v6.withChanges(changes[6]);
  });
  mapper.synced(next);
  return { next, ignoredWithdraws, shadowed, newNeighbors: made.neighbors.length, refused };
}

/**
 * Reads each update file in batches of `batchSize` and applies every batch to `agent`.
 * @throws RouteFileError on a bad line or a refused next hop (without `skipBad`; the batch holding
 *   it is not applied), or for a file that is a route table (`found` set); what `agent.apply` throws.
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
    shadowed: 0,
    newNeighbors: 0,
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
      for await (const batch of wrongKindAsCli(reader)) {
        const t = performance.now();
        const b = batchState(agent.state, batch, options.mapper);
        for (const { update: u, reason } of b.refused) {
          const bad: BadLine = {
            file,
            line: u.line,
            text: '',
            reason: `announce of ${u.prefix} via ${u.nextHop ?? '(none)'}: ${reason}`,
          };
          // Refused before the batch is applied: the agent keeps the state of the batches before.
          if (!options.skipBad) throw RouteFileError.fromBadLine(bad);
          run.bad++;
          if (run.firstBad.length < 5) run.firstBad.push(bad);
        }
        const ops = agent.countWrites(() => agent.apply(b.next));
        run.applyMs += performance.now() - t;
        run.ops.create += ops.create;
        run.ops.set += ops.set;
        run.ops.remove += ops.remove;
        run.ignoredWithdraws += b.ignoredWithdraws;
        run.shadowed += b.shadowed;
        run.newNeighbors += b.newNeighbors;
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
