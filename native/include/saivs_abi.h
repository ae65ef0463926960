/*
 * saivs_abi.h: the project's own declarations of the SAI 1.18 C ABI subset libsaivs implements,
 * written from the facts in ../shared/sai/SAI-ABI.md (x86-64 Linux layouts, status codes, API ids,
 * method-table slot order). Not a copy of the OCP SAI headers: names follow SAI's where a binding
 * expects them, and only what the library needs is declared.
 */
#ifndef SAIVS_ABI_H
#define SAIVS_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- scalar types ----------------------------------------------------------------------- */

typedef int32_t sai_status_t;
typedef uint64_t sai_object_id_t;
typedef uint32_t sai_attr_id_t;
typedef int32_t sai_api_t;
typedef int32_t sai_object_type_t;
typedef int32_t sai_log_level_t;
typedef int32_t sai_bulk_op_error_mode_t;
typedef uint64_t sai_api_version_t;
typedef uint8_t sai_mac_t[6];
typedef uint32_t sai_ip4_t; /* network byte order */
typedef uint8_t sai_ip6_t[16];

#define SAI_NULL_OBJECT_ID ((sai_object_id_t)0)

/* ---- status codes (code N is -N on Linux) ---------------------------------------------- */

#define SAI_STATUS_SUCCESS 0
#define SAI_STATUS_FAILURE (-1)
#define SAI_STATUS_NOT_SUPPORTED (-2)
#define SAI_STATUS_NO_MEMORY (-3)
#define SAI_STATUS_INSUFFICIENT_RESOURCES (-4)
#define SAI_STATUS_INVALID_PARAMETER (-5)
#define SAI_STATUS_ITEM_ALREADY_EXISTS (-6)
#define SAI_STATUS_ITEM_NOT_FOUND (-7)
#define SAI_STATUS_BUFFER_OVERFLOW (-8)
#define SAI_STATUS_INVALID_PORT_NUMBER (-9)
#define SAI_STATUS_INVALID_PORT_MEMBER (-10)
#define SAI_STATUS_INVALID_VLAN_ID (-11)
#define SAI_STATUS_UNINITIALIZED (-12)
#define SAI_STATUS_TABLE_FULL (-13)
#define SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING (-14)
#define SAI_STATUS_NOT_IMPLEMENTED (-15)
#define SAI_STATUS_ADDR_NOT_FOUND (-16)
#define SAI_STATUS_OBJECT_IN_USE (-17)
#define SAI_STATUS_INVALID_OBJECT_TYPE (-18)
#define SAI_STATUS_INVALID_OBJECT_ID (-19)
#define SAI_STATUS_INVALID_NV_STORAGE (-20)
#define SAI_STATUS_NV_STORAGE_FULL (-21)
#define SAI_STATUS_SW_UPGRADE_VERSION_MISMATCH (-22)
#define SAI_STATUS_NOT_EXECUTED (-23)
#define SAI_STATUS_STAGE_MISMATCH (-24)

/* Per-attribute ranges: status = -(base + index of the attribute in the caller's list). */
#define SAI_STATUS_INVALID_ATTRIBUTE_0 (-0x00010000)
#define SAI_STATUS_INVALID_ATTR_VALUE_0 (-0x00020000)
#define SAI_STATUS_ATTR_NOT_IMPLEMENTED_0 (-0x00030000)
#define SAI_STATUS_UNKNOWN_ATTRIBUTE_0 (-0x00040000)
#define SAI_STATUS_ATTR_NOT_SUPPORTED_0 (-0x00050000)

/* ---- API ids, object types, enums --------------------------------------------------------- */

enum {
    SAI_API_UNSPECIFIED = 0,
    SAI_API_SWITCH = 1,
    SAI_API_PORT = 2,
    SAI_API_FDB = 3,
    SAI_API_VLAN = 4,
    SAI_API_VIRTUAL_ROUTER = 5,
    SAI_API_ROUTE = 6,
    SAI_API_NEXT_HOP = 7,
    SAI_API_NEXT_HOP_GROUP = 8,
    SAI_API_ROUTER_INTERFACE = 9,
    SAI_API_NEIGHBOR = 10,
    SAI_API_ACL = 11,
    SAI_API_HOSTIF = 12,
    SAI_API_LAG = 16,
    SAI_API_BRIDGE = 33,
    SAI_API_BFD = 38,
};

enum {
    SAI_OBJECT_TYPE_NULL = 0,
    SAI_OBJECT_TYPE_PORT = 1,
    SAI_OBJECT_TYPE_LAG = 2,
    SAI_OBJECT_TYPE_VIRTUAL_ROUTER = 3,
    SAI_OBJECT_TYPE_NEXT_HOP = 4,
    SAI_OBJECT_TYPE_NEXT_HOP_GROUP = 5,
    SAI_OBJECT_TYPE_ROUTER_INTERFACE = 6,
    SAI_OBJECT_TYPE_LAG_MEMBER = 27,
    SAI_OBJECT_TYPE_FDB_ENTRY = 32,
    SAI_OBJECT_TYPE_SWITCH = 33,
    SAI_OBJECT_TYPE_NEIGHBOR_ENTRY = 36,
    SAI_OBJECT_TYPE_ROUTE_ENTRY = 37,
    SAI_OBJECT_TYPE_VLAN = 38,
    SAI_OBJECT_TYPE_VLAN_MEMBER = 39,
    SAI_OBJECT_TYPE_NEXT_HOP_GROUP_MEMBER = 45,
    SAI_OBJECT_TYPE_BRIDGE = 57,
    SAI_OBJECT_TYPE_BRIDGE_PORT = 58,
};

enum { SAI_IP_ADDR_FAMILY_IPV4 = 0, SAI_IP_ADDR_FAMILY_IPV6 = 1 };
enum { SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR = 0, SAI_BULK_OP_ERROR_MODE_IGNORE_ERROR = 1 };
enum {
    SAI_LOG_LEVEL_DEBUG = 0,
    SAI_LOG_LEVEL_INFO = 1,
    SAI_LOG_LEVEL_NOTICE = 2,
    SAI_LOG_LEVEL_WARN = 3,
    SAI_LOG_LEVEL_ERROR = 4,
    SAI_LOG_LEVEL_CRITICAL = 5,
};

/* Switch attributes the library acts on. */
#define SAI_SWITCH_ATTR_RESTART_WARM 71
#define SAI_SWITCH_ATTR_SWITCH_PROFILE_ID 113
#define SAI_SWITCH_ATTR_SWITCH_HARDWARE_INFO 114
#define SAI_SWITCH_ATTR_INIT_SWITCH 116
#define SAI_SWITCH_ATTR_PRE_SHUTDOWN 157

/* 10000 * major + 100 * minor + revision. */
#define SAI_API_VERSION_1_18 ((sai_api_version_t)11800)

/* ---- addresses, lists, attribute values ----------------------------------------------------- */

typedef struct sai_ip_address_t {
    int32_t addr_family; /* SAI_IP_ADDR_FAMILY_* */
    union {
        sai_ip4_t ip4;
        sai_ip6_t ip6;
    } addr;
} sai_ip_address_t;

typedef struct sai_ip_prefix_t {
    int32_t addr_family;
    union {
        sai_ip4_t ip4;
        sai_ip6_t ip6;
    } addr;
    union {
        sai_ip4_t ip4;
        sai_ip6_t ip6;
    } mask;
} sai_ip_prefix_t;

typedef struct sai_object_list_t {
    uint32_t count;
    sai_object_id_t *list;
} sai_object_list_t;

typedef struct sai_u32_list_t {
    uint32_t count;
    uint32_t *list;
} sai_u32_list_t;

typedef struct sai_s32_list_t {
    uint32_t count;
    int32_t *list;
} sai_s32_list_t;

typedef struct sai_s8_list_t {
    uint32_t count;
    int8_t *list;
} sai_s8_list_t;

typedef union sai_attribute_value_t {
    bool booldata;
    char chardata[32];
    uint8_t u8;
    int8_t s8;
    uint16_t u16;
    int16_t s16;
    uint32_t u32;
    int32_t s32;
    uint64_t u64;
    int64_t s64;
    void *ptr;
    sai_mac_t mac;
    sai_ip4_t ip4;
    sai_ip6_t ip6;
    sai_ip_address_t ipaddr;
    sai_ip_prefix_t ipprefix;
    sai_object_id_t oid;
    sai_object_list_t objlist;
    sai_u32_list_t u32list;
    sai_s32_list_t s32list;
    sai_s8_list_t s8list;
} sai_attribute_value_t;

typedef struct sai_attribute_t {
    sai_attr_id_t id;
    sai_attribute_value_t value;
} sai_attribute_t;

/* ---- entry keys ------------------------------------------------------------------------- */

typedef struct sai_route_entry_t {
    sai_object_id_t switch_id;
    sai_object_id_t vr_id;
    sai_ip_prefix_t destination;
} sai_route_entry_t;

typedef struct sai_neighbor_entry_t {
    sai_object_id_t switch_id;
    sai_object_id_t rif_id;
    sai_ip_address_t ip_address;
} sai_neighbor_entry_t;

typedef struct sai_fdb_entry_t {
    sai_object_id_t switch_id;
    sai_mac_t mac_address;
    sai_object_id_t bv_id;
} sai_fdb_entry_t;

typedef union sai_object_key_entry_t {
    sai_object_id_t object_id;
    sai_fdb_entry_t fdb_entry;
    sai_neighbor_entry_t neighbor_entry;
    sai_route_entry_t route_entry;
    uint8_t reserved[64]; /* SAI's union holds larger entry kinds this library does not model */
} sai_object_key_entry_t;

typedef struct sai_object_key_t {
    sai_object_key_entry_t key;
} sai_object_key_t;

/** sai_query_attribute_capability's answer (3 bytes, no padding). */
typedef struct sai_attr_capability_t {
    bool create_implemented;
    bool set_implemented;
    bool get_implemented;
} sai_attr_capability_t;

/* ---- service method table ----------------------------------------------------------------- */

typedef const char *(*sai_profile_get_value_fn)(uint32_t profile_id, const char *variable);
typedef int (*sai_profile_get_next_value_fn)(uint32_t profile_id, const char **variable, const char **value);

typedef struct sai_service_method_table_t {
    sai_profile_get_value_fn profile_get_value;
    sai_profile_get_next_value_fn profile_get_next_value;
} sai_service_method_table_t;

/* ---- method signatures ------------------------------------------------------------------- */

/* A slot the library does not implement: it takes whatever the slot's real signature passes
 * (x86-64 SysV lets a callee ignore its arguments) and returns SAI_STATUS_NOT_IMPLEMENTED. */
typedef sai_status_t (*sai_unimplemented_fn)(void);

typedef sai_status_t (*sai_create_switch_fn)(sai_object_id_t *switch_id, uint32_t attr_count,
                                             const sai_attribute_t *attr_list);
typedef sai_status_t (*sai_generic_create_fn)(sai_object_id_t *object_id, sai_object_id_t switch_id,
                                              uint32_t attr_count, const sai_attribute_t *attr_list);
typedef sai_status_t (*sai_generic_remove_fn)(sai_object_id_t object_id);
typedef sai_status_t (*sai_generic_set_fn)(sai_object_id_t object_id, const sai_attribute_t *attr);
typedef sai_status_t (*sai_generic_get_fn)(sai_object_id_t object_id, uint32_t attr_count, sai_attribute_t *attr_list);

typedef sai_status_t (*sai_bulk_object_create_fn)(sai_object_id_t switch_id, uint32_t object_count,
                                                  const uint32_t *attr_count, const sai_attribute_t **attr_list,
                                                  sai_bulk_op_error_mode_t mode, sai_object_id_t *object_id,
                                                  sai_status_t *object_statuses);
typedef sai_status_t (*sai_bulk_object_remove_fn)(uint32_t object_count, const sai_object_id_t *object_id,
                                                  sai_bulk_op_error_mode_t mode, sai_status_t *object_statuses);
typedef sai_status_t (*sai_bulk_object_set_attribute_fn)(uint32_t object_count, const sai_object_id_t *object_id,
                                                         const sai_attribute_t *attr_list,
                                                         sai_bulk_op_error_mode_t mode,
                                                         sai_status_t *object_statuses);

#define SAIVS_ENTRY_FNS(name, entry_t)                                                                          \
    typedef sai_status_t (*sai_create_##name##_fn)(const entry_t *entry, uint32_t attr_count,                  \
                                                   const sai_attribute_t *attr_list);                          \
    typedef sai_status_t (*sai_remove_##name##_fn)(const entry_t *entry);                                      \
    typedef sai_status_t (*sai_set_##name##_attribute_fn)(const entry_t *entry, const sai_attribute_t *attr);  \
    typedef sai_status_t (*sai_get_##name##_attribute_fn)(const entry_t *entry, uint32_t attr_count,           \
                                                          sai_attribute_t *attr_list);                         \
    typedef sai_status_t (*sai_bulk_create_##name##_fn)(uint32_t object_count, const entry_t *entries,         \
                                                        const uint32_t *attr_count,                            \
                                                        const sai_attribute_t **attr_list,                     \
                                                        sai_bulk_op_error_mode_t mode,                         \
                                                        sai_status_t *object_statuses);                        \
    typedef sai_status_t (*sai_bulk_remove_##name##_fn)(uint32_t object_count, const entry_t *entries,         \
                                                        sai_bulk_op_error_mode_t mode,                         \
                                                        sai_status_t *object_statuses);                        \
    typedef sai_status_t (*sai_bulk_set_##name##_attribute_fn)(uint32_t object_count, const entry_t *entries,  \
                                                               const sai_attribute_t *attr_list,               \
                                                               sai_bulk_op_error_mode_t mode,                  \
                                                               sai_status_t *object_statuses);                 \
    typedef sai_status_t (*sai_bulk_get_##name##_attribute_fn)(uint32_t object_count, const entry_t *entries,  \
                                                               const uint32_t *attr_count,                     \
                                                               sai_attribute_t **attr_list,                    \
                                                               sai_bulk_op_error_mode_t mode,                  \
                                                               sai_status_t *object_statuses);

SAIVS_ENTRY_FNS(route_entry, sai_route_entry_t)
SAIVS_ENTRY_FNS(neighbor_entry, sai_neighbor_entry_t)
SAIVS_ENTRY_FNS(fdb_entry, sai_fdb_entry_t)

/* ---- method tables (slot order is the ABI) -------------------------------------------------- */

typedef struct sai_switch_api_t {
    sai_create_switch_fn create_switch;
    sai_generic_remove_fn remove_switch;
    sai_generic_set_fn set_switch_attribute;
    sai_generic_get_fn get_switch_attribute;
    sai_unimplemented_fn get_switch_stats;
    sai_unimplemented_fn get_switch_stats_ext;
    sai_unimplemented_fn clear_switch_stats;
    sai_unimplemented_fn switch_mdio_read;
    sai_unimplemented_fn switch_mdio_write;
    sai_unimplemented_fn create_switch_tunnel;
    sai_unimplemented_fn remove_switch_tunnel;
    sai_unimplemented_fn set_switch_tunnel_attribute;
    sai_unimplemented_fn get_switch_tunnel_attribute;
    sai_unimplemented_fn switch_mdio_cl22_read;
    sai_unimplemented_fn switch_mdio_cl22_write;
} sai_switch_api_t;

typedef struct sai_port_api_t {
    sai_generic_create_fn create_port;
    sai_generic_remove_fn remove_port;
    sai_generic_set_fn set_port_attribute;
    sai_generic_get_fn get_port_attribute;
    sai_unimplemented_fn get_port_stats;
    sai_unimplemented_fn get_port_stats_ext;
    sai_unimplemented_fn clear_port_stats;
    sai_unimplemented_fn clear_port_all_stats;
    sai_unimplemented_fn create_port_pool;
    sai_unimplemented_fn remove_port_pool;
    sai_unimplemented_fn set_port_pool_attribute;
    sai_unimplemented_fn get_port_pool_attribute;
    sai_unimplemented_fn get_port_pool_stats;
    sai_unimplemented_fn get_port_pool_stats_ext;
    sai_unimplemented_fn clear_port_pool_stats;
    sai_unimplemented_fn create_port_connector;
    sai_unimplemented_fn remove_port_connector;
    sai_unimplemented_fn set_port_connector_attribute;
    sai_unimplemented_fn get_port_connector_attribute;
    sai_unimplemented_fn create_port_serdes;
    sai_unimplemented_fn remove_port_serdes;
    sai_unimplemented_fn set_port_serdes_attribute;
    sai_unimplemented_fn get_port_serdes_attribute;
    sai_unimplemented_fn create_ports;
    sai_unimplemented_fn remove_ports;
    sai_unimplemented_fn set_ports_attribute;
    sai_unimplemented_fn get_ports_attribute;
    sai_unimplemented_fn create_port_serdess;
    sai_unimplemented_fn remove_port_serdess;
    sai_unimplemented_fn set_port_serdess_attribute;
    sai_unimplemented_fn get_port_serdess_attribute;
    sai_unimplemented_fn create_port_llr_profile;
    sai_unimplemented_fn remove_port_llr_profile;
    sai_unimplemented_fn set_port_llr_profile_attribute;
    sai_unimplemented_fn get_port_llr_profile_attribute;
} sai_port_api_t;

typedef struct sai_fdb_api_t {
    sai_create_fdb_entry_fn create_fdb_entry;
    sai_remove_fdb_entry_fn remove_fdb_entry;
    sai_set_fdb_entry_attribute_fn set_fdb_entry_attribute;
    sai_get_fdb_entry_attribute_fn get_fdb_entry_attribute;
    sai_unimplemented_fn flush_fdb_entries;
    sai_unimplemented_fn create_fdb_entries;
    sai_unimplemented_fn remove_fdb_entries;
    sai_unimplemented_fn set_fdb_entries_attribute;
    sai_unimplemented_fn get_fdb_entries_attribute;
} sai_fdb_api_t;

typedef struct sai_vlan_api_t {
    sai_generic_create_fn create_vlan;
    sai_generic_remove_fn remove_vlan;
    sai_generic_set_fn set_vlan_attribute;
    sai_generic_get_fn get_vlan_attribute;
    sai_generic_create_fn create_vlan_member;
    sai_generic_remove_fn remove_vlan_member;
    sai_generic_set_fn set_vlan_member_attribute;
    sai_generic_get_fn get_vlan_member_attribute;
    sai_unimplemented_fn create_vlan_members;
    sai_unimplemented_fn remove_vlan_members;
    sai_unimplemented_fn get_vlan_stats;
    sai_unimplemented_fn get_vlan_stats_ext;
    sai_unimplemented_fn clear_vlan_stats;
} sai_vlan_api_t;

typedef struct sai_virtual_router_api_t {
    sai_generic_create_fn create_virtual_router;
    sai_generic_remove_fn remove_virtual_router;
    sai_generic_set_fn set_virtual_router_attribute;
    sai_generic_get_fn get_virtual_router_attribute;
} sai_virtual_router_api_t;

typedef struct sai_route_api_t {
    sai_create_route_entry_fn create_route_entry;
    sai_remove_route_entry_fn remove_route_entry;
    sai_set_route_entry_attribute_fn set_route_entry_attribute;
    sai_get_route_entry_attribute_fn get_route_entry_attribute;
    sai_bulk_create_route_entry_fn create_route_entries;
    sai_bulk_remove_route_entry_fn remove_route_entries;
    sai_bulk_set_route_entry_attribute_fn set_route_entries_attribute;
    sai_bulk_get_route_entry_attribute_fn get_route_entries_attribute;
} sai_route_api_t;

typedef struct sai_next_hop_api_t {
    sai_generic_create_fn create_next_hop;
    sai_generic_remove_fn remove_next_hop;
    sai_generic_set_fn set_next_hop_attribute;
    sai_generic_get_fn get_next_hop_attribute;
    sai_unimplemented_fn create_next_hops;
    sai_unimplemented_fn remove_next_hops;
    sai_unimplemented_fn set_next_hops_attribute;
    sai_unimplemented_fn get_next_hops_attribute;
} sai_next_hop_api_t;

typedef struct sai_next_hop_group_api_t {
    sai_generic_create_fn create_next_hop_group;
    sai_generic_remove_fn remove_next_hop_group;
    sai_generic_set_fn set_next_hop_group_attribute;
    sai_generic_get_fn get_next_hop_group_attribute;
    sai_generic_create_fn create_next_hop_group_member;
    sai_generic_remove_fn remove_next_hop_group_member;
    sai_generic_set_fn set_next_hop_group_member_attribute;
    sai_generic_get_fn get_next_hop_group_member_attribute;
    sai_bulk_object_create_fn create_next_hop_group_members;
    sai_bulk_object_remove_fn remove_next_hop_group_members;
    sai_unimplemented_fn create_next_hop_group_map;
    sai_unimplemented_fn remove_next_hop_group_map;
    sai_unimplemented_fn set_next_hop_group_map_attribute;
    sai_unimplemented_fn get_next_hop_group_map_attribute;
    sai_bulk_object_set_attribute_fn set_next_hop_group_members_attribute;
    sai_unimplemented_fn get_next_hop_group_members_attribute;
    sai_unimplemented_fn create_next_hop_groups;
    sai_unimplemented_fn remove_next_hop_groups;
    sai_unimplemented_fn set_next_hop_groups_attribute;
    sai_unimplemented_fn get_next_hop_groups_attribute;
} sai_next_hop_group_api_t;

typedef struct sai_router_interface_api_t {
    sai_generic_create_fn create_router_interface;
    sai_generic_remove_fn remove_router_interface;
    sai_generic_set_fn set_router_interface_attribute;
    sai_generic_get_fn get_router_interface_attribute;
    sai_unimplemented_fn get_router_interface_stats;
    sai_unimplemented_fn get_router_interface_stats_ext;
    sai_unimplemented_fn clear_router_interface_stats;
    sai_unimplemented_fn create_router_interfaces;
    sai_unimplemented_fn remove_router_interfaces;
    sai_unimplemented_fn set_router_interfaces_attribute;
    sai_unimplemented_fn get_router_interfaces_attribute;
} sai_router_interface_api_t;

typedef struct sai_neighbor_api_t {
    sai_create_neighbor_entry_fn create_neighbor_entry;
    sai_remove_neighbor_entry_fn remove_neighbor_entry;
    sai_set_neighbor_entry_attribute_fn set_neighbor_entry_attribute;
    sai_get_neighbor_entry_attribute_fn get_neighbor_entry_attribute;
    sai_unimplemented_fn remove_all_neighbor_entries;
    sai_bulk_create_neighbor_entry_fn create_neighbor_entries;
    sai_bulk_remove_neighbor_entry_fn remove_neighbor_entries;
    sai_bulk_set_neighbor_entry_attribute_fn set_neighbor_entries_attribute;
    sai_bulk_get_neighbor_entry_attribute_fn get_neighbor_entries_attribute;
} sai_neighbor_api_t;

typedef struct sai_lag_api_t {
    sai_generic_create_fn create_lag;
    sai_generic_remove_fn remove_lag;
    sai_generic_set_fn set_lag_attribute;
    sai_generic_get_fn get_lag_attribute;
    sai_generic_create_fn create_lag_member;
    sai_generic_remove_fn remove_lag_member;
    sai_generic_set_fn set_lag_member_attribute;
    sai_generic_get_fn get_lag_member_attribute;
    sai_unimplemented_fn create_lag_members;
    sai_unimplemented_fn remove_lag_members;
} sai_lag_api_t;

typedef struct sai_bridge_api_t {
    sai_generic_create_fn create_bridge;
    sai_generic_remove_fn remove_bridge;
    sai_generic_set_fn set_bridge_attribute;
    sai_generic_get_fn get_bridge_attribute;
    sai_unimplemented_fn get_bridge_stats;
    sai_unimplemented_fn get_bridge_stats_ext;
    sai_unimplemented_fn clear_bridge_stats;
    sai_generic_create_fn create_bridge_port;
    sai_generic_remove_fn remove_bridge_port;
    sai_generic_set_fn set_bridge_port_attribute;
    sai_generic_get_fn get_bridge_port_attribute;
    sai_unimplemented_fn get_bridge_port_stats;
    sai_unimplemented_fn get_bridge_port_stats_ext;
    sai_unimplemented_fn clear_bridge_port_stats;
} sai_bridge_api_t;

/* ---- exported entry points ------------------------------------------------------------------ */

sai_status_t sai_api_initialize(uint64_t flags, const sai_service_method_table_t *services);
sai_status_t sai_api_query(sai_api_t api, void **api_method_table);
sai_status_t sai_api_uninitialize(void);
sai_status_t sai_log_set(sai_api_t api, sai_log_level_t log_level);
sai_object_type_t sai_object_type_query(sai_object_id_t object_id);
sai_object_id_t sai_switch_id_query(sai_object_id_t object_id);
sai_status_t sai_get_object_count(sai_object_id_t switch_id, sai_object_type_t object_type, uint32_t *count);
sai_status_t sai_get_object_key(sai_object_id_t switch_id, sai_object_type_t object_type, uint32_t *object_count,
                                sai_object_key_t *object_list);
sai_status_t sai_query_api_version(sai_api_version_t *version);
sai_status_t sai_query_attribute_capability(sai_object_id_t switch_id, sai_object_type_t object_type,
                                            sai_attr_id_t attr_id, sai_attr_capability_t *attr_capability);

#ifdef __cplusplus
}
#endif

#endif /* SAIVS_ABI_H */
