import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RouteTableBuilder } from '../../src/routes/table-builder.js';
import type { RouteRecord } from '../../src/routes/index.js';

/** The reference behaviour: first position, last record, count of repeats. */
function model(records: RouteRecord[]): { routes: RouteRecord[]; duplicates: number } {
  const pos = new Map<string, number>();
  const routes: RouteRecord[] = [];
  let duplicates = 0;
  for (const r of records) {
    const at = pos.get(r.prefix);
    if (at === undefined) {
      pos.set(r.prefix, routes.length);
      routes.push(r);
    } else {
      routes[at] = r;
      duplicates++;
    }
  }
  return { routes, duplicates };
}

function build(records: RouteRecord[]): { routes: RouteRecord[]; duplicates: number } {
  const b = new RouteTableBuilder();
  for (const r of records) b.add(r);
  return b.finish();
}

const rec = (n: number, line: number): RouteRecord => ({
  prefix: `${n >>> 16}.${(n >>> 8) & 255}.${n & 255}.0/24`,
  family: 4,
  line,
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
    expect(got.duplicates).toBe(want.duplicates);
    expect(got.routes.length).toBe(want.routes.length);
    expect(got.routes.every((r, i) => r === want.routes[i])).toBe(true);
  });

  it('switches from the sorted fast path to bulk passes keeping earlier routes', () => {
    const records = [rec(1, 1), rec(2, 2), rec(2, 3), rec(3, 4), rec(1, 5), rec(0, 6), rec(3, 7)];
    expect(build(records)).toEqual(model(records));
    expect(build(records).duplicates).toBe(3);
  });
});
