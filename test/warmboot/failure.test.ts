/**
 * Failures in the middle of a warm boot and of applying a delta, injected by the instrumented
 * adapter, on each adapter under test (fake, and the FFI adapter on libsaivs).
 */
import { describe, expect, it } from 'vitest';
import type { InstrumentedAdapter } from '../../src/adapter/index.js';
import { SwitchAgent, emptySwitchState, syntheticTopology, updateState, neighborKey } from '../../src/agent/index.js';
import { SaiStatus, SaiStatusError } from '../../src/sai/index.js';
import { WarmBootPlanError } from '../../src/warmboot/index.js';
import { describeEachAdapter, type TestAdapter } from '../helpers/adapters.js';
import { coldBootSnapshot, stateDir } from '../helpers/agent.js';
import { expectAdapterMatchesStore, snapshot } from '../helpers/snapshot.js';

const a = syntheticTopology(
  Array.from({ length: 300 }, (_, i) => ({ prefix: `10.${i >> 8}.${i & 255}.0/24` })),
  undefined,
  { rifs: 4, neighborsPerRif: 2, groups: 6 },
);
const b = updateState(
  syntheticTopology(
    Array.from({ length: 300 }, (_, i) => ({ prefix: `10.${(i + 100) >> 8}.${(i + 100) & 255}.0/24` })),
    undefined,
    { rifs: 4, neighborsPerRif: 2, groups: 5 },
  ),
  (d) => void d.neighbors.delete(neighborKey('Ethernet0', '100.64.0.10')),
);

/** The snapshot of a cold boot of `b`, once per adapter (taken before a test opens its own). */
const coldB = new Map<string, string[]>();
function coldSnapshotOfB(under: TestAdapter): string[] {
  let s = coldB.get(under.name);
  if (!s) coldB.set(under.name, (s = coldBootSnapshot(under.createAdapter(), b)));
  return s;
}

describeEachAdapter('failures', (under) => {
  describe('a failure in the middle of a warm boot', () => {
    it('gives a typed error and a consistent store; warm booting again converges', () => {
      const expected = coldSnapshotOfB(under);
      const dir = stateDir();
      SwitchAgent.boot({ createAdapter: under.createAdapter(), desired: a, stateDir: dir }).agent.warmShutdown(dir);
      let failed: InstrumentedAdapter | undefined;
      let err: unknown;
      try {
        SwitchAgent.boot({
          createAdapter: (t, profile) => {
            failed = under.createAdapter()(t, profile);
            // Fail the 60th write: after reload's reads, in the middle of the writes.
            let writes = 0;
            failed.injectFault({ when: (c) => c.op !== 'get' && ++writes === 60, status: SaiStatus.TABLE_FULL });
            return failed;
          },
          desired: b,
          stateDir: dir,
          replay: 'desired',
          replayPolicy: 'allow',
        });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SaiStatusError);
      expect((err as SaiStatusError).statusName).toBe('TABLE_FULL');
      // The switch goes down warm as it is (some of B written, some of A removed), and boots again
      // from the same saved state, reloading what the adapter holds beyond it.
      failed!.clearFaults();
      failed!.shutdown({ warm: true });
      const { agent, report } = SwitchAgent.boot({
        createAdapter: under.createAdapter(),
        desired: b,
        stateDir: dir,
        replay: 'desired',
        replayPolicy: 'allow',
        enumerateAdapter: true,
      });
      expect(report.bootType).toBe('warm');
      expect(report.reload!.keysFrom).toBe('state+adapter');
      expect(snapshot(agent.store)).toEqual(expected);
      expectAdapterMatchesStore(agent.store, agent.adapter);
    });

    it.each([1, 40, 97, 150, 230, 300])(
      'a failure at write %i of applying a delta: the store and the adapter agree, and applying again converges',
      (at) => {
        const expected = coldSnapshotOfB(under);
        const dir = stateDir();
        SwitchAgent.boot({ createAdapter: under.createAdapter(), desired: a, stateDir: dir }).agent.warmShutdown(dir);
        const { agent } = SwitchAgent.boot({ createAdapter: under.createAdapter(), desired: a, stateDir: dir });
        const adapter = agent.adapter as InstrumentedAdapter;
        let writes = 0;
        adapter.injectFault({
          when: (c) => c.op !== 'get' && ++writes === at,
          status: SaiStatus.INSUFFICIENT_RESOURCES,
        });
        let err: unknown;
        try {
          agent.apply(b);
        } catch (e) {
          err = e;
        }
        expect(writes).toBeGreaterThanOrEqual(at);
        expectAdapterMatchesStore(agent.store, adapter);
        if (err === undefined) {
          // A remove: it went to the store's retry list, and the retry at the end of apply succeeded.
          expect(agent.state).toBe(b);
          expect(agent.store.pendingRemoves).toEqual([]);
        } else {
          expect(err).toBeInstanceOf(SaiStatusError);
          expect(agent.state).not.toBe(b);
        }
        adapter.clearFaults();
        agent.apply(b);
        expect(snapshot(agent.store)).toEqual(expected);
        expectAdapterMatchesStore(agent.store, adapter);
        // Nothing leaked: going to the empty state removes every object the agent made.
        agent.apply(emptySwitchState());
        for (const type of [
          'ROUTE_ENTRY',
          'NEIGHBOR_ENTRY',
          'NEXT_HOP',
          'NEXT_HOP_GROUP',
          'NEXT_HOP_GROUP_MEMBER',
          'ROUTER_INTERFACE',
        ] as const) {
          expect(adapter.objectCount(type), type).toBe(0);
        }
      },
    );

    it('a plan over its limit is refused before the first write', () => {
      const dir = stateDir();
      SwitchAgent.boot({ createAdapter: under.createAdapter(), desired: a, stateDir: dir }).agent.warmShutdown(dir);
      let adapter: InstrumentedAdapter | undefined;
      expect(() =>
        SwitchAgent.boot({
          createAdapter: (t, profile) => (adapter = under.createAdapter()(t, profile)),
          desired: b,
          stateDir: dir,
          replay: 'desired',
          replayPolicy: 'allow',
          plan: true,
          maxPlanOps: 10,
        }),
      ).toThrow(WarmBootPlanError);
      expect(adapter!.writes().total).toBe(0);
    });
  });
});
