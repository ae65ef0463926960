/**
 * The plain update-stream format: one update per line, `A PREFIX [NEXT_HOP]` (announce) or
 * `W PREFIX` (withdraw), columns separated by spaces or tabs; `#` comments and blank lines are
 * ignored. The op letter is case-sensitive.
 *
 *     A 10.0.0.0/8
 *     A 2001:db8::/32 2001:db8::1
 *     W 10.0.0.0/8
 */
import { canonicalAddressFast, canonicalPrefixFast, canonicalPrefixOrNull } from './canonical.js';
import { columnReason, columns, quoteWord, splitWords } from './fields.js';
import { nextHopReason, prefixReason } from './route-rules.js';
import type { ParsedLine, RouteUpdate } from './types.js';

const words = ['', '', ''];

/**
 * Parses one update line (without its line ending) numbered `line` (1-based).
 * @returns the update (prefix and next hop canonical), `null` for a blank or comment line, or the
 *   reason the line is bad: `unknown op "X" (expected A or W)`, `expected A PREFIX [NEXT_HOP],
 *   got N columns`, `expected W PREFIX, got N columns`, `bad prefix: …`, `bad next hop: …`.
 */
export function parseUpdateLine(text: string, line: number): ParsedLine<RouteUpdate> {
  // Fast path: `A PREFIX` / `W PREFIX` with one space and a canonical prefix, nothing else.
  const c0 = text.charCodeAt(0);
  if ((c0 === 65 || c0 === 87) && text.charCodeAt(1) === 32) {
    const prefix = canonicalPrefixOrNull(text.slice(2));
    if (prefix !== null) {
      return prefixReason(prefix) ?? { op: c0 === 65 ? 'announce' : 'withdraw', prefix, family: prefix.includes(':') ? 6 : 4, line };
    }
  }
  const n = splitWords(text, words);
  if (n === 0) return null;
  const op = words[0];
  if (op === 'A') {
    if (n < 2 || n > 3) return `expected A PREFIX [NEXT_HOP], got ${columns(n)}`;
  } else if (op === 'W') {
    if (n !== 2) return `expected W PREFIX, got ${columns(n)}`;
  } else {
    return `unknown op ${quoteWord(op)} (expected A or W)`;
  }
  let prefix: string;
  try {
    prefix = canonicalPrefixFast(words[1]);
  } catch (err) {
    return columnReason('prefix', err);
  }
  const family = prefix.includes(':') ? 6 : 4;
  const refused = prefixReason(prefix);
  if (refused !== null) return refused;
  if (op === 'W') return { op: 'withdraw', prefix, family, line };
  if (n === 2) return { op: 'announce', prefix, family, line };
  let nextHop: string;
  try {
    nextHop = canonicalAddressFast(words[2]);
  } catch (err) {
    return columnReason('next hop', err);
  }
  return nextHopReason(family, nextHop) ?? { op: 'announce', prefix, family, nextHop, line };
}
