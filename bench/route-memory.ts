/**
 * Where a large table's memory goes: the heap after a full GC at each step of what `demo` does,
 * in one process, per route. Generates an N-line prefix list in a temporary directory (as
 * `bench/big-table.ts` does), then: load -> desired state built -> records dropped -> cold boot on
 * the fake adapter -> warm shutdown (agent dropped) -> warm boot.
 *
 *   node --expose-gc --import tsx bench/route-memory.ts [--lines 1000000]
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
const mark = (step: string) => {
  const h = heap();
  rows.push({ step, heapMB: Math.round(h / 2 ** 20), bytesPerRoute: Math.round((h - base) / lines) });
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
  mark('loaded: route records');
  let desired: ReturnType<typeof buildDesired> | undefined = buildDesired(input, { ports: 32 });
  mark('desired state built (records still held)');
  input = undefined;
  mark('records dropped: desired state');
  const createAdapter = (_t: 'cold' | 'warm', profile: Record<string, string>) => new FakeSaiAdapter({ profile });
  let agent: SwitchAgent | undefined = SwitchAgent.boot({ createAdapter, desired: desired.state, stateDir: dir }).agent;
  mark('cold boot: desired + store + fake adapter');
  agent.warmShutdown(dir);
  agent = undefined;
  mark('warm shutdown, agent dropped: desired');
  agent = SwitchAgent.boot({ createAdapter, desired: desired.state, stateDir: dir, replayPolicy: 'fail' }).agent;
  mark('warm boot: desired + store + fake adapter');
  desired = undefined;
  process.stdout.write(`${JSON.stringify({ lines, baseMB: Math.round(base / 2 ** 20), rows }, null, 2)}\n`);
  agent.adapter.shutdown({ warm: false });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
