/**
 * `StateDelta`: what changed between two SwitchStates, as plain lists. Unchanged parts are skipped
 * by identity: maps compare entry by entry only when the map object differs, route tables skip
 * shared pages and leaves (see `route-table.ts`).
 */
import { diffRouteTables, type RouteTableDiff } from './route-table.js';
import { plainEquals, routeActionEquals } from './switch-state.js';
import type {
  NeighborConfig,
  PortConfig,
  RouteAction,
  RouterInterfaceConfig,
  SwitchState,
  VlanConfig,
} from './switch-state.js';

/** Added, removed and changed entries of one keyed collection. */
export interface MapDelta<K, V> {
  readonly added: [K, V][];
  readonly removed: [K, V][];
  readonly changed: [K, V, V][];
}

/** The difference of two states. */
export interface StateDelta {
  readonly ports: MapDelta<number, PortConfig>;
  readonly vlans: MapDelta<number, VlanConfig>;
  readonly routerInterfaces: MapDelta<string, RouterInterfaceConfig>;
  readonly neighbors: MapDelta<string, NeighborConfig>;
  readonly routes: { readonly v4: RouteTableDiff<RouteAction>; readonly v6: RouteTableDiff<RouteAction> };
}

/**
 * Entries of `b` not in `a`, of `a` not in `b`, and those whose values differ (by identity, then
 * structurally: a state decoded from a file equals the one it was saved from).
 */
export function diffMaps<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): MapDelta<K, V> {
  const out: MapDelta<K, V> = { added: [], removed: [], changed: [] };
  if (a === b) return out;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined) out.removed.push([k, v]);
    else if (w !== v && !plainEquals(v, w)) out.changed.push([k, v, w]);
  }
  for (const [k, w] of b) if (!a.has(k)) out.added.push([k, w]);
  return out;
}

/** The delta from `from` to `to`. */
export function stateDelta(from: SwitchState, to: SwitchState): StateDelta {
  return {
    ports: diffMaps(from.ports, to.ports),
    vlans: diffMaps(from.vlans, to.vlans),
    routerInterfaces: diffMaps(from.routerInterfaces, to.routerInterfaces),
    neighbors: diffMaps(from.neighbors, to.neighbors),
    routes: {
      v4: diffRouteTables(from.routes.v4, to.routes.v4, routeActionEquals),
      v6: diffRouteTables(from.routes.v6, to.routes.v6, routeActionEquals),
    },
  };
}
