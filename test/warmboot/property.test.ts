/**
 * fast-check: for random desired states A and B, cold boot A, warm shutdown, warm boot to B (plan,
 * then apply): the adapter then holds exactly what a cold boot of B holds, the number of writes
 * equals the object-level difference of A and B, and the plan equals what was executed.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  RouteActionInterner,
  RouteTable,
  SwitchAgent,
  emptySwitchState,
  neighborKey,
  type NeighborConfig,
  type RouteAction,
  type RouterInterfaceConfig,
  type SwitchState,
} from '../../src/agent/index.js';
import { describeWrite } from '../../src/store/index.js';
import { describeEachAdapter } from '../helpers/adapters.js';
import { coldBootSnapshot, stateDir } from '../helpers/agent.js';
import { expectAdapterMatchesStore, objectDifference, snapshot } from '../helpers/snapshot.js';

const RIFS = ['Ethernet0', 'Ethernet1', 'Ethernet2'];
const NEIGHBORS = RIFS.flatMap((rif, i) =>
  [0, 1].map((j) => ({ rif, ip: `100.64.${i}.${10 + j}`, mac: `02:00:00:00:0${i}:0${j}` })),
);
const PREFIXES = ['10.0.0.0/8', '10.1.0.0/16', '192.0.2.0/24', '198.51.100.0/24', '2001:db8::/32', '2001:db8:1::/48'];

const stateArb = fc
  .record({
    rifs: fc.subarray([0, 1, 2], { minLength: 1 }),
    mtus: fc.array(fc.constantFrom(1500, 9100), { minLength: 3, maxLength: 3 }),
    neighbors: fc.subarray([0, 1, 2, 3, 4, 5]),
    routes: fc.array(
      fc.record({
        prefix: fc.constantFrom(...PREFIXES),
        kind: fc.constantFrom('forward', 'forward', 'drop', 'trap'),
        nextHops: fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1, maxLength: 3 }),
        weight: fc.integer({ min: 1, max: 2 }),
      }),
      { maxLength: 6 },
    ),
  })
  .map((r): SwitchState => {
    const interner = new RouteActionInterner();
    const present = new Set(r.rifs.map((i) => RIFS[i]));
    const routerInterfaces = new Map<string, RouterInterfaceConfig>(
      r.rifs.map((i) => [
        RIFS[i],
        { name: RIFS[i], port: i, mac: `02:00:00:00:01:0${i}`, mtu: r.mtus[i], addresses: [`100.64.${i}.1/24`] },
      ]),
    );
    const neighbors = new Map<string, NeighborConfig>(
      r.neighbors
        .map((n) => NEIGHBORS[n])
        .filter((n) => present.has(n.rif))
        .map((n) => [neighborKey(n.rif, n.ip), n]),
    );
    const entries: [string, RouteAction][] = r.routes.map((x) => {
      const hops = x.nextHops.map((n) => NEIGHBORS[n]).filter((n) => present.has(n.rif));
      if (x.kind === 'drop' || (x.kind === 'forward' && hops.length === 0)) return [x.prefix, RouteActionInterner.DROP];
      if (x.kind === 'trap') return [x.prefix, RouteActionInterner.TRAP];
      return [x.prefix, interner.forward(hops.map((n) => ({ rif: n.rif, ip: n.ip, weight: x.weight })))];
    });
    return {
      ...emptySwitchState(),
      routerInterfaces,
      neighbors,
      routes: {
        v4: RouteTable.from(entries.filter(([p]) => !p.includes(':'))),
        v6: RouteTable.from(entries.filter(([p]) => p.includes(':'))),
      },
    };
  });

/** Runs per adapter (a vs run opens three libsai switches). */
const NUM_RUNS = { fake: 60, vs: 60 } as const;

describeEachAdapter('warm boot between random states (fast-check)', (under) => {
  it('cold A -> warm shutdown -> warm boot to B: adapter = cold B, writes = difference, plan = executed', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (a, b) => {
        // Cold B first: one vs adapter is open at a time, and the warm one is checked last.
        const snapB = coldBootSnapshot(under.createAdapter(4), b);
        const dir = stateDir();
        const cold = SwitchAgent.boot({ createAdapter: under.createAdapter(4), desired: a, stateDir: dir });
        const snapA = snapshot(cold.agent.store);
        cold.agent.warmShutdown(dir);
        const executed: string[] = [];
        const { agent, report } = SwitchAgent.boot({
          createAdapter: under.createAdapter(4),
          desired: b,
          stateDir: dir,
          replay: 'desired',
          replayPolicy: 'log',
          plan: true,
        });
        expect(report.bootType).toBe('warm');
        executed.push(...report.loggedWrites.map(describeWrite));
        expect(snapshot(agent.store)).toEqual(snapB);
        expectAdapterMatchesStore(agent.store, agent.adapter);
        const diff = objectDifference(snapA, snapB);
        expect(report.ops).toEqual(diff);
        expect(report.plan!.counts).toEqual(diff);
        expect(report.plan!.ops.map((o) => `${o.write.op} ${o.write.objectType}`)).toEqual(
          report.loggedWrites.map((w) => `${w.op} ${w.objectType}`),
        );
        expect(report.plan!.ops.length).toBe(executed.length);
      }),
      { numRuns: NUM_RUNS[under.name] },
    );
  });
});
