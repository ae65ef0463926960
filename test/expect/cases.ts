/**
 * Desired states and what the adapter must hold for each, written out by hand: the expectation
 * tables of `agent-programs.test.ts` and `warm-boot-topologies.test.ts`. Lines are as
 * `adapterPicture` prints them (test/oracle/adapter-picture.ts); ports not listed hold SAI's
 * defaults. Switches have 4 front-panel ports.
 */
import type { WriteTally } from '../oracle/recorder.js';
import { defaultPortLines, portRif, type StateSpec } from '../oracle/states.js';

/** Front-panel ports of the switches these cases run on. */
export const PORTS = 4;

/** A desired state and what the adapter holds after a cold boot of it. */
export interface Case {
  readonly name: string;
  readonly spec: StateSpec;
  /** Every line of the adapter's picture except default ports. */
  readonly lines: readonly string[];
  /** Ports with a configuration (their lines are in `lines`). */
  readonly configuredPorts?: readonly number[];
  /** The writes of the cold boot. */
  readonly coldWrites: WriteTally;
}

const E0 = '100.64.0.10';
const E1 = '100.64.1.10';
const G3_1 = 'group{rif(port0)/100.64.0.10*3,rif(port1)/100.64.1.10*1}';

/** IPv4, weighted ECMP: two routes share a set of weights 3 and 1, a third has one member of weight 2. */
export const WEIGHTED_V4: Case = {
  name: 'IPv4 weighted ECMP: a shared group with weights 3 and 1, a one-member group of weight 2',
  spec: {
    rifs: [portRif(0, '100.64.0.1/24'), portRif(1, '100.64.1.1/24')],
    neighbors: [
      ['Ethernet0', E0, '02:00:00:00:00:0a'],
      ['Ethernet1', E1, '02:00:00:00:00:0b'],
    ],
    routes: {
      '10.0.0.0/8': [
        ['Ethernet0', E0, 3],
        ['Ethernet1', E1, 1],
      ],
      '10.1.0.0/16': [
        ['Ethernet1', E1, 1],
        ['Ethernet0', E0, 3],
      ],
      '10.2.0.0/16': [['Ethernet1', E1, 2]],
    },
  },
  lines: [
    'ROUTER_INTERFACE rif(port0) mac=02:00:00:00:01:00 mtu=9100',
    'ROUTER_INTERFACE rif(port1) mac=02:00:00:00:01:01 mtu=9100',
    'ROUTE_ENTRY 100.64.0.0/24 action=FORWARD next=rif(port0)',
    'ROUTE_ENTRY 100.64.0.1/32 action=FORWARD next=cpu',
    'ROUTE_ENTRY 100.64.1.0/24 action=FORWARD next=rif(port1)',
    'ROUTE_ENTRY 100.64.1.1/32 action=FORWARD next=cpu',
    'NEIGHBOR_ENTRY rif(port0)/100.64.0.10 mac=02:00:00:00:00:0a action=FORWARD',
    'NEIGHBOR_ENTRY rif(port1)/100.64.1.10 mac=02:00:00:00:00:0b action=FORWARD',
    'NEXT_HOP rif(port0)/100.64.0.10 type=IP',
    'NEXT_HOP rif(port1)/100.64.1.10 type=IP',
    'NEXT_HOP_GROUP {rif(port0)/100.64.0.10*3,rif(port1)/100.64.1.10*1} type=DYNAMIC_UNORDERED_ECMP',
    'NEXT_HOP_GROUP {rif(port1)/100.64.1.10*2} type=DYNAMIC_UNORDERED_ECMP',
    `ROUTE_ENTRY 10.0.0.0/8 action=FORWARD next=${G3_1}`,
    `ROUTE_ENTRY 10.1.0.0/16 action=FORWARD next=${G3_1}`,
    'ROUTE_ENTRY 10.2.0.0/16 action=FORWARD next=group{rif(port1)/100.64.1.10*2}',
  ],
  coldWrites: {
    'create NEIGHBOR_ENTRY': 2,
    'create NEXT_HOP': 2,
    'create NEXT_HOP_GROUP': 2,
    'create NEXT_HOP_GROUP_MEMBER': 3,
    'create ROUTE_ENTRY': 7,
    'create ROUTER_INTERFACE': 2,
  },
};

/** IPv4 and IPv6 side by side: forwarding over weighted sets, trap and drop in both families. */
export const TRAP_AND_DROP: Case = {
  name: 'IPv4 and IPv6: forward (weight 2 on IPv6), trap and drop in each family',
  spec: {
    rifs: [portRif(0, '100.64.0.1/24', 'fd00::1/64')],
    neighbors: [
      ['Ethernet0', E0, '02:00:00:00:00:0a'],
      ['Ethernet0', 'fd00::a', '02:00:00:00:00:6a'],
    ],
    routes: {
      '2001:db8::/32': [['Ethernet0', 'fd00::a', 2]],
      '2001:db8:1::/48': 'trap',
      '2001:db8:2::/48': 'drop',
      '192.0.2.0/24': 'trap',
      '198.51.100.0/24': 'drop',
      '203.0.113.0/24': [['Ethernet0', E0, 1]],
    },
  },
  lines: [
    'ROUTER_INTERFACE rif(port0) mac=02:00:00:00:01:00 mtu=9100',
    'ROUTE_ENTRY 100.64.0.0/24 action=FORWARD next=rif(port0)',
    'ROUTE_ENTRY 100.64.0.1/32 action=FORWARD next=cpu',
    'ROUTE_ENTRY fd00::/64 action=FORWARD next=rif(port0)',
    'ROUTE_ENTRY fd00::1/128 action=FORWARD next=cpu',
    'NEIGHBOR_ENTRY rif(port0)/100.64.0.10 mac=02:00:00:00:00:0a action=FORWARD',
    'NEIGHBOR_ENTRY rif(port0)/fd00::a mac=02:00:00:00:00:6a action=FORWARD',
    'NEXT_HOP rif(port0)/100.64.0.10 type=IP',
    'NEXT_HOP rif(port0)/fd00::a type=IP',
    'NEXT_HOP_GROUP {rif(port0)/100.64.0.10*1} type=DYNAMIC_UNORDERED_ECMP',
    'NEXT_HOP_GROUP {rif(port0)/fd00::a*2} type=DYNAMIC_UNORDERED_ECMP',
    'ROUTE_ENTRY 2001:db8::/32 action=FORWARD next=group{rif(port0)/fd00::a*2}',
    'ROUTE_ENTRY 2001:db8:1::/48 action=TRAP next=null',
    'ROUTE_ENTRY 2001:db8:2::/48 action=DROP next=null',
    'ROUTE_ENTRY 192.0.2.0/24 action=TRAP next=null',
    'ROUTE_ENTRY 198.51.100.0/24 action=DROP next=null',
    'ROUTE_ENTRY 203.0.113.0/24 action=FORWARD next=group{rif(port0)/100.64.0.10*1}',
  ],
  coldWrites: {
    'create NEIGHBOR_ENTRY': 2,
    'create NEXT_HOP': 2,
    'create NEXT_HOP_GROUP': 2,
    'create NEXT_HOP_GROUP_MEMBER': 2,
    'create ROUTE_ENTRY': 10,
    'create ROUTER_INTERFACE': 1,
  },
};

/** Groups listing next hops whose neighbor is not (yet) known: members only for the resolved ones. */
export const UNRESOLVED: Case = {
  name: 'groups with unresolved next hops: members for resolved ones only, a group with none',
  spec: {
    rifs: [portRif(0, '100.64.0.1/24'), portRif(1, '100.64.1.1/24')],
    neighbors: [['Ethernet0', E0, '02:00:00:00:00:0a']],
    routes: {
      '10.0.0.0/8': [
        ['Ethernet0', E0, 1],
        ['Ethernet1', E1, 1],
      ],
      '10.3.0.0/16': [['Ethernet1', E1, 4]],
    },
  },
  lines: [
    'ROUTER_INTERFACE rif(port0) mac=02:00:00:00:01:00 mtu=9100',
    'ROUTER_INTERFACE rif(port1) mac=02:00:00:00:01:01 mtu=9100',
    'ROUTE_ENTRY 100.64.0.0/24 action=FORWARD next=rif(port0)',
    'ROUTE_ENTRY 100.64.0.1/32 action=FORWARD next=cpu',
    'ROUTE_ENTRY 100.64.1.0/24 action=FORWARD next=rif(port1)',
    'ROUTE_ENTRY 100.64.1.1/32 action=FORWARD next=cpu',
    'NEIGHBOR_ENTRY rif(port0)/100.64.0.10 mac=02:00:00:00:00:0a action=FORWARD',
    'NEXT_HOP rif(port0)/100.64.0.10 type=IP',
    'NEXT_HOP_GROUP {rif(port0)/100.64.0.10*1} type=DYNAMIC_UNORDERED_ECMP',
    'NEXT_HOP_GROUP {} type=DYNAMIC_UNORDERED_ECMP',
    'ROUTE_ENTRY 10.0.0.0/8 action=FORWARD next=group{rif(port0)/100.64.0.10*1}',
    'ROUTE_ENTRY 10.3.0.0/16 action=FORWARD next=group{}',
  ],
  coldWrites: {
    'create NEIGHBOR_ENTRY': 1,
    'create NEXT_HOP': 1,
    'create NEXT_HOP_GROUP': 2,
    'create NEXT_HOP_GROUP_MEMBER': 1,
    'create ROUTE_ENTRY': 6,
    'create ROUTER_INTERFACE': 2,
  },
};

/** Layer 2 and ports: two vlans sharing a port, bridge ports, a vlan interface, port settings. */
export const VLANS: Case = {
  name: 'vlans: bridge ports, tagged and untagged members, a vlan interface, port settings',
  spec: {
    ports: { 2: { admin: true, mtu: 9100, speed: 40000 }, 3: { admin: false, mtu: 1500, speed: 100000 } },
    vlans: {
      100: [
        [2, 'tagged'],
        [3, 'untagged'],
      ],
      200: [[3, 'tagged']],
    },
    rifs: [{ name: 'Vlan100', vlan: 100, mac: '02:00:00:00:64:00', mtu: 1500, addresses: ['192.168.100.1/24'] }],
    neighbors: [['Vlan100', '192.168.100.20', '02:00:00:00:64:14']],
    routes: { '172.16.0.0/12': [['Vlan100', '192.168.100.20', 1]] },
  },
  configuredPorts: [2, 3],
  lines: [
    'PORT port2 admin=true mtu=9100 speed=40000',
    'PORT port3 admin=false mtu=1500 speed=100000',
    'VLAN vlan100',
    'VLAN vlan200',
    'BRIDGE_PORT bridgePort(port2) type=PORT admin=true',
    'BRIDGE_PORT bridgePort(port3) type=PORT admin=true',
    'VLAN_MEMBER vlan100/bridgePort(port2) tagging=TAGGED',
    'VLAN_MEMBER vlan100/bridgePort(port3) tagging=UNTAGGED',
    'VLAN_MEMBER vlan200/bridgePort(port3) tagging=TAGGED',
    'ROUTER_INTERFACE rif(vlan100) mac=02:00:00:00:64:00 mtu=1500',
    'ROUTE_ENTRY 192.168.100.0/24 action=FORWARD next=rif(vlan100)',
    'ROUTE_ENTRY 192.168.100.1/32 action=FORWARD next=cpu',
    'NEIGHBOR_ENTRY rif(vlan100)/192.168.100.20 mac=02:00:00:00:64:14 action=FORWARD',
    'NEXT_HOP rif(vlan100)/192.168.100.20 type=IP',
    'NEXT_HOP_GROUP {rif(vlan100)/192.168.100.20*1} type=DYNAMIC_UNORDERED_ECMP',
    'ROUTE_ENTRY 172.16.0.0/12 action=FORWARD next=group{rif(vlan100)/192.168.100.20*1}',
  ],
  coldWrites: {
    'create BRIDGE_PORT': 2,
    'create NEIGHBOR_ENTRY': 1,
    'create NEXT_HOP': 1,
    'create NEXT_HOP_GROUP': 1,
    'create NEXT_HOP_GROUP_MEMBER': 1,
    'create ROUTE_ENTRY': 3,
    'create ROUTER_INTERFACE': 1,
    'create VLAN': 2,
    'create VLAN_MEMBER': 3,
    // port2: speed, admin state, MTU; port3: MTU (admin down and 100000 are what it has).
    'set PORT#31': 1,
    'set PORT#34': 1,
    'set PORT#54': 2,
  },
};

/** Every cold-boot case. */
export const CASES: readonly Case[] = [WEIGHTED_V4, TRAP_AND_DROP, UNRESOLVED, VLANS];

/** A change from one case's state: the lines that go and come, and the exact writes. */
export interface Transition {
  readonly name: string;
  readonly from: Case;
  readonly to: StateSpec;
  readonly removed: readonly string[];
  readonly added: readonly string[];
  readonly writes: WriteTally;
}

const withRoutes = (c: Case, routes: StateSpec['routes']): StateSpec => ({
  ...c.spec,
  routes: { ...c.spec.routes, ...routes },
});

/** Changes, each from a case's cold-booted state. */
export const TRANSITIONS: readonly Transition[] = [
  {
    name: 'a weight changes: a new group and member, the route moves, the old group goes',
    from: WEIGHTED_V4,
    to: withRoutes(WEIGHTED_V4, { '10.2.0.0/16': [['Ethernet1', E1, 5]] }),
    removed: [
      'NEXT_HOP_GROUP {rif(port1)/100.64.1.10*2} type=DYNAMIC_UNORDERED_ECMP',
      'ROUTE_ENTRY 10.2.0.0/16 action=FORWARD next=group{rif(port1)/100.64.1.10*2}',
    ],
    added: [
      'NEXT_HOP_GROUP {rif(port1)/100.64.1.10*5} type=DYNAMIC_UNORDERED_ECMP',
      'ROUTE_ENTRY 10.2.0.0/16 action=FORWARD next=group{rif(port1)/100.64.1.10*5}',
    ],
    writes: {
      'create NEXT_HOP_GROUP': 1,
      'create NEXT_HOP_GROUP_MEMBER': 1,
      'remove NEXT_HOP_GROUP': 1,
      'remove NEXT_HOP_GROUP_MEMBER': 1,
      'set ROUTE_ENTRY#2': 1,
    },
  },
  {
    name: 'trap becomes drop: one set of PACKET_ACTION',
    from: TRAP_AND_DROP,
    to: withRoutes(TRAP_AND_DROP, { '192.0.2.0/24': 'drop', '2001:db8:2::/48': 'trap' }),
    removed: ['ROUTE_ENTRY 192.0.2.0/24 action=TRAP next=null', 'ROUTE_ENTRY 2001:db8:2::/48 action=DROP next=null'],
    added: ['ROUTE_ENTRY 192.0.2.0/24 action=DROP next=null', 'ROUTE_ENTRY 2001:db8:2::/48 action=TRAP next=null'],
    writes: { 'set ROUTE_ENTRY#0': 2 },
  },
  {
    name: 'forward becomes trap: PACKET_ACTION and NEXT_HOP_ID set, the group and its member go',
    from: TRAP_AND_DROP,
    to: withRoutes(TRAP_AND_DROP, { '203.0.113.0/24': 'trap' }),
    removed: [
      'NEXT_HOP_GROUP {rif(port0)/100.64.0.10*1} type=DYNAMIC_UNORDERED_ECMP',
      'ROUTE_ENTRY 203.0.113.0/24 action=FORWARD next=group{rif(port0)/100.64.0.10*1}',
    ],
    added: ['ROUTE_ENTRY 203.0.113.0/24 action=TRAP next=null'],
    writes: {
      'remove NEXT_HOP_GROUP': 1,
      'remove NEXT_HOP_GROUP_MEMBER': 1,
      'set ROUTE_ENTRY#0': 1,
      'set ROUTE_ENTRY#2': 1,
    },
  },
  {
    name: 'drop becomes forward over a new weighted set',
    from: TRAP_AND_DROP,
    to: withRoutes(TRAP_AND_DROP, { '2001:db8:2::/48': [['Ethernet0', 'fd00::a', 7]] }),
    removed: ['ROUTE_ENTRY 2001:db8:2::/48 action=DROP next=null'],
    added: [
      'NEXT_HOP_GROUP {rif(port0)/fd00::a*7} type=DYNAMIC_UNORDERED_ECMP',
      'ROUTE_ENTRY 2001:db8:2::/48 action=FORWARD next=group{rif(port0)/fd00::a*7}',
    ],
    writes: {
      'create NEXT_HOP_GROUP': 1,
      'create NEXT_HOP_GROUP_MEMBER': 1,
      'set ROUTE_ENTRY#0': 1,
      'set ROUTE_ENTRY#2': 1,
    },
  },
  {
    name: 'a neighbor is learnt: both groups that list it gain a member, no route is written',
    from: UNRESOLVED,
    to: { ...UNRESOLVED.spec, neighbors: [...UNRESOLVED.spec.neighbors!, ['Ethernet1', E1, '02:00:00:00:00:0b']] },
    removed: [
      'NEXT_HOP_GROUP {rif(port0)/100.64.0.10*1} type=DYNAMIC_UNORDERED_ECMP',
      'NEXT_HOP_GROUP {} type=DYNAMIC_UNORDERED_ECMP',
      'ROUTE_ENTRY 10.0.0.0/8 action=FORWARD next=group{rif(port0)/100.64.0.10*1}',
      'ROUTE_ENTRY 10.3.0.0/16 action=FORWARD next=group{}',
    ],
    added: [
      'NEIGHBOR_ENTRY rif(port1)/100.64.1.10 mac=02:00:00:00:00:0b action=FORWARD',
      'NEXT_HOP rif(port1)/100.64.1.10 type=IP',
      'NEXT_HOP_GROUP {rif(port0)/100.64.0.10*1,rif(port1)/100.64.1.10*1} type=DYNAMIC_UNORDERED_ECMP',
      'NEXT_HOP_GROUP {rif(port1)/100.64.1.10*4} type=DYNAMIC_UNORDERED_ECMP',
      'ROUTE_ENTRY 10.0.0.0/8 action=FORWARD next=group{rif(port0)/100.64.0.10*1,rif(port1)/100.64.1.10*1}',
      'ROUTE_ENTRY 10.3.0.0/16 action=FORWARD next=group{rif(port1)/100.64.1.10*4}',
    ],
    writes: {
      'create NEIGHBOR_ENTRY': 1,
      'create NEXT_HOP': 1,
      'create NEXT_HOP_GROUP_MEMBER': 2,
    },
  },
  {
    name: 'a neighbor goes: its members go, the groups and routes stay',
    from: WEIGHTED_V4,
    to: { ...WEIGHTED_V4.spec, neighbors: [WEIGHTED_V4.spec.neighbors![0]] },
    removed: [
      'NEIGHBOR_ENTRY rif(port1)/100.64.1.10 mac=02:00:00:00:00:0b action=FORWARD',
      'NEXT_HOP rif(port1)/100.64.1.10 type=IP',
      'NEXT_HOP_GROUP {rif(port0)/100.64.0.10*3,rif(port1)/100.64.1.10*1} type=DYNAMIC_UNORDERED_ECMP',
      'NEXT_HOP_GROUP {rif(port1)/100.64.1.10*2} type=DYNAMIC_UNORDERED_ECMP',
      `ROUTE_ENTRY 10.0.0.0/8 action=FORWARD next=${G3_1}`,
      `ROUTE_ENTRY 10.1.0.0/16 action=FORWARD next=${G3_1}`,
      'ROUTE_ENTRY 10.2.0.0/16 action=FORWARD next=group{rif(port1)/100.64.1.10*2}',
    ],
    added: [
      'NEXT_HOP_GROUP {rif(port0)/100.64.0.10*3} type=DYNAMIC_UNORDERED_ECMP',
      'NEXT_HOP_GROUP {} type=DYNAMIC_UNORDERED_ECMP',
      'ROUTE_ENTRY 10.0.0.0/8 action=FORWARD next=group{rif(port0)/100.64.0.10*3}',
      'ROUTE_ENTRY 10.1.0.0/16 action=FORWARD next=group{rif(port0)/100.64.0.10*3}',
      'ROUTE_ENTRY 10.2.0.0/16 action=FORWARD next=group{}',
    ],
    writes: {
      'remove NEIGHBOR_ENTRY': 1,
      'remove NEXT_HOP': 1,
      'remove NEXT_HOP_GROUP_MEMBER': 2,
    },
  },
  {
    name: 'interface MTU and neighbor MAC change in place',
    from: TRAP_AND_DROP,
    to: {
      ...TRAP_AND_DROP.spec,
      rifs: [{ ...portRif(0, '100.64.0.1/24', 'fd00::1/64'), mtu: 1500 }],
      neighbors: [
        ['Ethernet0', E0, '02:00:00:00:00:0a'],
        ['Ethernet0', 'fd00::a', '02:00:00:00:00:6b'],
      ],
    },
    removed: [
      'ROUTER_INTERFACE rif(port0) mac=02:00:00:00:01:00 mtu=9100',
      'NEIGHBOR_ENTRY rif(port0)/fd00::a mac=02:00:00:00:00:6a action=FORWARD',
    ],
    added: [
      'ROUTER_INTERFACE rif(port0) mac=02:00:00:00:01:00 mtu=1500',
      'NEIGHBOR_ENTRY rif(port0)/fd00::a mac=02:00:00:00:00:6b action=FORWARD',
    ],
    writes: { 'set NEIGHBOR_ENTRY#0': 1, 'set ROUTER_INTERFACE#10': 1 },
  },
  {
    name: 'a vlan member turns untagged, another leaves; the bridge port stays (vlan 200 uses it)',
    from: VLANS,
    to: { ...VLANS.spec, vlans: { 100: [[2, 'untagged']], 200: [[3, 'tagged']] } },
    removed: [
      'VLAN_MEMBER vlan100/bridgePort(port2) tagging=TAGGED',
      'VLAN_MEMBER vlan100/bridgePort(port3) tagging=UNTAGGED',
    ],
    added: ['VLAN_MEMBER vlan100/bridgePort(port2) tagging=UNTAGGED'],
    writes: { 'remove VLAN_MEMBER': 1, 'set VLAN_MEMBER#2': 1 },
  },
  {
    name: 'port settings removed: admin state and MTU back to SAI defaults, the speed stays',
    from: VLANS,
    to: { ...VLANS.spec, ports: {} },
    removed: ['PORT port2 admin=true mtu=9100 speed=40000', 'PORT port3 admin=false mtu=1500 speed=100000'],
    added: ['PORT port2 admin=false mtu=1514 speed=40000', 'PORT port3 admin=false mtu=1514 speed=100000'],
    writes: { 'set PORT#34': 1, 'set PORT#54': 2 },
  },
];

/** The whole picture a case expects: its lines and the default ports, sorted. */
export function expectedLines(c: Case): string[] {
  return [...c.lines, ...defaultPortLines(PORTS, c.configuredPorts)].sort();
}
