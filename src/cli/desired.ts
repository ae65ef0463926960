/**
 * The desired SwitchState of a route input (`buildRouteTopology`, src/agent/route-topology.ts):
 * routes with a next hop forward to it, routes without one over the synthetic ECMP sets (so a
 * table mixing both kinds blackholes nothing), routes for an interface's connected subnet or own
 * address are shadowed (counted, reported, not programmed), and a route whose next hop is the
 * interface's own address is a bad line: an error naming its file and line, or counted and left
 * out with `--skip-bad`.
 */
import { prefixHash } from '../agent/state/route-table.js';
import { RouteActionInterner, type RouteAction, type SwitchState } from '../agent/state/switch-state.js';
import type { NextHopTopology } from '../agent/next-hop-topology.js';
import { buildRouteTopology } from '../agent/route-topology.js';
import type { TopologyRoute } from '../agent/topology.js';
import { RouteFileError, type BadLine } from '../routes/types.js';

/** The forwarding actions routes of each family use, in a fixed order (for moving routes in benchmarks). */
export interface ActionChoices {
  readonly v4: readonly RouteAction[];
  readonly v6: readonly RouteAction[];
}

/** A route left out of the desired state because an interface owns its prefix. */
export interface ShadowedTableRoute {
  readonly prefix: string;
  /** The interface whose connected subnet or own address the prefix is. */
  readonly rif: string;
  /** Where it was read (absent for generated routes). */
  readonly file?: string;
  readonly line?: number;
}

/** A desired state and how it was made. */
export interface Desired {
  readonly state: SwitchState;
  /** `synthetic` (no route had a next hop), `next-hop` (all had one) or `mixed`. */
  readonly topology: 'synthetic' | 'next-hop' | 'mixed';
  /** The topology behind `state`, for the update stream to grow. */
  readonly nextHops: NextHopTopology;
  readonly choices: ActionChoices;
  /** Table routes shadowed by an interface's own prefixes, and the first few. */
  readonly shadowed: number;
  readonly firstShadowed: readonly ShadowedTableRoute[];
  /** Routes refused for their next hop (with `skipBad`; without, the first one throws). */
  readonly bad: readonly BadLine[];
}

/** The routes to build from: `routes[i]` read from `files[sources[i]]` when they came from files. */
export interface DesiredInput {
  readonly routes: readonly TopologyRoute[];
  readonly sources?: Uint16Array;
  readonly files?: readonly string[];
}

/** Options of {@link buildDesired}. */
export interface DesiredOptions {
  /** Front-panel ports of the switch (the next-hop subnets' interfaces are spread over them). */
  readonly ports: number;
  /** Count and leave out routes whose next hop is refused, instead of throwing. */
  readonly skipBad?: boolean;
  readonly interner?: RouteActionInterner;
}

function choicesOf(state: SwitchState): ActionChoices {
  const family = (table: SwitchState['routes']['v4']) => {
    const seen = new Set<RouteAction>();
    for (const [, a] of table.entries()) if (a.kind === 'forward') seen.add(a);
    // A fixed order, independent of the table's iteration order.
    return [...seen].sort((x, y) => prefixHash(key(x)) - prefixHash(key(y)) || key(x).localeCompare(key(y)));
  };
  return { v4: family(state.routes.v4), v6: family(state.routes.v6) };
}

function key(a: RouteAction): string {
  return a.kind === 'forward' ? a.nextHops.map((n) => `${n.rif}|${n.ip}*${n.weight}`).join(',') : a.kind;
}

/**
 * Builds the desired state of `input` (see the file comment).
 * @throws RouteFileError `FILE:LINE: route P via NH: REASON` for the first route whose next hop
 *   is refused, unless `options.skipBad`.
 */
export function buildDesired(input: DesiredInput, options: DesiredOptions): Desired {
  const built = buildRouteTopology(input.routes, {
    ports: options.ports,
    interner: options.interner ?? new RouteActionInterner(),
  });
  const where = (index: number) => {
    const line = input.routes[index].line;
    const file = input.files?.[input.sources?.[index] ?? 0];
    return file !== undefined && line !== undefined ? { file, line } : {};
  };
  const bad: BadLine[] = built.refused.map((r) => {
    const { file = '(generated)', line = 0 } = where(r.index);
    return { file, line, text: '', reason: `route ${r.prefix} via ${r.nextHop}: ${r.reason}` };
  });
  if (bad.length > 0 && options.skipBad !== true) throw RouteFileError.fromBadLine(bad[0]);
  return {
    state: built.state,
    topology: built.kind,
    nextHops: built.topology,
    choices: built.kind === 'synthetic' && built.topology.hasSynthetic ? built.topology.syntheticSets() : choicesOf(built.state),
    shadowed: built.shadowed,
    firstShadowed: built.firstShadowed.map((s) => ({ prefix: s.prefix, rif: s.rif, ...where(s.index) })),
    bad,
  };
}
