/**
 * A whole desired state from a route table: routes with a next hop forward to it
 * (`NextHopTopology`), routes without one over the synthetic topology's ECMP sets, routes for an
 * interface's own prefixes are shadowed. One rule for tables with next hops, without, and mixed;
 * see `next-hop-topology.ts` for the rules and `topology.ts` for the synthetic sets.
 */
import { DesiredStateError } from './managers/context.js';
import { connectedSubnetOf } from './connected-subnet.js';
import { NextHopTopology, type NextHopTopologyOptions } from './next-hop-topology.js';
import { prefixHash, RouteTable } from './state/route-table.js';
import { RouteActionInterner, emptySwitchState, type RouteAction, type SwitchState } from './state/switch-state.js';
import type { TopologyRoute } from './topology.js';

/** How many shadowed routes {@link RouteTopology.firstShadowed} lists. */
export const LISTED_SHADOWED = 5;

/** A table route left out because an interface owns its prefix; `index` is its place in the input. */
export interface ShadowedRoute {
  readonly index: number;
  readonly prefix: string;
  /** The interface whose connected subnet or own address the prefix is. */
  readonly rif: string;
}

/** A route refused because its next hop cannot be programmed; `index` is its place in the input. */
export interface RefusedRoute {
  readonly index: number;
  readonly prefix: string;
  readonly nextHop: string;
  readonly reason: string;
}

/** A desired state built from routes, and what was left out of it. */
export interface RouteTopology {
  readonly state: SwitchState;
  /** The topology, to grow further (an update stream's new next hops). */
  readonly topology: NextHopTopology;
  /** `synthetic`: no route had a next hop (or there were none); `next-hop`: all had one; `mixed`. */
  readonly kind: 'synthetic' | 'next-hop' | 'mixed';
  /** Routes shadowed by an interface's connected subnet or own address, and the first few. */
  readonly shadowed: number;
  readonly firstShadowed: readonly ShadowedRoute[];
  /** Every route whose next hop was refused (none of them is in `state`). */
  readonly refused: readonly RefusedRoute[];
}

/** Distinct next hops in first-seen order, whether any route lacks one, and the table's host-route addresses near them. */
function survey(routes: readonly TopologyRoute[]) {
  const nextHops = new Set<string>();
  let without = 0;
  for (let i = 0; i < routes.length; i++) {
    const nh = routes[i].nextHop;
    if (nh === undefined) without++;
    else nextHops.add(nh);
  }
  // Host routes matter only in the next hops' subnets (an interface's own address avoids them).
  const hostRoutes = new Set<string>();
  if (nextHops.size > 0) {
    const subnets = new Set<string>();
    for (const nh of nextHops) subnets.add(connectedSubnetOf(nh));
    for (let i = 0; i < routes.length; i++) {
      const p = routes[i].prefix;
      const host = p.endsWith('/32') && !p.includes(':') ? p.slice(0, -3) : p.endsWith('/128') ? p.slice(0, -4) : null;
      if (host !== null && subnets.has(connectedSubnetOf(host))) hostRoutes.add(host);
    }
  }
  return { nextHops, without, hostRoutes };
}

/**
 * Builds the desired state of `routes` (canonical prefixes, each at most once): see the file
 * comment. Deterministic: the same routes in the same order give the same state.
 */
export function buildRouteTopology(
  routes: readonly TopologyRoute[],
  options: NextHopTopologyOptions = {},
): RouteTopology {
  const topology = new NextHopTopology(options);
  const { nextHops, without, hostRoutes } = survey(routes);
  // The synthetic interfaces first, so a mixed table lists their addresses first.
  const sets = without > 0 ? topology.syntheticSets() : null;
  topology.addSubnets(nextHops, (ip) => hostRoutes.has(ip));
  let shadowed = 0;
  const firstShadowed: ShadowedRoute[] = [];
  const refused: RefusedRoute[] = [];
  // Generators, so no array of [prefix, action] pairs is held beside the tables.
  function* family(v6: boolean): Generator<[string, RouteAction]> {
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i];
      if (r.prefix.includes(':') !== v6) continue;
      let action: RouteAction | string;
      if (r.nextHop === undefined) {
        const choice = v6 ? sets!.v6 : sets!.v4;
        action = choice[prefixHash(r.prefix) % choice.length];
      } else {
        action = topology.action(r.nextHop);
        if (typeof action === 'string') {
          refused.push({ index: i, prefix: r.prefix, nextHop: r.nextHop, reason: action });
          continue;
        }
      }
      const rif = topology.owner(r.prefix);
      if (rif !== undefined) {
        shadowed++;
        if (firstShadowed.length < LISTED_SHADOWED) firstShadowed.push({ index: i, prefix: r.prefix, rif });
        continue;
      }
      yield [r.prefix, action];
    }
  }
  const v4 = RouteTable.from(family(false));
  const v6 = RouteTable.from(family(true));
  topology.takeChanges(); // the state holds everything made so far
  const state: SwitchState = {
    ...emptySwitchState(),
    routerInterfaces: topology.routerInterfaces(),
    neighbors: topology.neighbors(),
    routes: { v4, v6 },
  };
  const kind = nextHops.size === 0 ? 'synthetic' : without === 0 ? 'next-hop' : 'mixed';
  firstShadowed.sort((a, b) => a.index - b.index);
  refused.sort((a, b) => a.index - b.index);
  return { state, topology, kind, shadowed, firstShadowed, refused };
}

/**
 * A full desired state for routes that carry next hops (routes without one use the synthetic
 * sets): {@link buildRouteTopology}'s state; shadowed routes are left out.
 * @throws DesiredStateError naming the first route whose next hop is refused.
 */
export function nextHopTopology(
  routes: Iterable<TopologyRoute>,
  interner = new RouteActionInterner(),
  options: { readonly ports?: number } = {},
): SwitchState {
  const built = buildRouteTopology([...routes], { ...options, interner });
  const r = built.refused[0];
  if (r) throw new DesiredStateError(`route ${r.prefix} via ${r.nextHop}: ${r.reason}`);
  return built.state;
}
