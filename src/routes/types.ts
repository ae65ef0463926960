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

/** Cuts a line's text to {@link MAX_BAD_TEXT} characters, marking a cut with a trailing `…`. */
export function clipLineText(text: string): string {
  return text.length <= MAX_BAD_TEXT ? text : `${text.slice(0, MAX_BAD_TEXT)}…`;
}

/**
 * A route file could not be read: a bad line (when `skipBad` is off), a file of the wrong kind for
 * the reader, or corrupt compressed data.
 *
 * Message: `FILE:LINE: REASON (TEXT)`; the ` (TEXT)` part is left out when `text` is empty (errors
 * that are about the file rather than one line's content). `line` is 1-based; 0 when no line is
 * concerned. `text` is clipped as in {@link BadLine}.
 */
export class RouteFileError extends Error {
  readonly kind = 'RouteFileError' as const;
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly text: string;

  constructor(file: string, line: number, reason: string, text = '', options?: { cause?: unknown }) {
    const clipped = clipLineText(text);
    super(`${file}:${line}: ${reason}${clipped === '' ? '' : ` (${clipped})`}`, options);
    this.name = 'RouteFileError';
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.text = clipped;
  }

  /** Builds the error that stands for a {@link BadLine}. */
  static fromBadLine(bad: BadLine): RouteFileError {
    return new RouteFileError(bad.file, bad.line, bad.reason, bad.text);
  }
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

/**
 * What a line parser makes of one line: the parsed value `T`, `null` for a line with nothing on
 * it (blank or comment), or a string: the reason the line is bad (e.g. `bad prefix: host bits set`).
 * Line parsers return reasons instead of throwing so that `skipBad` loads of very dirty files
 * stay fast.
 */
export type ParsedLine<T> = T | null | string;
