/**
 * The benchmark suite (`npm run bench`, `saistore bench`), on the real table when
 * `../shared/data/routes/` is present (or the files given), else the generated one; fake adapter:
 *
 *   (a) cold programming            against raw Map inserts of the same keys
 *   (b) warm boot, identical state  phases against a raw Map get-and-compare; zero writes
 *   (c) warm boot, 1% changed and 0.1% withdrawn: the writes must equal the change
 *   (d) the day of updates in batches of 1,000, against raw Map set/delete
 *   (e) scaling: (a) and (b) at 1/8, 1/4, 1/2 and the whole table
 *   (f) heap bytes per route after the cold boot
 *   (g) through FFI on libsaivs: cold programming and the warm boot cycle, against `route_bench`,
 *       a C program making the same calls into the same library (when both are built)
 *
 * Each job runs in a fresh process (`worker.ts`). Results: one JSON object, and with `outDir`
 * `bench.json` and `scaling.svg` there. Ratios are ours / baseline, measured in the same process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../cli/package-root.js';
import { loadRouteInput } from '../cli/inputs.js';
import { defaultFfiBenchPaths, runFfiBenchmarks, type FfiBenchResult } from './ffi/index.js';
import { lineChart } from './svg.js';
import type { BenchJob, BenchJobResult } from './types.js';

/** Options (the CLI's `saistore bench` passes these). */
export interface BenchRunOptions {
  readonly routes: readonly string[];
  readonly updates: readonly string[];
  readonly batchSize?: number;
  readonly outDir?: string;
  readonly json?: boolean;
  /** Fractions for the scaling runs (default 1/8, 1/4, 1/2, 1). */
  readonly scales?: readonly number[];
  /** Log progress lines to stderr (default: unless json). */
  readonly log?: (line: string) => void;
  /** Run the FFI benchmark on libsaivs too (default: when it and route_bench are built). */
  readonly ffi?: boolean;
}

/** The suite's result. */
export interface BenchResult {
  readonly machine: { readonly node: string; readonly cpus: number; readonly load: readonly number[] };
  readonly input: {
    readonly routes: number;
    readonly v4: number;
    readonly v6: number;
    readonly source: string;
    readonly files: readonly string[];
  };
  readonly cold: BenchJobResult;
  readonly warmBoot: BenchJobResult;
  readonly changed: BenchJobResult;
  readonly updates?: BenchJobResult;
  /** The FFI path on libsaivs against a C program making the same calls (when libsaivs is built). */
  readonly ffi?: FfiBenchResult;
  readonly scaling: readonly { fraction: number; cold: BenchJobResult; warm: BenchJobResult }[];
  readonly targets: Record<string, { readonly target: string; readonly measured: string; readonly met: boolean }>;
}

const here = dirname(fileURLToPath(import.meta.url));
const quiet = { enabled: false, task: () => ({ update: () => {}, stop: () => {} }) } as never;

function workerCommand(): string[] {
  const js = join(here, 'bench-worker.js');
  if (existsSync(js)) return [process.execPath, '--expose-gc', js];
  const ts = join(here, 'worker.ts');
  return [process.execPath, '--expose-gc', '--import', 'tsx', ts];
}

function runJob(job: BenchJob): BenchJobResult {
  const [cmd, ...args] = workerCommand();
  const r = spawnSync(cmd, [...args, JSON.stringify(job)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`benchmark job ${job.kind} (${job.fraction}) failed: ${r.stderr.trim()}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as BenchJobResult;
}

/** The default route files: the real table beside the project, when present. */
export function defaultRouteFiles(root: string): { routes: string[]; updates: string[] } {
  const d = join(root, '..', 'shared', 'data', 'routes');
  const routes = ['ris-20260511-as3333-v4.txt.gz', 'ris-20260511-as3333-v6.txt.gz'].map((f) => join(d, f));
  const updates = ['ris-20260511-as3333-updates-v4.txt.gz', 'ris-20260511-as3333-updates-v6.txt.gz'].map((f) =>
    join(d, f),
  );
  return routes.every(existsSync) ? { routes, updates: updates.filter(existsSync) } : { routes: [], updates: [] };
}

/** Runs the whole suite. @throws Error when a job fails (its stderr in the message). */
export async function runBenchmarks(options: BenchRunOptions): Promise<BenchResult> {
  const log = options.log ?? (options.json ? () => {} : (l: string) => process.stderr.write(`${l}\n`));
  const root = packageRoot(fileURLToPath(import.meta.url));
  const defaults =
    options.routes.length === 0
      ? defaultRouteFiles(root)
      : { routes: [...options.routes], updates: [...options.updates] };
  const routes = defaults.routes;
  const updates = options.updates.length > 0 ? [...options.updates] : defaults.updates;
  const batchSize = options.batchSize ?? 1000;
  const work = mkdtempSync(join(tmpdir(), 'saistore-bench-'));
  const job = (kind: BenchJob['kind'], fraction: number, extra: Partial<BenchJob> = {}): BenchJob => ({
    kind,
    routes,
    updates,
    fraction,
    stateDir: join(work, `state-${kind === 'updates' ? 'updates' : fraction}`),
    batchSize,
    ...extra,
  });
  try {
    const scaling: BenchResult['scaling'][number][] = [];
    for (const fraction of options.scales ?? [1 / 8, 1 / 4, 1 / 2, 1]) {
      log(`scale ${fraction}: cold`);
      const cold = runJob(job('cold', fraction));
      log(`scale ${fraction}: warm boot (${cold.routes} routes)`);
      const warm = runJob(job('warm', fraction));
      scaling.push({ fraction, cold, warm });
    }
    const full = scaling[scaling.length - 1];
    log('warm boot with 1% changed, 0.1% withdrawn');
    const changed = runJob(job('changed', full.fraction, { changePct: 1, withdrawPct: 0.1 }));
    let upd: BenchJobResult | undefined;
    if (updates.length > 0) {
      log(`updates (${updates.length} files, batches of ${batchSize})`);
      upd = runJob(job('updates', full.fraction));
    }
    let ffi: FfiBenchResult | undefined;
    const paths = defaultFfiBenchPaths();
    if (options.ffi ?? (existsSync(paths.libPath) && existsSync(paths.routeBenchPath))) {
      log('FFI on libsaivs, against route_bench (C) making the same calls');
      const input = await loadRouteInput({ files: routes, skipBad: false, progress: quiet });
      ffi = await runFfiBenchmarks({ prefixes: input.routes.map((r) => r.prefix) });
    }
    const result: BenchResult = {
      machine: {
        node: process.version,
        cpus: (await import('node:os')).cpus().length,
        load: (await import('node:os')).loadavg(),
      },
      input: { routes: full.cold.routes, v4: full.cold.v4, v6: full.cold.v6, source: full.cold.source, files: routes },
      cold: full.cold,
      warmBoot: full.warm,
      changed,
      updates: upd,
      ffi,
      scaling,
      targets: { ...targets(full.cold, full.warm, changed, upd), ...(ffi ? ffiTargets(ffi) : {}) },
    };
    if (options.outDir) {
      mkdirSync(options.outDir, { recursive: true });
      writeFileSync(join(options.outDir, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
      writeFileSync(join(options.outDir, 'scaling.svg'), scalingChart(scaling));
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function targets(
  cold: BenchJobResult,
  warm: BenchJobResult,
  changed: BenchJobResult,
  upd?: BenchJobResult,
): BenchResult['targets'] {
  const zero = (o?: { create: number; set: number; remove: number }) => !!o && o.create + o.set + o.remove === 0;
  const same = (a?: object, b?: object) => JSON.stringify(a) === JSON.stringify(b);
  const t: BenchResult['targets'] = {
    warmBootCycle: {
      target: '<= 2000 ms, zero writes',
      measured: `${warm.total!.ms} ms, ${JSON.stringify(warm.ops)}`,
      met: warm.total!.ms <= 2000 && zero(warm.ops),
    },
    replay: {
      target: '<= 2x baseline',
      measured: `${warm.phases!.replay.ratio}x`,
      met: (warm.phases!.replay.ratio ?? Infinity) <= 2,
    },
    coldProgramming: {
      target: '>= 1,000,000 routes/s',
      measured: `${cold.total!.perSec} routes/s`,
      met: (cold.total!.perSec ?? 0) >= 1_000_000,
    },
    heap: {
      target: '<= 400 bytes/route',
      measured: `${cold.memory!.heapBytesPerRoute} bytes/route`,
      met: cold.memory!.heapBytesPerRoute <= 400,
    },
    changedWrites: {
      target: 'writes = the change',
      measured: `${JSON.stringify(changed.applyOps)} for ${JSON.stringify(changed.expectedOps)}`,
      met: same(changed.applyOps, changed.expectedOps) && zero(changed.ops),
    },
  };
  if (upd)
    t.updates = {
      target: '>= 500,000 updates/s',
      measured: `${upd.updates!.perSec} updates/s`,
      met: upd.updates!.perSec >= 500_000,
    };
  return t;
}

function ffiTargets(f: FfiBenchResult): BenchResult['targets'] {
  return {
    ffiColdProgramming: {
      target: '>= 500,000 routes/s through FFI',
      measured: `${Math.round(f.cold.perSec)} routes/s (${f.cold.ratio.toFixed(1)}x the C program)`,
      met: f.cold.perSec >= 500_000,
    },
    ffiWarmBoot: {
      target: '<= 3000 ms through FFI, zero writes',
      measured: `${Math.round(f.warmBoot.ms)} ms, ${f.warmBoot.writes} writes (${f.warmBoot.ratio.toFixed(1)}x the C program)`,
      met: f.warmBoot.ms <= 3000 && f.warmBoot.writes === 0,
    },
  };
}

function scalingChart(scaling: BenchResult['scaling']): string {
  const pts = (f: (s: BenchResult['scaling'][number]) => number) => scaling.map((s) => [s.cold.routes, f(s)] as const);
  return lineChart('saistore on the fake adapter: time against table size', 'routes', 'ms', [
    { name: 'cold programming', points: pts((s) => s.cold.total!.ms) },
    { name: 'warm boot cycle', points: pts((s) => s.warm.total!.ms) },
    { name: 'state load', points: pts((s) => s.warm.phases!.loadState.ms) },
    { name: 'reload', points: pts((s) => s.warm.phases!.reload.ms) },
    { name: 'replay', points: pts((s) => s.warm.phases!.replay.ms) },
    { name: 'release', points: pts((s) => s.warm.phases!.release.ms) },
    { name: 'raw Map compare', points: pts((s) => s.warm.phases!.replay.baselineMs ?? 0) },
  ]);
}
