/**
 * `saistore bench`: runs the benchmark suite, `runBenchmarks(options)` of `src/bench/index.ts`.
 * The suite is loaded at run time, not bundled into the CLI: `dist/bench.js` (its tsup entry) when
 * the CLI runs built, `src/bench/index.ts` when it runs from source (through tsx's API when node
 * cannot load TypeScript itself), each falling back to the other. Without it the command says so
 * and exits 2.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chooseAdapter } from './adapter-choice.js';
import type { AdapterCliOptions, InputOptions } from './cli-options.js';
import { CliError } from './errors.js';
import { packageRoot } from './package-root.js';
// Types only (erased): the suite itself is loaded at run time, below.
import type { BenchResult, BenchRunOptions } from '../bench/index.js';

/** Options of `saistore bench`. */
export interface BenchCliOptions extends InputOptions, AdapterCliOptions {
  out?: string;
}

/** What the CLI hands to `runBenchmarks`: the suite's options, and the adapter choice for it to use or ignore. */
export type BenchCliRunOptions = BenchRunOptions & {
  readonly adapter: 'fake' | 'ffi';
  readonly libPath?: string;
  readonly profile: Readonly<Record<string, string>>;
  readonly ports: number;
  readonly skipBad: boolean;
};

type BenchModule = { runBenchmarks?: (options: BenchCliRunOptions) => Promise<BenchResult> };

// Specifiers held in variables: the bundler must not try to resolve them at build time.
const TSX_API = 'tsx/esm/api';

async function importTs(root: string, source: string): Promise<BenchModule> {
  try {
    return (await import(pathToFileURL(source).href)) as BenchModule; // already under tsx
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
  }
  const { tsImport } = (await import(TSX_API)) as { tsImport: (s: string, parent: string) => Promise<unknown> };
  return (await tsImport(pathToFileURL(source).href, pathToFileURL(join(root, 'package.json')).href)) as BenchModule;
}

/** Loads the suite, or returns undefined when it is not there. */
async function loadBenchModule(root: string): Promise<BenchModule | undefined> {
  const built = join(root, 'dist', 'bench.js');
  const source = join(root, 'src', 'bench', 'index.ts');
  const fromSource = (process.argv[1] ?? '').endsWith('.ts');
  for (const file of fromSource ? [source, built] : [built, source]) {
    if (!existsSync(file)) continue;
    return file === built ? ((await import(pathToFileURL(built).href)) as BenchModule) : importTs(root, source);
  }
  return undefined;
}

/**
 * Runs the suite with the command line's options and prints its targets (with `--json`, its
 * whole result as one JSON object).
 * @throws CliError (exit 2) when the suite is not there.
 */
export async function runBench(o: BenchCliOptions): Promise<void> {
  const choice = chooseAdapter(o);
  const mod = await loadBenchModule(packageRoot());
  if (typeof mod?.runBenchmarks !== 'function') {
    throw new CliError('bench: the benchmark suite (runBenchmarks in src/bench/index.ts) is not available yet', 2);
  }
  const result = await mod.runBenchmarks({
    routes: o.routes,
    updates: o.updates,
    adapter: choice.kind,
    ...(choice.libPath ? { libPath: choice.libPath } : {}),
    profile: choice.profile,
    ports: o.ports,
    batchSize: o.batch,
    skipBad: o.skipBad,
    json: o.json,
    ...(o.out ? { outDir: o.out } : {}),
  });
  if (o.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const lines = Object.entries(result.targets).map(
    ([name, t]) => `${t.met ? 'met    ' : 'MISSED '} ${name.padEnd(16)} ${t.measured} (target ${t.target})`,
  );
  process.stdout.write(`saistore bench: ${result.input.routes} routes (${result.input.source})\n${lines.join('\n')}\n`);
}
