/**
 * The files a running `saistore boot` agent keeps in its state directory, and how another process
 * finds and watches it: `agent.pid` (written once the agent is ready, removed when it exits) and
 * `shutdown-report.json` (written by the agent at shutdown).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './errors.js';

/** Paths of the agent's files in `stateDir`. */
export function agentFiles(stateDir: string): { pid: string; shutdownReport: string } {
  return { pid: join(stateDir, 'agent.pid'), shutdownReport: join(stateDir, 'shutdown-report.json') };
}

/** Writes a file atomically (a temporary file renamed over it). */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The pid in `stateDir/agent.pid`, or undefined when there is no such file. @throws CliError on a malformed file. */
export function readAgentPid(stateDir: string): number | undefined {
  const path = agentFiles(stateDir).pid;
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8').trim();
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0)
    throw new CliError(`${path}: not a pid: ${JSON.stringify(text.slice(0, 40))}`);
  return pid;
}

/** Removes `agent.pid` when it still names this process. */
export function removeOwnPidFile(stateDir: string): void {
  try {
    if (readAgentPid(stateDir) === process.pid) rmSync(agentFiles(stateDir).pid, { force: true });
  } catch {
    // a malformed pid file is not ours
  }
}

/** True while `pid` is a live process (an exited process its parent has not reaped yet counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** Waits until `pid` is gone; false on timeout. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (let wait = 10; isRunning(pid); wait = Math.min(wait * 2, 200)) {
    if (Date.now() >= end) return false;
    await new Promise((r) => setTimeout(r, wait));
  }
  return true;
}
