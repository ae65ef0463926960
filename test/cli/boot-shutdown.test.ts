/** `saistore boot` / `saistore shutdown`: the two-process warm boot, and a corrupted state. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootReportSchema, shutdownReportSchema } from '../../src/cli/report.js';
import { FIXTURES, finished, firstLine, runCli, startCli, tempDir } from './run-cli.js';

const routes = ['--routes', join(FIXTURES, 'v4.txt'), '--routes', join(FIXTURES, 'v6.txt')];
const zero = { create: 0, set: 0, remove: 0 };

/** Boots an agent on `dir`; resolves with its boot report once it is ready. */
async function boot(dir: string, extra: string[] = []) {
  const child = startCli(['boot', '--json', '--state-dir', dir, ...routes, ...extra]);
  const done = finished(child);
  const report = bootReportSchema.parse(JSON.parse(await firstLine(child)));
  return { report, done };
}

/** `saistore shutdown` of the agent on `dir`; checks the agent exited 0. */
async function shutdown(
  dir: string,
  type: '--warm' | '--cold',
  agent: ReturnType<typeof boot> extends Promise<infer B> ? B : never,
) {
  const r = await runCli(['shutdown', type, '--json', '--state-dir', dir]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect((await agent.done).code).toBe(0);
  return shutdownReportSchema.parse(JSON.parse(r.stdout));
}

describe('saistore boot / shutdown', () => {
  it('cold boot -> shutdown --warm -> warm boot with zero writes -> shutdown --warm', async () => {
    const dir = tempDir();
    const first = await boot(dir);
    expect(first.report.bootType).toBe('cold');
    expect(first.report.cold!.reason).toBe('no warm state');
    expect(first.report.cold!.ops.create).toBeGreaterThan(385);
    expect(Number(readFileSync(join(dir, 'agent.pid'), 'utf8'))).toBe(first.report.pid);
    const s1 = await shutdown(dir, '--warm', first);
    expect(s1).toMatchObject({ type: 'warm', pid: first.report.pid });
    expect(s1.shutdown.stateBytes).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'agent.pid'))).toBe(false);

    const second = await boot(dir);
    expect(second.report.bootType).toBe('warm');
    expect(second.report.warmBoot!.ops).toEqual(zero);
    expect(second.report.warmBoot!.applyOps).toEqual(zero);
    const s2 = await shutdown(dir, '--warm', second);
    expect(s2).toMatchObject({ type: 'warm', pid: second.report.pid });
  });

  it('prints "ready" without --json; shutdown --cold makes the next boot cold', async () => {
    const dir = tempDir();
    const child = startCli(['boot', '--state-dir', dir, ...routes]);
    const done = finished(child);
    expect(await firstLine(child)).toBe('ready');
    const r = await runCli(['shutdown', '--cold', '--state-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cold/);
    const agent = await done;
    expect(agent.code).toBe(0);
    expect(agent.stderr).toMatch(/cold because: no warm state/);
    const again = await boot(dir);
    expect(again.report.bootType).toBe('cold');
    expect(again.report.cold!.reason).toBe('no warm state');
    await shutdown(dir, '--cold', again);
  });

  it('a corrupted state file: boot comes up cold and says why', async () => {
    const dir = tempDir();
    const first = await boot(dir);
    await shutdown(dir, '--warm', first);
    const state = join(dir, 'saistore-state.json');
    const text = readFileSync(state, 'utf8');
    writeFileSync(state, text.slice(0, Math.floor(text.length / 2))); // truncated
    const second = await boot(dir);
    expect(second.report.bootType).toBe('cold');
    expect(second.report.cold!.reason).toContain(state);
    expect(second.report.cold!.ops.create).toBeGreaterThan(385);
    await shutdown(dir, '--warm', second);
  });

  it('shutdown without a running agent fails with the reason', async () => {
    const r = await runCli(['shutdown', '--warm', '--state-dir', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no agent is running on/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
