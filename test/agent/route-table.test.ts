import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RouteTable, diffRouteTables } from '../../src/agent/index.js';

const prefix = fc.integer({ min: 0, max: 4000 }).map((i) => `10.${i >> 8}.${i & 255}.0/24`);
const value = fc.constantFrom('a', 'b', 'c');
const change = fc.tuple(prefix, fc.option(value, { nil: undefined }));

function model(entries: [string, string][], changes: readonly (readonly [string, string | undefined])[]) {
  const m = new Map(entries);
  for (const [p, v] of changes)
    if (v === undefined) m.delete(p);
    else m.set(p, v);
  return m;
}

function sorted<T>(xs: T[]): string[] {
  return xs.map((x) => JSON.stringify(x)).sort();
}

describe('RouteTable', () => {
  it('withChanges and diffRouteTables agree with a Map (fast-check), by the change path and by a full walk', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(prefix, value)), fc.array(change, { maxLength: 60 }), (entries, changes) => {
        const a = RouteTable.from(entries);
        const b = a.withChanges(changes);
        const before = new Map(entries);
        const after = model(entries, changes);
        expect(b.size).toBe(after.size);
        expect(new Map(b.entries())).toEqual(after);
        expect(new Map(a.entries())).toEqual(before);
        const expected = { added: [] as unknown[], removed: [] as unknown[], changed: [] as unknown[] };
        for (const [p, v] of after) {
          if (!before.has(p)) expected.added.push([p, v]);
          else if (before.get(p) !== v) expected.changed.push([p, before.get(p), v]);
        }
        for (const [p, v] of before) if (!after.has(p)) expected.removed.push([p, v]);
        const viaChanges = diffRouteTables(a, b);
        const viaWalk = diffRouteTables(a, RouteTable.from(b.entries()));
        for (const d of [viaChanges, viaWalk]) {
          expect(sorted(d.added)).toEqual(sorted(expected.added));
          expect(sorted(d.removed)).toEqual(sorted(expected.removed));
          expect(sorted(d.changed)).toEqual(sorted(expected.changed));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a one-route change on a large table visits one leaf', () => {
    const big = RouteTable.from(
      Array.from(
        { length: 200_000 },
        (_, i) => [`${16 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`, 'a' as string] as const,
      ),
    );
    const next = big.withChanges([['16.0.1.0/24', 'b']]);
    expect(next.touched).toHaveLength(1);
    expect(diffRouteTables(big, next)).toEqual({ added: [], removed: [], changed: [['16.0.1.0/24', 'a', 'b']] });
    expect(next.pages.filter((p, i) => p !== big.pages[i])).toHaveLength(1);
  });
});
