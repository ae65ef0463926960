/**
 * Vlans: a VLAN and a VLAN_MEMBER per member port, on a bridge port of the default 1Q bridge.
 * A bridge port lives as long as a vlan member names it (the store's reference).
 */
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { MapDelta } from '../state/delta.js';
import type { VlanConfig } from '../state/switch-state.js';
import { UNSETTLED, type AgentContext, type HoldingSink } from './context.js';

interface VlanRecord {
  /** The vlan's references (one while settled; one per programming attempt until then). */
  readonly vlan: SaiObjectRef[];
  /** Member references; after a failure, old and new ones until the next programming. */
  readonly members: SaiObjectRef[];
  cfg: VlanConfig;
}

/** Programs vlans and their members. */
export class VlanManager {
  readonly #vlans = new Map<number, VlanRecord>();
  constructor(private readonly ctx: AgentContext) {}

  /** The vlan's object id, or undefined. */
  oid(id: number): bigint | undefined {
    const refs = this.#vlans.get(id)?.vlan;
    return refs && refs.length > 0 ? refs[refs.length - 1].oid : undefined;
  }

  /** A member on `port`: its bridge port is held by the member (the store's reference), not by us. */
  private member(vlanId: bigint, port: number, tagged: boolean): SaiObjectRef {
    const { store } = this.ctx;
    const portId = this.ctx.portOid(port);
    const bridgePort = store
      .get('BRIDGE_PORT')
      .setObject({ type: 'PORT', portId }, { type: 'PORT', portId, adminState: true });
    try {
      return store
        .get('VLAN_MEMBER')
        .setObject(
          { vlanId, bridgePortId: bridgePort.oid },
          { vlanId, bridgePortId: bridgePort.oid, vlanTaggingMode: tagged ? 'TAGGED' : 'UNTAGGED' },
        );
    } finally {
      bridgePort.releaseOrDefer();
    }
  }

  /**
   * Creates and updates vlans (before router interfaces that use them). Every reference is
   * recorded right after it is taken; the old ones go once the new set is complete.
   */
  applyAdds(delta: MapDelta<number, VlanConfig>): void {
    for (const [id, cfg] of [...delta.added, ...delta.changed.map(([k, , v]) => [k, v] as const)]) {
      let rec = this.#vlans.get(id);
      if (!rec) {
        rec = { vlan: [], members: [], cfg: UNSETTLED };
        this.#vlans.set(id, rec);
      }
      rec.cfg = UNSETTLED;
      const vlan = this.ctx.store.get('VLAN').setObject(id, { vlanId: id });
      rec.vlan.push(vlan);
      let stale = rec.members.length;
      for (const m of cfg.members) rec.members.push(this.member(vlan.oid, m.port, m.tagged));
      for (; stale > 0; stale--) rec.members.shift()!.releaseOrDefer();
      while (rec.vlan.length > 1) rec.vlan.shift()!.releaseOrDefer();
      rec.cfg = cfg;
    }
  }

  /** Removes vlans (after router interfaces that used them). */
  applyRemoves(delta: MapDelta<number, VlanConfig>): void {
    for (const [id] of delta.removed) {
      const rec = this.#vlans.get(id);
      if (!rec) continue;
      this.#vlans.delete(id);
      for (const m of rec.members) m.releaseOrDefer();
      for (const v of rec.vlan) v.releaseOrDefer();
    }
  }

  /** The vlan configs as programmed (`UNSETTLED` where programming did not complete). */
  programmed(): Map<number, VlanConfig> {
    return new Map([...this.#vlans].map(([k, r]) => [k, r.cfg]));
  }

  /** The references held. */
  holdings(sink: HoldingSink): void {
    for (const r of this.#vlans.values()) {
      for (const v of [...r.vlan, ...r.members]) sink({ objectType: v.objectType, hostKey: v.hostKey });
    }
  }
}
