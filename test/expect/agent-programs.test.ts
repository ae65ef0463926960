/**
 * Stated expectations: for each desired state of `cases.ts`, what the adapter holds after a cold
 * boot and the exact writes that put it there, written out by hand (weights, packet actions,
 * members, trap vs drop, IPv4 and IPv6, vlans and bridge ports); then changes from those states,
 * each with the lines that go and come and its exact writes. Read from the adapter through the
 * SAI interface only (`adapterPicture`), writes counted by a recorder of our own; on each adapter.
 * The plain model of test/oracle/switch-model.ts must give the same lines.
 */
import { expect, it } from 'vitest';
import { describeEachAdapter } from '../helpers/adapters.js';
import { adapterPicture } from '../oracle/adapter-picture.js';
import { boot, coldShutdown, recorded } from '../oracle/boots.js';
import { WriteRecorder } from '../oracle/recorder.js';
import { buildState } from '../oracle/states.js';
import { modelPicture, switchModel } from '../oracle/switch-model.js';
import { CASES, expectedLines, PORTS, TRANSITIONS } from './cases.js';

describeEachAdapter('the agent programs what is written out', (under) => {
  for (const c of CASES) {
    it(`cold boot: ${c.name}`, () => {
      const recorder = new WriteRecorder();
      const state = buildState(c.spec);
      const { agent } = boot(recorded(under.createAdapter(PORTS), recorder), state);
      try {
        expect(adapterPicture(agent.adapter)).toEqual(expectedLines(c));
        expect(recorder.take()).toEqual(c.coldWrites);
        expect(modelPicture(switchModel(state, { ports: PORTS }))).toEqual(expectedLines(c));
      } finally {
        coldShutdown(agent);
      }
    });
  }

  for (const t of TRANSITIONS) {
    it(`change: ${t.name}`, () => {
      const recorder = new WriteRecorder();
      const { agent } = boot(recorded(under.createAdapter(PORTS), recorder), buildState(t.from.spec));
      try {
        const before = adapterPicture(agent.adapter);
        expect(before).toEqual(expectedLines(t.from));
        for (const line of t.removed) expect(before, `${line} was there`).toContain(line);
        recorder.take();
        const next = buildState(t.to, agent.interner);
        agent.apply(next);
        const expected = [...before.filter((l) => !t.removed.includes(l)), ...t.added].sort();
        expect(adapterPicture(agent.adapter)).toEqual(expected);
        expect(recorder.take()).toEqual(t.writes);
        expect(modelPicture(switchModel(next, { ports: PORTS, previous: buildState(t.from.spec) }))).toEqual(expected);
        // Applying the same state again writes nothing.
        agent.apply(next);
        expect(recorder.take()).toEqual({});
      } finally {
        coldShutdown(agent);
      }
    });
  }
});
