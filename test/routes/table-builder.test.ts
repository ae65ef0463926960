import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RouteTableBuilder } from '../../src/routes/table-builder.js';
import type { RouteRecord } from '../../src/routes/index.js';

interface Built {
  routes: RouteRecord[];
  duplicates: number;
  conflicts: number;
  /** prefix and the kept / dropped lines of the first conflicts. */
  firstConflicts: [string, number, number][];
}

/** The reference behaviour: the first record of a prefix stays; repeats counted, conflicts when the next hop differs. */
function model(records: RouteRecord[]): Built {
  const pos = new Map<string, number>();
  const routes: RouteRecord[] = [];
  let duplicates = 0;
  let conflicts = 0;
  const firstConflicts: [string, number, number][] = [];
  for (const r of records) {
    const at = pos.get(r.prefix);
    if (at === undefined) {
      pos.set(r.prefix, routes.length);
      routes.push(r);
    } else {
      duplicates++;
      if (routes[at].nextHop !== r.nextHop) {
        conflicts++;
        if (firstConflicts.length < 5) firstConflicts.push([r.prefix, routes[at].line, r.line]);
      }
    }
  }
  return { routes, duplicates, conflicts, firstConflicts };
}

function build(records: RouteRecord[], maxRoutes?: number): Built | null {
  const b = new RouteTableBuilder({ maxRoutes });
  for (const r of records) if (!b.add(r)) return null;
  const f = b.finish();
  if (f === null) return null;
  return {
    routes: f.routes,
    duplicates: f.duplicates,
    conflicts: f.conflicts,
    firstConflicts: f.firstConflicts.map((c) => [c.prefix, c.kept.line, c.dropped.line]),
  };
}

/** Record of key n; odd lines carry a next hop chosen by the line, so duplicates conflict or not. */
const rec = (n: number, line: number): RouteRecord => ({
  prefix: `${n >>> 16}.${(n >>> 8) & 255}.${n & 255}.0/24`,
  family: 4,
  line,
  ...(line % 2 === 1 ? { nextHop: `192.0.2.${line % 3}` } : {}),
});

describe('RouteTableBuilder', () => {
  it('matches the model on small random inputs (sorted, unsorted, few keys)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 200 }), fc.boolean(), (keys, sort) => {
        const ks = sort ? [...keys].sort((a, b) => (rec(a, 0).prefix < rec(b, 0).prefix ? -1 : 1)) : keys;
        const records = ks.map((k, i) => rec(k, i + 1));
        expect(build(records)).toEqual(model(records));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the model across several bulk passes (large, duplicate-heavy, unsorted)', () => {
    let seed = 12345;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const records: RouteRecord[] = [];
    for (let i = 0; i < 400_000; i++) records.push(rec(rand() % 90_000, i + 1));
    const got = build(records);
    const want = model(records);
    expect(got).not.toBeNull();
    expect(got!.duplicates).toBe(want.duplicates);
    expect(got!.conflicts).toBe(want.conflicts);
    expect(got!.firstConflicts).toEqual(want.firstConflicts);
    expect(got!.routes.length).toBe(want.routes.length);
    expect(got!.routes.every((r, i) => r === want.routes[i])).toBe(true);
  });

  it('switches from the sorted fast path to bulk passes keeping earlier routes', () => {
    const records = [rec(1, 1), rec(2, 2), rec(2, 3), rec(3, 4), rec(1, 5), rec(0, 6), rec(3, 7)];
    expect(build(records)).toEqual(model(records));
    expect(build(records)!.duplicates).toBe(3);
  });

  it('answers false once the table holds more routes than the limit, within twice the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (keys, max) => {
          const records = keys.map((k, i) => rec(k, i + 1));
          const distinct = new Set(keys).size;
          const b = new RouteTableBuilder({ maxRoutes: max });
          let refusedAt = -1;
          for (let i = 0; i < records.length; i++) {
            if (!b.add(records[i])) {
              refusedAt = i;
              break;
            }
            expect(b.length).toBeLessThanOrEqual(2 * max + 1);
          }
          if (refusedAt >= 0) {
            // Refused only when the prefixes seen so far are more than the limit.
            expect(new Set(keys.slice(0, refusedAt + 1)).size).toBeGreaterThan(max);
          } else {
            const f = b.finish();
            expect(f === null).toBe(distinct > max);
            if (f) expect(f.routes.length).toBe(distinct);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps each record\'s source beside it through bulk passes', () => {
    const b = new RouteTableBuilder();
    const keys = [5, 3, 9, 3, 1, 5, 7];
    keys.forEach((k, i) => b.add(rec(k, i + 1), 10 + i));
    const f = b.finish()!;
    expect(f.routes.map((r) => r.line)).toEqual([1, 2, 3, 5, 7]);
    expect([...f.sources]).toEqual([10, 11, 12, 14, 16]);
  });
});
