import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { SwitchOperStatus, SwitchType } from '../sai/enums.js';

/**
 * SAI_OBJECT_TYPE_SWITCH (33). Made by the adapter at init (`create_switch` with INIT_SWITCH);
 * a singleton per switch: its host key is `null`. SWITCH_PROFILE_ID (113) and SWITCH_HARDWARE_INFO (114)
 * tell several switches of one process apart. The store reads its default objects through
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
    /** The profile the libsai reads through `profile_get_value(profile_id, ...)` for this switch. */
    switchProfileId: attr.u32(113).createOnly().default(0),
    /** Which ASIC this switch is (vendor format, e.g. a PCI address), for several switches per process. */
    switchHardwareInfo: attr.i8List(114).createOnly().defaultEmpty(),
    initSwitch: attr.bool(116).mandatory().createOnly(),
    preShutdown: attr.bool(157).default(false),
    type: attr.enum(175, SwitchType).createOnly().default('NPU'),
    /** Isolates the switch from the fabric (drain); the agent sets it when the drain says so. */
    switchIsolate: attr.bool(215).default(false),
  },
  hostKey: {
    toString: (_hk: null) => 'switch',
    derive: () => null,
  },
});
