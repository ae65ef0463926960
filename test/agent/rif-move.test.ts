/**
 * A router interface moved to another port (or to a vlan) is another ROUTER_INTERFACE: its
 * neighbors, next hops, the groups naming them and the routes on those groups move with it, the
 * new objects made before the old ones go. Exact operations, in order, with every object named by
 * what it is (ports by index, next hops by ip and port), not by id.
 */
import { describe, expect, it } from 'vitest';
import { FakeSaiAdapter } from '../../src/adapter/index.js';
import {
  RouteActionInterner,
  RouteTable,
  SwitchAgent,
  emptySwitchState,
  syntheticBase,
  updateState,
  type RouteAction,
  type SwitchState,
} from '../../src/agent/index.js';
import type { SaiStore, StoreWrite } from '../../src/store/index.js';
import { reload } from '../../src/warmboot/index.js';
import { describeEachAdapter } from '../helpers/adapters.js';
import { coldBootSnapshot } from '../helpers/agent.js';
import { snapshot } from '../helpers/snapshot.js';
import { nonOwnedObjects, refCountDifferences, storeAdapterDifferences } from '../faults/consistency.js';

const interner = new RouteActionInterner();
const base = syntheticBase({ rifs: 2, neighborsPerRif: 1 });
const n0 = { rif: 'Ethernet0', ip: '100.64.0.10', weight: 1 };
const n1 = { rif: 'Ethernet1', ip: '100.64.1.10', weight: 2 };
const routes: [string, RouteAction][] = [
  ['10.1.0.0/16', interner.forward([n0, n1])],
  ['10.3.0.0/16', interner.forward([n0])],
];
const before: SwitchState = { ...base, routes: { v4: RouteTable.from(routes), v6: RouteTable.empty() } };

/** Names objects by what they are, at the time of a write (the objects it names still exist then). */
function namer(store: SaiStore) {
  const ports = store.adapter.switchDefaults().portList;
  const port = (oid: bigint) => `port${ports.indexOf(oid)}`;
  const rif = (oid: bigint): string => {
    const hk = store.byOid(oid)!.hostKey as { portId?: bigint; vlanId?: bigint };
    if (hk.portId !== undefined) return `rif@${port(hk.portId)}`;
    return `rif@vlan${(store.byOid(hk.vlanId!)!.hostKey as number).toString()}`;
  };
  const nh = (hk: { rifId: bigint; ip: string }) => `${hk.ip}@${rif(hk.rifId)}`;
  const group = (hk: { members: { nextHop: { rifId: bigint; ip: string }; weight: number }[] }) =>
    `[${hk.members.map((m) => `${nh(m.nextHop)}*${m.weight}`).join(' ')}]`;
  const oid = (v: bigint): string => {
    const o = store.byOid(v)!;
    switch (o.objectType) {
      case 'ROUTER_INTERFACE':
        return rif(v);
      case 'NEXT_HOP':
        return nh(o.hostKey as never);
      case 'NEXT_HOP_GROUP':
        return `group${group(o.hostKey as never)}`;
      default:
        return o.objectType;
    }
  };
  return (w: StoreWrite): string => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const hk = w.hostKey as any;
    let what: string;
    switch (w.objectType) {
      case 'ROUTER_INTERFACE':
        what = rif(store.get('ROUTER_INTERFACE').find(hk as never)!.oid);
        break;
      case 'ROUTE_ENTRY':
        what = (hk as { prefix: string }).prefix;
        break;
      case 'NEIGHBOR_ENTRY':
      case 'NEXT_HOP':
        what = nh(hk);
        break;
      case 'NEXT_HOP_GROUP':
        what = group(hk);
        break;
      case 'NEXT_HOP_GROUP_MEMBER':
        what = `${oid((hk as { groupId: bigint }).groupId)} ${oid((hk as { nextHopId: bigint }).nextHopId)}`;
        break;
      case 'VLAN':
        what = String(hk);
        break;
      case 'BRIDGE_PORT':
        what = port(hk.portId);
        break;
      case 'VLAN_MEMBER':
        what = `vlan${store.byOid(hk.vlanId)!.hostKey as number} ${port((store.byOid(hk.bridgePortId)!.hostKey as { portId: bigint }).portId)}`;
        break;
      default:
        what = '?';
    }
    return w.op === 'set'
      ? `set ${w.objectType} ${what} ${w.attribute}=${oid(w.value as bigint)}`
      : `${w.op} ${w.objectType} ${what}`;
  };
}

/** A create of a router interface is named by the port or vlan its host key names. */
function renderWrites(store: SaiStore): { writes: string[]; stop: () => void } {
  const name = namer(store);
  const ports = store.adapter.switchDefaults().portList;
  const writes: string[] = [];
  const stop = store.watchWrites({
    before: (w) => {
      if (w.objectType === 'ROUTER_INTERFACE' && w.op === 'create') {
        const hk = w.hostKey as { portId?: bigint; vlanId?: bigint };
        writes.push(
          `create ROUTER_INTERFACE rif@${hk.portId !== undefined ? `port${ports.indexOf(hk.portId)}` : `vlan${store.byOid(hk.vlanId!)!.hostKey as number}`}`,
        );
        return;
      }
      writes.push(name(w));
    },
  });
  return { writes, stop };
}

describeEachAdapter('router interface move', (under) => {
  const moves: [string, SwitchState, string][] = [
    [
      'to another port',
      updateState(
        before,
        (d) => void d.routerInterfaces.set('Ethernet1', { ...d.routerInterfaces.get('Ethernet1')!, port: 5 }),
      ),
      'rif@port5',
    ],
    [
      'from a port to a vlan',
      updateState(before, (d) => {
        d.vlans.set(300, { id: 300, members: [{ port: 6, tagged: true }] });
        const { port: _port, ...rest } = d.routerInterfaces.get('Ethernet1')!;
        d.routerInterfaces.set('Ethernet1', { ...rest, vlan: 300 });
      }),
      'rif@vlan300',
    ],
  ];
  for (const [title, after, rifNew] of moves) {
    it(`${title}: neighbors, next hops, groups and routes move with it (exact operations)`, () => {
      const cold = coldBootSnapshot(under.createAdapter(), after);
      const adapter = under.open();
      const agent = new SwitchAgent(adapter);
      reload(agent.store);
      agent.apply(before);
      const { writes, stop } = renderWrites(agent.store);
      agent.apply(after);
      stop();
      const old = 'rif@port1';
      const vlan =
        rifNew === 'rif@vlan300'
          ? ['create VLAN 300', 'create BRIDGE_PORT port6', 'create VLAN_MEMBER vlan300 port6']
          : [];
      const expected = [
        // The vlan first, when the interface moves onto one.
        ...vlan,
        `create ROUTER_INTERFACE ${rifNew}`,
        // Its connected routes follow it; its ip2me routes (to the CPU port) do not change.
        `set ROUTE_ENTRY 100.64.1.0/24 nextHopId=${rifNew}`,
        `set ROUTE_ENTRY fd00:0:0:1::/64 nextHopId=${rifNew}`,
        // Its neighbors and next hops, made anew on it.
        `create NEIGHBOR_ENTRY 100.64.1.10@${rifNew}`,
        `create NEXT_HOP 100.64.1.10@${rifNew}`,
        `create NEIGHBOR_ENTRY fd00:0:0:1::a@${rifNew}`,
        `create NEXT_HOP fd00:0:0:1::a@${rifNew}`,
        // The group naming one of them: a new host key, a new group with all its members.
        `create NEXT_HOP_GROUP [100.64.0.10@rif@port0*1 100.64.1.10@${rifNew}*2]`,
        `create NEXT_HOP_GROUP_MEMBER group[100.64.0.10@rif@port0*1 100.64.1.10@${rifNew}*2] 100.64.0.10@rif@port0`,
        `create NEXT_HOP_GROUP_MEMBER group[100.64.0.10@rif@port0*1 100.64.1.10@${rifNew}*2] 100.64.1.10@${rifNew}`,
        // Its route moves to it (10.3.0.0/16's group names no next hop on the interface: untouched).
        `set ROUTE_ENTRY 10.1.0.0/16 nextHopId=group[100.64.0.10@rif@port0*1 100.64.1.10@${rifNew}*2]`,
        // Then the old objects go, children first.
        `remove NEXT_HOP_GROUP_MEMBER group[100.64.0.10@rif@port0*1 100.64.1.10@${old}*2] 100.64.0.10@rif@port0`,
        `remove NEXT_HOP_GROUP_MEMBER group[100.64.0.10@rif@port0*1 100.64.1.10@${old}*2] 100.64.1.10@${old}`,
        `remove NEXT_HOP_GROUP [100.64.0.10@rif@port0*1 100.64.1.10@${old}*2]`,
        `remove NEIGHBOR_ENTRY 100.64.1.10@${old}`,
        `remove NEXT_HOP 100.64.1.10@${old}`,
        `remove NEIGHBOR_ENTRY fd00:0:0:1::a@${old}`,
        `remove NEXT_HOP fd00:0:0:1::a@${old}`,
        `remove ROUTER_INTERFACE ${old}`,
      ];
      expect(writes).toEqual(expected);
      expect(snapshot(agent.store)).toEqual(cold);
      expect([
        ...storeAdapterDifferences(agent.store, adapter),
        ...refCountDifferences(agent.store, agent.holdings()),
      ]).toEqual([]);
      agent.apply(emptySwitchState());
      expect(nonOwnedObjects(agent.store, adapter)).toEqual([]);
    });
  }
});

describe('router interface move, then the same state again', () => {
  it('writes nothing: the move is complete', () => {
    const after = updateState(before, (d) => {
      d.routerInterfaces.set('Ethernet1', { ...d.routerInterfaces.get('Ethernet1')!, port: 5 });
    });
    const { agent } = SwitchAgent.boot({
      createAdapter: (_t, profile) => new FakeSaiAdapter({ profile }),
      desired: before,
    });
    agent.apply(after);
    const w = agent.store.writeCounts;
    agent.apply(
      updateState(after, (d) => {
        d.ports.clear();
      }),
    );
    expect(agent.store.writeCounts).toEqual(w);
  });
});
