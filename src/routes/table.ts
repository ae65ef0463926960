/**
 * Loading a whole route table (prefix list or `bgpdump -m` RIB dump) into memory.
 */
import { parseBgpdumpTableLine } from './bgpdump.js';
import { detectLineFormat } from './detect.js';
import { readLineBatches } from './open.js';
import { parsePrefixListLine } from './prefix-list.js';
import { RouteTableBuilder } from './table-builder.js';
import type { BadLine, ParsedLine, RouteFormat, RouteReadOptions, RouteRecord } from './types.js';
import { clipLineText, RouteFileError } from './types.js';

/**
 * A loaded route table.
 * - `routes`: one record per distinct prefix. Order: the order in which each prefix first
 *   appeared; when a prefix appears again, the later record (its next hop and line number)
 *   replaces the earlier one in that place.
 * - `duplicates`: how many lines repeated a prefix already seen (so lines with routes =
 *   `routes.length + duplicates`). A `bgpdump` RIB dump has one row per peer, so each prefix
 *   seen by k peers counts k - 1 duplicates and keeps the last peer's row.
 * - `bad`: refused lines (only with `skipBad`; otherwise the first one throws).
 * - `v4`, `v6`: how many of `routes` are IPv4 / IPv6.
 * - `file`: the path as given; `format`: the format read, `null` for a file with no data line.
 */
export interface RouteTable {
  routes: RouteRecord[];
  bad: BadLine[];
  v4: number;
  v6: number;
  duplicates: number;
  file: string;
  format: RouteFormat | null;
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
      );
    default:
      throw new TypeError(`unknown route file format ${JSON.stringify(format)}`);
  }
}

/**
 * Loads a route table file: a prefix list (`PREFIX [NEXT_HOP]` lines) or `bgpdump -m` RIB dump
 * output, plain or gzip (detected by magic bytes), format detected from the first data line
 * unless `opts.format` is given. Prefixes and next hops are canonicalised; a prefix with host
 * bits set is bad input, never masked.
 * @throws RouteFileError `FILE:LINE: REASON (TEXT)` on the first bad line unless
 *   `opts.skipBad`; also when the file is an update stream (`updates`, `bgpdump-updates`) or its
 *   gzip data is corrupt.
 * @throws the `fs` error when the file cannot be opened or read.
 */
export async function loadRouteTable(path: string, opts: RouteReadOptions = {}): Promise<RouteTable> {
  const skipBad = opts.skipBad === true;
  let format: RouteFormat | null = opts.format ?? null;
  let parse: TableLineParser | null = format === null ? null : tableParser(path, format, 0, '');
  const bad: BadLine[] = [];
  const builder = new RouteTableBuilder();
  for await (const { lines, firstLine } of readLineBatches(path)) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i];
      if (parse === null) {
        format = detectLineFormat(text);
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
      builder.add(r);
    }
  }
  const { routes, duplicates } = builder.finish();
  let v4 = 0;
  for (let i = 0; i < routes.length; i++) if (routes[i].family === 4) v4++;
  return { routes, bad, v4, v6: routes.length - v4, duplicates, file: path, format };
}
