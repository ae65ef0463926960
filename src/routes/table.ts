/**
 * Loading whole route tables (prefix lists or `bgpdump -m` RIB dumps) into memory: one file, or
 * several read as one table.
 */
import { parseBgpdumpTableLine } from './bgpdump.js';
import { formatOfFirstLine } from './detect.js';
import { readLineBatches } from './open.js';
import { parsePrefixListLine } from './prefix-list.js';
import { RouteTableBuilder, type RouteConflict } from './table-builder.js';
import type {
  BadLine,
  DuplicateConflict,
  ParsedLine,
  RouteFormat,
  RouteRecord,
  RouteSource,
  RouteTableOptions,
} from './types.js';
import { clipLineText, RouteFileError, RouteLimitError } from './types.js';

/**
 * Counts and refusals of a loaded table.
 * - `duplicates`: how many records repeated a prefix already seen (so records read =
 *   `routes.length + duplicates`). The first record of a prefix wins (`table-builder.ts`): a
 *   `bgpdump` RIB dump has one row per peer, so a prefix seen by k peers counts k - 1 duplicates
 *   and keeps the first peer's row.
 * - `conflicts`: the duplicates whose next hop differed from the kept record's; `firstConflicts`
 *   the first five of them.
 * - `bad`: refused lines (only with `skipBad`; otherwise the first one throws).
 * - `v4`, `v6`: how many of `routes` are IPv4 / IPv6.
 */
interface TableCounts {
  routes: RouteRecord[];
  bad: BadLine[];
  v4: number;
  v6: number;
  duplicates: number;
  conflicts: number;
  firstConflicts: DuplicateConflict[];
}

/**
 * A loaded route table: `routes` has one record per distinct prefix, in the order in which each
 * prefix first appeared, each the prefix's first record (its next hop and line); counts as in
 * {@link TableCounts}. `file`: the path as given; `format`: the format read, `null` for a file
 * with no data line (empty, blank or only comments).
 */
export interface RouteTable extends TableCounts {
  file: string;
  format: RouteFormat | null;
}

/**
 * Several files loaded as one table (the first record of a prefix wins across files too, so an
 * earlier file takes precedence). `routes[i]` came from `files[sources[i]]`; `formats[k]` is the
 * format of `files[k]` (`null` for a file with no data line).
 */
export interface RouteTables extends TableCounts {
  sources: Uint16Array;
  files: string[];
  formats: (RouteFormat | null)[];
}

/** Options of {@link loadRouteTables}. */
export interface RouteTablesOptions extends Omit<RouteTableOptions, 'format'> {
  /** Called when file `index` has been read. */
  onFileDone?: (index: number) => void;
}

type TableLineParser = (text: string, line: number) => ParsedLine<RouteRecord>;

function tableParser(file: string, format: RouteFormat, line: number, text: string): TableLineParser {
  switch (format) {
    case 'prefix-list':
      return parsePrefixListLine;
    case 'bgpdump-table':
      return parseBgpdumpTableLine;
    case 'updates':
    case 'bgpdump-updates':
      throw new RouteFileError(
        file,
        line,
        `an update stream (${format}), not a route table: read it with readRouteUpdates or loadRouteUpdates`,
        text,
        { found: format },
      );
    default:
      throw new TypeError(`unknown route file format ${JSON.stringify(format)}`);
  }
}

/** Reads one file into `builder` as source `source`; answers the format read. */
async function readInto(
  path: string,
  source: number,
  builder: RouteTableBuilder,
  bad: BadLine[],
  opts: RouteTableOptions,
): Promise<RouteFormat | null> {
  const skipBad = opts.skipBad === true;
  let format: RouteFormat | null = opts.format ?? null;
  let parse: TableLineParser | null = format === null ? null : tableParser(path, format, 0, '');
  for await (const { lines, firstLine } of readLineBatches(path)) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i];
      if (parse === null) {
        format = formatOfFirstLine(path, firstLine + i, text);
        if (format === null) continue;
        parse = tableParser(path, format, firstLine + i, text);
      }
      const r = parse(text, firstLine + i);
      if (r === null) continue;
      if (typeof r === 'string') {
        const b: BadLine = { file: path, line: firstLine + i, text: clipLineText(text), reason: r };
        if (!skipBad) throw RouteFileError.fromBadLine(b);
        bad.push(b);
        continue;
      }
      if (!builder.add(r, source)) throw new RouteLimitError(path, firstLine + i, opts.maxRoutes!);
    }
  }
  return format;
}

function conflictWithFiles(c: RouteConflict, files: readonly string[]): DuplicateConflict {
  const side = ({ source, ...rest }: RouteConflict['kept']): RouteSource => ({ file: files[source], ...rest });
  return { prefix: c.prefix, kept: side(c.kept), dropped: side(c.dropped) };
}

/**
 * Loads route table files (prefix lists or `bgpdump -m` RIB dumps, plain or gzip, each detected
 * by itself) as one table: see {@link RouteTables}. At most 65,536 files.
 * @throws RouteFileError on the first bad line unless `opts.skipBad`; when a file is an update
 *   stream (`found` names its format), a directory, binary, or corrupt gzip.
 * @throws RouteLimitError when the table holds more than `opts.maxRoutes` distinct prefixes.
 * @throws the `fs` error when a file cannot be opened.
 */
export async function loadRouteTables(paths: readonly string[], opts: RouteTablesOptions = {}): Promise<RouteTables> {
  if (paths.length > 65536) throw new RangeError(`at most 65536 route files, got ${paths.length}`);
  const builder = new RouteTableBuilder({ maxRoutes: opts.maxRoutes });
  const bad: BadLine[] = [];
  const formats: (RouteFormat | null)[] = [];
  for (let k = 0; k < paths.length; k++) {
    formats.push(await readInto(paths[k], k, builder, bad, opts));
    opts.onFileDone?.(k);
  }
  const built = builder.finish();
  if (built === null) throw new RouteLimitError(paths[paths.length - 1], 0, opts.maxRoutes!);
  const { routes } = built;
  let v4 = 0;
  for (let i = 0; i < routes.length; i++) if (routes[i].family === 4) v4++;
  return {
    routes,
    sources: built.sources,
    files: [...paths],
    formats,
    bad,
    v4,
    v6: routes.length - v4,
    duplicates: built.duplicates,
    conflicts: built.conflicts,
    firstConflicts: built.firstConflicts.map((c) => conflictWithFiles(c, paths)),
  };
}

/**
 * Loads a route table file: a prefix list (`PREFIX [NEXT_HOP]` lines) or `bgpdump -m` RIB dump
 * output, plain or gzip (detected by magic bytes), format detected from the first data line
 * unless `opts.format` is given. Prefixes and next hops are canonicalised; a prefix with host
 * bits set is bad input, never masked; addresses that cannot be next hops and IPv4-mapped
 * prefixes are bad lines too (`route-rules.ts`).
 * @throws RouteFileError `FILE:LINE: REASON (TEXT)` on the first bad line unless
 *   `opts.skipBad`; also when the file is an update stream (`updates`, `bgpdump-updates`; `found`
 *   names it), a directory, binary, or its gzip data is corrupt.
 * @throws RouteLimitError when the table holds more than `opts.maxRoutes` distinct prefixes.
 * @throws the `fs` error when the file cannot be opened.
 */
export async function loadRouteTable(path: string, opts: RouteTableOptions = {}): Promise<RouteTable> {
  const builder = new RouteTableBuilder({ maxRoutes: opts.maxRoutes });
  const bad: BadLine[] = [];
  const format = await readInto(path, 0, builder, bad, opts);
  const built = builder.finish();
  if (built === null) throw new RouteLimitError(path, 0, opts.maxRoutes!);
  const { routes } = built;
  let v4 = 0;
  for (let i = 0; i < routes.length; i++) if (routes[i].family === 4) v4++;
  return {
    routes,
    bad,
    v4,
    v6: routes.length - v4,
    duplicates: built.duplicates,
    conflicts: built.conflicts,
    firstConflicts: built.firstConflicts.map((c) => conflictWithFiles(c, [path])),
    file: path,
    format,
  };
}
