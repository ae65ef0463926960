/**
 * The prefix-list format: one route per line, `PREFIX [NEXT_HOP]`, columns separated by spaces or
 * tabs; `#` starts a comment (whole line or trailing); blank lines are ignored.
 *
 *     # comment
 *     10.0.0.0/8
 *     2001:db8::/32   2001:db8::1   # with a next hop
 */
import { canonicalAddressFast, canonicalPrefixFast, canonicalPrefixOrNull } from './canonical.js';
import { columnReason, columns, splitWords } from './fields.js';
import { nextHopReason, prefixReason } from './route-rules.js';
import type { ParsedLine, RouteRecord } from './types.js';

const words = ['', ''];

/**
 * Parses one prefix-list line (without its line ending) numbered `line` (1-based).
 * @returns the route (prefix and next hop canonical; `nextHop` only when given), `null` for a
 *   blank or comment line, or the reason the line is bad: `bad prefix: …`, `bad next hop: …`
 *   (syntax, or the rules of `route-rules.ts`), `expected PREFIX [NEXT_HOP], got N columns`.
 */
export function parsePrefixListLine(text: string, line: number): ParsedLine<RouteRecord> {
  // Fast path: the whole line is one canonical prefix (no blanks, comment or next hop).
  const whole = canonicalPrefixOrNull(text);
  if (whole !== null) return prefixReason(whole) ?? { prefix: whole, family: whole.includes(':') ? 6 : 4, line };
  const n = splitWords(text, words);
  if (n === 0) return null;
  if (n > 2) return `expected PREFIX [NEXT_HOP], got ${columns(n)}`;
  let prefix: string;
  try {
    prefix = canonicalPrefixFast(words[0]);
  } catch (err) {
    return columnReason('prefix', err);
  }
  const family = prefix.includes(':') ? 6 : 4;
  const refused = prefixReason(prefix);
  if (refused !== null) return refused;
  if (n === 1) return { prefix, family, line };
  let nextHop: string;
  try {
    nextHop = canonicalAddressFast(words[1]);
  } catch (err) {
    return columnReason('next hop', err);
  }
  return nextHopReason(family, nextHop) ?? { prefix, family, nextHop, line };
}
