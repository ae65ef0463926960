import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { FdbEntryType, PacketAction } from '../sai/enums.js';

/** AdapterHostKey of an fdb entry: (bridge or vlan, mac). */
export interface FdbEntryHostKey {
  /** The bridge or vlan object id (`bv_id`). */
  readonly bvId: bigint;
  /** Canonical MAC. */
  readonly mac: string;
}

/** SAI_OBJECT_TYPE_FDB_ENTRY (32), keyed by `sai_fdb_entry_t` (switch, mac, bv_id). */
export const FdbEntryTraits = defineTraits({
  objectType: 'FDB_ENTRY',
  adapterKey: 'fdbEntry',
  rank: 95,
  attributes: {
    type: attr.enum(0, FdbEntryType).mandatory(),
    packetAction: attr.enum(1, PacketAction).default('FORWARD'),
    bridgePortId: attr.oid(3, ['BRIDGE_PORT']).default(0n),
    metaData: attr.u32(4).default(0),
    allowMacMove: attr.bool(7).default(false),
  },
  hostKey: {
    toString: (hk: FdbEntryHostKey) => hk.mac,
    scope: (hk) => hk.bvId,
    derive: (key) => ({ bvId: key.bvId, mac: key.macAddress }),
    parent: (hk) => hk.bvId,
    fromParts: (bvId, mac) => ({ bvId, mac }),
    adapterKey: (hk, switchId) => ({ switchId, macAddress: hk.mac, bvId: hk.bvId }),
  },
});
