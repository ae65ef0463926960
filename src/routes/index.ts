/**
 * Streaming readers of route files: route tables (prefix lists, `bgpdump -m` RIB dumps) and
 * update streams (`A`/`W` lines, `bgpdump -m` BGP4MP), plain or gzip.
 */
export type {
  BadLine,
  DuplicateConflict,
  ParsedLine,
  RouteFormat,
  RouteReadOptions,
  RouteRecord,
  RouteSource,
  RouteTableOptions,
  RouteUpdate,
  RouteUpdateOp,
} from './types.js';
export { MAX_BAD_TEXT, RouteFileError, RouteLimitError, clipLineText, escapeLineText } from './types.js';
export { nextHopReason, prefixReason, routeReason } from './route-rules.js';
export type { LineBatch, NumberedLine, ReadLineOptions } from './open.js';
export { DEFAULT_MAX_LINE_BYTES, isGzipFile, openByteStream, readLineBatches, readLines } from './open.js';
export { canonicalAddressFast, canonicalPrefixFast, canonicalPrefixOrNull } from './canonical.js';
export type { DetectedFormat } from './detect.js';
export { detectLineFormat, detectRouteFormat, detectRouteFormatAt, looksBinary } from './detect.js';
export { parsePrefixListLine } from './prefix-list.js';
export { parseUpdateLine } from './update-lines.js';
export { isBgpdumpTableType, isBgpdumpUpdateType, parseBgpdumpTableLine, parseBgpdumpUpdateLine } from './bgpdump.js';
export type { RouteTable, RouteTables, RouteTablesOptions } from './table.js';
export { loadRouteTable, loadRouteTables } from './table.js';
export type { RouteUpdateCounts, RouteUpdateOptions, RouteUpdates } from './updates.js';
export { DEFAULT_UPDATE_BATCH_SIZE, RouteUpdateReader, loadRouteUpdates, readRouteUpdates } from './updates.js';
