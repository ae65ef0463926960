/**
 * Router interfaces, and the routes each of its addresses implies: the subnet routed to the
 * interface (connected), the address itself to the CPU port (ip2me), as FBOSS and SONiC program them.
 */
import ipaddr from 'ipaddr.js';
import { canonicalIpPrefix } from '../../sai/address.js';
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { MapDelta } from '../state/delta.js';
import type { RouterInterfaceConfig } from '../state/switch-state.js';
import { DesiredStateError, type AgentContext } from './context.js';

interface RifRefs {
  readonly rif: SaiObjectRef;
  readonly routes: SaiObjectRef[];
}

/** The subnet of an interface address, and the address as a host route: `100.64.0.1/30` -> `100.64.0.0/30`, `100.64.0.1/32`. */
export function subnetOf(address: string): { subnet: string; host: string } {
  const [ip, len] = ipaddr.parseCIDR(address);
  const net =
    ip.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(address) : ipaddr.IPv6.networkAddressFromCIDR(address);
  const hostLen = ip.kind() === 'ipv4' ? 32 : 128;
  return {
    subnet: canonicalIpPrefix(`${net.toString()}/${len}`),
    host: canonicalIpPrefix(`${ip.toString()}/${hostLen}`),
  };
}

/** Programs router interfaces and their connected and ip2me routes. */
export class RouterInterfaceManager {
  readonly #rifs = new Map<string, RifRefs>();
  constructor(private readonly ctx: AgentContext) {}

  /** The interface's object id, or undefined. */
  oid(name: string): bigint | undefined {
    return this.#rifs.get(name)?.rif.oid;
  }

  private program(cfg: RouterInterfaceConfig): RifRefs {
    const { store, vrId } = this.ctx;
    let ref: SaiObjectRef;
    if (cfg.port !== undefined) {
      const portId = this.ctx.portOid(cfg.port);
      ref = store
        .get('ROUTER_INTERFACE')
        .setObject(
          { vrId, type: 'PORT', portId },
          { virtualRouterId: vrId, type: 'PORT', portId, srcMacAddress: cfg.mac, mtu: cfg.mtu },
        );
    } else if (cfg.vlan !== undefined) {
      const vlanId = this.ctx.vlanOid(cfg.vlan);
      if (vlanId === undefined)
        throw new DesiredStateError(`router interface ${cfg.name}: vlan ${cfg.vlan} does not exist`);
      ref = store
        .get('ROUTER_INTERFACE')
        .setObject(
          { vrId, type: 'VLAN', vlanId },
          { virtualRouterId: vrId, type: 'VLAN', vlanId, srcMacAddress: cfg.mac, mtu: cfg.mtu },
        );
    } else {
      throw new DesiredStateError(`router interface ${cfg.name}: neither a port nor a vlan`);
    }
    const routes: SaiObjectRef[] = [];
    const connected = Object.freeze({ nextHopId: ref.oid });
    const ip2me = Object.freeze({ nextHopId: this.ctx.defaults.cpuPort });
    for (const address of cfg.addresses) {
      const { subnet, host } = subnetOf(address);
      routes.push(store.get('ROUTE_ENTRY').setObject({ vrId, prefix: subnet }, connected));
      if (host !== subnet) routes.push(store.get('ROUTE_ENTRY').setObject({ vrId, prefix: host }, ip2me));
    }
    return { rif: ref, routes };
  }

  /** Creates and updates interfaces (before neighbors and routes). */
  applyAdds(delta: MapDelta<string, RouterInterfaceConfig>): void {
    for (const [name, cfg] of [...delta.added, ...delta.changed.map(([k, , v]) => [k, v] as const)]) {
      const next = this.program(cfg);
      const old = this.#rifs.get(name);
      this.#rifs.set(name, next);
      if (old) {
        for (const r of old.routes) r.release();
        old.rif.release();
      }
    }
  }

  /** Removes interfaces (after the neighbors and routes that used them). */
  applyRemoves(delta: MapDelta<string, RouterInterfaceConfig>): void {
    for (const [name] of delta.removed) {
      const old = this.#rifs.get(name);
      if (!old) continue;
      for (const r of old.routes) r.release();
      old.rif.release();
      this.#rifs.delete(name);
    }
  }
}
