/**
 * SAI C ABI facts the FFI adapter marshals by (x86-64 Linux, SAI 1.18; `shared/sai/SAI-ABI.md`).
 * Sizes and offsets are bytes. Everything the adapter writes into or reads from native memory is
 * placed by these numbers, never by koffi struct declarations.
 */

/** `sai_object_id_t`: uint64. */
export const OID_SIZE = 8;
/** `sai_status_t`: int32. */
export const STATUS_SIZE = 4;
/** A C pointer. */
export const POINTER_SIZE = 8;

/** `sai_attribute_t` (48 bytes): id u32 at 0, 4 pad, value union at 8. */
export const ATTR_SIZE = 48;
/** Offset of the value union in `sai_attribute_t`. */
export const ATTR_VALUE_OFFSET = 8;
/** `sai_attribute_value_t` (union, 40 bytes). */
export const ATTR_VALUE_SIZE = 40;

/** `*_list_t` (16 bytes): count u32 at 0, 4 pad, pointer at 8. */
export const LIST_COUNT_OFFSET = 0;
export const LIST_POINTER_OFFSET = 8;

/** `sai_mac_t`: 6 bytes. */
export const MAC_SIZE = 6;
/** `sai_ip_address_t` (20 bytes): addr_family u32 at 0, addr (ip4 u32 or ip6 u8[16]) at 4. */
export const IP_ADDRESS_SIZE = 20;
export const IP_ADDRESS_ADDR_OFFSET = 4;
/** `sai_ip_prefix_t` (36 bytes): addr_family at 0, addr at 4, mask at 20. */
export const IP_PREFIX_SIZE = 36;
export const IP_PREFIX_ADDR_OFFSET = 4;
export const IP_PREFIX_MASK_OFFSET = 20;
/** `sai_ip_addr_family_t`. */
export const IP_FAMILY_IPV4 = 0;
export const IP_FAMILY_IPV6 = 1;
/** CHARDATA: char[32], NUL terminated, so at most 31 bytes of text. */
export const CHARDATA_SIZE = 32;

/** `sai_route_entry_t` (56): switch_id 0, vr_id 8, destination (ip_prefix) 16. */
export const ROUTE_ENTRY_SIZE = 56;
export const ROUTE_ENTRY_VR_OFFSET = 8;
export const ROUTE_ENTRY_DEST_OFFSET = 16;
/** `sai_neighbor_entry_t` (40): switch_id 0, rif_id 8, ip_address 16. */
export const NEIGHBOR_ENTRY_SIZE = 40;
export const NEIGHBOR_ENTRY_RIF_OFFSET = 8;
export const NEIGHBOR_ENTRY_IP_OFFSET = 16;
/** `sai_fdb_entry_t` (24): switch_id 0, mac_address 8, bv_id 16. */
export const FDB_ENTRY_SIZE = 24;
export const FDB_ENTRY_MAC_OFFSET = 8;
export const FDB_ENTRY_BV_OFFSET = 16;
/**
 * `sai_object_key_t` (64): a union of the oid and every entry struct, each at offset 0. The array
 * stride of `sai_get_object_key`; 64 in every OCP SAI release from 1.5.3 to 1.18.1 (measured with
 * gcc against each tag's headers), as are the 48-byte attribute and 56-byte route entry.
 */
export const OBJECT_KEY_SIZE = 64;

/** `sai_service_method_table_t` (16): profile_get_value at 0, profile_get_next_value at 8. */
export const SERVICE_TABLE_SIZE = 16;

/** `sai_api_t` values of the APIs the adapter uses. */
export const SaiApi = {
  SWITCH: 1,
  PORT: 2,
  FDB: 3,
  VLAN: 4,
  VIRTUAL_ROUTER: 5,
  ROUTE: 6,
  NEXT_HOP: 7,
  NEXT_HOP_GROUP: 8,
  ROUTER_INTERFACE: 9,
  NEIGHBOR: 10,
  LAG: 16,
  BRIDGE: 33,
} as const;

/** A `sai_api_t` name the adapter uses. */
export type SaiApiName = keyof typeof SaiApi;

/** `sai_bulk_op_error_mode_t`. */
export const BULK_STOP_ON_ERROR = 0;
export const BULK_IGNORE_ERROR = 1;

/** `SAI_VERSION(major, minor, revision)`: the `sai_api_version_t` encoding. */
export function saiVersion(major: number, minor: number, revision: number): number {
  return 10000 * major + 100 * minor + revision;
}

/** Formats a `sai_api_version_t` as `major.minor.revision`. */
export function formatSaiVersion(v: number): string {
  return `${Math.floor(v / 10000)}.${Math.floor(v / 100) % 100}.${v % 100}`;
}

/** Switch attribute ids the adapter itself uses (`SAI_SWITCH_ATTR_*`). */
export const SwitchAttr = {
  PORT_LIST: 2,
  CPU_PORT: 4,
  DEFAULT_VIRTUAL_ROUTER_ID: 39,
  DEFAULT_1Q_BRIDGE_ID: 41,
  RESTART_WARM: 71,
  SWITCH_PROFILE_ID: 113,
  SWITCH_HARDWARE_INFO: 114,
  INIT_SWITCH: 116,
  PRE_SHUTDOWN: 157,
} as const;
