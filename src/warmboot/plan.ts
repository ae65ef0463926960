/**
 * Plan and apply: every create, set and remove that replay plus release would execute, computed
 * first without any adapter write, then executed with each write checked against the plan.
 *
 * `planWarmBoot` reloads a shadow store over a `DryRunAdapter` (reads reach the adapter, writes do
 * not; new objects get placeholder ids) and records the writes of `replay` and
 * `releaseUnclaimed`. `applyWarmBoot` runs the same replay on the real, reloaded store; a write
 * that is not the next planned one is refused before it reaches the adapter.
 */
import type { SaiAdapter } from '../adapter/adapter.js';
import { SaiStore, describeWrite } from '../store/sai-store.js';
import type { StoreWrite } from '../store/write.js';
import { DryRunAdapter } from './dry-run-adapter.js';
import { WarmBootPlanError } from './errors.js';
import { releaseUnclaimed, type ReleaseReport } from './release.js';
import { reload } from './reload.js';
import type { WarmBootState } from './state.js';

/** One planned operation: the write, and for a create the placeholder id it will have. */
export interface PlannedOp {
  readonly write: StoreWrite;
  readonly placeholder?: bigint;
}

/** A warm boot plan: plain data a person can print and read (`formatPlan`). */
export interface WarmBootPlan {
  readonly ops: readonly PlannedOp[];
  readonly counts: { readonly create: number; readonly set: number; readonly remove: number };
}

/** Replays the desired state into a store (the agent's `apply(delta(empty, ShutdownState))`). */
export type ReplayFn = (store: SaiStore) => void;

/** Computes the plan of replay + release without writing to `adapter`. */
export function planWarmBoot(adapter: SaiAdapter, state: WarmBootState | undefined, replay: ReplayFn): WarmBootPlan {
  const shadow = new SaiStore(new DryRunAdapter(adapter));
  reload(shadow, { state });
  const ops: PlannedOp[] = [];
  // A bulk create shows every entry's write before the adapter call and reports each id after
  // it: an id belongs to the op of its own write, found by identity.
  const index = new Map<StoreWrite, number>();
  shadow.watchWrites({
    before: (w) => {
      index.set(w, ops.length);
      ops.push({ write: w });
    },
    created: (w, oid) => {
      const i = index.get(w);
      if (oid !== 0n && i !== undefined) ops[i] = { write: ops[i].write, placeholder: oid };
    },
  });
  replay(shadow);
  releaseUnclaimed(shadow);
  const counts = { create: 0, set: 0, remove: 0 };
  for (const op of ops) counts[op.write.op]++;
  return { ops, counts };
}

/** Options of `applyWarmBoot`. */
export interface ApplyOptions {
  /** Refuse, before the first write, a plan with more operations than this. */
  readonly maxOps?: number;
}

/** What `applyWarmBoot` executed. */
export interface ApplyReport {
  readonly executed: readonly StoreWrite[];
  readonly release: ReleaseReport;
}

/**
 * Executes a plan: replay + release on the real store (already reloaded), each write checked
 * against the next planned one (placeholders matched to the ids the adapter returned).
 * @throws WarmBootPlanError when the plan is too large (nothing written) or execution departs
 *   from it (nothing past that write written).
 */
export function applyWarmBoot(
  store: SaiStore,
  plan: WarmBootPlan,
  replay: ReplayFn,
  options: ApplyOptions = {},
): ApplyReport {
  if (options.maxOps !== undefined && plan.ops.length > options.maxOps) {
    throw new WarmBootPlanError(
      `${plan.ops.length} operations exceed the limit of ${options.maxOps}; nothing was written`,
    );
  }
  const realToPlaceholder = new Map<bigint, bigint>();
  const executed: StoreWrite[] = [];
  const index = new Map<StoreWrite, number>();
  const stop = store.watchWrites({
    before: (w) => {
      const i = executed.length;
      const planned = plan.ops[i];
      const actual = writeText(w, realToPlaceholder);
      if (!planned) throw new WarmBootPlanError(`write ${i + 1} is not in the plan: ${actual}`);
      const expected = writeText(planned.write, undefined);
      if (actual !== expected)
        throw new WarmBootPlanError(`write ${i + 1} departs from the plan: planned ${expected}, got ${actual}`);
      index.set(w, i);
      executed.push(w);
    },
    created: (w, oid) => {
      const i = index.get(w);
      const planned = i === undefined ? undefined : plan.ops[i];
      if (planned?.placeholder !== undefined) realToPlaceholder.set(oid, planned.placeholder);
    },
  });
  try {
    replay(store);
    const release = releaseUnclaimed(store);
    if (executed.length !== plan.ops.length) {
      throw new WarmBootPlanError(`executed ${executed.length} of ${plan.ops.length} planned operations`);
    }
    return { executed, release };
  } finally {
    stop();
  }
}

function writeText(w: StoreWrite, map: Map<bigint, bigint> | undefined): string {
  if (!map || map.size === 0) return describeWrite(w);
  const swap = (v: unknown): unknown => {
    if (typeof v === 'bigint') return map.get(v) ?? v;
    if (Array.isArray(v)) return v.map(swap);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  return describeWrite(swap(w) as StoreWrite);
}

/** The plan as text, one operation per line. */
export function formatPlan(plan: WarmBootPlan): string {
  const lines = plan.ops.map(
    (op, i) =>
      `${String(i + 1).padStart(5)}  ${describeWrite(op.write)}${op.placeholder !== undefined ? `  -> 0x${op.placeholder.toString(16)}` : ''}`,
  );
  lines.push(`${plan.counts.create} create, ${plan.counts.set} set, ${plan.counts.remove} remove`);
  return lines.join('\n');
}
