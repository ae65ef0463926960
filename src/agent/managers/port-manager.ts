/** Ports: the adapter made them at switch init; the agent only sets their attributes. */
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { TraitsOf } from '../../traits/index.js';
import type { MapDelta } from '../state/delta.js';
import type { PortConfig } from '../state/switch-state.js';
import type { AgentContext } from './context.js';

/** Programs port settings (SAI_PORT_ATTR_ADMIN_STATE, MTU, SPEED). */
export class PortManager {
  readonly #refs = new Map<number, SaiObjectRef<TraitsOf<'PORT'>>>();
  constructor(private readonly ctx: AgentContext) {}

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
      this.#refs.get(index)?.release();
      this.#refs.set(index, ref);
    }
    for (const [index] of delta.removed) {
      // Back to SAI defaults: the port itself stays (adapter-owned).
      const ref = this.#refs.get(index);
      if (!ref) continue;
      const lanes = ref.hostKey;
      const speed = ref.attributes.speed;
      ports.setObject(lanes, { hwLaneList: lanes, speed }).release();
      ref.release();
      this.#refs.delete(index);
    }
  }
}
