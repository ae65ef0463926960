import { attr } from './attr.js';
import { defineTraits } from './define.js';

/** SAI_OBJECT_TYPE_VLAN (38). Host key: the vlan id (SAI_VLAN_ATTR_VLAN_ID, 0), 1 to 4094. */
export const VlanTraits = defineTraits({
  objectType: 'VLAN',
  adapterKey: 'oid',
  rank: 50,
  attributes: {
    vlanId: attr.u16(0).mandatory().createOnly().key(),
    memberList: attr.oidList(1, ['VLAN_MEMBER']).readOnly(),
    maxLearnedAddresses: attr.u32(2).default(0),
    learnDisable: attr.bool(4).default(false),
    metaData: attr.u32(13).default(0),
  },
  hostKey: {
    toString: (vlanId: number) => String(vlanId),
    derive: (_key, a) => a.vlanId,
    fromAttributes: ['vlanId'],
  },
});
