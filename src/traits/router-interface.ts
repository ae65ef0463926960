import { attr } from './attr.js';
import { defineTraits } from './define.js';
import type { EnumName } from '../sai/enum.js';
import { PacketAction, RouterInterfaceType } from '../sai/enums.js';
import { oidText } from './key-string.js';

/** AdapterHostKey of a router interface: (virtual router, type, port or vlan). */
export interface RouterInterfaceHostKey {
  readonly vrId: bigint;
  readonly type: EnumName<typeof RouterInterfaceType>;
  /** SAI_ROUTER_INTERFACE_ATTR_PORT_ID for PORT / SUB_PORT interfaces. */
  readonly portId?: bigint;
  /** SAI_ROUTER_INTERFACE_ATTR_VLAN_ID (the vlan's object id) for VLAN interfaces. */
  readonly vlanId?: bigint;
}

/** SAI_OBJECT_TYPE_ROUTER_INTERFACE (6). */
export const RouterInterfaceTraits = defineTraits({
  objectType: 'ROUTER_INTERFACE',
  adapterKey: 'oid',
  rank: 60,
  attributes: {
    virtualRouterId: attr.oid(0, ['VIRTUAL_ROUTER']).mandatory().createOnly(),
    type: attr.enum(1, RouterInterfaceType).mandatory().createOnly(),
    portId: attr.oid(2, ['PORT', 'LAG']).mandatory().createOnly().when('type', 'PORT', 'SUB_PORT'),
    vlanId: attr.oid(3, ['VLAN']).mandatory().createOnly().when('type', 'VLAN'),
    outerVlanId: attr.u16(4).mandatory().createOnly().when('type', 'QINQ_PORT', 'SUB_PORT'),
    srcMacAddress: attr.mac(7).adapterDefault('attrvalue'),
    adminV4State: attr.bool(8).default(true),
    adminV6State: attr.bool(9).default(true),
    mtu: attr.u32(10).default(1514),
    neighborMissPacketAction: attr.enum(13, PacketAction).default('TRAP'),
    v4McastEnable: attr.bool(14).default(false),
    v6McastEnable: attr.bool(15).default(false),
    loopbackPacketAction: attr.enum(16, PacketAction).default('FORWARD'),
    isVirtual: attr.bool(17).createOnly().default(false),
    disableDecrementTtl: attr.bool(19).default(false),
    label: attr.chardata(23).default(''),
  },
  hostKey: {
    toString: (hk: RouterInterfaceHostKey) =>
      `${oidText(hk.vrId)}|${hk.type}|${hk.portId !== undefined ? oidText(hk.portId) : ''}|${
        hk.vlanId !== undefined ? oidText(hk.vlanId) : ''
      }`,
    derive: (_key, a) => {
      if (a.virtualRouterId === undefined || a.type === undefined) return undefined;
      const hk: { vrId: bigint; type: RouterInterfaceHostKey['type']; portId?: bigint; vlanId?: bigint } = {
        vrId: a.virtualRouterId,
        type: a.type,
      };
      if (a.portId !== undefined) hk.portId = a.portId;
      if (a.vlanId !== undefined) hk.vlanId = a.vlanId;
      return hk;
    },
    fromAttributes: ['virtualRouterId', 'type', 'portId', 'vlanId'],
  },
});
