/** Vlans: a VLAN, a bridge port per member port (on the default 1Q bridge), a VLAN_MEMBER per member. */
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { MapDelta } from '../state/delta.js';
import type { VlanConfig } from '../state/switch-state.js';
import type { AgentContext } from './context.js';

interface VlanRefs {
  readonly vlan: SaiObjectRef;
  readonly members: SaiObjectRef[];
}

/** Programs vlans and their members. */
export class VlanManager {
  readonly #vlans = new Map<number, VlanRefs>();
  readonly #bridgePorts = new Map<number, SaiObjectRef>();
  constructor(private readonly ctx: AgentContext) {}

  /** The vlan's object id, or undefined. */
  oid(id: number): bigint | undefined {
    return this.#vlans.get(id)?.vlan.oid;
  }

  private bridgePort(port: number): bigint {
    let ref = this.#bridgePorts.get(port);
    if (!ref) {
      const portId = this.ctx.portOid(port);
      ref = this.ctx.store
        .get('BRIDGE_PORT')
        .setObject({ type: 'PORT', portId }, { type: 'PORT', portId, adminState: true });
      this.#bridgePorts.set(port, ref);
    }
    return ref.oid;
  }

  /** Creates and updates vlans (before router interfaces that use them). */
  applyAdds(delta: MapDelta<number, VlanConfig>): void {
    for (const [id, cfg] of [...delta.added, ...delta.changed.map(([k, , v]) => [k, v] as const)]) {
      const old = this.#vlans.get(id);
      const vlan = this.ctx.store.get('VLAN').setObject(id, { vlanId: id });
      const members = cfg.members.map((m) => {
        const bridgePortId = this.bridgePort(m.port);
        return this.ctx.store
          .get('VLAN_MEMBER')
          .setObject(
            { vlanId: vlan.oid, bridgePortId },
            { vlanId: vlan.oid, bridgePortId, vlanTaggingMode: m.tagged ? 'TAGGED' : 'UNTAGGED' },
          );
      });
      this.#vlans.set(id, { vlan, members });
      if (old) {
        for (const m of old.members) m.release();
        old.vlan.release();
      }
    }
  }

  /** Removes vlans (after router interfaces that used them). */
  applyRemoves(delta: MapDelta<number, VlanConfig>): void {
    for (const [id] of delta.removed) {
      const old = this.#vlans.get(id);
      if (!old) continue;
      for (const m of old.members) m.release();
      old.vlan.release();
      this.#vlans.delete(id);
    }
  }
}
