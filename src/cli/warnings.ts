/** Warnings on stderr that do not stop a command. */
import type { BadLine } from '../routes/types.js';

/** Says on stderr how many bad lines `--skip-bad` skipped, with the first few. */
export function warnBadLines(first: readonly BadLine[], total: number): void {
  if (total === 0) return;
  const lines = first.map((b) => `  ${b.file}:${b.line}: ${b.reason}`);
  const more = total > first.length ? [`  ... and ${total - first.length} more`] : [];
  process.stderr.write(
    `saistore: skipped ${total} bad line${total === 1 ? '' : 's'}:\n${[...lines, ...more].join('\n')}\n`,
  );
}
