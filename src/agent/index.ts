export {
  SwitchAgent,
  stateFiles,
  warmBootProfile,
  type BootOptions,
  type BootReport,
  type WriteCounts,
} from './switch-agent.js';
export {
  emptySwitchState,
  updateState,
  neighborKey,
  ecmpKey,
  RouteActionInterner,
  type SwitchState,
  type SwitchStateDraft,
  type PortConfig,
  type VlanConfig,
  type RouterInterfaceConfig,
  type NeighborConfig,
  type NextHop,
  type RouteAction,
} from './state/switch-state.js';
export { RouteTable, diffRouteTables, prefixHash, type RouteChange, type RouteTableDiff } from './state/route-table.js';
export { stateDelta, diffMaps, type StateDelta, type MapDelta } from './state/delta.js';
export {
  encodeSwitchState,
  decodeSwitchState,
  ShutdownStateError,
  shutdownStateSchema,
  type EncodedSwitchState,
} from './shutdown-state.js';
export { DesiredStateError, type Holding } from './managers/context.js';
export { subnetOf } from './managers/router-interface-manager.js';
export {
  syntheticTopology,
  syntheticBase,
  syntheticGroups,
  type TopologyRoute,
  type SyntheticTopologyOptions,
} from './topology.js';
export {
  nextHopTopology,
  buildRouteTopology,
  type RouteTopology,
  type ShadowedRoute,
  type RefusedRoute,
} from './route-topology.js';
export { NextHopTopology, type NextHopTopologyOptions } from './next-hop-topology.js';
export { connectedSubnetOf } from './connected-subnet.js';
