/**
 * The FFI benchmark (`src/bench/ffi`) on 20,000 generated prefixes: the agent through the FFI
 * adapter and the C baseline (`native/build/route_bench`, built here with `make -C native bench`)
 * program the same routes into libsaivs, the identical warm boot writes nothing, and every adapter
 * the benchmark opens is closed again (a new one can be opened on the same library).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import { runFfiBenchmarks, type FfiBenchResult } from '../../src/bench/ffi/index.js';
import { describeWithNeed, LIBSAIVS_PATH, needLibsaivs } from '../helpers/need.js';

const NATIVE = resolve(import.meta.dirname, '../../native');
const LIB = LIBSAIVS_PATH;
const ROUTE_BENCH = join(NATIVE, 'build', 'route_bench');

/** n distinct canonical prefixes: three IPv4 /24 for each IPv6 /48. */
function generatedPrefixes(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 4 === 3) out.push(`2001:db8:${((i >> 2) + 1).toString(16)}::/48`);
    else out.push(`${16 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255}.0/24`);
  }
  return out;
}

/** The library can be opened: nothing the benchmark opened is still open. */
function libraryIsFree(): boolean {
  const a = FfiSaiAdapter.open({ libPath: LIB, profile: { SAI_VS_PORT_COUNT: '4' } });
  a.shutdown({ warm: false });
  return true;
}

describeWithNeed(needLibsaivs(), 'FFI benchmark against the C baseline', () => {
  const N = 20_000;
  const prefixes = generatedPrefixes(N);
  const work = mkdtempSync(join(tmpdir(), 'saistore-bench-ffi-test-'));
  let r: FfiBenchResult;

  beforeAll(async () => {
    execFileSync('make', ['-C', NATIVE, '--no-print-directory', '-s', 'bench'], { stdio: 'pipe' });
    r = await runFfiBenchmarks({ prefixes, libPath: LIB, workDir: work });
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has the documented shape', () => {
    const positive = (v: number) => expect(Number.isFinite(v) && v > 0, String(v)).toBe(true);
    expect(r.routes).toBe(N);
    for (const v of [r.cold.ms, r.cold.perSec, r.cold.baselineMs, r.cold.ratio, r.cold.bootMs, r.cold.bootBaselineMs])
      positive(v);
    for (const v of [r.warmBoot.ms, r.warmBoot.baselineMs, r.warmBoot.ratio, r.shutdown.ms, r.shutdown.baselineMs])
      positive(v);
    for (const v of [r.shutdown.ratio, r.cycle.ms, r.cycle.baselineMs, r.cycle.ratio, r.shutdown.stateBytes])
      positive(v);
    expect(r.cold.ratio).toBeCloseTo(r.cold.ms / r.cold.baselineMs, 6);
    expect(r.warmBoot.ratio).toBeCloseTo(r.warmBoot.ms / r.warmBoot.baselineMs, 6);
    expect(r.cycle.ms).toBeCloseTo(r.shutdown.ms + r.warmBoot.ms, 6);
    expect(r.cold.perSec).toBeCloseTo(N / (r.cold.ms / 1000), 3);
    expect(Object.keys(r.warmBoot.phases)).toEqual(
      expect.arrayContaining(['open', 'loadState', 'reload', 'replay', 'release', 'apply']),
    );
    expect(r.warmBoot.baselineMs).toBeCloseTo(r.warmBoot.baselinePhases.init + r.warmBoot.baselinePhases.gets, 1);
    expect(r.notes.length).toBeGreaterThan(0);
    expect(r.notes.join('\n')).toMatch(/target 500,000/);
  });

  it('warm boots the identical state with zero writes', () => {
    expect(r.warmBoot.writes).toBe(0);
    expect(r.warmBoot.storeWrites).toBe(0);
    // Reload read every programmed object back; so did the C program.
    expect(r.warmBoot.gets).toBeGreaterThanOrEqual(N);
    expect(r.baseline.gets.routes).toBe(N);
    expect(r.baseline.gets.mismatches).toBe(0);
  });

  it('programs the same routes on both paths', () => {
    expect(r.baseline.routes).toBe(N);
    expect(r.baseline.v4 + r.baseline.v6).toBe(N);
    expect(r.baseline.v6).toBe(N / 4);
    // ROUTE_ENTRY objects: the FFI adapter's creates, the C program's sai_get_object_count, cold and warm.
    expect(r.cold.routeEntries).toBe(N + r.baseline.connectedRoutes);
    expect(r.baseline.routeEntries).toBe(r.cold.routeEntries);
    expect(r.baseline.warmRouteEntries).toBe(r.cold.routeEntries);
    // Every object the agent created: routes, 16 interfaces, 128 neighbors and next hops, groups, members.
    const b = r.baseline;
    expect(r.cold.writes).toBe(r.cold.routeEntries + b.rifs + b.neighbors + b.nextHops + b.groups + b.members);
    expect(b.chunk).toBeGreaterThan(0);
  });

  it('closes its adapters and leaves only the work directory', () => {
    expect(libraryIsFree()).toBe(true);
    expect(readdirSync(work)).toEqual([]);
  });

  it('closes its adapters when the C baseline fails', async () => {
    await expect(
      runFfiBenchmarks({ prefixes: prefixes.slice(0, 500), libPath: LIB, routeBenchPath: '/bin/false' }),
    ).rejects.toThrow(/\/bin\/false/);
    expect(libraryIsFree()).toBe(true);
  });

  it('refuses a missing C baseline before opening anything', async () => {
    await expect(
      runFfiBenchmarks({ prefixes, libPath: LIB, routeBenchPath: join(work, 'no-such-route_bench') }),
    ).rejects.toThrow(/make -C native bench/);
    expect(existsSync(ROUTE_BENCH)).toBe(true);
  });
});
