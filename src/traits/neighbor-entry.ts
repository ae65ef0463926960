import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { IpAddrFamily, PacketAction } from '../sai/enums.js';

/** AdapterHostKey of a neighbor: (router interface, ip). */
export interface NeighborEntryHostKey {
  readonly rifId: bigint;
  /** Canonical IP address. */
  readonly ip: string;
}

/**
 * SAI_OBJECT_TYPE_NEIGHBOR_ENTRY (36), keyed by `sai_neighbor_entry_t` (switch, rif, ip).
 * Bulk create / remove / set through the neighbor API.
 */
export const NeighborEntryTraits = defineTraits({
  objectType: 'NEIGHBOR_ENTRY',
  adapterKey: 'neighborEntry',
  rank: 80,
  attributes: {
    dstMacAddress: attr.mac(0).mandatory(),
    packetAction: attr.enum(1, PacketAction).default('FORWARD'),
    noHostRoute: attr.bool(3).default(false),
    metaData: attr.u32(4).default(0),
    isLocal: attr.bool(8).default(true),
    ipAddrFamily: attr.enum(9, IpAddrFamily).readOnly(),
  },
  hostKey: {
    toString: (hk: NeighborEntryHostKey) => hk.ip,
    scope: (hk) => hk.rifId,
    derive: (key) => ({ rifId: key.rifId, ip: key.ipAddress }),
    parent: (hk) => hk.rifId,
    fromParts: (rifId, ip) => ({ rifId, ip }),
    adapterKey: (hk, switchId) => ({ switchId, rifId: hk.rifId, ipAddress: hk.ip }),
  },
});
