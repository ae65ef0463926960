/** Warnings on stderr that do not stop a command: what the input left out, and why. */
import type { ShadowedTableRoute } from './desired.js';
import type { BadLine, DuplicateConflict, RouteSource } from '../routes/types.js';

function more(total: number, shown: number): string[] {
  return total > shown ? [`  ... and ${total - shown} more`] : [];
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/** Says on stderr how many bad lines `--skip-bad` skipped, with the first few. */
export function warnBadLines(first: readonly BadLine[], total: number): void {
  if (total === 0) return;
  const lines = first.map((b) => `  ${b.file}${b.line > 0 ? `:${b.line}` : ''}: ${b.reason}`);
  process.stderr.write(`saistore: skipped ${plural(total, 'bad line')}:\n${[...lines, ...more(total, first.length)].join('\n')}\n`);
}

const via = (s: RouteSource) => (s.nextHop === undefined ? 'without a next hop' : `via ${s.nextHop}`);

/**
 * Says on stderr how many duplicate prefixes had another next hop than the first record, which
 * the table kept, with the first few.
 */
export function warnConflicts(first: readonly DuplicateConflict[], total: number): void {
  if (total === 0) return;
  const lines = first.map(
    (c) =>
      `  ${c.dropped.file}:${c.dropped.line}: ${c.prefix} ${via(c.dropped)} ignored: kept ${via(c.kept)} from ${c.kept.file}:${c.kept.line}`,
  );
  process.stderr.write(
    `saistore: ${plural(total, 'duplicate prefix', 'duplicate prefixes')} with another next hop than the first (the first is kept):\n${[...lines, ...more(total, first.length)].join('\n')}\n`,
  );
}

/** Says on stderr how many table routes an interface's connected subnet or own address shadowed, with the first few. */
export function warnShadowed(first: readonly ShadowedTableRoute[], total: number): void {
  if (total === 0) return;
  const lines = first.map(
    (s) =>
      `  ${s.file !== undefined ? `${s.file}:${s.line}: ` : ''}${s.prefix} is router interface ${s.rif}'s connected subnet or own address`,
  );
  process.stderr.write(
    `saistore: ${plural(total, 'table route')} shadowed by a connected route (not programmed; the interface's route wins):\n${[...lines, ...more(total, first.length)].join('\n')}\n`,
  );
}
