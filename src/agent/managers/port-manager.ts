/** Ports: the adapter made them at switch init; the agent only sets their attributes. */
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { TraitsOf } from '../../traits/index.js';
import type { MapDelta } from '../state/delta.js';
import type { PortConfig } from '../state/switch-state.js';
import type { AgentContext, HoldingSink } from './context.js';

interface PortRecord {
  readonly ref: SaiObjectRef<TraitsOf<'PORT'>>;
  readonly cfg: PortConfig;
}

/** Programs port settings (SAI_PORT_ATTR_ADMIN_STATE, MTU, SPEED). */
export class PortManager {
  readonly #ports = new Map<number, PortRecord>();
  /** True once the ports the first apply does not configure were brought to defaults. */
  #claimed = false;
  constructor(private readonly ctx: AgentContext) {}

  /**
   * Each port's setting is one `setObject`: it is recorded right after it succeeded. The first
   * apply also brings every port it does not configure back to SAI defaults (the adapter may hold
   * settings a state it no longer has made, e.g. a warm boot replaying the desired state): no write
   * for a port that already has them.
   */
  apply(delta: MapDelta<number, PortConfig>): void {
    const ports = this.ctx.store.get('PORT');
    if (!this.#claimed) {
      const configured = new Set(delta.added.map(([index]) => index));
      this.ctx.defaults.portList.forEach((oid, index) => {
        if (configured.has(index)) return;
        const port = this.ctx.store.byOid(oid);
        if (!port) return;
        const lanes = port.hostKey as readonly number[];
        const speed = (port.attributes as { speed?: number }).speed;
        if (speed === undefined) return;
        ports.setObject(lanes, { hwLaneList: lanes, speed }).releaseOrDefer();
      });
      this.#claimed = true;
    }
    for (const [index, cfg] of [...delta.added, ...delta.changed.map(([k, , v]) => [k, v] as const)]) {
      const lanes = this.ctx.store.byOid(this.ctx.portOid(index))!.hostKey as readonly number[];
      const ref = ports.setObject(lanes, {
        hwLaneList: lanes,
        speed: cfg.speed,
        adminState: cfg.adminState,
        mtu: cfg.mtu,
      });
      const old = this.#ports.get(index);
      this.#ports.set(index, { ref, cfg });
      old?.ref.releaseOrDefer();
    }
    for (const [index] of delta.removed) {
      // Back to SAI defaults: the port itself stays (adapter-owned).
      const rec = this.#ports.get(index);
      if (!rec) continue;
      const lanes = rec.ref.hostKey;
      ports.setObject(lanes, { hwLaneList: lanes, speed: rec.ref.attributes.speed }).releaseOrDefer();
      this.#ports.delete(index);
      rec.ref.releaseOrDefer();
    }
  }

  /** The port configs as programmed. */
  programmed(): Map<number, PortConfig> {
    return new Map([...this.#ports].map(([k, r]) => [k, r.cfg]));
  }

  /** The references held. */
  holdings(sink: HoldingSink): void {
    for (const r of this.#ports.values()) sink({ objectType: 'PORT', hostKey: r.ref.hostKey });
  }
}
