/**
 * The route input of a command: the `--routes` files read as one table, or the embedded generated
 * table when none is given.
 *
 * - Duplicates: the first record of a prefix wins, across files too (`table-builder.ts`); the
 *   ones with another next hop are counted as conflicts and the first few reported.
 * - Empty input: a file with no route line (empty, or only blank and comment lines) is refused
 *   before anything is written, unless `allowEmpty` (`--allow-empty`).
 * - Size: the table is read with a route limit (`--max-routes`, by default what the heap holds,
 *   `route-limit.ts`) and refused with that limit named once it holds more.
 * - Wrong kind of file: an update stream given as a table is refused with the option to use.
 */
import { statSync } from 'node:fs';
import type { TopologyRoute } from '../agent/topology.js';
import { loadRouteTables } from '../routes/table.js';
import { RouteFileError, RouteLimitError, type BadLine, type DuplicateConflict } from '../routes/types.js';
import { CliError } from './errors.js';
import { generateTable } from './generated-table.js';
import type { Progress } from './progress.js';
import { defaultRouteLimit, routeLimitMessage } from './route-limit.js';

/** Routes to program and where they came from. */
export interface RouteInput {
  /** The routes, one per prefix (the first record of each; `routes[i]` from `files[sources[i]]`). */
  readonly routes: readonly TopologyRoute[];
  readonly sources?: Uint16Array;
  /** `files` (the `--routes` files) or `generated` (the embedded default table). */
  readonly source: 'files' | 'generated';
  readonly files: readonly string[];
  /** Lines refused with `--skip-bad`. */
  readonly bad: readonly BadLine[];
  /** Records that repeated a prefix; of those, the ones with another next hop; the first few. */
  readonly duplicates: number;
  readonly conflicts: number;
  readonly firstConflicts: readonly DuplicateConflict[];
  /** Time spent reading or generating, ms. */
  readonly ms: number;
}

/** Options of `loadRouteInput`. */
export interface RouteInputOptions {
  readonly files: readonly string[];
  readonly skipBad: boolean;
  /** Accept a route file with no route in it (default false: refused). */
  readonly allowEmpty?: boolean;
  /** The route limit given with `--max-routes` (default: what the heap holds, `route-limit.ts`). */
  readonly maxRoutes?: number;
  /** Size of the generated table when no files are given (default: the real table's size). */
  readonly generate?: number;
  readonly progress: Progress;
}

/** An error for an update stream given where a table belongs, in the command line's words. */
export function wrongKindOfFile(e: RouteFileError, given: '--routes' | '--updates'): CliError | RouteFileError {
  if (e.found === undefined) return e;
  const what =
    given === '--routes'
      ? `an update stream (${e.found}), not a route table: give it with --updates`
      : `a route table (${e.found}), not an update stream: give it with --routes`;
  return new CliError(`${e.file}${e.line > 0 ? `:${e.line}` : ''}: ${what}${e.text === '' ? '' : ` (${e.text})`}`);
}

/**
 * Loads the `--routes` files (prefix lists or `bgpdump -m` RIB dumps, plain or gzip) as one table,
 * or generates the default table when there are none.
 * @throws RouteFileError on a bad line (without `skipBad`), a directory, binary data, corrupt gzip.
 * @throws CliError for an update stream given as a table, an empty file (without `allowEmpty`), a
 *   table over the route limit (the message names the limit and how to raise it).
 * @throws the `fs` error for a missing file.
 */
export async function loadRouteInput(options: RouteInputOptions): Promise<RouteInput> {
  const t0 = performance.now();
  const maxRoutes = options.maxRoutes ?? defaultRouteLimit();
  if (options.files.length === 0) {
    const g = generateTable({ total: options.generate });
    if (g.routes.length > maxRoutes) {
      throw new CliError(routeLimitMessage(new RouteLimitError('the generated table', 0, maxRoutes), options.maxRoutes !== undefined));
    }
    return {
      routes: g.routes,
      source: 'generated',
      files: [],
      bad: [],
      duplicates: 0,
      conflicts: 0,
      firstConflicts: [],
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
  let done = 0;
  let table;
  try {
    table = await loadRouteTables(options.files, {
      skipBad: options.skipBad,
      maxRoutes,
      onFileDone: (k) => task.update((done += sizes[k])),
    });
  } catch (e) {
    if (e instanceof RouteFileError) throw wrongKindOfFile(e, '--routes');
    if (e instanceof RouteLimitError) throw new CliError(routeLimitMessage(e, options.maxRoutes !== undefined));
    throw e;
  } finally {
    task.stop();
  }
  if (options.allowEmpty !== true) {
    const empty = options.files.filter((_, k) => table.formats[k] === null);
    if (empty.length > 0) {
      throw new CliError(
        `${empty.join(', ')}: no route in the file (empty, or only blank and comment lines); nothing was programmed. Give --allow-empty to accept it`,
      );
    }
  }
  return {
    routes: table.routes,
    sources: table.sources,
    source: 'files',
    files: options.files,
    bad: table.bad,
    duplicates: table.duplicates,
    conflicts: table.conflicts,
    firstConflicts: table.firstConflicts,
    ms: performance.now() - t0,
  };
}
