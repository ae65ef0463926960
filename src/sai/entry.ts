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
