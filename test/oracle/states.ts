/**
 * Desired states written compactly for table-driven tests:
 *
 *   buildState({
 *     ports: { 2: { admin: true, mtu: 9100, speed: 40000 } },
 *     vlans: { 100: [[2, 'tagged'], [3, 'untagged']] },
 *     rifs: [{ name: 'Ethernet0', port: 0, mac: '02:00:00:00:01:00', mtu: 9100, addresses: ['100.64.0.1/24'] }],
 *     neighbors: [['Ethernet0', '100.64.0.10', '02:00:00:00:00:0a']],
 *     routes: { '10.0.0.0/8': [['Ethernet0', '100.64.0.10', 3]], '192.0.2.0/24': 'trap' },
 *   })
 */
import {
  RouteActionInterner,
  RouteTable,
  emptySwitchState,
  neighborKey,
  type NeighborConfig,
  type PortConfig,
  type RouteAction,
  type RouterInterfaceConfig,
  type SwitchState,
  type VlanConfig,
} from '../../src/agent/index.js';

/** A route: drop, trap, or an ECMP set of (router interface, next hop ip, weight). */
export type RouteSpec = 'drop' | 'trap' | readonly (readonly [string, string, number])[];

/** A compact desired state. */
export interface StateSpec {
  readonly ports?: Readonly<Record<number, { admin: boolean; mtu: number; speed: number }>>;
  readonly vlans?: Readonly<Record<number, readonly (readonly [number, 'tagged' | 'untagged'])[]>>;
  readonly rifs?: readonly RouterInterfaceConfig[];
  readonly neighbors?: readonly (readonly [string, string, string])[];
  readonly routes?: Readonly<Record<string, RouteSpec>>;
}

/** The `SwitchState` of a spec (actions interned by `interner`). */
export function buildState(spec: StateSpec, interner = new RouteActionInterner()): SwitchState {
  const action = (r: RouteSpec): RouteAction =>
    r === 'drop'
      ? RouteActionInterner.DROP
      : r === 'trap'
        ? RouteActionInterner.TRAP
        : interner.forward(r.map(([rif, ip, weight]) => ({ rif, ip, weight })));
  const routes = Object.entries(spec.routes ?? {}).map(([p, r]) => [p, action(r)] as [string, RouteAction]);
  return {
    ...emptySwitchState(),
    ports: new Map<number, PortConfig>(
      Object.entries(spec.ports ?? {}).map(([k, p]) => [
        Number(k),
        Object.freeze({ adminState: p.admin, mtu: p.mtu, speed: p.speed }),
      ]),
    ),
    vlans: new Map<number, VlanConfig>(
      Object.entries(spec.vlans ?? {}).map(([id, members]) => [
        Number(id),
        Object.freeze({ id: Number(id), members: members.map(([port, t]) => ({ port, tagged: t === 'tagged' })) }),
      ]),
    ),
    routerInterfaces: new Map((spec.rifs ?? []).map((r) => [r.name, Object.freeze({ ...r })])),
    neighbors: new Map<string, NeighborConfig>(
      (spec.neighbors ?? []).map(([rif, ip, mac]) => [neighborKey(rif, ip), Object.freeze({ rif, ip, mac })]),
    ),
    routes: {
      v4: RouteTable.from(routes.filter(([p]) => !p.includes(':'))),
      v6: RouteTable.from(routes.filter(([p]) => p.includes(':'))),
    },
  };
}

/** A port router interface `Ethernet<port>` with MAC `02:00:00:00:01:0<port>`, MTU 9100. */
export function portRif(port: number, ...addresses: string[]): RouterInterfaceConfig {
  return { name: `Ethernet${port}`, port, mac: `02:00:00:00:01:0${port}`, mtu: 9100, addresses };
}

/** `PORT port<k> admin=false mtu=1514 speed=100000` for every port of `ports` not in `except`. */
export function defaultPortLines(ports: number, except: readonly number[] = []): string[] {
  const out: string[] = [];
  for (let k = 0; k < ports; k++) if (!except.includes(k)) out.push(`PORT port${k} admin=false mtu=1514 speed=100000`);
  return out;
}
