/**
 * Route file format detection from the first line that carries data (not blank, not a `#`
 * comment). Plain or gzip files alike (gzip by magic bytes).
 */
import { isBgpdumpTableType, isBgpdumpUpdateType } from './bgpdump.js';
import { isColumnSpace } from './fields.js';
import { readLineBatches } from './open.js';
import { RouteFileError, type RouteFormat } from './types.js';

/**
 * True for a line no text route file has: one holding U+0000, another control character but tab,
 * vertical tab, form feed and CR, or DEL; or one where U+FFFD (bytes that were not UTF-8) is more
 * than a tenth of the characters (a few of them are a text in another encoding, a comment in
 * Latin-1 say). A raw MRT dump (what `bgpdump` reads) or any other binary file shows it on its
 * first line.
 */
export function looksBinary(text: string): boolean {
  let invalid = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 11 && c !== 12 && c !== 13) || c === 0x7f) return true;
    if (c === 0xfffd) invalid++;
  }
  return invalid * 10 > text.length;
}

/**
 * The format of a file's first data line, as the readers decide it: {@link detectLineFormat}, or
 * `null` for a blank or comment line.
 * @throws RouteFileError when the first data line is binary ({@link looksBinary}): the file is
 *   not a text route file (the message says that an MRT dump must go through `bgpdump -m` first).
 */
export function formatOfFirstLine(file: string, line: number, text: string): RouteFormat | null {
  const format = detectLineFormat(text);
  if (format !== null && looksBinary(text)) {
    throw new RouteFileError(
      file,
      line,
      'binary data, not a text route file (an MRT dump must be converted with `bgpdump -m` first)',
      text,
    );
  }
  return format;
}

/**
 * The format a single line suggests, or `null` for a blank or `#` comment line.
 * - contains `|` and starts with `TABLE_DUMP`, `TABLE_DUMP2`, `TABLE_DUMP2_AP`: `bgpdump-table`;
 * - contains `|` and starts with `BGP4MP…` or `BGP`: `bgpdump-updates`;
 * - a first word of one ASCII letter followed by more words (`A 10.0.0.0/8`): `updates`;
 * - anything else: `prefix-list` (so a malformed first line is reported by the prefix-list
 *   parser with its line number and reason).
 */
export function detectLineFormat(text: string): RouteFormat | null {
  let i = 0;
  while (i < text.length && isColumnSpace(text.charCodeAt(i))) i++;
  if (i === text.length || text.charCodeAt(i) === 35) return null;
  const bar = text.indexOf('|', i);
  if (bar > 0) {
    const type = text.slice(i, bar);
    if (isBgpdumpTableType(type)) return 'bgpdump-table';
    if (isBgpdumpUpdateType(type)) return 'bgpdump-updates';
  }
  const c = text.charCodeAt(i) | 0x20;
  if (c >= 97 && c <= 122 && i + 1 < text.length && isColumnSpace(text.charCodeAt(i + 1))) {
    let j = i + 1;
    while (j < text.length && isColumnSpace(text.charCodeAt(j))) j++;
    if (j < text.length && text.charCodeAt(j) !== 35) return 'updates';
  }
  return 'prefix-list';
}

/** Where a format was detected: the format and the 1-based line that decided it. */
export interface DetectedFormat {
  format: RouteFormat;
  line: number;
}

/**
 * Detects the format of a route file from its first data line (see {@link detectLineFormat}).
 * Reads only as far as that line.
 * @returns the format and the line it was detected on, or `null` when the file has no data line
 *   (empty, blank or only comments).
 * @throws the `fs` error when the file cannot be read; RouteFileError on corrupt gzip data, a
 *   directory, a binary file.
 */
export async function detectRouteFormatAt(path: string): Promise<DetectedFormat | null> {
  for await (const { lines, firstLine } of readLineBatches(path)) {
    for (let i = 0; i < lines.length; i++) {
      const format = formatOfFirstLine(path, firstLine + i, lines[i]);
      if (format !== null) return { format, line: firstLine + i };
    }
  }
  return null;
}

/**
 * Detects the format of a route file from its first data line (see {@link detectLineFormat}).
 * @returns the format, or `null` when the file has no data line (empty, blank or only comments).
 * @throws the `fs` error when the file cannot be read; RouteFileError on corrupt gzip data.
 */
export async function detectRouteFormat(path: string): Promise<RouteFormat | null> {
  return (await detectRouteFormatAt(path))?.format ?? null;
}
