/** The embedded default table: the real table's facts, and deterministic, unique, canonical prefixes. */
import { describe, expect, it } from 'vitest';
import { generateTable, REAL_TABLE_SIZE } from '../../src/cli/generated-table.js';
import { histogramTotal, scaleHistogram, V4_LENGTHS, V6_LENGTHS } from '../../src/cli/prefix-histogram.js';
import { canonicalPrefixOrNull } from '../../src/routes/index.js';

describe('generated table', () => {
  it("the histograms are the real table's (../shared/data/routes/README.md)", () => {
    expect(REAL_TABLE_SIZE).toEqual({ v4: 1_042_325, v6: 246_175 });
    expect(V4_LENGTHS[24]).toBe(657_365);
    expect(V6_LENGTHS[48]).toBe(111_866);
    expect(Math.min(...Object.keys(V4_LENGTHS).map(Number))).toBe(8);
    expect(Math.max(...Object.keys(V6_LENGTHS).map(Number))).toBe(48);
  });

  it('scales a histogram to an exact total', () => {
    const h = scaleHistogram(V4_LENGTHS, 1000);
    expect(histogramTotal(h)).toBe(1000);
    expect(h[24]).toBe(Math.round((657_365 * 1000) / 1_042_325));
  });

  it('is deterministic, unique and canonical, with the scaled distribution', () => {
    const a = generateTable({ total: 20_000 });
    const b = generateTable({ total: 20_000 });
    expect(a).toEqual(b);
    expect(a.v4 + a.v6).toBe(20_000);
    expect(a.routes).toHaveLength(20_000);
    expect(new Set(a.routes.map((r) => r.prefix)).size).toBe(20_000);
    for (const r of a.routes) expect(canonicalPrefixOrNull(r.prefix)).toBe(r.prefix);
    const len24 = a.routes.filter((r) => r.prefix.endsWith('/24') && !r.prefix.includes(':')).length;
    expect(len24).toBe(scaleHistogram(V4_LENGTHS, a.v4)[24]);
    expect(a.routes.slice(a.v4).every((r) => /^[23][0-9a-f]{3}:/.test(r.prefix))).toBe(true); // 2000::/3
    expect(generateTable({ total: 1000, seed: 2 })).not.toEqual(generateTable({ total: 1000, seed: 1 }));
  });
});
