/**
 * A very large route table through the CLI, once: generates an N-line prefix list in a temporary
 * directory (never in the project), runs `node dist/cli.js demo --json --routes FILE` under
 * `/usr/bin/time -v` and prints the exit code, the peak RSS, the wall time and the last lines of
 * stderr (the refusal message, or the report's route count). The file is removed afterwards.
 *
 *   npm run build && node --import tsx bench/big-table.ts [--lines 10000000] [--heap MB] [--keep] [-- extra CLI args]
 *
 * `--heap MB` runs the CLI with `--max-old-space-size=MB` (the V8 heap limit; the default route
 * limit follows it).
 *
 * Lines are distinct IPv4 /29 prefixes counting up from 1.0.0.0 (`big-table-file.ts`), so the
 * table has N unique routes, in numeric (not string) order.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeTable } from './big-table-file.js';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
const own = dash < 0 ? args : args.slice(0, dash);
const extra = dash < 0 ? [] : args.slice(dash + 1);
const value = (flag: string) => {
  const i = own.indexOf(flag);
  return i < 0 ? undefined : own[i + 1];
};
const lines = Number(value('--lines') ?? 10_000_000);
const keep = own.includes('--keep');
const heap = value('--heap');

const dir = mkdtempSync(join(tmpdir(), 'saistore-big-'));
const file = join(dir, `table-${lines}.txt`);
try {
  const t0 = performance.now();
  await writeTable(file, lines);
  process.stdout.write(
    `generated ${lines} lines, ${statSync(file).size} bytes in ${Math.round(performance.now() - t0)} ms: ${file}\n`,
  );
  const cli = resolve(import.meta.dirname, '..', 'dist', 'cli.js');
  const node = heap === undefined ? [process.execPath] : [process.execPath, `--max-old-space-size=${heap}`];
  const argv = ['-v', ...node, cli, 'demo', '--json', '--routes', file, ...extra];
  process.stdout.write(`running: /usr/bin/time ${argv.join(' ')}\n`);
  const t1 = performance.now();
  const r = spawnSync('/usr/bin/time', argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Math.round(performance.now() - t1);
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const exit = Number(/Exit status: (\d+)/.exec(r.stderr)?.[1] ?? r.status);
  const signal = /Command terminated by signal (\d+)/.exec(r.stderr)?.[1];
  const own = r.stderr.split('\n').filter((l) => !l.startsWith('\t') && !l.startsWith('Command '));
  let routes: unknown;
  try {
    routes = (JSON.parse(r.stdout) as { input: unknown }).input;
  } catch {
    routes = undefined;
  }
  process.stdout.write(
    `${JSON.stringify(
      {
        lines,
        heapLimitMB: heap === undefined ? null : Number(heap),
        exit,
        signal: signal === undefined ? null : Number(signal),
        wallMs: wall,
        peakRssMB: Math.round(peakKb / 1024),
        input: routes,
        stderrTail: own.slice(-40).join('\n'),
      },
      null,
      2,
    )}\n`,
  );
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
