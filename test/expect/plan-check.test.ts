/**
 * A warm boot executed against its plan refuses any write that leaves the plan, before it reaches
 * the adapter: a write that differs from the planned one, a write past the plan's end, and an
 * execution that stops short of it each throw `WarmBootPlanError`, and the adapter holds exactly
 * the writes executed before (read through SAI, counted by our own recorder). On both adapters.
 */
import { expect, it } from 'vitest';
import { SwitchAgent, type SwitchState } from '../../src/agent/index.js';
import { SaiStore } from '../../src/store/index.js';
import { applyWarmBoot, planWarmBoot, reload } from '../../src/warmboot/index.js';
import { describeEachAdapter, type TestAdapter } from '../helpers/adapters.js';
import { adapterPicture } from '../oracle/adapter-picture.js';
import { WriteRecorder } from '../oracle/recorder.js';
import { buildState, defaultPortLines, portRif } from '../oracle/states.js';

const PORTS = 2;

/** A fresh recorded adapter of `under` and a store reloaded from it (its default objects). */
function reloaded(under: TestAdapter) {
  const recorder = new WriteRecorder();
  const adapter = recorder.wrap(under.open({ ports: PORTS }));
  const store = new SaiStore(adapter);
  reload(store);
  return { recorder, adapter, store };
}

/** The replay a plan is made of: the agent applying `state` to a store. */
const replayOf = (state: SwitchState) => (store: SaiStore) => void new SwitchAgent(store).apply(state);

const withMtu = (mtu: number) => buildState({ rifs: [{ ...portRif(0, '100.64.0.1/24'), mtu }] });

describeEachAdapter('the plan check of a warm boot', (under) => {
  it('a write that differs from the planned one is refused before it reaches the adapter', () => {
    const { recorder, adapter, store } = reloaded(under);
    const plan = planWarmBoot(adapter, undefined, replayOf(withMtu(9100)));
    expect(plan.counts).toEqual({ create: 3, set: 0, remove: 0 });
    expect(recorder.take()).toEqual({}); // planning writes nothing
    expect(() => applyWarmBoot(store, plan, replayOf(withMtu(1500)))).toThrow(
      expect.objectContaining({
        kind: 'WarmBootPlanError',
        message: expect.stringMatching(/write 1 departs from the plan/),
      }),
    );
    expect(recorder.take()).toEqual({});
    expect(adapterPicture(adapter)).toEqual(defaultPortLines(PORTS));
    adapter.shutdown({ warm: false });
  });

  it('the writes before the departing one are executed, nothing after', () => {
    const { recorder, adapter, store } = reloaded(under);
    // Planned: the interface and its two routes; executed: the same interface with another address.
    const planned = buildState({ rifs: [portRif(0, '100.64.0.1/24')] });
    const executed = buildState({ rifs: [portRif(0, '100.64.9.1/24')] });
    const plan = planWarmBoot(adapter, undefined, replayOf(planned));
    expect(() => applyWarmBoot(store, plan, replayOf(executed))).toThrow(/write 2 departs from the plan/);
    expect(recorder.take()).toEqual({ 'create ROUTER_INTERFACE': 1 });
    expect(adapterPicture(adapter)).toEqual(
      [...defaultPortLines(PORTS), 'ROUTER_INTERFACE rif(port0) mac=02:00:00:00:01:00 mtu=9100'].sort(),
    );
    adapter.shutdown({ warm: false });
  });

  it('a write past the end of the plan is refused', () => {
    const { recorder, adapter, store } = reloaded(under);
    const plan = planWarmBoot(adapter, undefined, () => {});
    expect(plan.ops).toEqual([]);
    expect(() => applyWarmBoot(store, plan, replayOf(withMtu(9100)))).toThrow(/write 1 is not in the plan/);
    expect(recorder.take()).toEqual({});
    expect(adapterPicture(adapter)).toEqual(defaultPortLines(PORTS));
    adapter.shutdown({ warm: false });
  });

  it('an execution that stops short of the plan is refused', () => {
    const { recorder, adapter, store } = reloaded(under);
    const plan = planWarmBoot(adapter, undefined, replayOf(withMtu(9100)));
    expect(() => applyWarmBoot(store, plan, () => {})).toThrow(/executed 0 of 3 planned operations/);
    expect(recorder.take()).toEqual({});
    adapter.shutdown({ warm: false });
  });

  it('an execution equal to its plan runs to the end', () => {
    const { recorder, adapter, store } = reloaded(under);
    const plan = planWarmBoot(adapter, undefined, replayOf(withMtu(9100)));
    const r = applyWarmBoot(store, plan, replayOf(withMtu(9100)));
    expect(r.executed.map((w) => `${w.op} ${w.objectType}`)).toEqual([
      'create ROUTER_INTERFACE',
      'create ROUTE_ENTRY',
      'create ROUTE_ENTRY',
    ]);
    expect(recorder.take()).toEqual({ 'create ROUTER_INTERFACE': 1, 'create ROUTE_ENTRY': 2 });
    adapter.shutdown({ warm: false });
  });
});
