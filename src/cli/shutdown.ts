/**
 * `saistore shutdown --warm|--cold --state-dir DIR`: signals the agent running on DIR (SIGUSR2
 * warm, SIGTERM cold), waits for it to exit and prints the shutdown report it wrote.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { agentFiles, isRunning, readAgentPid, waitForExit } from './agent-files.js';
import { CliError } from './errors.js';
import { formatShutdownReport } from './format.js';
import { checkReport, shutdownReportSchema } from './report.js';

/** Options of `saistore shutdown`. */
export interface ShutdownCliOptions {
  stateDir: string;
  warm: boolean;
  cold: boolean;
  /** Seconds to wait for the agent to exit. */
  timeout: number;
  json: boolean;
}

/**
 * Shuts down the agent of `stateDir` and prints its report.
 * @throws CliError when no agent runs there, it does not exit in time, or it left no report.
 */
export async function runShutdown(o: ShutdownCliOptions): Promise<void> {
  if (o.warm && o.cold) throw new CliError('--warm and --cold: choose one', 2);
  const type = o.cold ? 'cold' : 'warm';
  const pid = readAgentPid(o.stateDir);
  if (pid === undefined) throw new CliError(`no agent is running on ${o.stateDir} (no ${agentFiles(o.stateDir).pid})`);
  if (!isRunning(pid)) throw new CliError(`the agent of ${o.stateDir} (pid ${pid}) is not running`);
  const reportPath = agentFiles(o.stateDir).shutdownReport;
  rmSync(reportPath, { force: true });
  process.kill(pid, type === 'warm' ? 'SIGUSR2' : 'SIGTERM');
  if (!(await waitForExit(pid, o.timeout * 1000))) {
    throw new CliError(`the agent (pid ${pid}) did not exit within ${o.timeout} s of the ${type} shutdown signal`);
  }
  if (!existsSync(reportPath))
    throw new CliError(`the agent (pid ${pid}) exited without writing ${reportPath}: see its stderr`);
  const report = checkReport(shutdownReportSchema, JSON.parse(readFileSync(reportPath, 'utf8')));
  if (report.pid !== pid)
    throw new CliError(`${reportPath} is from pid ${report.pid}, not the agent signalled (${pid})`);
  process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : formatShutdownReport(report));
}
