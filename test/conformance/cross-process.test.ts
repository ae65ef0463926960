/**
 * Warm boot across processes, on each adapter: process 1 (`warm-exit.child.ts program`) cold boots
 * the switch agent, programs 10,000 routes with their interfaces, neighbors, next hops and ECMP
 * groups, and exits warm: the agent's state file, then the adapter's warm shutdown (for vs by the
 * SAI protocol: RESTART_WARM, remove_switch writing SAI_WARM_BOOT_WRITE_FILE). Process 2
 * (`warm-exit.child.ts warm`) boots from those files, the adapter restoring from
 * SAI_WARM_BOOT_READ_FILE, and programs the same state with zero writes; the adapter holds the same
 * objects with the same ids and attributes as process 1 left.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachAdapter } from '../helpers/adapters.js';
import { stateDir } from '../helpers/agent.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = resolve(import.meta.dirname, 'warm-exit.child.ts');

/** Runs the child script in a new Node process and parses the JSON line it prints. */
function child(mode: 'program' | 'warm', adapter: string, dir: string): Record<string, any> {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', CHILD, mode, adapter, dir], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  const line = stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as Record<string, any>;
}

const ZERO = { create: 0, set: 0, remove: 0 };

describeEachAdapter('warm boot across processes', (under) => {
  it('process 1 programs and exits warm through the adapter warm boot file; process 2 warm boots with zero writes', () => {
    const dir = stateDir();
    const first = child('program', under.name, dir);
    expect(first).toMatchObject({ mode: 'program', adapter: under.name === 'vs' ? 'ffi' : 'fake', bootType: 'cold' });
    expect(first.writes.total).toBeGreaterThan(10_000);
    expect(first.objects.ROUTE_ENTRY).toBe(10_000 + 2 * 8 * 2);
    expect(first.stateFileBytes).toBeGreaterThan(0);
    expect(first.adapterFileBytes).toBeGreaterThan(0);
    // The adapter's own warm boot file: libsaivs's binary format, or the fake's text format.
    expect(first.adapterFileHead).toMatch(under.name === 'vs' ? /^SAIVSWRM/ : /^saistore-fake-warm/);

    const second = child('warm', under.name, dir);
    expect(second.pid).not.toBe(first.pid);
    expect(second).toMatchObject({
      mode: 'warm',
      bootType: 'warm',
      keysFrom: 'state',
      ops: ZERO,
      applyOps: ZERO,
      writes: { ...ZERO, total: 0 },
      switchId: first.switchId,
    });
    expect(second.coldReason).toBeUndefined();
    expect(second.reloaded).toBe(first.writes.create);
    for (const counters of Object.values(second.counters as Record<string, typeof ZERO>)) {
      expect(counters).toMatchObject(ZERO);
    }
    // Every object kept its id and attributes, and the store is the one process 1 had.
    expect(second.objects).toEqual(first.objects);
    expect(second.adapterObjects).toBe(first.adapterObjects);
    expect(second.adapterDigest).toBe(first.adapterDigest);
    expect(second.storeDigest).toBe(first.storeDigest);
  });
});
