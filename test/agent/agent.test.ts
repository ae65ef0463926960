import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeSaiAdapter } from '../../src/adapter/index.js';
import { SaiStatus } from '../../src/sai/index.js';
import {
  DesiredStateError,
  RouteActionInterner,
  RouteTable,
  type RouteAction,
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

describe('route programming in chunks', () => {
  it('a failure in the second chunk of new routes keeps the first; applying again converges, nothing leaks', () => {
    const routes = Array.from({ length: 10_000 }, (_, i) => ({ prefix: `20.${i >> 8}.${i & 255}.0/24` }));
    const desired = syntheticTopology(routes, undefined, { rifs: 2, neighborsPerRif: 2, groups: 4 });
    const empty = { ...desired, routes: { v4: RouteTable.empty<RouteAction>(), v6: RouteTable.empty<RouteAction>() } };
    const { agent } = SwitchAgent.boot({ createAdapter, desired: empty });
    const fake = agent.adapter as FakeSaiAdapter;
    let n = 0;
    fake.injectFault({
      when: (c) => c.op === 'create' && c.objectType === 'ROUTE_ENTRY' && ++n === 9000,
      status: SaiStatus.TABLE_FULL,
    });
    expect(() => agent.apply(desired)).toThrow(/TABLE_FULL/);
    const interfaceRoutes = 2 * 4;
    expect(fake.objectCount('ROUTE_ENTRY')).toBe(interfaceRoutes + 8192);
    fake.clearFaults();
    agent.apply(desired);
    expect(fake.objectCount('ROUTE_ENTRY')).toBe(interfaceRoutes + 10_000);
    expect(agent.counts.routes).toBe(10_000);
    agent.apply(empty);
    expect(fake.objectCount('ROUTE_ENTRY')).toBe(interfaceRoutes);
    expect(fake.objectCount('NEXT_HOP_GROUP')).toBe(0);
    expect(fake.objectCount('NEXT_HOP_GROUP_MEMBER')).toBe(0);
  });
});
