/**
 * Where a large table's memory goes: the heap after a full GC at each step of what `demo` does,
 * in one process, per route. Generates an N-line prefix list in a temporary directory (as
 * `bench/big-table.ts` does), then: load -> desired state built -> records dropped -> cold boot on
 * the fake adapter -> warm shutdown (agent dropped) -> warm boot.
 *
 *   node --expose-gc --import tsx bench/route-memory.ts [--lines 1000000]
 *
 * Each step is also printed on stderr as it is passed, so a run that dies of heap exhaustion (the
 * route limit is lifted here) shows where.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSaiAdapter } from '../src/adapter/fake/fake-adapter.js';
import { SwitchAgent } from '../src/agent/switch-agent.js';
import { buildDesired } from '../src/cli/desired.js';
import { loadRouteInput, type RouteInput } from '../src/cli/inputs.js';
import { Progress } from '../src/cli/progress.js';
import { writeTable } from './big-table-file.js';

const args = process.argv.slice(2);
const at = args.indexOf('--lines');
const lines = at < 0 ? 1_000_000 : Number(args[at + 1]);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const rows: { step: string; heapMB: number; bytesPerRoute: number }[] = [];
const base = heap();
// A turn of the event loop first: the frame that awaited a load holds its result until then.
const mark = async (step: string) => {
  await new Promise((r) => setImmediate(r));
  const h = heap();
  const row = { step, heapMB: Math.round(h / 2 ** 20), bytesPerRoute: Math.round((h - base) / lines) };
  rows.push(row);
  // As it goes: a run that dies of heap exhaustion shows the last step it passed.
  process.stderr.write(`${JSON.stringify({ ...row, atMs: Math.round(performance.now()) })}\n`);
};

const dir = mkdtempSync(join(tmpdir(), 'saistore-mem-'));
try {
  const file = join(dir, 'table.txt');
  await writeTable(file, lines);
  let input: RouteInput | undefined = await loadRouteInput({
    files: [file],
    skipBad: false,
    maxRoutes: lines,
    progress: Progress.forCli(true),
  });
  await mark('loaded: route records');
  let desired: ReturnType<typeof buildDesired> | undefined = buildDesired(input, { ports: 32 });
  await mark('desired state built (records still held)');
  input = undefined;
  await mark('records dropped: desired state');
  const createAdapter = (_t: 'cold' | 'warm', profile: Record<string, string>) => new FakeSaiAdapter({ profile });
  let agent: SwitchAgent | undefined = SwitchAgent.boot({ createAdapter, desired: desired.state, stateDir: dir }).agent;
  await mark('cold boot: desired + store + fake adapter');
  agent.warmShutdown(dir);
  agent = undefined;
  await mark('warm shutdown, agent dropped: desired');
  agent = SwitchAgent.boot({ createAdapter, desired: desired.state, stateDir: dir, replayPolicy: 'fail' }).agent;
  await mark('warm boot: desired + store + fake adapter');
  desired = undefined;
  process.stdout.write(`${JSON.stringify({ lines, baseMB: Math.round(base / 2 ** 20), rows }, null, 2)}\n`);
  agent.adapter.shutdown({ warm: false });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
