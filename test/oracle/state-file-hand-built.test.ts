/**
 * The warm boot state file and the agent's ShutdownState checked against files written by hand
 * (their documented layouts: src/warmboot/state-file.ts, src/agent/shutdown-state.ts), not only
 * against their own decoders: encoding a state gives the hand-written text byte for byte, and
 * decoding the hand-written text gives the state (weights, trap and drop, both families, ports,
 * vlans, interfaces, neighbors).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeSwitchState, encodeSwitchState, type RouteAction, type SwitchState } from '../../src/agent/index.js';
import {
  decodeWarmBootState,
  encodeWarmBootState,
  WARM_BOOT_STATE_VERSION,
  type WarmBootState,
} from '../../src/warmboot/index.js';
import { buildState } from './states.js';

const SWITCH = 0x2100000000000001n;
const VR = 0x2103000000000002n;

/** A state written out by hand. */
const STATE: WarmBootState = {
  version: 1,
  switchId: SWITCH,
  adapterKeys: new Map([
    ['NEXT_HOP', { kind: 'oid', ids: [0x2104000000000007n, 0x2104000000000008n] }],
    ['ROUTE_ENTRY', { kind: 'entry', scopes: new Map([[VR, ['10.0.0.0/8', '2001:db8::/32']]]) }],
  ]),
  hostKeys: new Map([
    [
      'NEXT_HOP_GROUP',
      new Map<bigint, unknown>([
        [0x2105000000000009n, { members: [{ nextHop: { rifId: 0x2106000000000003n, ip: '10.0.0.1' }, weight: 2 }] }],
      ]),
    ],
  ]),
  shutdownState: { hello: ['x', 1] },
};

/** The same state as the file's text, by hand: a JSON header line, then the body. */
const BODY =
  '{"adapterKeys":{"NEXT_HOP":"2104000000000007,2104000000000008","ROUTE_ENTRY":{"2103000000000002":"10.0.0.0/8\\n2001:db8::/32"}},' +
  '"hostKeys":{"NEXT_HOP_GROUP":{"2105000000000009":{"members":[{"nextHop":{"rifId":"#b2106000000000003","ip":"10.0.0.1"},"weight":2}]}}},' +
  '"shutdownState":{"hello":["x",1]}}';
const TEXT = `{"format":"saistore-warm-boot","version":1,"switchId":"0x2100000000000001","bodyBytes":${Buffer.byteLength(BODY)},"sha256":"${createHash('sha256').update(BODY).digest('hex')}"}\n${BODY}`;

describe('the warm boot state file against a hand-written one', () => {
  it('is at version 1', () => {
    expect(WARM_BOOT_STATE_VERSION).toBe(1);
  });

  it('encodes a state as the hand-written text, byte for byte', () => {
    expect(encodeWarmBootState(STATE)).toBe(TEXT);
  });

  it('decodes the hand-written text to the state', () => {
    expect(decodeWarmBootState('hand-written', TEXT, SWITCH)).toEqual(STATE);
  });

  it('refuses the hand-written text for another switch, or with its body changed', () => {
    expect(() => decodeWarmBootState('hand-written', TEXT, SWITCH + 1n)).toThrow(/saved for switch 0x2100000000000001/);
    expect(() => decodeWarmBootState('hand-written', TEXT.replace('10.0.0.0/8', '10.0.0.0/9'))).toThrow(
      /checksum mismatch/,
    );
  });
});

/** The ShutdownState of `SPEC`, by hand (format saistore-switch-state-1: routes as columns per action). */
const SHUTDOWN_STATE = {
  format: 'saistore-switch-state-1',
  ports: [[1, true, 9100, 40000]],
  vlans: [
    [
      100,
      [
        [2, true],
        [3, false],
      ],
    ],
  ],
  routerInterfaces: [
    { name: 'Ethernet0', port: 0, mac: '02:00:00:00:01:00', mtu: 9100, addresses: ['100.64.0.1/24', 'fd00::1/64'] },
    { name: 'Vlan100', vlan: 100, mac: '02:00:00:00:64:00', mtu: 1500, addresses: ['192.168.100.1/24'] },
  ],
  neighbors: [
    ['Ethernet0', '100.64.0.10', '02:00:00:00:00:0a'],
    ['Vlan100', '192.168.100.20', '02:00:00:00:64:14'],
  ],
  actions: [
    {
      kind: 'forward',
      nextHops: [
        ['Ethernet0', '100.64.0.10', 3],
        ['Vlan100', '192.168.100.20', 1],
      ],
    },
    { kind: 'trap' },
    { kind: 'drop' },
    { kind: 'forward', nextHops: [['Ethernet0', 'fd00::a', 2]] },
  ],
  routes: {
    v4: ['10.0.0.0/8\n10.1.0.0/16', '192.0.2.0/24', '198.51.100.0/24', ''],
    v6: ['', '2001:db8:1::/48', '', '2001:db8::/32'],
  },
};

const SPEC = buildState({
  ports: { 1: { admin: true, mtu: 9100, speed: 40000 } },
  vlans: {
    100: [
      [2, 'tagged'],
      [3, 'untagged'],
    ],
  },
  rifs: [
    { name: 'Ethernet0', port: 0, mac: '02:00:00:00:01:00', mtu: 9100, addresses: ['100.64.0.1/24', 'fd00::1/64'] },
    { name: 'Vlan100', vlan: 100, mac: '02:00:00:00:64:00', mtu: 1500, addresses: ['192.168.100.1/24'] },
  ],
  neighbors: [
    ['Ethernet0', '100.64.0.10', '02:00:00:00:00:0a'],
    ['Vlan100', '192.168.100.20', '02:00:00:00:64:14'],
  ],
  routes: {
    '10.0.0.0/8': [
      ['Ethernet0', '100.64.0.10', 3],
      ['Vlan100', '192.168.100.20', 1],
    ],
    '10.1.0.0/16': [
      ['Vlan100', '192.168.100.20', 1],
      ['Ethernet0', '100.64.0.10', 3],
    ],
    '192.0.2.0/24': 'trap',
    '198.51.100.0/24': 'drop',
    '2001:db8:1::/48': 'trap',
    '2001:db8::/32': [['Ethernet0', 'fd00::a', 2]],
  },
});

/** Every route of a state as `prefix -> action` text, sorted: the order-free content. */
function routeLines(s: SwitchState): string[] {
  const text = (a: RouteAction) =>
    a.kind === 'forward'
      ? `forward ${a.nextHops
          .map((n) => `${n.rif}/${n.ip}*${n.weight}`)
          .sort()
          .join(',')}`
      : a.kind;
  return (['v4', 'v6'] as const).flatMap((f) => [...s.routes[f].entries()].map(([p, a]) => `${p} ${text(a)}`)).sort();
}

/** An encoded ShutdownState without its order: routes as `prefix -> action`, the rest as given. */
function normalized(e: unknown) {
  const x = e as typeof SHUTDOWN_STATE;
  const routes = (['v4', 'v6'] as const)
    .flatMap((f) =>
      x.routes[f].flatMap((col, i) =>
        col === '' ? [] : col.split('\n').map((p) => `${p} ${JSON.stringify(x.actions[i])}`),
      ),
    )
    .sort();
  return { ...x, actions: undefined, routes };
}

describe('the ShutdownState against a hand-written one', () => {
  it('decodes the hand-written state: weights, trap and drop, both families, layer 2 and interfaces', () => {
    const s = decodeSwitchState(SHUTDOWN_STATE);
    expect(routeLines(s)).toEqual([
      '10.0.0.0/8 forward Ethernet0/100.64.0.10*3,Vlan100/192.168.100.20*1',
      '10.1.0.0/16 forward Ethernet0/100.64.0.10*3,Vlan100/192.168.100.20*1',
      '192.0.2.0/24 trap',
      '198.51.100.0/24 drop',
      '2001:db8:1::/48 trap',
      '2001:db8::/32 forward Ethernet0/fd00::a*2',
    ]);
    expect([...s.ports]).toEqual([[1, { adminState: true, mtu: 9100, speed: 40000 }]]);
    expect([...s.vlans]).toEqual([
      [
        100,
        {
          id: 100,
          members: [
            { port: 2, tagged: true },
            { port: 3, tagged: false },
          ],
        },
      ],
    ]);
    expect([...s.routerInterfaces.values()]).toEqual(SHUTDOWN_STATE.routerInterfaces);
    expect([...s.neighbors.values()]).toEqual([
      { rif: 'Ethernet0', ip: '100.64.0.10', mac: '02:00:00:00:00:0a' },
      { rif: 'Vlan100', ip: '192.168.100.20', mac: '02:00:00:00:64:14' },
    ]);
    // Routes that share an ECMP set share one action.
    expect(s.routes.v4.get('10.0.0.0/8')).toBe(s.routes.v4.get('10.1.0.0/16'));
  });

  it('encodes the state as the hand-written one (up to the order of actions and routes)', () => {
    expect(normalized(encodeSwitchState(SPEC))).toEqual(normalized(SHUTDOWN_STATE));
    expect(routeLines(SPEC)).toEqual(routeLines(decodeSwitchState(SHUTDOWN_STATE)));
  });

  it('refuses a weight of 0 and a route naming a missing action', () => {
    const bad = structuredClone(SHUTDOWN_STATE);
    bad.actions[3] = { kind: 'forward', nextHops: [['Ethernet0', 'fd00::a', 0]] };
    expect(() => decodeSwitchState(bad)).toThrow(/ShutdownState/);
    const missing = structuredClone(SHUTDOWN_STATE);
    missing.routes.v4.push('203.0.113.0/24');
    expect(() => decodeSwitchState(missing)).toThrow(/routes name action 4, which does not exist/);
  });
});
