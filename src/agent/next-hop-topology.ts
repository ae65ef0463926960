/**
 * The interfaces and neighbors that routes naming their next hops need, grown one next hop at a
 * time, so a table and then its update stream build one consistent topology.
 *
 * Rules (README "Route input"):
 * - **Subnets.** A next hop lives in its /24 (IPv4) or /64 (IPv6): the connected subnet of a
 *   router interface. The synthetic topology's subnets `100.64.i.0/24` and `fd00:0:0:i::/64`
 *   (i < 16) always belong to `Ethernet<i>` with address `.1` / `::1`, whether the synthetic
 *   interfaces are in use or not. Any other subnet, in the order first seen, goes on
 *   `Ethernet<n mod ports>` (the n-th such subnet, port n mod ports); the interface's address in
 *   it is the lowest host address (`.1`, `.2`, …) that is neither a next hop known when the
 *   subnet is made nor a host route (/32, /128) of the table.
 * - **Neighbors.** One per next hop, on its subnet's interface, MAC `02:<fnv32(ip)>:04|06`; a
 *   route naming it forwards to it alone.
 * - **Refused next hops.** The interface's own address in the subnet (`next hop X is router
 *   interface EthernetN's own address`), and a next hop in a subnet with no host address left
 *   for the interface.
 * - **Shadowed routes.** A connected subnet and the interface's own address (as /32 or /128) are
 *   the interface's routes (connected, and ip2me to the CPU). A table route for the same prefix
 *   is shadowed: not programmed, counted and reported. That is what a router does: the connected
 *   route wins over BGP's. `owner(prefix)` answers the interface.
 * - **No next hop.** A route without one forwards over the synthetic topology's ECMP sets
 *   (`syntheticSets`), whose 16 interfaces and 64 neighbors per family are added the first time.
 */
import { hostRoute, place, type Placement } from './connected-subnet.js';
import { subnetOf } from './managers/router-interface-manager.js';
import { syntheticBase, syntheticGroups } from './topology.js';
import {
  RouteActionInterner,
  neighborKey,
  type NeighborConfig,
  type RouteAction,
  type RouterInterfaceConfig,
  type SwitchState,
} from './state/switch-state.js';

/** Options of {@link NextHopTopology}. */
export interface NextHopTopologyOptions {
  /** Front-panel ports the next-hop subnets are spread over (default 32). */
  readonly ports?: number;
  /** Interns the route actions (default: a new one). */
  readonly interner?: RouteActionInterner;
}

interface Subnet {
  /** The interface's index (its port): `Ethernet<rif>`. */
  readonly rif: number;
  /** The interface's own address in the subnet. */
  readonly own: string;
}

const hex2 = (n: number) => (n & 255).toString(16).padStart(2, '0');

function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The MAC of a next-hop neighbor. */
function neighborMac(ip: string): string {
  const h = fnv32(ip);
  return `02:${hex2(h >>> 24)}:${hex2(h >>> 16)}:${hex2(h >>> 8)}:${hex2(h)}:${ip.includes(':') ? '06' : '04'}`;
}

/** A router interface as both topologies make it. */
function rifConfig(i: number, addresses: readonly string[]): RouterInterfaceConfig {
  return Object.freeze({
    name: `Ethernet${i}`,
    port: i,
    mac: `02:00:00:00:01:${hex2(i)}`,
    mtu: 9100,
    addresses: Object.freeze([...addresses]),
  });
}

/** The interfaces, neighbors and next-hop actions of a table's next hops (see the file comment). */
export class NextHopTopology {
  readonly ports: number;
  readonly interner: RouteActionInterner;
  readonly #subnets = new Map<string, Subnet>();
  /** Connected subnets and own host routes -> interface name. */
  readonly #owners = new Map<string, string>();
  readonly #rifs = new Map<string, RouterInterfaceConfig>();
  readonly #neighbors = new Map<string, NeighborConfig>();
  readonly #actions = new Map<string, RouteAction>();
  #nextIndex = 0;
  #synthetic: { v4: RouteAction[]; v6: RouteAction[] } | null = null;
  readonly #changedRifs = new Set<string>();
  readonly #newNeighbors: NeighborConfig[] = [];
  readonly #newOwned: string[] = [];

  constructor(options: NextHopTopologyOptions = {}) {
    this.ports = options.ports ?? 32;
    this.interner = options.interner ?? new RouteActionInterner();
  }

  /**
   * The topology of an existing state, to grow it further: its interfaces' subnets and addresses,
   * its neighbors; the synthetic ECMP sets when all the synthetic neighbors are there.
   */
  static fromState(state: SwitchState, options: NextHopTopologyOptions = {}): NextHopTopology {
    const t = new NextHopTopology(options);
    for (const rif of state.routerInterfaces.values()) {
      t.#rifs.set(rif.name, rif);
      for (const address of rif.addresses) {
        const { subnet, host } = subnetOf(address);
        t.#owners.set(subnet, rif.name);
        t.#owners.set(host, rif.name);
        const own = address.slice(0, address.indexOf('/'));
        const p = place(own);
        // An address of another shape than this file makes (not /24 or /64, not on a port) is
        // owned, but no next hop is placed in it.
        if (rif.port === undefined || p.subnet !== subnet) continue;
        t.#subnets.set(p.subnet, { rif: rif.port, own });
        if (p.synthetic < 0) t.#nextIndex++;
      }
    }
    for (const [key, n] of state.neighbors) t.#neighbors.set(key, n);
    const base = syntheticBase();
    if ([...base.neighbors.keys()].every((k) => t.#neighbors.has(k))) {
      t.#synthetic = syntheticGroups(base, t.interner);
    }
    return t;
  }

  /** An independent copy (the same interner), to grow apart from this one. */
  clone(): NextHopTopology {
    const t = new NextHopTopology({ ports: this.ports, interner: this.interner });
    for (const [k, v] of this.#subnets) t.#subnets.set(k, v);
    for (const [k, v] of this.#owners) t.#owners.set(k, v);
    for (const [k, v] of this.#rifs) t.#rifs.set(k, v);
    for (const [k, v] of this.#neighbors) t.#neighbors.set(k, v);
    for (const [k, v] of this.#actions) t.#actions.set(k, v);
    t.#nextIndex = this.#nextIndex;
    t.#synthetic = this.#synthetic;
    for (const name of this.#changedRifs) t.#changedRifs.add(name);
    t.#newNeighbors.push(...this.#newNeighbors);
    t.#newOwned.push(...this.#newOwned);
    return t;
  }

  /** The interfaces as they are now, by name. */
  routerInterfaces(): Map<string, RouterInterfaceConfig> {
    return new Map(this.#rifs);
  }

  /** The neighbors as they are now, by `neighborKey`. */
  neighbors(): Map<string, NeighborConfig> {
    return new Map(this.#neighbors);
  }

  /** The interface whose connected subnet or own address `prefix` is, or undefined. */
  owner(prefix: string): string | undefined {
    return this.#owners.get(prefix);
  }

  /** True once the synthetic interfaces and neighbors are part of the topology. */
  get hasSynthetic(): boolean {
    return this.#synthetic !== null;
  }

  /**
   * Makes the subnets of many next hops at once (a table's): each interface's own address avoids
   * every one of `nextHops` in its subnet and every address `isHostRoute` answers true for.
   * Subnets are made in the order of their first next hop. Next hops already placed are skipped.
   */
  addSubnets(nextHops: Iterable<string>, isHostRoute: (ip: string) => boolean = () => false): void {
    const pending = new Map<string, { p: Placement; ips: Set<string> }>();
    for (const ip of nextHops) {
      const p = place(ip);
      if (this.#subnets.has(p.subnet)) continue;
      let entry = pending.get(p.subnet);
      if (!entry) pending.set(p.subnet, (entry = { p, ips: new Set() }));
      entry.ips.add(ip);
    }
    for (const { p, ips } of pending.values()) this.#makeSubnet(p, (ip) => ips.has(ip) || isHostRoute(ip));
  }

  /**
   * The action forwarding to `nextHop` (canonical, not refused by `route-rules.ts`), making its
   * subnet and neighbor when they are new (a new subnet's own address avoids `nextHop` and what
   * `isHostRoute` answers true for).
   * @returns the action, or the reason the next hop is refused (see the file comment).
   */
  action(nextHop: string, isHostRoute: (ip: string) => boolean = () => false): RouteAction | string {
    const known = this.#actions.get(nextHop);
    if (known) return known;
    const p = place(nextHop);
    const subnet = this.#subnets.get(p.subnet) ?? this.#makeSubnet(p, (ip) => ip === nextHop || isHostRoute(ip));
    if (subnet === undefined) return `no address left in ${p.subnet} for the router interface`;
    const rif = `Ethernet${subnet.rif}`;
    if (subnet.own === nextHop) return `next hop ${nextHop} is router interface ${rif}'s own address`;
    const key = neighborKey(rif, nextHop);
    if (!this.#neighbors.has(key)) {
      const n: NeighborConfig = Object.freeze({ rif, ip: nextHop, mac: neighborMac(nextHop) });
      this.#neighbors.set(key, n);
      this.#newNeighbors.push(n);
    }
    const action = this.interner.forward([{ rif, ip: nextHop, weight: 1 }]);
    this.#actions.set(nextHop, action);
    return action;
  }

  /**
   * The synthetic topology's ECMP sets per family (64 each), for routes without a next hop; the
   * synthetic interfaces' addresses and neighbors are added the first time (a neighbor already
   * there, made for a next hop, is kept).
   */
  syntheticSets(): { readonly v4: readonly RouteAction[]; readonly v6: readonly RouteAction[] } {
    if (this.#synthetic) return this.#synthetic;
    const base = syntheticBase();
    for (const rif of base.routerInterfaces.values()) {
      for (const address of rif.addresses) {
        const own = address.slice(0, address.indexOf('/'));
        const p = place(own);
        if (!this.#subnets.has(p.subnet)) this.#makeSubnet(p, () => false);
      }
    }
    for (const [key, n] of base.neighbors) {
      if (this.#neighbors.has(key)) continue;
      this.#neighbors.set(key, n);
      this.#newNeighbors.push(n);
    }
    this.#synthetic = syntheticGroups(base, this.interner);
    return this.#synthetic;
  }

  /**
   * What changed since the last call (or since the start): the interfaces made or given a new
   * address (their new configs), the neighbors made, and the prefixes that became an
   * interface's (connected subnets and own host routes, which shadow table routes).
   */
  takeChanges(): { routerInterfaces: RouterInterfaceConfig[]; neighbors: NeighborConfig[]; owned: string[] } {
    const changes = {
      routerInterfaces: [...this.#changedRifs].map((name) => this.#rifs.get(name)!),
      neighbors: this.#newNeighbors.splice(0),
      owned: this.#newOwned.splice(0),
    };
    this.#changedRifs.clear();
    return changes;
  }

  /** Makes subnet `p` with the lowest host address `taken` refuses; undefined when there is none. */
  #makeSubnet(p: Placement, taken: (ip: string) => boolean): Subnet | undefined {
    let index: number;
    let own: string;
    if (p.synthetic >= 0) {
      index = p.synthetic;
      own = p.host(1);
    } else {
      let k = 1;
      while (k <= p.hosts && taken(p.host(k))) k++;
      if (k > p.hosts) return undefined;
      own = p.host(k);
      index = this.#nextIndex++ % this.ports;
    }
    const subnet: Subnet = { rif: index, own };
    const name = `Ethernet${index}`;
    this.#subnets.set(p.subnet, subnet);
    const before = this.#rifs.get(name)?.addresses ?? [];
    this.#rifs.set(name, rifConfig(index, [...before, `${own}/${p.len}`]));
    this.#changedRifs.add(name);
    for (const prefix of [p.subnet, hostRoute(own)]) {
      this.#owners.set(prefix, name);
      this.#newOwned.push(prefix);
    }
    return subnet;
  }
}
