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
  constructor(private readonly ctx: AgentContext) {}

  /** Each port's setting is one `setObject`: it is recorded right after it succeeded. */
  apply(delta: MapDelta<number, PortConfig>): void {
    const ports = this.ctx.store.get('PORT');
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
