import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { SwitchOperStatus, SwitchType } from '../sai/enums.js';

/**
 * SAI_OBJECT_TYPE_SWITCH (33). Made by the adapter at init (`create_switch` with INIT_SWITCH);
 * a singleton: its host key is `null`. The store reads its default objects through
 * DEFAULT_VIRTUAL_ROUTER_ID (39), CPU_PORT (4), PORT_LIST (2) and DEFAULT_1Q_BRIDGE_ID (41).
 */
export const SwitchTraits = defineTraits({
  objectType: 'SWITCH',
  adapterKey: 'oid',
  rank: 0,
  attributes: {
    numberOfActivePorts: attr.u32(0).readOnly(),
    portList: attr.oidList(2, ['PORT']).readOnly().adapterDefault('internal'),
    cpuPort: attr.oid(4, ['PORT']).readOnly().adapterDefault('internal'),
    operStatus: attr.enum(18, SwitchOperStatus).readOnly(),
    defaultVirtualRouterId: attr.oid(39, ['VIRTUAL_ROUTER']).readOnly().adapterDefault('internal'),
    default1qBridgeId: attr.oid(41, ['BRIDGE']).readOnly().adapterDefault('internal').saiName('DEFAULT_1Q_BRIDGE_ID'),
    restartWarm: attr.bool(71).default(false),
    srcMacAddress: attr.mac(83).adapterDefault('vendor'),
    fdbAgingTime: attr.u32(85).default(0),
    ecmpDefaultHashSeed: attr.u32(90).default(0),
    initSwitch: attr.bool(116).mandatory().createOnly(),
    preShutdown: attr.bool(157).default(false),
    type: attr.enum(175, SwitchType).createOnly().default('NPU'),
  },
  hostKey: {
    toString: (_hk: null) => 'switch',
    derive: () => null,
  },
});
