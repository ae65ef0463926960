/**
 * The JSON reports of `demo`, `boot` and `shutdown`, declared once as zod schemas. Every report is
 * validated against its schema before it is printed (`checkReport`), so the printed shape is the
 * declared one. The core shape is the issue's:
 *
 *     {input:{routes,v4,v6,source}, adapter, cold:{ms,ops:{create,set,remove}}, shutdown:{ms,stateBytes},
 *      warmBoot:{ms,phases:{loadState,reload,replay,release},ops:{create,set,remove}},
 *      updates:{count,ms,perSec,ops:{create,set,remove}}, memory:{heapBytesPerRoute,rssBytes}}
 *
 * with a few more fields, each described below. Times are milliseconds.
 */
import { z } from 'zod';

const ms = z.number().nonnegative();
const count = z.number().int().nonnegative();

/** Writes counted at the store. */
export const opsSchema = z.strictObject({ create: count, set: count, remove: count });

/** What was programmed and where it came from. */
export const inputSchema = z.strictObject({
  /** Routes in the desired state (v4 + v6). */
  routes: count,
  v4: count,
  v6: count,
  /** `files` (`--routes`) or `generated` (the embedded default table). */
  source: z.enum(['files', 'generated']),
  files: z.array(z.string()),
  /** Lines refused with `--skip-bad`. */
  bad: count,
  /** Lines that repeated a prefix (the first wins); of those, the ones with another next hop. */
  duplicates: count,
  conflicts: count,
  /** Table routes not programmed: an interface's connected subnet or own address (src/agent/next-hop-topology.ts). */
  shadowed: count,
  /** `synthetic` (no next hops in the input), `next-hop` (all have one) or `mixed` (src/agent/route-topology.ts). */
  topology: z.enum(['synthetic', 'next-hop', 'mixed']),
  /** Reading (or generating) the routes. */
  loadMs: ms,
  /** Building the desired SwitchState from them. */
  buildMs: ms,
});

/** A cold boot: its time and writes (everything it programmed). */
export const coldSchema = z.strictObject({
  ms,
  ops: opsSchema,
  /** Why the boot was not warm (a state directory without a valid state). */
  reason: z.string().optional(),
});

/** A warm shutdown: its time and the size of the state file written. */
export const shutdownSchema = z.strictObject({ ms, stateBytes: count });

/**
 * A warm boot: phases, and the writes of replay + release (`ops`) and of applying the desired
 * state after it (`applyOps`). Phases besides the four: `adapterInit` (the adapter's warm
 * init: the fake restores its warm boot file), `apply` (the desired state applied after release),
 * `other` (the rest of `ms`: decoding the saved ShutdownState, building the agent).
 */
export const warmBootSchema = z.strictObject({
  ms,
  phases: z.strictObject({
    loadState: ms,
    adapterInit: ms,
    reload: ms,
    replay: ms,
    release: ms,
    apply: ms,
    other: ms,
  }),
  ops: opsSchema,
  applyOps: opsSchema,
});

/** The update stream applied in batches. `ms` is the whole run (reading included); `applyMs` the agent's share. */
export const updatesSchema = z.strictObject({
  count,
  ms,
  perSec: z.number().nonnegative(),
  ops: opsSchema,
  files: z.array(z.string()),
  announces: count,
  withdraws: count,
  /** Withdraws of a prefix not in the table: counted and ignored. */
  ignoredWithdraws: count,
  /** Announces of an interface's own prefix, and table routes a new interface address shadowed. */
  shadowed: count,
  /** Neighbors added for next hops the table did not have. */
  newNeighbors: count,
  batches: count,
  batchSize: count,
  bad: count,
  applyMs: ms,
});

/**
 * Memory: heap used after a full GC minus the heap before loading, per route, measured with the
 * table programmed (desired state, store and adapter all included); rss at that point, and the
 * process's peak rss. `gc` says whether a full GC could be forced (if not, the heap figure is noisy).
 */
export const memorySchema = z.strictObject({
  heapBytesPerRoute: z.number(),
  rssBytes: count,
  peakRssBytes: count,
  gc: z.boolean(),
});

/** `saistore demo --json`. `afterUpdates` is the second warm shutdown and boot, after `updates`. */
export const demoReportSchema = z.strictObject({
  command: z.literal('demo'),
  input: inputSchema,
  adapter: z.string(),
  cold: coldSchema,
  shutdown: shutdownSchema,
  warmBoot: warmBootSchema,
  updates: updatesSchema.optional(),
  afterUpdates: z.strictObject({ shutdown: shutdownSchema, warmBoot: warmBootSchema }).optional(),
  memory: memorySchema,
  totalMs: ms,
});

/** `saistore boot --json`: one line once the agent is ready; `cold` or `warmBoot` by `bootType`. */
export const bootReportSchema = z.strictObject({
  command: z.literal('boot'),
  pid: count,
  stateDir: z.string(),
  bootType: z.enum(['cold', 'warm']),
  input: inputSchema,
  adapter: z.string(),
  cold: coldSchema.optional(),
  warmBoot: warmBootSchema.optional(),
  updates: updatesSchema.optional(),
  memory: memorySchema,
});

/** `DIR/shutdown-report.json`, written by the agent, printed by `saistore shutdown`. */
export const shutdownReportSchema = z.strictObject({
  command: z.literal('shutdown'),
  pid: count,
  stateDir: z.string(),
  type: z.enum(['warm', 'cold']),
  /** A cold shutdown writes no state: `stateBytes` is 0 and the state files are removed. */
  shutdown: shutdownSchema,
});

export type Ops = z.infer<typeof opsSchema>;
export type InputReport = z.infer<typeof inputSchema>;
export type ColdReport = z.infer<typeof coldSchema>;
export type ShutdownPhase = z.infer<typeof shutdownSchema>;
export type WarmBootPhase = z.infer<typeof warmBootSchema>;
export type UpdatesReport = z.infer<typeof updatesSchema>;
export type MemoryReport = z.infer<typeof memorySchema>;
export type DemoReport = z.infer<typeof demoReportSchema>;
export type BootReportJson = z.infer<typeof bootReportSchema>;
export type ShutdownReport = z.infer<typeof shutdownReportSchema>;

/**
 * Validates a report against its schema.
 * @returns the report as parsed.
 * @throws Error naming every mismatch (a bug: the CLI built a report its schema refuses).
 */
export function checkReport<S extends z.ZodType>(schema: S, report: unknown): z.infer<S> {
  const r = schema.safeParse(report);
  if (!r.success) throw new Error(`report does not match its schema:\n${z.prettifyError(r.error)}`);
  return r.data;
}

/** Rounds a time to 0.1 ms for reports. */
export function roundMs(t: number): number {
  return Math.round(t * 10) / 10;
}
