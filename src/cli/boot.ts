/**
 * `saistore boot --state-dir DIR`: a long-running agent. It boots (warm when DIR holds a valid
 * state, else cold with the reason), programs the routes and updates, writes `DIR/agent.pid`,
 * prints `ready` (with `--json`, the boot report as one JSON line) and waits:
 *
 * - SIGUSR2: warm shutdown (state written to DIR, the adapter keeps everything);
 * - SIGTERM or SIGINT: cold shutdown (the adapter shuts down cold, DIR's warm state is removed, so
 *   the next boot is cold).
 *
 * Either way it writes `DIR/shutdown-report.json`, removes `agent.pid` and exits 0.
 */
import { mkdirSync, rmSync } from 'node:fs';
import type { SwitchAgent } from '../agent/switch-agent.js';
import { stateFiles } from '../agent/switch-agent.js';
import { agentFiles, isRunning, readAgentPid, removeOwnPidFile, writeFileAtomic } from './agent-files.js';
import { adapterFactory, chooseAdapter } from './adapter-choice.js';
import { applyUpdateFiles } from './apply-updates.js';
import { bootFrom, warmShutdown } from './boot-phases.js';
import type { AdapterCliOptions, InputOptions } from './cli-options.js';
import { CliError } from './errors.js';
import { formatBootReport } from './format.js';
import { heapAfterGc, rss } from './memory.js';
import { prepareDesired } from './prepare.js';
import { Progress } from './progress.js';
import {
  bootReportSchema,
  checkReport,
  roundMs,
  shutdownReportSchema,
  type BootReportJson,
  type ShutdownReport,
} from './report.js';
import { UpdateMapper } from './update-mapper.js';
import { updatesReport } from './updates-report.js';
import { warnBadLines } from './warnings.js';

/** Options of `saistore boot`. */
export interface BootCliOptions extends InputOptions, AdapterCliOptions {
  stateDir: string;
}

type ShutdownType = 'warm' | 'cold';

/** Shutdown requests by signal; a request that comes while booting is kept until the agent is ready. */
function shutdownRequests(): { next: Promise<ShutdownType>; dispose: () => void } {
  let resolve!: (t: ShutdownType) => void;
  const next = new Promise<ShutdownType>((r) => (resolve = r));
  const warm = () => resolve('warm');
  const cold = () => resolve('cold');
  process.on('SIGUSR2', warm);
  process.on('SIGTERM', cold);
  process.on('SIGINT', cold);
  return {
    next,
    dispose: () => {
      process.off('SIGUSR2', warm);
      process.off('SIGTERM', cold);
      process.off('SIGINT', cold);
    },
  };
}

/**
 * Runs the agent until a shutdown signal.
 * @throws CliError when another agent runs on the same DIR; what booting throws.
 */
export async function runBoot(o: BootCliOptions): Promise<void> {
  const dir = o.stateDir;
  mkdirSync(dir, { recursive: true });
  const other = readAgentPid(dir);
  if (other !== undefined && other !== process.pid && isRunning(other)) {
    throw new CliError(`an agent (pid ${other}) is already running on ${dir}`);
  }
  rmSync(agentFiles(dir).shutdownReport, { force: true });
  const requests = shutdownRequests();
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    const progress = Progress.forCli(o.json);
    const choice = chooseAdapter(o);
    const createAdapter = await adapterFactory(choice);
    const baseline = heapAfterGc();
    const { input, desired, firstBad } = await prepareDesired({ ...o, progress });
    warnBadLines(firstBad, input.bad);
    const booted = bootFrom(createAdapter, desired.state, dir, progress);
    const report: BootReportJson = {
      command: 'boot',
      pid: process.pid,
      stateDir: dir,
      bootType: booted.bootType,
      input,
      adapter: choice.label,
      ...(booted.cold ? { cold: booted.cold } : {}),
      ...(booted.warmBoot ? { warmBoot: booted.warmBoot } : {}),
      memory: { heapBytesPerRoute: 0, rssBytes: 0, peakRssBytes: 0, gc: false },
    };
    if (o.updates.length > 0) {
      const run = await applyUpdateFiles(booted.agent, o.updates, {
        batchSize: o.batch,
        skipBad: o.skipBad,
        mapper: new UpdateMapper({ desired, ports: o.ports }),
        progress,
      });
      warnBadLines(run.firstBad, run.bad);
      report.updates = updatesReport(run);
    }
    const heap = heapAfterGc();
    report.memory = {
      heapBytesPerRoute: Math.round((heap.heapUsed - baseline.heapUsed) / Math.max(1, input.routes)),
      ...rss(),
      gc: heap.gc,
    };
    const checked = checkReport(bootReportSchema, report);
    writeFileAtomic(agentFiles(dir).pid, `${process.pid}\n`);
    if (o.json) process.stdout.write(`${JSON.stringify(checked)}\n`);
    else process.stderr.write(formatBootReport(checked));
    if (!o.json) process.stdout.write('ready\n');
    const type = await requests.next;
    shutDown(booted.agent, dir, type);
  } finally {
    clearInterval(keepAlive);
    requests.dispose();
    removeOwnPidFile(dir);
  }
}

/** Shuts the agent down and writes `shutdown-report.json`. */
function shutDown(agent: SwitchAgent, dir: string, type: ShutdownType): void {
  let shutdown: ShutdownReport['shutdown'];
  if (type === 'warm') {
    shutdown = warmShutdown(agent, dir);
  } else {
    const t = performance.now();
    agent.adapter.shutdown({ warm: false });
    for (const f of Object.values(stateFiles(dir))) rmSync(f, { force: true });
    shutdown = { ms: roundMs(performance.now() - t), stateBytes: 0 };
  }
  const report = checkReport(shutdownReportSchema, {
    command: 'shutdown',
    pid: process.pid,
    stateDir: dir,
    type,
    shutdown,
  });
  writeFileAtomic(agentFiles(dir).shutdownReport, `${JSON.stringify(report)}\n`);
}
