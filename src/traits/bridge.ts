import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { BridgeType } from '../sai/enums.js';

/**
 * SAI_OBJECT_TYPE_BRIDGE (57). The default 1Q bridge (the switch's DEFAULT_1Q_BRIDGE_ID) is a
 * singleton: host key `null`.
 */
export const BridgeTraits = defineTraits({
  objectType: 'BRIDGE',
  adapterKey: 'oid',
  rank: 40,
  attributes: {
    type: attr.enum(0, BridgeType).mandatory().createOnly(),
    portList: attr.oidList(1, ['BRIDGE_PORT']).readOnly(),
    maxLearnedAddresses: attr.u32(2).default(0),
    learnDisable: attr.bool(3).default(false),
  },
  hostKey: {
    toString: (_hk: null) => 'default',
    derive: () => null,
  },
});
