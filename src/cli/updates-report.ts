/** The report part of an update run. */
import type { UpdateRun } from './apply-updates.js';
import { roundMs, type UpdatesReport } from './report.js';

/** `updates` of a report: counts, time, rate (updates per second of the whole run) and writes. */
export function updatesReport(run: UpdateRun): UpdatesReport {
  return {
    count: run.count,
    ms: roundMs(run.ms),
    perSec: run.ms > 0 ? Math.round((run.count * 1000) / run.ms) : 0,
    ops: { ...run.ops },
    files: [...run.files],
    announces: run.announces,
    withdraws: run.withdraws,
    ignoredWithdraws: run.ignoredWithdraws,
    shadowed: run.shadowed,
    newNeighbors: run.newNeighbors,
    batches: run.batches,
    batchSize: run.batchSize,
    bad: run.bad,
    applyMs: roundMs(run.applyMs),
  };
}
