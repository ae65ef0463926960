/**
 * The README's command lines, run against the built `dist/` as the README runs them: `npm start`'s
 * demo (on a generated table scaled down), the demo on route files with updates, the two-process
 * boot / shutdown / warm boot, `--adapter vs` and `--libsai ... --profile` proven to reach the C
 * library (its warm boot file has libsaivs's own magic, and a profile value only libsaivs checks
 * is refused by it), and `bench` on a small table. Creates are checked exactly against the plain
 * model of test/oracle/switch-model.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticTopology } from '../../src/agent/index.js';
import { generateTable } from '../../src/cli/generated-table.js';
import { loadRouteTable } from '../../src/routes/index.js';
import { describeWithNeed, LIBSAIVS_PATH, needLibsaivs, REPO_ROOT } from '../helpers/need.js';
import { switchModel } from '../oracle/switch-model.js';
import { distProblem, filesUnder, finished, firstLine, run, start, tempDir } from './dist-cli.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'cli');
const V4 = join(FIXTURES, 'v4.txt');
const V6 = join(FIXTURES, 'v6.txt');
const UPDATES = join(FIXTURES, 'updates.txt');
const zero = { create: 0, set: 0, remove: 0 };
/** libsaivs's warm boot file starts with this (native/src/warm.c); the fake's with `saistore-fake-warm`. */
const LIBSAIVS_MAGIC = 'SAIVSWRM';

/** Objects the adapter must hold for the synthetic topology of `prefixes` (32 ports), ports aside: the creates of a cold boot. */
function coldCreates(prefixes: readonly string[]): number {
  const model = switchModel(syntheticTopology(prefixes.map((prefix) => ({ prefix }))), { ports: 32 });
  return [...model.keys()].filter((k) => !k.startsWith('PORT ')).length;
}

async function filePrefixes(...files: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) out.push(...(await loadRouteTable(f)).routes.map((r) => r.prefix));
  return out;
}

/** The warm boot files of a state directory written by a libsai: those starting with libsaivs's magic. */
function libsaivsFiles(dir: string): string[] {
  return filesUnder(dir).filter((f) => readFileSync(f).subarray(0, 8).toString('latin1') === LIBSAIVS_MAGIC);
}

describe('README commands on the built dist/', () => {
  beforeAll(() => {
    const problem = distProblem();
    if (problem) throw new Error(problem);
  });

  it('`npm start` runs the demo on a generated table (here 2,000 routes): cold, then a warm boot that writes nothing', async () => {
    const r = await run(['demo', '--generate', '2000', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.input).toMatchObject({ routes: 2000, source: 'generated', topology: 'synthetic' });
    expect(report.adapter).toBe('fake');
    const prefixes = generateTable({ total: 2000 }).routes.map((x) => x.prefix);
    expect(report.cold.ops).toEqual({ create: coldCreates(prefixes), set: 0, remove: 0 });
    expect(report.warmBoot.ops).toEqual(zero);
    expect(report.warmBoot.applyOps).toEqual(zero);
  });

  it('demo --json --routes V4 --routes V6 --updates U (the real-table example, on the fixtures)', async () => {
    const r = await run(['demo', '--json', '--routes', V4, '--routes', V6, '--updates', UPDATES]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.input).toMatchObject({ routes: 385, v4: 261, v6: 124, bad: 0 });
    expect(report.cold.ops).toEqual({ create: coldCreates(await filePrefixes(V4, V6)), set: 0, remove: 0 });
    expect(report.warmBoot.ops).toEqual(zero);
    expect(report.updates).toMatchObject({ count: 205, announces: 180, withdraws: 25, ignoredWithdraws: 5 });
    expect(report.afterUpdates.warmBoot.ops).toEqual(zero);
    expect(report.afterUpdates.warmBoot.applyOps).toEqual(zero);
  });

  it('boot & / shutdown --warm / boot &: "ready", then a warm boot with zero writes', async () => {
    const dir = tempDir();
    const routes = ['--routes', V4, '--routes', V6];
    const first = start(['boot', '--state-dir', dir, ...routes]);
    const firstDone = finished(first);
    expect(await firstLine(first)).toBe('ready');
    const s1 = await run(['shutdown', '--warm', '--state-dir', dir]);
    expect(s1.code, s1.stderr).toBe(0);
    expect((await firstDone).code).toBe(0);

    const second = start(['boot', '--json', '--state-dir', dir, ...routes]);
    const secondDone = finished(second);
    const report = JSON.parse(await firstLine(second));
    expect(report.bootType).toBe('warm');
    expect(report.warmBoot.ops).toEqual(zero);
    expect(report.warmBoot.applyOps).toEqual(zero);
    const s2 = await run(['shutdown', '--warm', '--state-dir', dir]);
    expect(s2.code, s2.stderr).toBe(0);
    expect((await secondDone).code).toBe(0);
  });

  it('bench on a small table: exact creates, a warm boot without writes, its result files', async () => {
    const out = tempDir();
    const r = await run(['bench', '--routes', V4, '--routes', V6, '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.input).toMatchObject({ routes: 385, v4: 261, v6: 124 });
    expect(result.cold.ops).toEqual({ create: coldCreates(await filePrefixes(V4, V6)), set: 0, remove: 0 });
    expect(result.warmBoot.ops).toEqual(zero);
    expect(result.changed.applyOps).toEqual(result.changed.expectedOps);
    expect(result.scaling.length).toBeGreaterThan(0);
    expect(
      filesUnder(out)
        .map((f) => f.slice(out.length + 1))
        .sort(),
    ).toEqual(['bench.json', 'scaling.svg']);
  });

  describeWithNeed(needLibsaivs(), 'through FFI on the C virtual switch', () => {
    it("boot --adapter vs / shutdown --warm / boot: the warm boot file is libsaivs's, the warm boot writes nothing", async () => {
      const dir = tempDir();
      const args = ['--json', '--state-dir', dir, '--adapter', 'vs', '--routes', V4, '--routes', V6];
      const first = start(['boot', ...args]);
      const firstDone = finished(first);
      const cold = JSON.parse(await firstLine(first));
      expect(cold.bootType).toBe('cold');
      expect(cold.cold.ops).toEqual({ create: coldCreates(await filePrefixes(V4, V6)), set: 0, remove: 0 });
      expect((await run(['shutdown', '--warm', '--state-dir', dir])).code).toBe(0);
      expect((await firstDone).code).toBe(0);
      // Only libsaivs writes a file with its magic: the fake writes `saistore-fake-warm ...`.
      expect(libsaivsFiles(dir)).toHaveLength(1);

      const second = start(['boot', ...args]);
      const secondDone = finished(second);
      const warm = JSON.parse(await firstLine(second));
      expect(warm.bootType).toBe('warm');
      expect(warm.warmBoot.ops).toEqual(zero);
      expect((await run(['shutdown', '--cold', '--state-dir', dir])).code).toBe(0);
      expect((await secondDone).code).toBe(0);
    });

    it('demo --adapter vs: libsaivs writes the warm boot file', async () => {
      const dir = tempDir();
      const r = await run(['demo', '--json', '--adapter', 'vs', '--state-dir', dir, '--routes', V4]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.warmBoot.ops).toEqual(zero);
      expect(libsaivsFiles(dir).length).toBeGreaterThan(0);
    });

    it('--libsai PATH --profile K=V: the profile reaches the library (libsaivs refuses a bad SAI_VS_PORT_COUNT)', async () => {
      const ok = await run([
        'demo',
        '--json',
        '--libsai',
        LIBSAIVS_PATH,
        '--profile',
        'SAI_VS_PORT_COUNT=32',
        '--routes',
        V4,
      ]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout).warmBoot.ops).toEqual(zero);
      const bad = await run([
        'demo',
        '--json',
        '--libsai',
        LIBSAIVS_PATH,
        '--profile',
        'SAI_VS_PORT_COUNT=x',
        '--routes',
        V4,
      ]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/INVALID_PARAMETER/);
    });
  });
});
