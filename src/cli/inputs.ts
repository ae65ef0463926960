/**
 * The route input of a command: the `--routes` files, or the embedded generated table when none
 * is given.
 */
import { statSync } from 'node:fs';
import type { TopologyRoute } from '../agent/topology.js';
import { loadRouteTable } from '../routes/table.js';
import type { BadLine } from '../routes/types.js';
import { generateTable } from './generated-table.js';
import type { Progress } from './progress.js';

/** Routes to program and where they came from. */
export interface RouteInput {
  /** The routes, every file's in order (a prefix in two files: the later one wins). */
  readonly routes: TopologyRoute[];
  /** `files` (the `--routes` files) or `generated` (the embedded default table). */
  readonly source: 'files' | 'generated';
  readonly files: readonly string[];
  /** Lines refused with `--skip-bad`. */
  readonly bad: readonly BadLine[];
  /** True when any route carries a next hop (the next-hop topology is used then). */
  readonly hasNextHops: boolean;
  /** Time spent reading or generating, ms. */
  readonly ms: number;
}

/** Options of `loadRouteInput`. */
export interface RouteInputOptions {
  readonly files: readonly string[];
  readonly skipBad: boolean;
  /** Size of the generated table when no files are given (default: the real table's size). */
  readonly generate?: number;
  readonly progress: Progress;
}

/**
 * Loads the `--routes` files (prefix lists or `bgpdump -m` RIB dumps, plain or gzip), or generates
 * the default table when there are none.
 * @throws RouteFileError on a bad line (without `skipBad`), the `fs` error for a missing file.
 */
export async function loadRouteInput(options: RouteInputOptions): Promise<RouteInput> {
  const t0 = performance.now();
  if (options.files.length === 0) {
    const g = generateTable({ total: options.generate });
    return {
      routes: g.routes,
      source: 'generated',
      files: [],
      bad: [],
      hasNextHops: false,
      ms: performance.now() - t0,
    };
  }
  // No per-line hook in the reader: the bar counts bytes of whole files done.
  const sizes = options.files.map((f) => statSync(f).size);
  const task = options.progress.task(
    'loading routes',
    sizes.reduce((a, b) => a + b, 0),
    'bytes',
  );
  const routes: TopologyRoute[] = [];
  const bad: BadLine[] = [];
  let hasNextHops = false;
  let done = 0;
  try {
    for (let i = 0; i < options.files.length; i++) {
      const table = await loadRouteTable(options.files[i], { skipBad: options.skipBad });
      for (const r of table.routes) {
        if (r.nextHop !== undefined) hasNextHops = true;
        routes.push(r);
      }
      bad.push(...table.bad);
      task.update((done += sizes[i]));
    }
  } finally {
    task.stop();
  }
  return { routes, source: 'files', files: options.files, bad, hasNextHops, ms: performance.now() - t0 };
}
