/**
 * Deterministic topologies that turn a list of prefixes into a full `SwitchState`.
 *
 * Tables without next hops (`syntheticTopology`): `rifs` router interfaces on ports 0..rifs-1
 * (default 16), named `Ethernet<i>`, MAC `02:00:00:00:01:<i>`, MTU 9100, addresses `100.64.<i>.1/24`
 * and `fd00:0:0:<i>::1/64`; `neighborsPerRif` neighbors on each (default 4: 64 in all) per family,
 * at `100.64.<i>.<10+j>` / `fd00:0:0:<i>::<10+j>` with MAC `02:00:00:<i>:<j>:04|06`; `groups` ECMP
 * sets per family (default 64), set g having 1 + (g mod 8) members (neighbors (7g + 13k) mod N,
 * weight 1); each route forwards over set `fnv16(prefix) mod groups` of its family.
 *
 * Routes that name their next hops, and tables mixing both kinds: `route-topology.ts` and
 * `next-hop-topology.ts`, which use these sets for the routes without one.
 */
import { canonicalIpAddress, ipFamilyOf } from '../sai/address.js';
import { prefixHash, RouteTable } from './state/route-table.js';
import {
  RouteActionInterner,
  emptySwitchState,
  neighborKey,
  type NeighborConfig,
  type NextHop,
  type RouteAction,
  type RouterInterfaceConfig,
  type SwitchState,
} from './state/switch-state.js';

/**
 * A route to program: a canonical prefix and, for tables that carry one, its next hop; `line`
 * (1-based, in the file it came from) when it was read from a file.
 */
export interface TopologyRoute {
  readonly prefix: string;
  readonly nextHop?: string;
  readonly line?: number;
}

/** Options of `syntheticTopology`. */
export interface SyntheticTopologyOptions {
  readonly rifs?: number;
  readonly neighborsPerRif?: number;
  readonly groups?: number;
}

const hex2 = (n: number) => (n & 255).toString(16).padStart(2, '0');

/** The synthetic topology's interfaces and neighbors (no routes). */
export function syntheticBase(options: SyntheticTopologyOptions = {}): SwitchState {
  const rifs = options.rifs ?? 16;
  const per = options.neighborsPerRif ?? 4;
  const routerInterfaces = new Map<string, RouterInterfaceConfig>();
  const neighbors = new Map<string, NeighborConfig>();
  for (let i = 0; i < rifs; i++) {
    const name = `Ethernet${i}`;
    routerInterfaces.set(
      name,
      Object.freeze({
        name,
        port: i,
        mac: `02:00:00:00:01:${hex2(i)}`,
        mtu: 9100,
        addresses: Object.freeze([`100.64.${i}.1/24`, `${canonicalIpAddress(`fd00:0:0:${i.toString(16)}::1`)}/64`]),
      }),
    );
    for (let j = 0; j < per; j++) {
      const v4 = `100.64.${i}.${10 + j}`;
      const v6 = canonicalIpAddress(`fd00:0:0:${i.toString(16)}::${(10 + j).toString(16)}`);
      neighbors.set(
        neighborKey(name, v4),
        Object.freeze({ rif: name, ip: v4, mac: `02:00:00:${hex2(i)}:${hex2(j)}:04` }),
      );
      neighbors.set(
        neighborKey(name, v6),
        Object.freeze({ rif: name, ip: v6, mac: `02:00:00:${hex2(i)}:${hex2(j)}:06` }),
      );
    }
  }
  return { ...emptySwitchState(), routerInterfaces, neighbors };
}

/** The ECMP sets of the synthetic topology, per family. */
export function syntheticGroups(
  base: SwitchState,
  interner: RouteActionInterner,
  groups = 64,
): { v4: RouteAction[]; v6: RouteAction[] } {
  const all = [...base.neighbors.values()];
  const byFamily = { v4: all.filter((n) => ipFamilyOf(n.ip) === 4), v6: all.filter((n) => ipFamilyOf(n.ip) === 6) };
  const make = (ns: NeighborConfig[]) =>
    Array.from({ length: groups }, (_, g) => {
      const size = 1 + (g % 8);
      const picked = new Map<string, NextHop>();
      for (let k = 0; picked.size < Math.min(size, ns.length); k++) {
        const n = ns[(7 * g + 13 * k) % ns.length];
        picked.set(n.ip, { rif: n.rif, ip: n.ip, weight: 1 });
      }
      return interner.forward([...picked.values()]);
    });
  return { v4: make(byFamily.v4), v6: make(byFamily.v6) };
}

/** A full desired state for prefixes without next hops (see the file comment). */
export function syntheticTopology(
  routes: Iterable<TopologyRoute>,
  interner = new RouteActionInterner(),
  options: SyntheticTopologyOptions = {},
): SwitchState {
  const base = syntheticBase(options);
  const sets = syntheticGroups(base, interner, options.groups ?? 64);
  const v4: [string, RouteAction][] = [];
  const v6: [string, RouteAction][] = [];
  for (const r of routes) {
    const family = r.prefix.includes(':') ? v6 : v4;
    const choice = r.prefix.includes(':') ? sets.v6 : sets.v4;
    family.push([r.prefix, choice[prefixHash(r.prefix) % choice.length]]);
  }
  return { ...base, routes: { v4: RouteTable.from(v4), v6: RouteTable.from(v6) } };
}
