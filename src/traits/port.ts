import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { PortFecMode, PortOperStatus, PortType } from '../sai/enums.js';

/**
 * SAI_OBJECT_TYPE_PORT (1). Host key: the hardware lane list (SAI_PORT_ATTR_HW_LANE_LIST, 30), as
 * FBOSS keys ports; the CPU port has no lanes and keys as `[]`.
 */
export const PortTraits = defineTraits({
  objectType: 'PORT',
  adapterKey: 'oid',
  rank: 10,
  attributes: {
    type: attr.enum(0, PortType).readOnly(),
    operStatus: attr.enum(1, PortOperStatus).readOnly(),
    hwLaneList: attr.u32List(30).mandatory().createOnly().key(),
    speed: attr.u32(31).mandatory(),
    adminState: attr.bool(34).default(false),
    portVlanId: attr.u16(45).default(1),
    fecMode: attr.enum(51, PortFecMode).default('NONE'),
    mtu: attr.u32(54).default(1514),
  },
  hostKey: {
    toString: (lanes: readonly number[]) => lanes.join(','),
    derive: (_key, attrs) => attrs.hwLaneList ?? [],
    fromAttributes: ['hwLaneList'],
  },
});
