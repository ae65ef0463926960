/** `saistore demo` end to end on small tables: the JSON report's shape and the zero-write warm boots. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoReportSchema } from '../../src/cli/report.js';
import { FIXTURES, runCli } from './run-cli.js';

const v4 = join(FIXTURES, 'v4.txt');
const v6 = join(FIXTURES, 'v6.txt');
const updates = join(FIXTURES, 'updates.txt');
const zero = { create: 0, set: 0, remove: 0 };

describe('saistore demo', () => {
  it('--json: cold boot writes, identical warm boots write nothing, updates are counted', async () => {
    const r = await runCli(['demo', '--json', '--routes', v4, '--routes', v6, '--updates', updates]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1); // exactly one JSON report
    const report = demoReportSchema.parse(JSON.parse(r.stdout));
    expect(report.input).toMatchObject({
      routes: 385,
      v4: 261,
      v6: 124,
      source: 'files',
      bad: 0,
      topology: 'synthetic',
    });
    expect(report.adapter).toBe('fake');
    expect(report.cold.ops.create).toBeGreaterThan(385); // routes, plus interfaces, neighbors, groups
    expect(report.shutdown.stateBytes).toBeGreaterThan(0);
    expect(report.warmBoot.ops).toEqual(zero);
    expect(report.warmBoot.applyOps).toEqual(zero);
    // updates.txt: 130 announces of present prefixes (100 distinct: one move each in a single
    // batch), 50 of new ones, 20 withdraws of present prefixes, 5 of absent ones.
    const u = report.updates!;
    expect(u).toMatchObject({ count: 205, announces: 180, withdraws: 25, ignoredWithdraws: 5, batches: 1, bad: 0 });
    expect(u.ops.create).toBeGreaterThanOrEqual(50);
    expect(u.ops.set).toBeGreaterThanOrEqual(100);
    expect(u.ops.remove).toBeGreaterThanOrEqual(20);
    expect(report.afterUpdates!.warmBoot.ops).toEqual(zero);
    expect(report.afterUpdates!.warmBoot.applyOps).toEqual(zero);
    expect(report.memory.gc).toBe(true);
    expect(report.memory.heapBytesPerRoute).toBeGreaterThan(0);
  });

  it('--batch splits the update stream', async () => {
    const r = await runCli(['demo', '--json', '--routes', v4, '--updates', updates, '--batch', '50']);
    expect(r.code).toBe(0);
    const report = demoReportSchema.parse(JSON.parse(r.stdout));
    expect(report.updates).toMatchObject({ count: 205, batches: 5, batchSize: 50, ignoredWithdraws: 5 });
    expect(report.updates!.ops.set).toBeGreaterThanOrEqual(130); // the repeated announces are in later batches: moved again
    expect(report.afterUpdates!.warmBoot.ops).toEqual(zero);
  });

  it('without --routes: the generated table (here scaled to 3,000 routes), readable report', async () => {
    const r = await runCli(['demo', '--generate', '3000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/routes +3,000 \(2,427 IPv4, 573 IPv6\), synthetic topology/);
    expect(r.stdout).toMatch(/generated/);
    expect(r.stdout).toMatch(/warm boots with identical state wrote nothing: OK/);
  });
});
