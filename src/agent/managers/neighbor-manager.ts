/**
 * Neighbors: a NEIGHBOR_ENTRY and the IP NEXT_HOP it resolves (router interface, ip). A next hop
 * exists while its neighbor does; groups that list it get a member for it.
 */
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { MapDelta } from '../state/delta.js';
import type { NeighborConfig } from '../state/switch-state.js';
import { DesiredStateError, type AgentContext } from './context.js';
import type { NextHopGroupManager, NextHopResolver } from './next-hop-group-manager.js';

interface NeighborRefs {
  readonly neighbor: SaiObjectRef;
  readonly nextHop: SaiObjectRef;
}

/** Programs neighbors and their next hops. */
export class NeighborManager implements NextHopResolver {
  readonly #neighbors = new Map<string, NeighborRefs>();
  constructor(
    private readonly ctx: AgentContext,
    private readonly groups: NextHopGroupManager,
  ) {}

  nextHopOid(key: string): bigint | undefined {
    return this.#neighbors.get(key)?.nextHop.oid;
  }

  /** Adds and updates neighbors (after router interfaces, before routes). */
  applyAdds(delta: MapDelta<string, NeighborConfig>): void {
    const { store } = this.ctx;
    for (const [key, cfg] of delta.added) {
      if (this.#neighbors.has(key)) {
        delta.changed.push([key, cfg, cfg]);
        continue;
      }
      const rifId = this.ctx.rifOid(cfg.rif);
      if (rifId === undefined)
        throw new DesiredStateError(`neighbor ${cfg.ip}: router interface ${cfg.rif} does not exist`);
      const neighbor = store.get('NEIGHBOR_ENTRY').setObject({ rifId, ip: cfg.ip }, { dstMacAddress: cfg.mac });
      const nextHop = store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: cfg.ip }, { type: 'IP', ip: cfg.ip, routerInterfaceId: rifId });
      this.#neighbors.set(key, { neighbor, nextHop });
      this.groups.resolved(key, nextHop.oid);
    }
    for (const [key, , cfg] of delta.changed) {
      const refs = this.#neighbors.get(key);
      if (!refs) continue;
      const rifId = this.ctx.rifOid(cfg.rif)!;
      store.get('NEIGHBOR_ENTRY').setObject({ rifId, ip: cfg.ip }, { dstMacAddress: cfg.mac }).release();
    }
  }

  /** Removes neighbors (after routes moved off them). */
  applyRemoves(delta: MapDelta<string, NeighborConfig>): void {
    for (const [key] of delta.removed) {
      const refs = this.#neighbors.get(key);
      if (!refs) continue;
      this.groups.unresolved(key);
      refs.nextHop.release();
      refs.neighbor.release();
      this.#neighbors.delete(key);
    }
  }
}
