/**
 * Neighbors: a NEIGHBOR_ENTRY and the IP NEXT_HOP it resolves (router interface, ip). A next hop
 * exists while its neighbor does; groups that list it get a member for it.
 *
 * Both are keyed by the interface's object, so when the interface moves (another port or vlan)
 * they are made anew on the new one (`rehome`) and the old ones go after the groups moved
 * (`releaseMoved`).
 */
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { MapDelta } from '../state/delta.js';
import type { NeighborConfig } from '../state/switch-state.js';
import { DesiredStateError, UNSETTLED, type AgentContext, type HoldingSink } from './context.js';
import type { NextHopGroupManager, NextHopResolver } from './next-hop-group-manager.js';

interface NeighborRecord {
  /** The interface's name (the config's `rif`). */
  readonly rif: string;
  /** The interface object the references below are on. */
  rifId: bigint;
  neighbor: SaiObjectRef | undefined;
  nextHop: SaiObjectRef | undefined;
  /** References on an interface the neighbor moved off, released once groups moved too. */
  readonly moved: SaiObjectRef[];
  /** The config last asked for, and whether its programming completed. */
  cfg: NeighborConfig;
  settled: boolean;
}

/** Programs neighbors and their next hops. */
export class NeighborManager implements NextHopResolver {
  readonly #neighbors = new Map<string, NeighborRecord>();
  constructor(
    private readonly ctx: AgentContext,
    private readonly groups: NextHopGroupManager,
  ) {}

  /** The next hop of a neighbor on its interface's current object (undefined while it has not moved there). */
  nextHopOid(key: string): bigint | undefined {
    const rec = this.#neighbors.get(key);
    if (!rec?.nextHop || rec.rifId !== this.ctx.rifOid(rec.rif)) return undefined;
    return rec.nextHop.oid;
  }

  private rifId(cfg: NeighborConfig): bigint {
    const rifId = this.ctx.rifOid(cfg.rif);
    if (rifId === undefined)
      throw new DesiredStateError(`neighbor ${cfg.ip}: router interface ${cfg.rif} does not exist`);
    return rifId;
  }

  /**
   * Brings one neighbor to `cfg` on its interface's current object: whatever is missing is made,
   * each reference recorded right after it is taken.
   */
  private program(key: string, cfg: NeighborConfig, rifId: bigint): NeighborRecord {
    const { store } = this.ctx;
    let rec = this.#neighbors.get(key);
    if (!rec) {
      rec = { rif: cfg.rif, rifId, neighbor: undefined, nextHop: undefined, moved: [], cfg, settled: false };
      this.#neighbors.set(key, rec);
    }
    rec.cfg = cfg;
    rec.settled = false;
    if (rec.rifId !== rifId) {
      if (rec.neighbor) rec.moved.push(rec.neighbor);
      if (rec.nextHop) rec.moved.push(rec.nextHop);
      rec.neighbor = rec.nextHop = undefined;
      rec.rifId = rifId;
    }
    const neighbor = store.get('NEIGHBOR_ENTRY').setObject({ rifId, ip: cfg.ip }, { dstMacAddress: cfg.mac });
    if (rec.neighbor) neighbor.releaseOrDefer();
    else rec.neighbor = neighbor;
    if (!rec.nextHop) {
      rec.nextHop = store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: cfg.ip }, { type: 'IP', ip: cfg.ip, routerInterfaceId: rifId });
    }
    return rec;
  }

  /** Adds and updates neighbors (after router interfaces, before routes). */
  applyAdds(delta: MapDelta<string, NeighborConfig>): void {
    for (const [key, cfg] of [...delta.added, ...delta.changed.map(([k, , v]) => [k, v] as const)]) {
      const rec = this.program(key, cfg, this.rifId(cfg));
      // Groups listing it get their member (those that have it already are left as they are).
      this.groups.resolved(key, rec.nextHop!.oid);
      rec.settled = true;
    }
  }

  /**
   * Neighbors on interfaces that moved get their entry and next hop on the new object (groups
   * then move with `NextHopGroupManager.rehome`). Idempotent: done ones are skipped.
   */
  rehome(moved: ReadonlySet<string>): void {
    for (const [key, rec] of this.#neighbors) {
      if (!moved.has(rec.rif)) continue;
      const rifId = this.ctx.rifOid(rec.rif);
      if (rifId === undefined || (rifId === rec.rifId && rec.neighbor && rec.nextHop)) continue;
      const settled = rec.settled;
      this.program(key, rec.cfg, rifId);
      rec.settled = settled;
    }
  }

  /** Releases what neighbors held on interfaces they moved off. */
  releaseMoved(): void {
    for (const rec of this.#neighbors.values()) while (rec.moved.length > 0) rec.moved.shift()!.releaseOrDefer();
  }

  /** Removes neighbors (after routes moved off them). */
  applyRemoves(delta: MapDelta<string, NeighborConfig>): void {
    for (const [key] of delta.removed) {
      const rec = this.#neighbors.get(key);
      if (!rec) continue;
      this.groups.unresolved(key);
      this.#neighbors.delete(key);
      rec.nextHop?.releaseOrDefer();
      rec.neighbor?.releaseOrDefer();
      for (const r of rec.moved) r.releaseOrDefer();
    }
  }

  /** The neighbor configs as programmed (`UNSETTLED` where programming did not complete). */
  programmed(): Map<string, NeighborConfig> {
    return new Map([...this.#neighbors].map(([k, r]) => [k, r.settled ? r.cfg : UNSETTLED]));
  }

  /** The references held. */
  holdings(sink: HoldingSink): void {
    for (const r of this.#neighbors.values()) {
      for (const ref of [r.neighbor, r.nextHop, ...r.moved]) {
        if (ref) sink({ objectType: ref.objectType, hostKey: ref.hostKey });
      }
    }
  }
}
