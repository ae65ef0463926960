/** Every object type's traits, and the registry by object type. */
import type { SaiObjectType } from '../sai/object-type.js';
import { BridgeTraits } from './bridge.js';
import { BridgePortTraits } from './bridge-port.js';
import { FdbEntryTraits } from './fdb-entry.js';
import { LagTraits } from './lag.js';
import { LagMemberTraits } from './lag-member.js';
import { NeighborEntryTraits } from './neighbor-entry.js';
import { NextHopTraits } from './next-hop.js';
import { NextHopGroupTraits } from './next-hop-group.js';
import { NextHopGroupMemberTraits } from './next-hop-group-member.js';
import { PortTraits } from './port.js';
import { RouteEntryTraits } from './route-entry.js';
import { RouterInterfaceTraits } from './router-interface.js';
import { SwitchTraits } from './switch.js';
import { VirtualRouterTraits } from './virtual-router.js';
import { VlanTraits } from './vlan.js';
import { VlanMemberTraits } from './vlan-member.js';

export {
  BridgeTraits,
  BridgePortTraits,
  FdbEntryTraits,
  LagTraits,
  LagMemberTraits,
  NeighborEntryTraits,
  NextHopTraits,
  NextHopGroupTraits,
  NextHopGroupMemberTraits,
  PortTraits,
  RouteEntryTraits,
  RouterInterfaceTraits,
  SwitchTraits,
  VirtualRouterTraits,
  VlanTraits,
  VlanMemberTraits,
};

/** Traits by object type. */
export const ALL_TRAITS = {
  SWITCH: SwitchTraits,
  PORT: PortTraits,
  LAG: LagTraits,
  LAG_MEMBER: LagMemberTraits,
  VIRTUAL_ROUTER: VirtualRouterTraits,
  BRIDGE: BridgeTraits,
  BRIDGE_PORT: BridgePortTraits,
  VLAN: VlanTraits,
  VLAN_MEMBER: VlanMemberTraits,
  ROUTER_INTERFACE: RouterInterfaceTraits,
  NEXT_HOP: NextHopTraits,
  NEXT_HOP_GROUP: NextHopGroupTraits,
  NEXT_HOP_GROUP_MEMBER: NextHopGroupMemberTraits,
  NEIGHBOR_ENTRY: NeighborEntryTraits,
  ROUTE_ENTRY: RouteEntryTraits,
  FDB_ENTRY: FdbEntryTraits,
} as const satisfies Record<SaiObjectType, unknown>;

/** The traits map's type: object type name -> its traits. */
export type AllTraits = typeof ALL_TRAITS;

/** Traits of one object type. */
export type TraitsOf<T extends SaiObjectType> = AllTraits[T];

/** Object types by rising dependency rank (parents before children). */
export const OBJECT_TYPES_BY_RANK: readonly SaiObjectType[] = (Object.keys(ALL_TRAITS) as SaiObjectType[]).sort(
  (a, b) => ALL_TRAITS[a].rank - ALL_TRAITS[b].rank,
);

export * from './attr.js';
export * from './define.js';
export * from './infer.js';
export type { RouteEntryHostKey } from './route-entry.js';
export type { NeighborEntryHostKey } from './neighbor-entry.js';
export type { NextHopHostKey } from './next-hop.js';
export type { NextHopGroupHostKey, NextHopGroupMemberSpec } from './next-hop-group.js';
export type { NextHopGroupMemberHostKey } from './next-hop-group-member.js';
export type { RouterInterfaceHostKey } from './router-interface.js';
export type { VlanMemberHostKey } from './vlan-member.js';
export type { BridgePortHostKey } from './bridge-port.js';
export type { FdbEntryHostKey } from './fdb-entry.js';
export type { LagMemberHostKey } from './lag-member.js';
