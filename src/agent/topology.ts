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
 * Tables with next hops (`nextHopTopology`): one router interface per port in use, every distinct
 * next-hop subnet (/24 for IPv4, /64 for IPv6) an address on interface `subnet index mod ports`,
 * one neighbor per next hop with MAC `02:<4 bytes of fnv32(ip)>:<family>`, each route forwarding to its one next hop.
 */
import ipaddr from 'ipaddr.js';
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

/** A route to program: a canonical prefix and, for tables that carry one, its next hop. */
export interface TopologyRoute {
  readonly prefix: string;
  readonly nextHop?: string;
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

function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A full desired state for routes that carry next hops (see the file comment). */
export function nextHopTopology(
  routes: Iterable<TopologyRoute>,
  interner = new RouteActionInterner(),
  options: { readonly ports?: number } = {},
): SwitchState {
  const ports = options.ports ?? 32;
  const subnetIndex = new Map<string, number>();
  const rifAddresses: string[][] = Array.from({ length: ports }, () => []);
  const neighbors = new Map<string, NeighborConfig>();
  const actionOf = new Map<string, RouteAction>();
  const v4: [string, RouteAction][] = [];
  const v6: [string, RouteAction][] = [];
  for (const r of routes) {
    const table = r.prefix.includes(':') ? v6 : v4;
    if (!r.nextHop) {
      table.push([r.prefix, RouteActionInterner.DROP]);
      continue;
    }
    let action = actionOf.get(r.nextHop);
    if (!action) {
      const ip = ipaddr.parse(r.nextHop);
      const len = ip.kind() === 'ipv4' ? 24 : 64;
      const subnet = ipaddr.parseCIDR(`${r.nextHop}/${len}`);
      const net = `${(ip.kind() === 'ipv4' ? ipaddr.IPv4 : ipaddr.IPv6).networkAddressFromCIDR(`${r.nextHop}/${len}`).toString()}/${subnet[1]}`;
      let si = subnetIndex.get(net);
      if (si === undefined) {
        si = subnetIndex.size;
        subnetIndex.set(net, si);
        // The interface's own address: the first host of the subnet, or the next one if that is the next hop.
        const first =
          ip.kind() === 'ipv4'
            ? ipaddr.IPv4.networkAddressFromCIDR(`${r.nextHop}/${len}`).toByteArray()
            : ipaddr.IPv6.networkAddressFromCIDR(`${r.nextHop}/${len}`).toByteArray();
        first[first.length - 1] = 1;
        let own = ipaddr.fromByteArray(first).toString();
        if (own === r.nextHop) {
          first[first.length - 1] = 2;
          own = ipaddr.fromByteArray(first).toString();
        }
        rifAddresses[si % ports].push(`${own}/${len}`);
      }
      const rif = `Ethernet${si % ports}`;
      const h = fnv32(r.nextHop);
      neighbors.set(
        neighborKey(rif, r.nextHop),
        Object.freeze({
          rif,
          ip: r.nextHop,
          mac: `02:${hex2(h >>> 24)}:${hex2(h >>> 16)}:${hex2(h >>> 8)}:${hex2(h)}:${ip.kind() === 'ipv4' ? '04' : '06'}`,
        }),
      );
      action = interner.forward([{ rif, ip: r.nextHop, weight: 1 }]);
      actionOf.set(r.nextHop, action);
    }
    table.push([r.prefix, action]);
  }
  const routerInterfaces = new Map<string, RouterInterfaceConfig>();
  rifAddresses.forEach((addresses, i) => {
    if (addresses.length === 0) return;
    const name = `Ethernet${i}`;
    routerInterfaces.set(
      name,
      Object.freeze({
        name,
        port: i,
        mac: `02:00:00:00:01:${hex2(i)}`,
        mtu: 9100,
        addresses: Object.freeze(addresses),
      }),
    );
  });
  return {
    ...emptySwitchState(),
    routerInterfaces,
    neighbors,
    routes: { v4: RouteTable.from(v4), v6: RouteTable.from(v6) },
  };
}
