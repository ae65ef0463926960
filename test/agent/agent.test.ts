import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeSaiAdapter } from '../../src/adapter/index.js';
import {
  DesiredStateError,
  RouteActionInterner,
  SwitchAgent,
  stateFiles,
  syntheticTopology,
  updateState,
} from '../../src/agent/index.js';
import { stateDir } from '../helpers/agent.js';

const createAdapter = (_t: 'cold' | 'warm', profile: Record<string, string>) =>
  new FakeSaiAdapter({ ports: 8, profile });
const base = syntheticTopology([{ prefix: '10.0.0.0/8' }], undefined, { rifs: 2, neighborsPerRif: 1, groups: 2 });

describe('SwitchAgent', () => {
  it("refuses a route that is a router interface's own route, naming both", () => {
    const clash = updateState(base, (d) => {
      d.routes.v4 = base.routes.v4.withChanges([['100.64.1.0/24', RouteActionInterner.DROP]]);
    });
    const { agent } = SwitchAgent.boot({ createAdapter, desired: base });
    expect(() => agent.apply(clash)).toThrow(DesiredStateError);
    expect(() => agent.apply(clash)).toThrow(
      "route 100.64.1.0/24 is router interface Ethernet1's own (connected or address) route",
    );
    const host = updateState(base, (d) => {
      d.routes.v4 = base.routes.v4.withChanges([['100.64.0.1/32', RouteActionInterner.TRAP]]);
    });
    expect(() => agent.apply(host)).toThrow(/100\.64\.0\.1\/32 is router interface Ethernet0's/);
    expect((agent.adapter as FakeSaiAdapter).objectCount('ROUTE_ENTRY')).toBe(1 + 2 * 4);
  });

  it('consumes the state file after a warm boot: a crash later cold boots', () => {
    const dir = stateDir();
    SwitchAgent.boot({ createAdapter, desired: base, stateDir: dir }).agent.warmShutdown(dir);
    const warm = SwitchAgent.boot({ createAdapter, desired: base, stateDir: dir });
    expect(warm.report.bootType).toBe('warm');
    expect(existsSync(stateFiles(dir).state)).toBe(false);
    expect(existsSync(`${stateFiles(dir).state}.used`)).toBe(true);
    // The agent "crashes" (no warm shutdown): the next boot is cold, saying why.
    const again = SwitchAgent.boot({ createAdapter, desired: base, stateDir: dir });
    expect(again.report).toMatchObject({ bootType: 'cold', coldReason: 'no warm state' });
  });

  it('keepState leaves the state file for another warm boot', () => {
    const dir = stateDir();
    SwitchAgent.boot({ createAdapter, desired: base, stateDir: dir }).agent.warmShutdown(dir);
    SwitchAgent.boot({ createAdapter, desired: base, stateDir: dir, keepState: true });
    expect(existsSync(stateFiles(dir).state)).toBe(true);
    expect(SwitchAgent.boot({ createAdapter, desired: base, stateDir: dir }).report.bootType).toBe('warm');
  });
});
