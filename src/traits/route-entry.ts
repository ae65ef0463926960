import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { IpAddrFamily, PacketAction } from '../sai/enums.js';

/** AdapterHostKey of a route: (virtual router, prefix). */
export interface RouteEntryHostKey {
  readonly vrId: bigint;
  /** Canonical IP prefix, e.g. `10.0.0.0/8`, `2001:db8::/32`. */
  readonly prefix: string;
}

/**
 * SAI_OBJECT_TYPE_ROUTE_ENTRY (37), keyed by `sai_route_entry_t` (switch, vr, destination).
 * Bulk create / remove / set through the route API.
 */
export const RouteEntryTraits = defineTraits({
  objectType: 'ROUTE_ENTRY',
  adapterKey: 'routeEntry',
  rank: 90,
  attributes: {
    packetAction: attr.enum(0, PacketAction).default('FORWARD'),
    nextHopId: attr.oid(2, ['NEXT_HOP', 'NEXT_HOP_GROUP', 'ROUTER_INTERFACE', 'PORT']).default(0n),
    metaData: attr.u32(3).default(0),
    ipAddrFamily: attr.enum(4, IpAddrFamily).readOnly(),
  },
  hostKey: {
    toString: (hk: RouteEntryHostKey) => hk.prefix,
    scope: (hk) => hk.vrId,
    derive: (key) => ({ vrId: key.vrId, prefix: key.destination }),
    parent: (hk) => hk.vrId,
    fromParts: (vrId, prefix) => ({ vrId, prefix }),
    adapterKey: (hk, switchId) => ({ switchId, vrId: hk.vrId, destination: hk.prefix }),
  },
});
