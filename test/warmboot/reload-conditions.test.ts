/**
 * Reload reads only the attributes whose condition holds (as FBOSS does): a PORT router interface's
 * VLAN_ID, a VLAN interface's PORT_ID, a PORT bridge port's BRIDGE_ID are never asked. A vendor that
 * answers a value for one anyway (here: 0 for every attribute that does not apply) used to make the
 * replay throw CreateOnlyAttributeError; reload no longer asks, and replay writes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { SaiAdapter } from '../../src/adapter/adapter.js';
import { FakeSaiAdapter } from '../../src/adapter/index.js';
import { SwitchAgent } from '../../src/agent/index.js';
import type { AdapterKey, SaiObjectType } from '../../src/sai/index.js';
import type { ReadValue } from '../../src/sai/value.js';
import { SaiStore } from '../../src/store/index.js';
import { ALL_TRAITS } from '../../src/traits/index.js';
import { reload } from '../../src/warmboot/index.js';
import { stateFromStore } from '../../src/warmboot/state.js';
import { VLANS } from '../expect/cases.js';
import { buildState, portRif } from '../oracle/states.js';

/** Every get the store made: type, key, attribute ids. */
type GetCall = { type: SaiObjectType; key: AdapterKey; ids: readonly number[] };

/**
 * The fake, recording gets; with `answerAll`, an attribute whose condition does not hold answers 0
 * (or 0n) instead of no value, as a vendor may.
 */
function spied(inner: FakeSaiAdapter, answerAll: boolean): { adapter: SaiAdapter; gets: GetCall[] } {
  const gets: GetCall[] = [];
  const adapter = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'get') {
        return (type: SaiObjectType, key: AdapterKey, ids: readonly number[]): ReadValue[] => {
          gets.push({ type, key, ids: [...ids] });
          const values = target.get(type, key, ids);
          if (!answerAll) return values;
          const traits = ALL_TRAITS[type];
          return values.map((v, i) => {
            const m = traits.attrById.get(ids[i]);
            if (v !== undefined || !m?.condition) return v;
            return m.kind === 'oid' ? 0n : 0;
          });
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { adapter, gets };
}

const desired = buildState({
  ...VLANS.spec,
  rifs: [...(VLANS.spec.rifs ?? []), portRif(0, '100.64.0.1/24')],
  neighbors: [...(VLANS.spec.neighbors ?? []), ['Ethernet0', '100.64.0.10', '02:00:00:00:00:0a']],
});

/** Programs `desired` on a fresh fake; answers the fake and the state to reload with. */
function programmed() {
  const fake = new FakeSaiAdapter({ ports: 4 });
  const agent = new SwitchAgent(fake);
  reload(agent.store, { cold: true });
  agent.apply(desired);
  return { fake, state: stateFromStore(agent.store, null) };
}

const RIF_PORT_ID = 2;
const RIF_VLAN_ID = 3;
const RIF_OUTER_VLAN_ID = 4;
const BRIDGE_PORT_BRIDGE_ID = 6;

describe('reload reads the attributes whose condition holds', () => {
  it('a PORT interface is not asked its VLAN_ID, a VLAN interface not its PORT_ID, a PORT bridge port not its BRIDGE_ID', () => {
    const { fake, state } = programmed();
    const { adapter, gets } = spied(fake, false);
    const store = new SaiStore(adapter);
    reload(store, { state });
    const rifs = [...store.get('ROUTER_INTERFACE')];
    expect(rifs.map((r) => r.attributes.type).sort()).toEqual(['PORT', 'VLAN']);
    for (const rif of rifs) {
      const asked = gets.filter((g) => g.type === 'ROUTER_INTERFACE' && g.key === rif.oid).flatMap((g) => g.ids);
      expect(asked).not.toContain(RIF_OUTER_VLAN_ID);
      if (rif.attributes.type === 'PORT') {
        expect(asked).toContain(RIF_PORT_ID);
        expect(asked).not.toContain(RIF_VLAN_ID);
      } else {
        expect(asked).toContain(RIF_VLAN_ID);
        expect(asked).not.toContain(RIF_PORT_ID);
      }
    }
    const bridgePorts = gets.filter((g) => g.type === 'BRIDGE_PORT');
    expect(bridgePorts.length).toBeGreaterThan(0);
    for (const g of bridgePorts) expect(g.ids).not.toContain(BRIDGE_PORT_BRIDGE_ID);
    // One get per object for types without conditional attributes.
    expect(gets.filter((g) => g.type === 'NEXT_HOP_GROUP').length).toBe(store.get('NEXT_HOP_GROUP').size);
  });

  it('a vendor answering values for attributes that do not apply: replay writes nothing, no CreateOnlyAttributeError', () => {
    const { fake, state } = programmed();
    const { adapter } = spied(fake, true);
    // Without the condition filter, a PORT interface would read VLAN_ID = 0 and the replay refuse it.
    const rifIds = (state.adapterKeys.get('ROUTER_INTERFACE') as { ids: readonly bigint[] }).ids;
    expect(rifIds.some((id) => adapter.get('ROUTER_INTERFACE', id, [RIF_PORT_ID, RIF_VLAN_ID]).includes(0n))).toBe(
      true,
    );
    const store = new SaiStore(adapter);
    reload(store, { state });
    const agent = new SwitchAgent(store);
    store.withWritePolicy('fail', () => agent.apply(desired));
    expect(store.writeCounts).toEqual({ create: 0, set: 0, remove: 0 });
  });
});
