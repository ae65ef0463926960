/**
 * `bgpdump -m` output (one record per line, `|`-separated), as written by RIPE NCC's bgpdump:
 *
 *     TABLE_DUMP2|TIME|B|PEER_IP|PEER_AS|PREFIX|AS_PATH|ORIGIN|NEXT_HOP|LOCAL_PREF|MED|COMMUNITY|AG|AGGREGATOR|
 *     TABLE_DUMP|TIME|B|PEER_IP|PEER_AS|PREFIX|AS_PATH|ORIGIN|NEXT_HOP|…          (MRT TABLE_DUMP v1)
 *     BGP4MP|TIME|A|PEER_IP|PEER_AS|PREFIX|AS_PATH|ORIGIN|NEXT_HOP|LOCAL_PREF|MED|COMMUNITY|AG|AGGREGATOR|
 *     BGP4MP|TIME|W|PEER_IP|PEER_AS|PREFIX
 *     BGP4MP|TIME|STATE|PEER_IP|PEER_AS|OLD_STATE|NEW_STATE                     (ignored)
 *
 * Record types with an `_AP` suffix (ADD-PATH: `TABLE_DUMP2_AP`, `BGP4MP_AP`, `BGP4MP_ET_AP`, …)
 * carry a path id column right after the prefix; the columns after it shift by one. `BGP4MP_ET`
 * (microsecond timestamps), `BGP4MP_LOCAL` (sent by the collector) and the old MRTD `BGP` type have
 * the `BGP4MP` layout. Only the record type, op, prefix and next hop are checked; the other columns
 * are not looked at. Blank lines and lines starting with `#` are ignored. `bgpdump -M` output
 * (no next hop column) is refused (too few fields).
 */
import { canonicalAddressFast, canonicalPrefixFast } from './canonical.js';
import { columnReason, quoteWord } from './fields.js';
import { nextHopReason, prefixReason } from './route-rules.js';
import type { ParsedLine, RouteRecord, RouteUpdate } from './types.js';

const TABLE_TYPES = new Set(['TABLE_DUMP', 'TABLE_DUMP2', 'TABLE_DUMP2_AP']);
const UPDATE_TYPES = new Set([
  'BGP4MP',
  'BGP4MP_ET',
  'BGP4MP_LOCAL',
  'BGP4MP_ET_LOCAL',
  'BGP4MP_AP',
  'BGP4MP_ET_AP',
  'BGP4MP_LOCAL_AP',
  'BGP4MP_ET_LOCAL_AP',
  'BGP',
]);

/** True for a record type of a `bgpdump -m` RIB dump row (`TABLE_DUMP`, `TABLE_DUMP2`, `TABLE_DUMP2_AP`). */
export function isBgpdumpTableType(type: string): boolean {
  return TABLE_TYPES.has(type);
}

/** True for a record type of a `bgpdump -m` update row (`BGP4MP`, `BGP4MP_ET`, `BGP4MP_AP`, …, `BGP`). */
export function isBgpdumpUpdateType(type: string): boolean {
  return UPDATE_TYPES.has(type);
}

function isSkippable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    return c === 35; // '#'
  }
  return true;
}

function fieldCount(min: number, got: number, exact = false): string {
  return `expected ${exact ? '' : 'at least '}${min} |-separated fields, got ${got}`;
}

/**
 * Parses one `bgpdump -m` RIB dump row (`TABLE_DUMP2|…|B|…` or `TABLE_DUMP|…|B|…`) numbered `line`.
 * @returns the route with its canonical prefix and next hop, `null` for a blank or `#` line, or
 *   the reason the line is bad: `unknown record type "X"`, `update record "BGP4MP" in a table
 *   dump`, `unknown op "X" (expected B)`, `expected at least 9 |-separated fields, got N`,
 *   `bad prefix: …`, `bad next hop: …` (syntax, or the rules of `route-rules.ts`).
 */
export function parseBgpdumpTableLine(text: string, line: number): ParsedLine<RouteRecord> {
  if (isSkippable(text)) return null;
  const f = text.split('|');
  const type = f[0];
  if (!TABLE_TYPES.has(type)) {
    if (UPDATE_TYPES.has(type)) return `update record ${quoteWord(type)} in a table dump`;
    return `unknown record type ${quoteWord(type)}`;
  }
  const ap = type.endsWith('_AP') ? 1 : 0;
  if (f.length < 3) return fieldCount(9 + ap, f.length);
  if (f[2] !== 'B') return `unknown op ${quoteWord(f[2])} (expected B)`;
  if (f.length < 9 + ap) return fieldCount(9 + ap, f.length);
  let prefix: string;
  try {
    prefix = canonicalPrefixFast(f[5]);
  } catch (err) {
    return columnReason('prefix', err);
  }
  const family = prefix.includes(':') ? 6 : 4;
  let nextHop: string;
  try {
    nextHop = canonicalAddressFast(f[8 + ap]);
  } catch (err) {
    return columnReason('next hop', err);
  }
  return prefixReason(prefix) ?? nextHopReason(family, nextHop) ?? { prefix, family, nextHop, line };
}

/**
 * Parses one `bgpdump -m` update row (`BGP4MP|…|A|…` announce with next hop, `BGP4MP|…|W|…`
 * withdraw) numbered `line`.
 * @returns the update with its canonical prefix (and next hop for an announce), `null` for a
 *   blank or `#` line or a `STATE` record, or the reason the line is bad: `unknown record type
 *   "X"`, `table dump record "TABLE_DUMP2" in an update stream`, `unknown op "X" (expected A, W or
 *   STATE)`, `expected at least 9 |-separated fields, got N` (announce), `expected 6
 *   |-separated fields, got N` (withdraw), `bad prefix: …`, `bad next hop: …`.
 */
export function parseBgpdumpUpdateLine(text: string, line: number): ParsedLine<RouteUpdate> {
  if (isSkippable(text)) return null;
  const f = text.split('|');
  const type = f[0];
  if (!UPDATE_TYPES.has(type)) {
    if (TABLE_TYPES.has(type)) return `table dump record ${quoteWord(type)} in an update stream`;
    return `unknown record type ${quoteWord(type)}`;
  }
  const ap = type.endsWith('_AP') ? 1 : 0;
  if (f.length < 3) return fieldCount(6 + ap, f.length);
  const op = f[2];
  if (op === 'STATE') return null;
  if (op === 'A') {
    if (f.length < 9 + ap) return fieldCount(9 + ap, f.length);
  } else if (op === 'W') {
    if (f.length !== 6 + ap) return fieldCount(6 + ap, f.length, true);
  } else {
    return `unknown op ${quoteWord(op)} (expected A, W or STATE)`;
  }
  let prefix: string;
  try {
    prefix = canonicalPrefixFast(f[5]);
  } catch (err) {
    return columnReason('prefix', err);
  }
  const family = prefix.includes(':') ? 6 : 4;
  const refused = prefixReason(prefix);
  if (refused !== null) return refused;
  if (op === 'W') return { op: 'withdraw', prefix, family, line };
  let nextHop: string;
  try {
    nextHop = canonicalAddressFast(f[8 + ap]);
  } catch (err) {
    return columnReason('next hop', err);
  }
  return nextHopReason(family, nextHop) ?? { op: 'announce', prefix, family, nextHop, line };
}
