/**
 * sonic-utilities prints `show warm_restart` with python-tabulate's default (`simple`) format; this
 * prints the same: a column is as wide as its widest cell or its header plus 2, columns are joined
 * by two spaces, a column whose non-empty cells are all numbers is right-aligned (its header too),
 * and lines carry no trailing blanks.
 */

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** The table in tabulate's `simple` format (no final newline). */
export function tabulate(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const numeric = headers.map((_, c) => {
    const cells = rows.map((r) => r[c]).filter((v) => v !== '');
    return cells.length > 0 && cells.every((v) => NUMBER.test(v));
  });
  const widths = headers.map((h, c) => Math.max(h.length + 2, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((s, c) => (numeric[c] ? s.padStart(widths[c]) : s.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * SONiC's blocks for several namespaces: `\nFor namespace global:\n\n<table>` each; one namespace
 * alone prints its table only.
 */
export function namespaceBlocks(blocks: readonly { namespace: string; table: string }[]): string {
  if (blocks.length === 1) return `${blocks[0].table}\n`;
  return blocks.map((b) => `\nFor namespace ${b.namespace || 'global'}:\n\n${b.table}\n`).join('');
}
