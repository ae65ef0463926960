/**
 * `saistore demo`: the whole warm boot story in one process. Cold boot of the table, warm
 * shutdown, warm boot with the identical state (it must write nothing: replay under policy `fail`),
 * and with `--updates` the stream applied in batches, then another warm shutdown and identical
 * warm boot (again zero writes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SwitchState } from '../agent/state/switch-state.js';
import { stateFiles, type BootOptions, type SwitchAgent } from '../agent/switch-agent.js';
import { adapterFactory, chooseAdapter } from './adapter-choice.js';
import { applyUpdateFiles } from './apply-updates.js';
import { coldBoot, identicalWarmBoot, warmShutdown } from './boot-phases.js';
import type { AdapterCliOptions, InputOptions } from './cli-options.js';
import { formatDemoReport } from './format.js';
import { heapAfterGc, rss } from './memory.js';
import { prepareDesired } from './prepare.js';
import { Progress } from './progress.js';
import {
  checkReport,
  demoReportSchema,
  roundMs,
  type ColdReport,
  type DemoReport,
  type MemoryReport,
  type ShutdownPhase,
} from './report.js';
import { updatesReport } from './updates-report.js';
import { UpdateMapper } from './update-mapper.js';
import { warnBadLines } from './warnings.js';

/** Options of `saistore demo`. */
export interface DemoOptions extends InputOptions, AdapterCliOptions {
  stateDir?: string;
}

/**
 * Runs the demo and prints its report (readable, or one JSON object with `--json`).
 * @throws CliError when a warm boot comes up cold or writes; RouteFileError on bad input.
 */
export async function runDemo(o: DemoOptions): Promise<void> {
  const t0 = performance.now();
  const progress = Progress.forCli(o.json);
  const choice = chooseAdapter(o);
  const createAdapter = await adapterFactory(choice);
  const baseline = heapAfterGc();
  const { input, desired, firstBad } = await prepareDesired({ ...o, progress });
  warnBadLines(firstBad, input.bad);
  const dir = o.stateDir ?? mkdtempSync(join(tmpdir(), 'saistore-demo-'));
  // The demo starts cold: a warm state left in DIR is removed first.
  for (const f of Object.values(stateFiles(dir))) rmSync(f, { force: true });
  try {
    const first = coldCycle(createAdapter, desired.state, dir, progress, baseline.heapUsed, input.routes);
    // Only `agent` holds the running agent, so a shut down one can be dropped before the next boot.
    let { agent, warmBoot } = progress.step('warm boot', () =>
      identicalWarmBoot(createAdapter, desired.state, dir, 'warm boot'),
    );
    const report: DemoReport = {
      command: 'demo',
      input,
      adapter: choice.label,
      cold: first.cold,
      shutdown: first.shutdown,
      warmBoot,
      memory: first.memory,
      totalMs: 0,
    };
    if (o.updates.length > 0) {
      const run = await applyUpdateFiles(agent, o.updates, {
        batchSize: o.batch,
        skipBad: o.skipBad,
        mapper: new UpdateMapper({ desired, ports: o.ports }),
        progress,
      });
      warnBadLines(run.firstBad, run.bad);
      report.updates = updatesReport(run);
      const state = agent.state;
      const shutdown2 = progress.step('warm shutdown', () => warmShutdown(agent, dir));
      agent = undefined as unknown as SwitchAgent; // dropped: the next boot does not share the heap with it
      ({ agent, warmBoot } = progress.step('warm boot', () =>
        identicalWarmBoot(createAdapter, state, dir, 'warm boot after the updates'),
      ));
      report.afterUpdates = { shutdown: shutdown2, warmBoot };
    }
    agent.adapter.shutdown({ warm: false });
    report.memory.peakRssBytes = rss().peakRssBytes;
    report.totalMs = roundMs(performance.now() - t0);
    const checked = checkReport(demoReportSchema, report);
    process.stdout.write(o.json ? `${JSON.stringify(checked)}\n` : formatDemoReport(checked));
  } finally {
    if (!o.stateDir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Cold boot, heap measurement with the table programmed, warm shutdown. The cold agent lives only
 * in here, so the warm boot after it does not share the heap with it.
 */
function coldCycle(
  createAdapter: BootOptions['createAdapter'],
  state: SwitchState,
  dir: string,
  progress: Progress,
  baselineHeap: number,
  routes: number,
): { cold: ColdReport; shutdown: ShutdownPhase; memory: MemoryReport } {
  const booted = coldBoot(createAdapter, state, dir, progress);
  const { reason: _cold, ...cold } = booted.cold!; // the demo starts cold on purpose: no reason to give
  const heap = heapAfterGc();
  const memory: MemoryReport = {
    heapBytesPerRoute: Math.round((heap.heapUsed - baselineHeap) / Math.max(1, routes)),
    ...rss(),
    gc: heap.gc,
  };
  return { cold, shutdown: progress.step('warm shutdown', () => warmShutdown(booted.agent, dir)), memory };
}
