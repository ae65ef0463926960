/**
 * Small helpers shared by the line parsers: whitespace splitting with `#` comments, and the
 * reason strings of bad columns.
 */
import { AddressFormatError } from '../sai/address.js';
import { escapeLineText } from './types.js';

/** True for the characters that separate columns: space, tab, vertical tab, form feed, CR. */
export function isColumnSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

/**
 * Splits the part of `text` before the first `#` into whitespace-separated words. The first
 * `out.length` words are written to `out` (which is reused between calls to avoid allocation);
 * the return value is the total number of words, so 0 means a blank or comment-only line.
 */
export function splitWords(text: string, out: string[]): number {
  let end = text.indexOf('#');
  if (end < 0) end = text.length;
  let n = 0;
  let i = 0;
  for (;;) {
    while (i < end && isColumnSpace(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const start = i;
    while (i < end && !isColumnSpace(text.charCodeAt(i))) i++;
    if (n < out.length) out[n] = start === 0 && i === text.length ? text : text.slice(start, i);
    n++;
  }
  return n;
}

/**
 * The reason string for an error thrown while canonicalising a column, e.g.
 * `bad prefix: host bits set` or `bad next hop: not an IPv4 address (a.b.c.d)`.
 * @throws `err` itself when it is not an `AddressFormatError` (a bug, not bad input).
 */
export function columnReason(what: 'prefix' | 'next hop', err: unknown): string {
  if (!(err instanceof AddressFormatError)) throw err;
  return `bad ${what}: ${err.reason}`;
}

/** `1 column` / `3 columns`. */
export function columns(n: number): string {
  return n === 1 ? '1 column' : `${n} columns`;
}

/**
 * A word quoted for a reason string, cut to 24 characters (with `…`) so reasons stay short, and
 * escaped as line texts are (`escapeLineText`), so a binary file's bytes never reach a terminal.
 */
export function quoteWord(s: string): string {
  const cut = s.length <= 24 ? escapeLineText(s) : `${escapeLineText(s.slice(0, 24))}…`;
  return `"${cut.replace(/"/g, '\\"')}"`;
}
