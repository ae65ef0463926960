/**
 * Shapes shared by the route-file readers: one route of a table, one update of an update stream,
 * one refused line, and the error that stops a load.
 */
import type { IpFamily } from '../sai/address.js';

/**
 * One route of a route table.
 * - `prefix`: canonical `address/length` (IPv4 dotted quad, IPv6 RFC 5952), host bits clear.
 * - `family`: 4 or 6, the family of `prefix`.
 * - `nextHop`: canonical IP address, present only when the file gave one (it may be of the other
 *   family than `prefix`: RFC 8950 IPv4 routes over IPv6 next hops are accepted).
 * - `line`: 1-based line number in the file the route was read from.
 */
export interface RouteRecord {
  prefix: string;
  family: IpFamily;
  nextHop?: string;
  line: number;
}

/** What an update does: `announce` adds or replaces a route, `withdraw` removes it. */
export type RouteUpdateOp = 'announce' | 'withdraw';

/**
 * One update of an update stream. Fields as in {@link RouteRecord}; `nextHop` is only ever present
 * on an `announce`, and only when the file gave one.
 */
export interface RouteUpdate {
  op: RouteUpdateOp;
  prefix: string;
  family: IpFamily;
  nextHop?: string;
  line: number;
}

/**
 * A line that was refused. `line` is 1-based; `text` is the line without its line ending, cut to
 * {@link MAX_BAD_TEXT} characters (with a trailing `…` when cut); `reason` is a short sentence
 * such as `bad prefix: host bits set`.
 */
export interface BadLine {
  file: string;
  line: number;
  text: string;
  reason: string;
}

/** How many characters of a bad line are kept in {@link BadLine.text} and error messages. */
export const MAX_BAD_TEXT = 200;

/**
 * Characters never shown raw: C0 controls but tab, DEL, C1 controls, U+FFFD (what invalid UTF-8
 * decodes to), line and paragraph separators, bidirectional controls, zero-width and BOM
 * characters, and lone surrogates.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A line's text made safe for a terminal: every character of {@link UNSAFE} becomes an escape
 * (`\x1b`, `\u202e`; U+FFFD, the mark of bytes that were not UTF-8, becomes `\ufffd`), a
 * backslash stays a backslash. Printable text, non-ASCII letters included, is unchanged.
 */
export function escapeLineText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A line's text as it is kept in {@link BadLine.text} and shown in messages: escaped
 * ({@link escapeLineText}) and cut to {@link MAX_BAD_TEXT} characters of the original, a cut
 * marked with a trailing `…`.
 */
export function clipLineText(text: string): string {
  return text.length <= MAX_BAD_TEXT ? escapeLineText(text) : `${escapeLineText(text.slice(0, MAX_BAD_TEXT))}…`;
}

/**
 * A route file could not be read: a bad line (when `skipBad` is off), a file of the wrong kind for
 * the reader (`found` then names what it is), a directory, binary or bzip2 data, corrupt
 * compressed data, a table over its route limit.
 *
 * Message: `FILE:LINE: REASON (TEXT)`; `:LINE` is left out when `line` is 0 (errors about the
 * whole file), ` (TEXT)` when `text` is empty. `line` is 1-based. `text` is escaped and clipped as
 * in {@link BadLine}, so a binary file's bytes never reach a terminal raw.
 */
export class RouteFileError extends Error {
  readonly kind = 'RouteFileError' as const;
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly text: string;
  /** For a file of the wrong kind (an update stream given as a table, or the reverse): its format. */
  readonly found?: RouteFormat;

  constructor(
    file: string,
    line: number,
    reason: string,
    text = '',
    options?: { cause?: unknown; found?: RouteFormat },
  ) {
    const clipped = clipLineText(text);
    super(`${file}${line > 0 ? `:${line}` : ''}: ${reason}${clipped === '' ? '' : ` (${clipped})`}`, options);
    this.name = 'RouteFileError';
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.text = clipped;
    if (options?.found !== undefined) this.found = options.found;
  }

  /** Builds the error that stands for a {@link BadLine}. */
  static fromBadLine(bad: BadLine): RouteFileError {
    return new RouteFileError(bad.file, bad.line, bad.reason, bad.text);
  }
}

/**
 * A table held more distinct prefixes than the route limit it was read with (`maxRoutes`): the
 * read stopped at `line` of `file`, where the count was found over `limit`. Nothing of the table
 * is returned. Message: `FILE:LINE: more than LIMIT routes (the route limit)` (`:LINE` left out
 * when 0: the count was found over the limit once the whole table was read).
 */
export class RouteLimitError extends Error {
  readonly kind = 'RouteLimitError' as const;
  constructor(
    readonly file: string,
    readonly line: number,
    readonly limit: number,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: more than ${limit} routes (the route limit)`);
    this.name = 'RouteLimitError';
  }
}

/** Where a record of a table came from: file, 1-based line, and its next hop when it had one. */
export interface RouteSource {
  file: string;
  line: number;
  nextHop?: string;
}

/**
 * A prefix given twice with different next hops (or once with and once without one): the first
 * record is `kept`, the later one `dropped` (see `table-builder.ts` for the rule).
 */
export interface DuplicateConflict {
  prefix: string;
  kept: RouteSource;
  dropped: RouteSource;
}

/**
 * The text formats the readers understand:
 * - `prefix-list`: `PREFIX [NEXT_HOP]` per line, `#` comments.
 * - `updates`: `A PREFIX [NEXT_HOP]` / `W PREFIX` per line, `#` comments.
 * - `bgpdump-table`: `bgpdump -m` output of a RIB dump (`TABLE_DUMP2|…|B|…`, `TABLE_DUMP|…`).
 * - `bgpdump-updates`: `bgpdump -m` output of an update dump (`BGP4MP|…|A|…`, `BGP4MP|…|W|…`).
 */
export type RouteFormat = 'prefix-list' | 'updates' | 'bgpdump-table' | 'bgpdump-updates';

/** Options shared by the route-file readers. */
export interface RouteReadOptions {
  /**
   * When true, a bad line is recorded in the result's `bad` list and reading goes on; when false
   * (the default) the first bad line throws {@link RouteFileError}.
   */
  skipBad?: boolean;
  /** Skip format detection and read the file as this format. */
  format?: RouteFormat;
}

/** Options of the table readers (`loadRouteTable`, `loadRouteTables`). */
export interface RouteTableOptions extends RouteReadOptions {
  /**
   * The most distinct prefixes the table may hold (default: no limit). Reading stops with
   * {@link RouteLimitError} once the table is known to hold more, so a table too large for the
   * memory at hand is refused while it is read, holding at most twice this many records.
   */
  maxRoutes?: number;
}

/**
 * What a line parser makes of one line: the parsed value `T`, `null` for a line with nothing on
 * it (blank or comment), or a string: the reason the line is bad (e.g. `bad prefix: host bits set`).
 * Line parsers return reasons instead of throwing so that `skipBad` loads of very dirty files
 * stay fast.
 */
export type ParsedLine<T> = T | null | string;
