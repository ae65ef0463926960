import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { PacketAction } from '../sai/enums.js';

/**
 * SAI_OBJECT_TYPE_VIRTUAL_ROUTER (3). The default virtual router (the switch's
 * DEFAULT_VIRTUAL_ROUTER_ID) is a singleton: host key `null`.
 */
export const VirtualRouterTraits = defineTraits({
  objectType: 'VIRTUAL_ROUTER',
  adapterKey: 'oid',
  rank: 30,
  attributes: {
    adminV4State: attr.bool(0).default(true),
    adminV6State: attr.bool(1).default(true),
    srcMacAddress: attr.mac(2).adapterDefault('attrvalue'),
    violationTtl1PacketAction: attr.enum(3, PacketAction).default('TRAP'),
    violationIpOptionsPacketAction: attr.enum(4, PacketAction).default('TRAP'),
    unknownL3MulticastPacketAction: attr.enum(5, PacketAction).default('DROP'),
    label: attr.chardata(6).default(''),
  },
  hostKey: {
    toString: (_hk: null) => 'default',
    derive: () => null,
  },
});
