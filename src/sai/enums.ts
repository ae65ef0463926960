/** The SAI enums the traits use (values from SAI 1.18 metadata, `../shared/sai/enums.tsv`). */
import { defineEnum } from './enum.js';

/** `sai_packet_action_t`. */
export const PacketAction = defineEnum('sai_packet_action_t', 'SAI_PACKET_ACTION_', {
  DROP: 0,
  FORWARD: 1,
  COPY: 2,
  COPY_CANCEL: 3,
  TRAP: 4,
  LOG: 5,
  DENY: 6,
  TRANSIT: 7,
  DONOTDROP: 8,
});

/** `sai_router_interface_type_t`. */
export const RouterInterfaceType = defineEnum('sai_router_interface_type_t', 'SAI_ROUTER_INTERFACE_TYPE_', {
  PORT: 0,
  VLAN: 1,
  LOOPBACK: 2,
  MPLS_ROUTER: 3,
  SUB_PORT: 4,
  BRIDGE: 5,
  QINQ_PORT: 6,
});

/** `sai_next_hop_type_t`. */
export const NextHopType = defineEnum('sai_next_hop_type_t', 'SAI_NEXT_HOP_TYPE_', {
  IP: 0,
  MPLS: 1,
  TUNNEL_ENCAP: 2,
  SRV6_SIDLIST: 3,
  IPMC: 4,
  BRIDGE_PORT: 5,
});

/** `sai_next_hop_group_type_t`. */
export const NextHopGroupType = defineEnum('sai_next_hop_group_type_t', 'SAI_NEXT_HOP_GROUP_TYPE_', {
  DYNAMIC_UNORDERED_ECMP: 0,
  DYNAMIC_ORDERED_ECMP: 1,
  FINE_GRAIN_ECMP: 2,
  PROTECTION: 3,
  CLASS_BASED: 4,
  HW_PROTECTION: 5,
  ECMP_WITH_MEMBERS: 6,
  BRIDGE_PORT: 7,
});

/** `sai_next_hop_group_member_configured_role_t`. */
export const NextHopGroupMemberConfiguredRole = defineEnum(
  'sai_next_hop_group_member_configured_role_t',
  'SAI_NEXT_HOP_GROUP_MEMBER_CONFIGURED_ROLE_',
  { PRIMARY: 0, STANDBY: 1 },
);

/** `sai_bridge_type_t`. */
export const BridgeType = defineEnum('sai_bridge_type_t', 'SAI_BRIDGE_TYPE_', { '1Q': 0, '1D': 1 });

/** `sai_bridge_port_type_t`. */
export const BridgePortType = defineEnum('sai_bridge_port_type_t', 'SAI_BRIDGE_PORT_TYPE_', {
  PORT: 0,
  SUB_PORT: 1,
  '1Q_ROUTER': 2,
  '1D_ROUTER': 3,
  TUNNEL: 4,
  BRIDGE_PORT_NEXT_HOP_GROUP: 5,
});

/** `sai_bridge_port_tagging_mode_t`. */
export const BridgePortTaggingMode = defineEnum('sai_bridge_port_tagging_mode_t', 'SAI_BRIDGE_PORT_TAGGING_MODE_', {
  UNTAGGED: 0,
  TAGGED: 1,
});

/** `sai_bridge_port_fdb_learning_mode_t`. */
export const BridgePortFdbLearningMode = defineEnum(
  'sai_bridge_port_fdb_learning_mode_t',
  'SAI_BRIDGE_PORT_FDB_LEARNING_MODE_',
  { DROP: 0, DISABLE: 1, HW: 2, CPU_TRAP: 3, CPU_LOG: 4, FDB_NOTIFICATION: 5 },
);

/** `sai_vlan_tagging_mode_t`. */
export const VlanTaggingMode = defineEnum('sai_vlan_tagging_mode_t', 'SAI_VLAN_TAGGING_MODE_', {
  UNTAGGED: 0,
  TAGGED: 1,
  PRIORITY_TAGGED: 2,
});

/** `sai_fdb_entry_type_t`. */
export const FdbEntryType = defineEnum('sai_fdb_entry_type_t', 'SAI_FDB_ENTRY_TYPE_', { DYNAMIC: 0, STATIC: 1 });

/** `sai_ip_addr_family_t`. */
export const IpAddrFamily = defineEnum('sai_ip_addr_family_t', 'SAI_IP_ADDR_FAMILY_', { IPV4: 0, IPV6: 1 });

/** `sai_port_type_t`. */
export const PortType = defineEnum('sai_port_type_t', 'SAI_PORT_TYPE_', { LOGICAL: 0, CPU: 1, FABRIC: 2, RECYCLE: 3 });

/** `sai_port_oper_status_t`. */
export const PortOperStatus = defineEnum('sai_port_oper_status_t', 'SAI_PORT_OPER_STATUS_', {
  UNKNOWN: 0,
  UP: 1,
  DOWN: 2,
  TESTING: 3,
  NOT_PRESENT: 4,
});

/** `sai_port_fec_mode_t`. */
export const PortFecMode = defineEnum('sai_port_fec_mode_t', 'SAI_PORT_FEC_MODE_', { NONE: 0, RS: 1, FC: 2 });

/** `sai_switch_type_t`. */
export const SwitchType = defineEnum('sai_switch_type_t', 'SAI_SWITCH_TYPE_', {
  NPU: 0,
  PHY: 1,
  VOQ: 2,
  FABRIC: 3,
  POE: 4,
});

/** `sai_switch_oper_status_t`. */
export const SwitchOperStatus = defineEnum('sai_switch_oper_status_t', 'SAI_SWITCH_OPER_STATUS_', {
  UNKNOWN: 0,
  UP: 1,
  DOWN: 2,
  FAILED: 3,
});

/** `sai_hash_algorithm_t` (the values the traits use). */
export const HashAlgorithm = defineEnum('sai_hash_algorithm_t', 'SAI_HASH_ALGORITHM_', {
  CRC: 0,
  XOR: 1,
  RANDOM: 2,
  CRC_32LO: 3,
  CRC_32HI: 4,
  CRC_CCITT: 5,
  CRC_XOR: 6,
  NONE: 7,
  ROUND_ROBIN: 8,
  JENKINS_LO: 9,
  JENKINS_HI: 10,
});

/** `sai_bulk_op_error_mode_t`. */
export const BulkOpErrorMode = { STOP_ON_ERROR: 0, IGNORE_ERROR: 1 } as const;
