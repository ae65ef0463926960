/**
 * Opening a text file, plain or gzip-compressed, as a stream of line batches.
 *
 * gzip is recognised by its magic bytes (0x1f 0x8b), never by the file name. Lines are split in
 * chunks: each decompressed chunk is cut at its last `\n`, decoded as UTF-8 once and split with
 * `String.prototype.split`; that is about 5x faster than `node:readline` on a 1M-line file
 * (measured: ~50-70 ms vs ~300-400 ms for the 1,042,325-line RIS table).
 *
 * Line handling: `\n` and `\r\n` endings; a last line without a newline is still a line; a
 * UTF-8 byte order mark at the start of the file is dropped; a file ending in `\n` has no empty
 * line after it. Invalid UTF-8 becomes U+FFFD.
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { RouteFileError } from './types.js';

/**
 * Lines read from a file in one go: `lines[i]` is line number `firstLine + i` (1-based), without
 * its line ending.
 */
export interface LineBatch {
  lines: string[];
  firstLine: number;
}

/** Options of {@link readLineBatches}. */
export interface ReadLineOptions {
  /**
   * Longest line accepted, in bytes (default 1 MiB; a complete line is measured in UTF-16 code
   * units after decoding, which for ASCII is the same). A longer line throws
   * {@link RouteFileError} instead of buffering without bound (e.g. when a binary file is read by
   * mistake).
   */
  maxLineBytes?: number;
}

/** Default {@link ReadLineOptions.maxLineBytes}: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

const READ_CHUNK_BYTES = 1 << 20;
const GUNZIP_CHUNK_BYTES = 1 << 16;

/**
 * True when the file starts with the gzip magic bytes 0x1f 0x8b.
 * @throws the `fs` error (e.g. `ENOENT`) when the file cannot be opened.
 */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    return await startsWithGzipMagic(handle);
  } finally {
    await handle.close();
  }
}

type FileHandle = Awaited<ReturnType<typeof open>>;

async function startsWithGzipMagic(handle: FileHandle): Promise<boolean> {
  return (await compression(handle)) === 'gzip';
}

/** Compressed formats recognised by their magic bytes; only gzip is read, the others are named in the error. */
const MAGIC: readonly (readonly [name: string, bytes: readonly number[]])[] = [
  ['gzip', [0x1f, 0x8b]],
  ['bzip2', [0x42, 0x5a, 0x68]], // "BZh"
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

async function compression(handle: FileHandle): Promise<string | null> {
  const head = Buffer.alloc(6);
  const { bytesRead } = await handle.read(head, 0, 6, 0);
  for (const [name, bytes] of MAGIC) {
    if (bytesRead >= bytes.length && bytes.every((b, i) => head[i] === b)) return name;
  }
  return null;
}

/**
 * Opens a file as a stream of its (decompressed) bytes; gzip is detected by magic bytes.
 * The caller owns the stream and must consume or destroy it.
 * @throws the `fs` error (e.g. `ENOENT`, with the path) when the file cannot be opened.
 * @throws RouteFileError (line 0) when the path is a directory, or the file is bzip2, xz or zstd
 *   data (decompress it, or recompress with gzip).
 */
export async function openByteStream(path: string): Promise<Readable> {
  const handle = await open(path, 'r');
  let gzip: boolean;
  try {
    if ((await handle.stat()).isDirectory()) throw new RouteFileError(path, 0, 'a directory, not a route file');
    const kind = await compression(handle);
    if (kind !== null && kind !== 'gzip') {
      throw new RouteFileError(path, 0, `${kind}-compressed: only plain text and gzip are read (decompress it first)`);
    }
    gzip = kind === 'gzip';
  } catch (err) {
    await handle.close();
    throw err;
  }
  const raw = handle.createReadStream({ start: 0, highWaterMark: READ_CHUNK_BYTES });
  if (!gzip) return raw;
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  // pipeline (not .pipe) so that a read error reaches the gunzip stream's consumer and an early
  // destroy of the gunzip stream closes the file.
  pipeline(raw, gunzip, () => {});
  return gunzip;
}

/**
 * Reads a text file (plain or gzip) as batches of lines, in file order. Batches follow the
 * underlying read chunks (roughly 64 KiB of text for gzip, 1 MiB for plain files); an empty
 * file gives no batch. Breaking out of the loop closes the file.
 * @throws the `fs` error when the file cannot be opened.
 * @throws RouteFileError when the path is a directory or other compressed data (see
 *   {@link openByteStream}), the gzip data is corrupt or truncated (reason `corrupt or truncated
 *   gzip data: …`), a line is longer than `maxLineBytes`, or reading fails (`cannot read: …`).
 */
export async function* readLineBatches(path: string, opts: ReadLineOptions = {}): AsyncGenerator<LineBatch> {
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const stream = await openByteStream(path);
  let nextLine = 1;
  let rest: Buffer | null = null;
  let atStart = true;
  try {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        let buf: Buffer = rest === null ? chunk : Buffer.concat([rest, chunk]);
        if (atStart) {
          if (buf.length < 3 && buf.indexOf(10) < 0) {
            rest = buf;
            continue;
          }
          atStart = false;
          buf = dropBom(buf);
        }
        const nl = buf.lastIndexOf(10);
        if (nl < 0) {
          if (buf.length > maxLineBytes) throw tooLong(path, nextLine, maxLineBytes);
          rest = buf;
          continue;
        }
        rest = nl + 1 < buf.length ? buf.subarray(nl + 1) : null;
        const lines = splitLines(buf.toString('utf8', 0, nl));
        if (nl > maxLineBytes) {
          for (let i = 0; i < lines.length; i++) {
            if (lines[i].length > maxLineBytes) throw tooLong(path, nextLine + i, maxLineBytes);
          }
        }
        if (rest !== null && rest.length > maxLineBytes) {
          throw tooLong(path, nextLine + lines.length, maxLineBytes);
        }
        const batch: LineBatch = { lines, firstLine: nextLine };
        nextLine += lines.length;
        yield batch;
      }
    } catch (err) {
      throw wrapReadError(err, path, nextLine);
    }
    if (rest !== null) {
      if (atStart) rest = dropBom(rest);
      if (rest.length > 0) yield { lines: [stripCr(rest.toString('utf8'))], firstLine: nextLine };
    }
  } finally {
    stream.destroy();
  }
}

function dropBom(buf: Buffer): Buffer {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
}

/** One line of a file: its text without line ending and its 1-based number. */
export interface NumberedLine {
  text: string;
  line: number;
}

/**
 * Reads a text file (plain or gzip) line by line. Convenient but slower than
 * {@link readLineBatches} (one promise per line); use batches for large files.
 * @throws as {@link readLineBatches}.
 */
export async function* readLines(path: string, opts: ReadLineOptions = {}): AsyncGenerator<NumberedLine> {
  for await (const { lines, firstLine } of readLineBatches(path, opts)) {
    for (let i = 0; i < lines.length; i++) yield { text: lines[i], line: firstLine + i };
  }
}

/** Splits text on `\n` and removes one trailing `\r` from each line. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (text.includes('\r')) {
    for (let i = 0; i < lines.length; i++) lines[i] = stripCr(lines[i]);
  }
  return lines;
}

function stripCr(line: string): string {
  return line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

function tooLong(path: string, line: number, max: number): RouteFileError {
  return new RouteFileError(path, line, `line longer than ${max} bytes`);
}

function wrapReadError(err: unknown, path: string, line: number): unknown {
  if (err instanceof RouteFileError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new RouteFileError(path, line, `corrupt or truncated gzip data: ${(err as Error).message}`, '', {
      cause: err,
    });
  }
  // A system error while reading names no path (`EIO: i/o error, read`): name it.
  if (typeof code === 'string' && err instanceof Error && (err as NodeJS.ErrnoException).path === undefined) {
    return new RouteFileError(path, 0, `cannot read: ${err.message}`, '', { cause: err });
  }
  return err;
}
