/**
 * Raw `Map` baselines over the same keys, run in the same process as what they are compared with:
 * what a route table costs in this JavaScript engine with no store, adapter or SAI in the way.
 */

function keyOf(prefix: string): string {
  return `0|${prefix}`;
}

/** Inserts every prefix into a fresh `Map` (key string, value object): cold programming's floor. */
export function baselineInsert(prefixes: readonly string[]): { ms: number; map: Map<string, { nh: number }> } {
  const t = performance.now();
  const map = new Map<string, { nh: number }>();
  for (let i = 0; i < prefixes.length; i++) map.set(keyOf(prefixes[i]), { nh: i & 63 });
  return { ms: performance.now() - t, map };
}

/** Gets and compares every prefix in `map`: replay's floor (an unchanged state is a compare per route). */
export function baselineGetCompare(map: Map<string, { nh: number }>, prefixes: readonly string[]): number {
  const t = performance.now();
  let same = 0;
  for (let i = 0; i < prefixes.length; i++) if (map.get(keyOf(prefixes[i]))?.nh === (i & 63)) same++;
  const ms = performance.now() - t;
  if (same !== prefixes.length) throw new Error(`baseline compare: ${same} of ${prefixes.length}`);
  return ms;
}

/** Applies updates (set for an announce, delete for a withdraw) to `map`: the update floor. */
export function baselineUpdates(
  map: Map<string, { nh: number }>,
  updates: readonly { readonly op: 'announce' | 'withdraw'; readonly prefix: string }[],
): number {
  const t = performance.now();
  for (let i = 0; i < updates.length; i++) {
    const u = updates[i];
    if (u.op === 'withdraw') map.delete(keyOf(u.prefix));
    else map.set(keyOf(u.prefix), { nh: i & 63 });
  }
  return performance.now() - t;
}
