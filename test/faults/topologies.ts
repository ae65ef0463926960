/**
 * The small topologies the fault sweeps run: A (vlan, ports, weighted ECMP, drop and trap routes,
 * v4 and v6), B (A changed everywhere: routes added, removed and moved between groups, a neighbor
 * lost, a neighbor's MAC, an interface's MTU, a vlan's members, port settings), and M (A with one
 * interface moved to another port and one from a port to a vlan).
 */
import {
  RouteActionInterner,
  neighborKey,
  syntheticTopology,
  updateState,
  type SwitchState,
} from '../../src/agent/index.js';

const interner = new RouteActionInterner();

function routes(v4: number[], v6: number[]): { prefix: string }[] {
  return [
    ...v4.map((i) => ({ prefix: `10.0.${i}.0/24` })),
    ...v6.map((i) => ({ prefix: `2001:db8:${(i + 1).toString(16)}::/48` })),
  ];
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Ports, a vlan, weighted ECMP, drop and trap on top of a synthetic topology. */
function extras(s: SwitchState): SwitchState {
  return updateState(s, (d) => {
    d.ports.set(0, { adminState: true, mtu: 9100, speed: 100000 });
    d.ports.set(1, { adminState: true, mtu: 9100, speed: 100000 });
    d.vlans.set(100, {
      id: 100,
      members: [
        { port: 5, tagged: false },
        { port: 6, tagged: true },
      ],
    });
    d.routes.v4 = d.routes.v4.withChanges([
      ['192.0.2.0/24', RouteActionInterner.DROP],
      ['198.51.100.0/24', RouteActionInterner.TRAP],
      [
        '203.0.113.0/24',
        interner.forward([
          { rif: 'Ethernet0', ip: '100.64.0.10', weight: 2 },
          { rif: 'Ethernet1', ip: '100.64.1.10', weight: 1 },
        ]),
      ],
    ]);
  });
}

/** A: 3 interfaces, 2 neighbors each per family, 3 groups per family, 12 + 4 routes, and `extras`. */
export const A = extras(
  syntheticTopology(routes(range(0, 12), range(0, 4)), interner, { rifs: 3, neighborsPerRif: 2, groups: 3 }),
);

/** B: A changed (see the module comment). */
export const B = updateState(
  extras(syntheticTopology(routes(range(4, 16), range(2, 6)), interner, { rifs: 3, neighborsPerRif: 2, groups: 2 })),
  (d) => {
    d.neighbors.delete(neighborKey('Ethernet0', '100.64.0.11'));
    const n = d.neighbors.get(neighborKey('Ethernet1', '100.64.1.10'))!;
    d.neighbors.set(neighborKey('Ethernet1', '100.64.1.10'), { ...n, mac: '02:00:00:99:99:04' });
    const r = d.routerInterfaces.get('Ethernet2')!;
    d.routerInterfaces.set('Ethernet2', { ...r, mtu: 1500 });
    d.vlans.set(100, {
      id: 100,
      members: [
        { port: 6, tagged: false },
        { port: 7, tagged: true },
      ],
    });
    d.ports.set(0, { adminState: false, mtu: 1500, speed: 100000 });
    d.ports.delete(1);
    d.routes.v4 = d.routes.v4.withChanges([['192.0.2.0/24', RouteActionInterner.TRAP]]);
  },
);

/** M: A with Ethernet1 moved to port 9 and Ethernet2 from port 2 to vlan 100. */
export const M = updateState(A, (d) => {
  d.routerInterfaces.set('Ethernet1', { ...d.routerInterfaces.get('Ethernet1')!, port: 9 });
  const e2 = { ...d.routerInterfaces.get('Ethernet2')! };
  delete (e2 as { port?: number }).port;
  d.routerInterfaces.set('Ethernet2', { ...e2, vlan: 100 });
});
