/**
 * AdapterKeys: how the adapter names an object. Object-id types use a 64-bit `sai_object_id_t`
 * (bigint); entry-keyed types use the entry struct itself.
 */

/** `sai_route_entry_t` (56 bytes): switch_id, vr_id, destination prefix (canonical string). */
export interface RouteEntryKey {
  readonly switchId: bigint;
  readonly vrId: bigint;
  readonly destination: string;
}

/** `sai_neighbor_entry_t` (40 bytes): switch_id, rif_id, ip_address (canonical string). */
export interface NeighborEntryKey {
  readonly switchId: bigint;
  readonly rifId: bigint;
  readonly ipAddress: string;
}

/** `sai_fdb_entry_t` (24 bytes): switch_id, mac_address (canonical string), bv_id (bridge or vlan). */
export interface FdbEntryKey {
  readonly switchId: bigint;
  readonly macAddress: string;
  readonly bvId: bigint;
}

/** The kind of AdapterKey an object type uses. */
export type AdapterKeyKind = 'oid' | 'routeEntry' | 'neighborEntry' | 'fdbEntry';

/** AdapterKey type by kind. */
export interface AdapterKeyOfKind {
  oid: bigint;
  routeEntry: RouteEntryKey;
  neighborEntry: NeighborEntryKey;
  fdbEntry: FdbEntryKey;
}

/** An entry struct of any entry-keyed type. */
export type EntryKey = RouteEntryKey | NeighborEntryKey | FdbEntryKey;

/** Any AdapterKey. */
export type AdapterKey = bigint | EntryKey;

/** Entry-keyed object types. */
export type EntryObjectType = 'ROUTE_ENTRY' | 'NEIGHBOR_ENTRY' | 'FDB_ENTRY';

/** The object id an entry names in its key (route: vr, neighbor: rif, fdb: bv). */
export function entryScope(type: EntryObjectType, key: EntryKey): bigint {
  return type === 'ROUTE_ENTRY'
    ? (key as RouteEntryKey).vrId
    : type === 'NEIGHBOR_ENTRY'
      ? (key as NeighborEntryKey).rifId
      : (key as FdbEntryKey).bvId;
}

/** The entry's string part: the prefix, ip address or mac. */
export function entryLocal(type: EntryObjectType, key: EntryKey): string {
  return type === 'ROUTE_ENTRY'
    ? (key as RouteEntryKey).destination
    : type === 'NEIGHBOR_ENTRY'
      ? (key as NeighborEntryKey).ipAddress
      : (key as FdbEntryKey).macAddress;
}

/** The entry struct of `type` from its scope object id and string part. */
export function makeEntryKey(type: EntryObjectType, switchId: bigint, scope: bigint, local: string): EntryKey {
  if (type === 'ROUTE_ENTRY') return { switchId, vrId: scope, destination: local };
  if (type === 'NEIGHBOR_ENTRY') return { switchId, rifId: scope, ipAddress: local };
  return { switchId, macAddress: local, bvId: scope };
}
