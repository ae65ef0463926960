/**
 * Warm boots of the topologies of `cases.ts` (weights above 1, trap and drop routes, several
 * groups per table, groups with unresolved next hops, vlans, bridge ports, port settings) and of
 * all of them at once: cold boot, warm shutdown, warm boot with the identical state must write
 * nothing (counted by our own recorder at the adapter), keep every object and id, and leave what
 * is written out by hand; a warm boot into a changed state writes exactly the change.
 */
import { expect, it } from 'vitest';
import type { RouterInterfaceConfig } from '../../src/agent/index.js';
import { describeEachAdapter } from '../helpers/adapters.js';
import { adapterDump } from '../helpers/adapter-dump.js';
import { stateDir } from '../helpers/agent.js';
import { adapterPicture } from '../oracle/adapter-picture.js';
import { boot, coldShutdown, recorded, warmShutdown } from '../oracle/boots.js';
import { WriteRecorder } from '../oracle/recorder.js';
import { buildState, type StateSpec } from '../oracle/states.js';
import { modelPicture, switchModel } from '../oracle/switch-model.js';
import { CASES, expectedLines, PORTS, TRANSITIONS, type Case } from './cases.js';

const zero = { create: 0, set: 0, remove: 0 };

/** Every case at once (an unresolved next hop of one case is resolved by another's neighbor). */
const ALL: Case = (() => {
  const spec: StateSpec = {
    ports: Object.assign({}, ...CASES.map((c) => c.spec.ports ?? {})),
    vlans: Object.assign({}, ...CASES.map((c) => c.spec.vlans ?? {})),
    // An interface of several cases gets the addresses of all of them.
    rifs: [
      ...CASES.flatMap((c) => c.spec.rifs ?? [])
        .reduce((m, r) => {
          const had = m.get(r.name)?.addresses ?? [];
          return m.set(r.name, { ...r, addresses: [...new Set([...had, ...r.addresses])] });
        }, new Map<string, RouterInterfaceConfig>())
        .values(),
    ],
    neighbors: [...new Map(CASES.flatMap((c) => c.spec.neighbors ?? []).map((n) => [`${n[0]}|${n[1]}`, n])).values()],
    routes: Object.assign({}, ...CASES.map((c) => c.spec.routes ?? {})),
  };
  return { name: 'all of them', spec, lines: [], configuredPorts: [2, 3], coldWrites: {} };
})();

describeEachAdapter('warm boot of written-out topologies', (under) => {
  for (const c of [...CASES, ALL]) {
    it(`identical state, zero writes, same objects and ids: ${c.name}`, () => {
      const recorder = new WriteRecorder();
      const createAdapter = recorded(under.createAdapter(PORTS), recorder);
      const desired = buildState(c.spec);
      // For the combined topology the lines come from the model (checked against the hand-written ones in agent-programs).
      const lines = c === ALL ? modelPicture(switchModel(desired, { ports: PORTS })) : expectedLines(c);
      const dir = stateDir();
      const cold = boot(createAdapter, desired, { stateDir: dir });
      expect(cold.report.bootType).toBe('cold');
      expect(adapterPicture(cold.agent.adapter)).toEqual(lines);
      const dump = adapterDump(cold.agent.adapter);
      warmShutdown(cold.agent, dir);
      recorder.take();

      const warm = boot(createAdapter, buildState(c.spec), { stateDir: dir, keepState: true });
      try {
        expect(warm.report.bootType, warm.report.coldReason).toBe('warm');
        expect(recorder.take()).toEqual({});
        expect(warm.report.ops).toEqual(zero);
        expect(warm.report.applyOps).toEqual(zero);
        expect(adapterPicture(warm.agent.adapter)).toEqual(lines);
        expect(adapterDump(warm.agent.adapter)).toEqual(dump);
        warmShutdown(warm.agent, dir);
      } catch (e) {
        coldShutdown(warm.agent);
        throw e;
      }

      // Again, planned first: the plan is empty and nothing is written.
      const planned = boot(createAdapter, buildState(c.spec), { stateDir: dir, plan: true });
      try {
        expect(planned.report.bootType).toBe('warm');
        expect(planned.report.plan!.ops).toEqual([]);
        expect(recorder.take()).toEqual({});
        expect(adapterDump(planned.agent.adapter)).toEqual(dump);
      } finally {
        coldShutdown(planned.agent);
      }
    });
  }

  for (const t of TRANSITIONS) {
    it(`warm boot into a changed state writes exactly the change: ${t.name}`, () => {
      const recorder = new WriteRecorder();
      const createAdapter = recorded(under.createAdapter(PORTS), recorder);
      const dir = stateDir();
      const cold = boot(createAdapter, buildState(t.from.spec), { stateDir: dir });
      const before = adapterPicture(cold.agent.adapter);
      warmShutdown(cold.agent, dir);
      recorder.take();
      const warm = boot(createAdapter, buildState(t.to), { stateDir: dir });
      try {
        expect(warm.report.bootType, warm.report.coldReason).toBe('warm');
        expect(warm.report.ops).toEqual(zero);
        expect(recorder.take()).toEqual(t.writes);
        const expected = [...before.filter((l) => !t.removed.includes(l)), ...t.added].sort();
        expect(adapterPicture(warm.agent.adapter)).toEqual(expected);
      } finally {
        coldShutdown(warm.agent);
      }
    });
  }
});
