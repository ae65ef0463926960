/**
 * Router interfaces, and the routes each of its addresses implies: the subnet routed to the
 * interface (connected), the address itself to the CPU port (ip2me), as FBOSS and SONiC program them.
 *
 * An interface moved to another port or vlan is another ROUTER_INTERFACE (its host key is its port
 * or vlan): the new one is made first, and the old one is kept (`moving`) until the neighbors, next
 * hops, groups and routes on it have moved (`SwitchAgent.apply` runs the move), then released.
 */
import ipaddr from 'ipaddr.js';
import { canonicalIpPrefix } from '../../sai/address.js';
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { MapDelta } from '../state/delta.js';
import type { RouterInterfaceConfig } from '../state/switch-state.js';
import { DesiredStateError, UNSETTLED, type AgentContext, type HoldingSink } from './context.js';

interface RifRecord {
  /** The interface's current reference. */
  rif: SaiObjectRef;
  /** References to interfaces it was on before a move, released once everything on them moved. */
  readonly moved: SaiObjectRef[];
  /** Its connected and ip2me routes; after a failure, old and new ones until the next programming. */
  readonly routes: SaiObjectRef[];
  cfg: RouterInterfaceConfig;
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
  readonly #rifs = new Map<string, RifRecord>();
  constructor(private readonly ctx: AgentContext) {}

  /** The interface's object id, or undefined. */
  oid(name: string): bigint | undefined {
    return this.#rifs.get(name)?.rif.oid;
  }

  /** The interface itself (a new reference). @throws DesiredStateError for a missing port or vlan. */
  private interface(cfg: RouterInterfaceConfig): SaiObjectRef {
    const { store, vrId } = this.ctx;
    if (cfg.port !== undefined) {
      const portId = this.ctx.portOid(cfg.port);
      return store
        .get('ROUTER_INTERFACE')
        .setObject(
          { vrId, type: 'PORT', portId },
          { virtualRouterId: vrId, type: 'PORT', portId, srcMacAddress: cfg.mac, mtu: cfg.mtu },
        );
    }
    if (cfg.vlan !== undefined) {
      const vlanId = this.ctx.vlanOid(cfg.vlan);
      if (vlanId === undefined)
        throw new DesiredStateError(`router interface ${cfg.name}: vlan ${cfg.vlan} does not exist`);
      return store
        .get('ROUTER_INTERFACE')
        .setObject(
          { vrId, type: 'VLAN', vlanId },
          { virtualRouterId: vrId, type: 'VLAN', vlanId, srcMacAddress: cfg.mac, mtu: cfg.mtu },
        );
    }
    throw new DesiredStateError(`router interface ${cfg.name}: neither a port nor a vlan`);
  }

  /**
   * Creates and updates interfaces (before neighbors and routes). Each reference is recorded right
   * after it is taken; old ones go once the new ones are complete (a moved interface's old object
   * waits for `releaseMoved`).
   */
  applyAdds(delta: MapDelta<string, RouterInterfaceConfig>): void {
    const { store, vrId } = this.ctx;
    for (const [name, cfg] of [...delta.added, ...delta.changed.map(([k, , v]) => [k, v] as const)]) {
      const ref = this.interface(cfg);
      let rec = this.#rifs.get(name);
      if (!rec) {
        rec = { rif: ref, moved: [], routes: [], cfg: UNSETTLED };
        this.#rifs.set(name, rec);
      } else {
        const old = rec.rif;
        rec.rif = ref;
        if (old.oid === ref.oid) old.releaseOrDefer();
        else rec.moved.push(old);
      }
      rec.cfg = UNSETTLED;
      let stale = rec.routes.length;
      const connected = Object.freeze({ nextHopId: ref.oid });
      const ip2me = Object.freeze({ nextHopId: this.ctx.defaults.cpuPort });
      const routes = store.get('ROUTE_ENTRY');
      for (const address of cfg.addresses) {
        const { subnet, host } = subnetOf(address);
        rec.routes.push(routes.setObject({ vrId, prefix: subnet }, connected));
        if (host !== subnet) rec.routes.push(routes.setObject({ vrId, prefix: host }, ip2me));
      }
      for (; stale > 0; stale--) rec.routes.shift()!.releaseOrDefer();
      rec.cfg = cfg;
    }
  }

  /** Names of interfaces that moved and still have their old object (see the module comment). */
  moving(): Set<string> {
    const out = new Set<string>();
    for (const [name, rec] of this.#rifs) if (rec.moved.length > 0) out.add(name);
    return out;
  }

  /** Releases the old objects of moved interfaces (after everything on them moved). */
  releaseMoved(): void {
    for (const rec of this.#rifs.values()) while (rec.moved.length > 0) rec.moved.shift()!.releaseOrDefer();
  }

  /** Removes interfaces (after the neighbors and routes that used them). */
  applyRemoves(delta: MapDelta<string, RouterInterfaceConfig>): void {
    for (const [name] of delta.removed) {
      const rec = this.#rifs.get(name);
      if (!rec) continue;
      this.#rifs.delete(name);
      for (const r of rec.routes) r.releaseOrDefer();
      rec.rif.releaseOrDefer();
      for (const r of rec.moved) r.releaseOrDefer();
    }
  }

  /** The interface configs as programmed (`UNSETTLED` where programming did not complete). */
  programmed(): Map<string, RouterInterfaceConfig> {
    return new Map([...this.#rifs].map(([k, r]) => [k, r.cfg]));
  }

  /** The references held. */
  holdings(sink: HoldingSink): void {
    for (const r of this.#rifs.values()) {
      for (const ref of [r.rif, ...r.moved, ...r.routes]) sink({ objectType: ref.objectType, hostKey: ref.hostKey });
    }
  }
}
