import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { VlanTaggingMode } from '../sai/enums.js';
import { oidText } from './key-string.js';

/** AdapterHostKey of a vlan member: (vlan, bridge port). */
export interface VlanMemberHostKey {
  readonly vlanId: bigint;
  readonly bridgePortId: bigint;
}

/** SAI_OBJECT_TYPE_VLAN_MEMBER (39). */
export const VlanMemberTraits = defineTraits({
  objectType: 'VLAN_MEMBER',
  adapterKey: 'oid',
  rank: 55,
  attributes: {
    vlanId: attr.oid(0, ['VLAN']).mandatory().createOnly(),
    bridgePortId: attr.oid(1, ['BRIDGE_PORT']).mandatory().createOnly(),
    vlanTaggingMode: attr.enum(2, VlanTaggingMode).default('UNTAGGED'),
  },
  hostKey: {
    toString: (hk: VlanMemberHostKey) => `${oidText(hk.vlanId)}|${oidText(hk.bridgePortId)}`,
    derive: (_key, a) =>
      a.vlanId === undefined || a.bridgePortId === undefined
        ? undefined
        : { vlanId: a.vlanId, bridgePortId: a.bridgePortId },
    fromAttributes: ['vlanId', 'bridgePortId'],
  },
});
