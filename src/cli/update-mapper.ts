/**
 * Where an announce sends a route.
 *
 * - An announce that names a next hop forwards to that next hop, always: a next hop the topology
 *   does not have yet gets its neighbor (and its subnet's interface address) by the next-hop
 *   topology's rule (src/agent/next-hop-topology.ts). A next hop that cannot be programmed (the
 *   interface's own address) is refused with the reason, never replaced by another.
 * - An announce without a next hop follows the synthetic rule: the n-th announce of a prefix in
 *   the stream (n = 1, 2, ...) maps it to ECMP set `(prefixHash(prefix) + n) mod 64` of its
 *   family. A table without next hops put the prefix on set `prefixHash(prefix) mod 64`, so every
 *   announce of a route already there moves it to another set (a real change of next hops, as a
 *   BGP announce of new attributes is), and the same stream always gives the same table. The
 *   synthetic interfaces and neighbors are added the first time a table with next hops needs them.
 *
 * The mapper keeps the topology it last grew; given a state whose interfaces or neighbors are not
 * the ones it made, it rebuilds the topology from that state first.
 */
import { NextHopTopology } from '../agent/next-hop-topology.js';
import { prefixHash } from '../agent/state/route-table.js';
import type { RouteAction, SwitchState } from '../agent/state/switch-state.js';
import type { RouteUpdate } from '../routes/types.js';
import type { Desired } from './desired.js';

/** Options of {@link UpdateMapper}. */
export interface UpdateMapperOptions {
  /** Front-panel ports (as the table was built with; default 32). */
  readonly ports?: number;
  /** The table's desired state and topology, to start from without a rebuild. */
  readonly desired?: Desired;
}

/** Maps announces to route actions (see the file comment). */
export class UpdateMapper {
  readonly #announces = new Map<string, number>();
  readonly #ports: number;
  #topology: NextHopTopology | null = null;
  #synced: { rifs: SwitchState['routerInterfaces']; neighbors: SwitchState['neighbors'] } | null = null;

  constructor(options: UpdateMapperOptions = {}) {
    this.#ports = options.ports ?? options.desired?.nextHops.ports ?? 32;
    if (options.desired) {
      // A copy: the desired state's topology may start several mappers.
      this.#topology = options.desired.nextHops.clone();
      this.#synced = {
        rifs: options.desired.state.routerInterfaces,
        neighbors: options.desired.state.neighbors,
      };
    }
  }

  /** The topology of `state`: the one last grown when `state` is the state it made, else rebuilt from `state`. */
  topologyOf(state: SwitchState): NextHopTopology {
    const s = this.#synced;
    if (!this.#topology || !s || s.rifs !== state.routerInterfaces || s.neighbors !== state.neighbors) {
      this.#topology = NextHopTopology.fromState(state, { ports: this.#ports });
      this.#topology.takeChanges();
    }
    return this.#topology;
  }

  /** Records that `state` is what the topology now describes (after a batch built it). */
  synced(state: SwitchState): void {
    this.#synced = { rifs: state.routerInterfaces, neighbors: state.neighbors };
  }

  /**
   * The action of an announce (counting it), or the reason its next hop is refused.
   * @param isHostRoute whether the table has a host route for an address (a new interface address avoids those).
   */
  actionOf(
    topology: NextHopTopology,
    update: RouteUpdate,
    isHostRoute: (ip: string) => boolean = () => false,
  ): RouteAction | string {
    if (update.nextHop !== undefined) return topology.action(update.nextHop, isHostRoute);
    const sets = topology.syntheticSets();
    const family = update.family === 4 ? sets.v4 : sets.v6;
    const n = (this.#announces.get(update.prefix) ?? 0) + 1;
    this.#announces.set(update.prefix, n);
    return family[(prefixHash(update.prefix) + n) % family.length];
  }
}
