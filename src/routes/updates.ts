/**
 * Reading update streams (`A PREFIX` / `W PREFIX` lines, or `bgpdump -m` BGP4MP output): as
 * batches through an async iterator, or all at once.
 */
import { parseBgpdumpUpdateLine } from './bgpdump.js';
import { formatOfFirstLine } from './detect.js';
import { readLineBatches } from './open.js';
import type { BadLine, ParsedLine, RouteFormat, RouteReadOptions, RouteUpdate } from './types.js';
import { clipLineText, RouteFileError } from './types.js';
import { parseUpdateLine } from './update-lines.js';

/** Options of {@link readRouteUpdates}. */
export interface RouteUpdateOptions extends RouteReadOptions {
  /** Updates per yielded batch (default {@link DEFAULT_UPDATE_BATCH_SIZE}); the last batch may be shorter. */
  batchSize?: number;
}

/** Default {@link RouteUpdateOptions.batchSize}: 1000 updates. */
export const DEFAULT_UPDATE_BATCH_SIZE = 1000;

type UpdateLineParser = (text: string, line: number) => ParsedLine<RouteUpdate>;

function updateParser(file: string, format: RouteFormat, line: number, text: string): UpdateLineParser {
  switch (format) {
    case 'updates':
      return parseUpdateLine;
    case 'bgpdump-updates':
      return parseBgpdumpUpdateLine;
    case 'prefix-list':
    case 'bgpdump-table':
      throw new RouteFileError(
        file,
        line,
        `a route table (${format}), not an update stream: read it with loadRouteTable`,
        text,
        { found: format },
      );
    default:
      throw new TypeError(`unknown route file format ${JSON.stringify(format)}`);
  }
}

/** Counts kept while reading updates; final once reading has finished. */
export interface RouteUpdateCounts {
  /** Updates read so far (announces + withdraws). */
  count: number;
  announces: number;
  withdraws: number;
  /** Updates of IPv4 / IPv6 prefixes. */
  v4: number;
  v6: number;
}

/** Line-by-line state of one update read: format detection, bad lines, counts. */
class UpdateLineReader {
  readonly bad: BadLine[] = [];
  readonly counts: RouteUpdateCounts = { count: 0, announces: 0, withdraws: 0, v4: 0, v6: 0 };
  format: RouteFormat | null;
  private parse: UpdateLineParser | null;

  constructor(
    readonly file: string,
    private readonly skipBad: boolean,
    format: RouteFormat | undefined,
  ) {
    this.format = format ?? null;
    this.parse = format === undefined ? null : updateParser(file, format, 0, '');
  }

  /** The update on this line, or null (nothing there, or a bad line that was skipped). */
  line(text: string, line: number): RouteUpdate | null {
    if (this.parse === null) {
      const format = formatOfFirstLine(this.file, line, text);
      if (format === null) return null;
      this.parse = updateParser(this.file, format, line, text);
      this.format = format;
    }
    const r = this.parse(text, line);
    if (r === null) return null;
    if (typeof r === 'string') {
      const b: BadLine = { file: this.file, line, text: clipLineText(text), reason: r };
      if (!this.skipBad) throw RouteFileError.fromBadLine(b);
      this.bad.push(b);
      return null;
    }
    const c = this.counts;
    c.count++;
    if (r.op === 'announce') c.announces++;
    else c.withdraws++;
    if (r.family === 4) c.v4++;
    else c.v6++;
    return r;
  }
}

/**
 * A single-use reader of an update file: iterate it with `for await` to get updates in file order
 * in arrays of at most `batchSize`. While and after iterating, `bad` lists skipped bad lines
 * (with `skipBad`), `counts` the updates read and `format` the detected format; `done` is true
 * once the whole file has been read. Breaking out of the loop closes the file.
 */
export class RouteUpdateReader implements AsyncIterable<RouteUpdate[]> {
  /** The path as given. */
  readonly file: string;
  private readonly state: UpdateLineReader;
  private readonly batchSize: number;
  private started = false;
  private finished = false;

  /**
   * @throws RangeError when `opts.batchSize` is not a positive integer.
   * @throws RouteFileError (line 0) when `opts.format` is a table format.
   */
  constructor(path: string, opts: RouteUpdateOptions = {}) {
    const batchSize = opts.batchSize ?? DEFAULT_UPDATE_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    }
    this.file = path;
    this.batchSize = batchSize;
    this.state = new UpdateLineReader(path, opts.skipBad === true, opts.format);
  }

  /** Bad lines skipped so far (always empty without `skipBad`: the first one throws). */
  get bad(): readonly BadLine[] {
    return this.state.bad;
  }

  /** Updates read so far, by op and family. */
  get counts(): Readonly<RouteUpdateCounts> {
    return this.state.counts;
  }

  /** The format being read: given in the options, or detected at the first data line (`null` before that, and for a file with no data line). */
  get format(): RouteFormat | null {
    return this.state.format;
  }

  /** True once the whole file has been read. */
  get done(): boolean {
    return this.finished;
  }

  /**
   * Iterates the updates in batches.
   * @throws Error when iterated a second time.
   * @throws RouteFileError on the first bad line unless `skipBad`; when the file is a route table
   *   (`prefix-list`, `bgpdump-table`); on corrupt gzip data.
   * @throws the `fs` error when the file cannot be opened or read.
   */
  [Symbol.asyncIterator](): AsyncIterator<RouteUpdate[]> {
    if (this.started) throw new Error(`RouteUpdateReader for ${this.file} can only be iterated once`);
    this.started = true;
    return this.batches();
  }

  private async *batches(): AsyncGenerator<RouteUpdate[]> {
    const size = this.batchSize;
    const state = this.state;
    let batch: RouteUpdate[] = [];
    for await (const { lines, firstLine } of readLineBatches(this.file)) {
      for (let i = 0; i < lines.length; i++) {
        const u = state.line(lines[i], firstLine + i);
        if (u === null) continue;
        batch.push(u);
        if (batch.length === size) {
          const full = batch;
          batch = [];
          yield full;
        }
      }
    }
    if (batch.length > 0) yield batch;
    this.finished = true;
  }
}

/**
 * Opens an update file (plain `A PREFIX [NEXT_HOP]` / `W PREFIX` lines, or `bgpdump -m`
 * BGP4MP output; plain or gzip, detected by magic bytes) for reading in batches; nothing is read
 * until iteration starts. Prefixes and next hops are canonicalised; a prefix with host bits set
 * is bad input.
 *
 *     const reader = readRouteUpdates(path, { skipBad: true, batchSize: 5000 });
 *     for await (const batch of reader) apply(batch);
 *     console.log(reader.counts.count, reader.bad.length);
 *
 * @throws RangeError when `opts.batchSize` is not a positive integer; iteration throws as
 *   {@link RouteUpdateReader} describes.
 */
export function readRouteUpdates(path: string, opts: RouteUpdateOptions = {}): RouteUpdateReader {
  return new RouteUpdateReader(path, opts);
}

/**
 * A whole update file in memory: `updates` in file order, refused lines in `bad` (only with
 * `skipBad`), counts by op and family, the path as given and the format read (`null` for a file
 * with no data line).
 */
export interface RouteUpdates extends RouteUpdateCounts {
  updates: RouteUpdate[];
  bad: BadLine[];
  file: string;
  format: RouteFormat | null;
}

/**
 * Reads a whole update file into one array (see {@link readRouteUpdates} for formats). Each
 * update is a small object (`op`, `prefix`, `family`, `line`, plus `nextHop` only when given).
 * @throws RouteFileError on the first bad line unless `opts.skipBad`; when the file is a route
 *   table; on corrupt gzip data.
 * @throws the `fs` error when the file cannot be opened or read.
 */
export async function loadRouteUpdates(path: string, opts: RouteReadOptions = {}): Promise<RouteUpdates> {
  const state = new UpdateLineReader(path, opts.skipBad === true, opts.format);
  const updates: RouteUpdate[] = [];
  for await (const { lines, firstLine } of readLineBatches(path)) {
    for (let i = 0; i < lines.length; i++) {
      const u = state.line(lines[i], firstLine + i);
      if (u !== null) updates.push(u);
    }
  }
  return { updates, bad: state.bad, ...state.counts, file: path, format: state.format };
}
