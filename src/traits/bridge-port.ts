import { attr } from './attr.js';
import { defineTraits } from './define.js';
import type { EnumName } from '../sai/enum.js';
import { BridgePortFdbLearningMode, BridgePortTaggingMode, BridgePortType } from '../sai/enums.js';
import { oidText } from './key-string.js';

/** AdapterHostKey of a bridge port: (type, port or lag). */
export interface BridgePortHostKey {
  readonly type: EnumName<typeof BridgePortType>;
  /** SAI_BRIDGE_PORT_ATTR_PORT_ID: a port or lag object id. */
  readonly portId: bigint;
}

/** SAI_OBJECT_TYPE_BRIDGE_PORT (58). */
export const BridgePortTraits = defineTraits({
  objectType: 'BRIDGE_PORT',
  adapterKey: 'oid',
  rank: 45,
  attributes: {
    type: attr.enum(0, BridgePortType).mandatory().createOnly(),
    portId: attr.oid(1, ['PORT', 'LAG']).mandatory().createOnly().when('type', 'PORT', 'SUB_PORT'),
    taggingMode: attr.enum(2, BridgePortTaggingMode).default('TAGGED'),
    bridgeId: attr
      .oid(6, ['BRIDGE'])
      .mandatory()
      .when('type', 'SUB_PORT', '1D_ROUTER', 'TUNNEL', 'BRIDGE_PORT_NEXT_HOP_GROUP'),
    fdbLearningMode: attr.enum(7, BridgePortFdbLearningMode).default('HW'),
    maxLearnedAddresses: attr.u32(8).default(0),
    adminState: attr.bool(10).default(false),
    ingressFiltering: attr.bool(11).default(false),
    egressFiltering: attr.bool(12).default(false),
  },
  hostKey: {
    toString: (hk: BridgePortHostKey) => `${hk.type}|${oidText(hk.portId)}`,
    derive: (_key, a) => (a.type === undefined ? undefined : { type: a.type, portId: a.portId ?? 0n }),
    fromAttributes: ['type', 'portId'],
  },
});
