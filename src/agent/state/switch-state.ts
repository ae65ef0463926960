/**
 * `SwitchState`: the agent's desired state, immutable (immer for everything but the route tables,
 * which are persistent `RouteTable`s with their own structural sharing).
 */
import { enableMapSet, freeze, produce, type Draft } from 'immer';
import { RouteTable } from './route-table.js';

enableMapSet();

/** A front-panel port's settings; ports are numbered from 0 in the switch's PORT_LIST order. */
export interface PortConfig {
  /** SAI_PORT_ATTR_ADMIN_STATE. */
  readonly adminState: boolean;
  /** SAI_PORT_ATTR_MTU, bytes. */
  readonly mtu: number;
  /** SAI_PORT_ATTR_SPEED, Mb/s. */
  readonly speed: number;
}

/** A vlan and its member ports. */
export interface VlanConfig {
  /** 1 to 4094. */
  readonly id: number;
  readonly members: readonly { readonly port: number; readonly tagged: boolean }[];
}

/** A router interface on a port or a vlan. */
export interface RouterInterfaceConfig {
  readonly name: string;
  /** Front-panel port index, for a port interface. */
  readonly port?: number;
  /** Vlan id, for a vlan interface. */
  readonly vlan?: number;
  /** Source MAC (canonical). */
  readonly mac: string;
  /** MTU, bytes. */
  readonly mtu: number;
  /** Interface addresses with their subnet length, e.g. `100.64.0.1/30` (canonical address). */
  readonly addresses: readonly string[];
}

/** A resolved neighbor: (router interface, ip) -> mac. */
export interface NeighborConfig {
  readonly rif: string;
  /** Canonical IP address. */
  readonly ip: string;
  /** Canonical MAC. */
  readonly mac: string;
}

/** One next hop of a route: (router interface, ip) with an ECMP weight. */
export interface NextHop {
  readonly rif: string;
  readonly ip: string;
  readonly weight: number;
}

/** What a route does: forward over an ECMP set of next hops, drop, or trap to the CPU. */
export type RouteAction =
  | { readonly kind: 'forward'; readonly nextHops: readonly NextHop[] }
  | { readonly kind: 'drop' }
  | { readonly kind: 'trap' };

/** The desired state of the switch (default virtual router). */
export interface SwitchState {
  readonly ports: ReadonlyMap<number, PortConfig>;
  readonly vlans: ReadonlyMap<number, VlanConfig>;
  readonly routerInterfaces: ReadonlyMap<string, RouterInterfaceConfig>;
  /** Keyed by `neighborKey(rif, ip)`. */
  readonly neighbors: ReadonlyMap<string, NeighborConfig>;
  /** Routes of the default virtual router, per family, keyed by canonical prefix. */
  readonly routes: { readonly v4: RouteTable<RouteAction>; readonly v6: RouteTable<RouteAction> };
}

/** The key of a neighbor in `SwitchState.neighbors`. */
export function neighborKey(rif: string, ip: string): string {
  return `${rif}|${ip}`;
}

/** The empty state. */
export function emptySwitchState(): SwitchState {
  return freeze(
    {
      ports: new Map(),
      vlans: new Map(),
      routerInterfaces: new Map(),
      neighbors: new Map(),
      routes: { v4: RouteTable.empty<RouteAction>(), v6: RouteTable.empty<RouteAction>() },
    },
    true,
  );
}

/**
 * A SwitchState draft: immer's draft of everything but the route tables, which are persistent
 * values (replace them: `d.routes.v4 = d.routes.v4.withChanges(batch)`).
 */
export type SwitchStateDraft = Omit<Draft<SwitchState>, 'routes'> & {
  routes: { v4: RouteTable<RouteAction>; v6: RouteTable<RouteAction> };
};

/** immer's `produce` over a SwitchState: `updateState(s, (d) => { d.neighbors.set(...) })`. */
export function updateState(state: SwitchState, recipe: (draft: SwitchStateDraft) => void): SwitchState {
  return produce(state, recipe as unknown as (draft: Draft<SwitchState>) => void);
}

/** The same action object for equal actions, so states share them and deltas compare by identity. */
export class RouteActionInterner {
  readonly #byKey = new Map<string, RouteAction>();
  static readonly DROP: RouteAction = Object.freeze({ kind: 'drop' });
  static readonly TRAP: RouteAction = Object.freeze({ kind: 'trap' });

  /** The shared action forwarding over `nextHops` (order does not matter). */
  forward(nextHops: readonly NextHop[]): RouteAction {
    const key = ecmpKey(nextHops);
    let a = this.#byKey.get(key);
    if (!a) {
      const sorted = [...nextHops].sort((x, y) => nextHopText(x).localeCompare(nextHopText(y)));
      a = Object.freeze({ kind: 'forward', nextHops: Object.freeze(sorted.map((n) => Object.freeze({ ...n }))) });
      this.#byKey.set(key, a);
    }
    return a;
  }

  /** The shared action equal to `a`. */
  intern(a: RouteAction): RouteAction {
    return a.kind === 'drop'
      ? RouteActionInterner.DROP
      : a.kind === 'trap'
        ? RouteActionInterner.TRAP
        : this.forward(a.nextHops);
  }
}

function nextHopText(n: NextHop): string {
  return `${n.rif}|${n.ip}*${n.weight}`;
}

/** The order-independent key of an ECMP set. */
export function ecmpKey(nextHops: readonly NextHop[]): string {
  return nextHops.map(nextHopText).sort().join(',');
}

/** Value equality of two route actions (ECMP sets are kept sorted by the interner). */
export function routeActionEquals(a: RouteAction, b: RouteAction): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'forward' || b.kind !== 'forward') return true;
  const x = a.nextHops;
  const y = b.nextHops;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    if (x[i].rif !== y[i].rif || x[i].ip !== y[i].ip || x[i].weight !== y[i].weight) return false;
  }
  return true;
}

/** Structural equality of plain data (configs): objects, arrays and primitives. */
export function plainEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka)
    if (!plainEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
