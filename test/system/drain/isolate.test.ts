/**
 * SAI_SWITCH_ATTR_SWITCH_ISOLATE (215) through the store, on the fake adapter and on the C virtual
 * switch through FFI: one write to change it, none when unchanged, kept across a warm boot with zero
 * writes, and FBOSS's order (drain before a delta, undrain after it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SwitchAgent, syntheticTopology } from '../../../src/index.js';
import { applyWithIsolation, setSwitchIsolate, switchIsolated } from '../../../src/system/drain/isolate.js';
import { describeEachAdapter } from '../../helpers/adapters.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'isolate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describeEachAdapter('switch isolation', (adapter) => {
  const desired = syntheticTopology([{ prefix: '10.0.0.0/8' }, { prefix: '2001:db8::/32' }]);
  const createAdapter = adapter.createAdapter(32);

  it('one write to change, none when equal, read back from the adapter', () => {
    const { agent } = SwitchAgent.boot({ createAdapter, desired, stateDir: dir });
    expect(switchIsolated(agent.store)).toBe(false);
    const w = agent.countWrites(() => {
      expect(setSwitchIsolate(agent.store, true)).toBe(true);
      expect(setSwitchIsolate(agent.store, true)).toBe(false);
    });
    expect(w).toEqual({ create: 0, set: 1, remove: 0 });
    const [value] = agent.adapter.get('SWITCH', agent.adapter.switchId, [215]);
    expect(value).toBe(true);
    agent.adapter.shutdown({ warm: false });
  });

  it('survives a warm boot with zero writes; an undrain after it is one write', () => {
    const first = SwitchAgent.boot({ createAdapter, desired, stateDir: dir });
    setSwitchIsolate(first.agent.store, true);
    first.agent.warmShutdown(dir);
    const { agent, report } = SwitchAgent.boot({ createAdapter, desired, stateDir: dir });
    expect(report.bootType).toBe('warm');
    expect(switchIsolated(agent.store)).toBe(true);
    const same = agent.countWrites(() => applyWithIsolation(agent.store, true, () => agent.apply(desired)));
    expect(same).toEqual({ create: 0, set: 0, remove: 0 });
    const undrain = agent.countWrites(() => applyWithIsolation(agent.store, false, () => agent.apply(desired)));
    expect(undrain).toEqual({ create: 0, set: 1, remove: 0 });
    agent.adapter.shutdown({ warm: false });
  });

  it('a drain is written before the delta, an undrain after it', () => {
    const { agent } = SwitchAgent.boot({ createAdapter, desired: syntheticTopology([]), stateDir: dir });
    const log: string[] = [];
    const stop = agent.store.watchWrites({ before: (w) => void log.push(`${w.op} ${w.objectType}`) });
    applyWithIsolation(agent.store, true, () => agent.apply(desired));
    expect(log[0]).toBe('set SWITCH');
    expect(log.slice(1).every((l) => l !== 'set SWITCH')).toBe(true);
    log.length = 0;
    applyWithIsolation(agent.store, false, () => agent.apply(syntheticTopology([{ prefix: '10.0.0.0/8' }])));
    expect(log.at(-1)).toBe('set SWITCH');
    expect(log.slice(0, -1)).toContain('remove ROUTE_ENTRY');
    stop();
    agent.adapter.shutdown({ warm: false });
  });
});
