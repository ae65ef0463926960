/**
 * The desired SwitchState of a route input, and the ECMP sets an update can move a route to.
 *
 * Input without next hops: `syntheticTopology` (16 router interfaces, 64 neighbors per family,
 * 64 ECMP sets per family, each route on set `prefixHash(prefix) mod 64`). Input with next hops:
 * `nextHopTopology` (one neighbor per next hop, each route on its next hop). See src/agent/topology.ts.
 */
import { prefixHash } from '../agent/state/route-table.js';
import { RouteActionInterner, type RouteAction, type SwitchState } from '../agent/state/switch-state.js';
import {
  nextHopTopology,
  syntheticBase,
  syntheticGroups,
  syntheticTopology,
  type TopologyRoute,
} from '../agent/topology.js';

/** What an announce may map a route to. */
export interface ActionChoices {
  /** The forwarding actions for routes of each family, in a fixed order. */
  readonly v4: readonly RouteAction[];
  readonly v6: readonly RouteAction[];
  /** The action forwarding to one next hop, by next hop address (next-hop topology only). */
  readonly byNextHop: ReadonlyMap<string, RouteAction>;
}

/** A desired state and how it was made. */
export interface Desired {
  readonly state: SwitchState;
  readonly topology: 'synthetic' | 'next-hop';
  readonly choices: ActionChoices;
}

function choicesOf(state: SwitchState): ActionChoices {
  const byNextHop = new Map<string, RouteAction>();
  const family = (table: SwitchState['routes']['v4']) => {
    const seen = new Set<RouteAction>();
    for (const [, a] of table.entries()) {
      if (a.kind !== 'forward' || seen.has(a)) continue;
      seen.add(a);
      if (a.nextHops.length === 1) byNextHop.set(a.nextHops[0].ip, a);
    }
    // A fixed order, independent of the table's iteration order.
    return [...seen].sort((x, y) => prefixHash(key(x)) - prefixHash(key(y)) || key(x).localeCompare(key(y)));
  };
  return { v4: family(state.routes.v4), v6: family(state.routes.v6), byNextHop };
}

function key(a: RouteAction): string {
  return a.kind === 'forward' ? a.nextHops.map((n) => `${n.rif}|${n.ip}*${n.weight}`).join(',') : a.kind;
}

/**
 * Builds the desired state of `routes` (the synthetic topology when `hasNextHops` is false, the
 * next-hop topology otherwise), interning its actions in `interner`.
 * @param ports front-panel ports of the switch (the next-hop topology spreads its interfaces over them).
 */
export function buildDesired(
  routes: Iterable<TopologyRoute>,
  hasNextHops: boolean,
  interner: RouteActionInterner,
  ports: number,
): Desired {
  if (!hasNextHops) {
    const state = syntheticTopology(routes, interner);
    const sets = syntheticGroups(syntheticBase(), interner);
    return { state, topology: 'synthetic', choices: { v4: sets.v4, v6: sets.v6, byNextHop: new Map() } };
  }
  const state = nextHopTopology(routes, interner, { ports });
  return { state, topology: 'next-hop', choices: choicesOf(state) };
}
