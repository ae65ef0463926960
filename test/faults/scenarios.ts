/**
 * The swept scenarios, over an adapter under test: a cold apply, a delta, an interface move, a
 * warm boot (reload, replay of the ShutdownState under `fail`, release of unclaimed handles,
 * reconcile with the desired state) and a warm boot under a plan (plan, reload, plan executed).
 */
import {
  SwitchAgent,
  decodeSwitchState,
  stateFiles,
  warmBootProfile,
  type SwitchState,
} from '../../src/agent/index.js';
import {
  applyWarmBoot,
  loadWarmBootState,
  planWarmBoot,
  releaseUnclaimed,
  reload,
  type WarmBootState,
} from '../../src/warmboot/index.js';
import type { SaiStore } from '../../src/store/index.js';
import type { TestAdapter } from '../helpers/adapters.js';
import { coldBootSnapshot, stateDir } from '../helpers/agent.js';
import type { Scenario, ScenarioRun } from './sweep.js';

/** A cold agent on a fresh adapter (adapter-owned objects reloaded), with `setup` applied. */
function coldAgent(under: TestAdapter, setup: SwitchState | undefined) {
  const adapter = under.open();
  const agent = new SwitchAgent(adapter);
  reload(agent.store);
  if (setup) agent.apply(setup);
  return { adapter, agent };
}

/** Applying `target` to an agent that applied `from` (cold apply when `from` is undefined). */
export function applyScenario(
  under: TestAdapter,
  name: string,
  from: SwitchState | undefined,
  target: SwitchState,
): Scenario {
  return {
    name,
    expected: coldBootSnapshot(under.createAdapter(), target),
    start(): ScenarioRun {
      const { adapter, agent } = coldAgent(under, from);
      return {
        adapter,
        act: () => void agent.apply(target),
        readOnlyPhase: () => false,
        retry: () => void agent.apply(target),
        agent: () => agent,
        close: () => adapter.shutdown({ warm: false }),
      };
    },
  };
}

/**
 * Cold boots `from` into a state directory, adds two objects the agent does not own (a route to a
 * next hop of its own, made through the store: unclaimed at replay, released, the route first and
 * then the next hop it held), and shuts down warm.
 */
function warmState(under: TestAdapter, from: SwitchState): { dir: string; state: WarmBootState } {
  const dir = stateDir();
  const { agent } = SwitchAgent.boot({ createAdapter: under.createAdapter(), desired: from, stateDir: dir });
  const store = agent.store;
  const vrId = agent.adapter.switchDefaults().defaultVirtualRouterId;
  const rifId = [...store.get('ROUTER_INTERFACE')][0].oid;
  const nh = store
    .get('NEXT_HOP')
    .setObject({ rifId, ip: '100.64.0.99' }, { type: 'IP', ip: '100.64.0.99', routerInterfaceId: rifId });
  store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '198.18.0.0/24' }, { nextHopId: nh.oid });
  nh.release();
  agent.warmShutdown(dir);
  const loaded = loadWarmBootState(stateFiles(dir).state);
  if (loaded.kind !== 'state') throw new Error('no warm state written');
  return { dir, state: loaded.state };
}

/** A warm boot from `from` to `target`: reload, replay under `fail`, release, reconcile. */
export function warmBootScenario(under: TestAdapter, from: SwitchState, target: SwitchState): Scenario {
  const { dir, state } = warmState(under, from);
  return {
    name: 'warm boot',
    expected: coldBootSnapshot(under.createAdapter(), target),
    start(): ScenarioRun {
      const adapter = under.createAdapter()('warm', warmBootProfile(dir, 'warm'));
      let agent = new SwitchAgent(adapter);
      let phase = 'start';
      const replay = () => {
        const shutdownState = decodeSwitchState(state.shutdownState, agent.interner);
        agent.store.withWritePolicy('fail', () => agent.apply(shutdownState));
      };
      return {
        adapter,
        act: () => {
          phase = 'reload';
          reload(agent.store, { state });
          phase = 'replay';
          replay();
          phase = 'release';
          releaseUnclaimed(agent.store);
          phase = 'reconcile';
          agent.apply(target);
          phase = 'done';
        },
        readOnlyPhase: () => phase === 'reload',
        retry: () => {
          if (phase === 'reload') {
            agent = new SwitchAgent(adapter);
            reload(agent.store, { state });
            replay();
          } else if (phase === 'replay') {
            replay();
          }
          releaseUnclaimed(agent.store);
          agent.apply(target);
        },
        agent: () => agent,
        close: () => adapter.shutdown({ warm: false }),
      };
    },
  };
}

/** A warm boot from `from` to `target` under a plan (replay of `target` itself, as `--plan` does). */
export function planScenario(under: TestAdapter, from: SwitchState, target: SwitchState): Scenario {
  const { dir, state } = warmState(under, from);
  return {
    name: 'warm boot under plan',
    expected: coldBootSnapshot(under.createAdapter(), target),
    start(): ScenarioRun {
      const adapter = under.createAdapter()('warm', warmBootProfile(dir, 'warm'));
      let agent = new SwitchAgent(adapter);
      let phase = 'start';
      const replay = (store: SaiStore) => void (store === agent.store ? agent : new SwitchAgent(store)).apply(target);
      const all = () => {
        phase = 'plan';
        const plan = planWarmBoot(adapter, state, replay);
        phase = 'reload';
        reload(agent.store, { state });
        phase = 'execute';
        applyWarmBoot(agent.store, plan, replay);
        phase = 'done';
      };
      return {
        adapter,
        act: all,
        readOnlyPhase: () => phase === 'plan' || phase === 'reload',
        retry: () => {
          if (phase === 'plan' || phase === 'reload') {
            agent = new SwitchAgent(adapter);
            all();
            return;
          }
          agent.apply(target);
          releaseUnclaimed(agent.store);
        },
        agent: () => agent,
        close: () => adapter.shutdown({ warm: false }),
      };
    },
  };
}
