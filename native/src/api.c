/*
 * The exported SAI entry points and method tables of libsaivs. Every call takes one global lock
 * (SAI calls are synchronous; a bulk call takes it once) and selects the switch it acts on from the
 * ids or entries it is given (several switches per process: switch.c). Profile values are read
 * through the caller's service method table, per switch profile id, at sai_api_initialize and again
 * at create_switch / remove_switch, as real libsais read them when the switch is made: the table's
 * callbacks must stay callable until sai_api_uninitialize. (The lock is not held while a callback
 * runs.)
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "vs_internal.h"

#define SAIVS_EXPORT __attribute__((visibility("default")))

#define PROFILE_PORT_COUNT "SAI_VS_PORT_COUNT"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool vs_initialized;
static sai_service_method_table_t vs_services;

void vs_lock(void)
{
    pthread_mutex_lock(&lock);
}

void vs_unlock(void)
{
    pthread_mutex_unlock(&lock);
}

#define LOCK() vs_lock()
#define UNLOCK() vs_unlock()

/* A switch that never lives: what an id of a switch that is gone selects (its calls: UNINITIALIZED). */
static vs_state vs_none;

void vs_select(int slot)
{
    vs_cur = &vs_switches[slot >= 0 && slot < VS_MAX_SWITCHES ? slot : 0];
}

void vs_select_oid(uint64_t oid)
{
    int ix = vs_oid_index(oid);
    if (ix >= 0) {
        for (int k = 0; k < VS_MAX_SWITCHES; k++) {
            if (vs_switches[k].used && vs_switches[k].index == (uint32_t)ix) {
                vs_cur = &vs_switches[k];
                return;
            }
        }
        vs_cur = &vs_none;
        return;
    }
    for (int k = 0; k < VS_MAX_SWITCHES; k++) {
        if (vs_switches[k].live) {
            vs_cur = &vs_switches[k];
            return;
        }
    }
    vs_cur = &vs_switches[0];
}

void vs_select_entry(const void *entry)
{
    uint64_t sw = 0;
    if (entry != NULL) memcpy(&sw, entry, sizeof sw); /* every entry struct starts with its switch_id */
    vs_select_oid(sw);
}

bool vs_services_get(sai_service_method_table_t *out)
{
    if (!vs_initialized) return false;
    *out = vs_services;
    return true;
}

bool vs_is_initialized(void)
{
    LOCK();
    bool init = vs_initialized;
    UNLOCK();
    return init;
}

static sai_status_t not_implemented(void)
{
    return SAI_STATUS_NOT_IMPLEMENTED;
}

/* ---- per-type wrappers ------------------------------------------------------------------------ */

#define OID_FNS(name, TIX)                                                                                        \
    static sai_status_t create_##name(sai_object_id_t *id, sai_object_id_t sw, uint32_t n,                       \
                                      const sai_attribute_t *attrs)                                             \
    {                                                                                                             \
        LOCK();                                                                                                   \
        vs_select_oid(sw);                                                                                        \
        sai_status_t st = vs_create_oid(TIX, id, sw, n, attrs);                                                   \
        UNLOCK();                                                                                                 \
        return st;                                                                                                \
    }                                                                                                             \
    static sai_status_t remove_##name(sai_object_id_t id)                                                         \
    {                                                                                                             \
        LOCK();                                                                                                   \
        vs_select_oid(id);                                                                                        \
        sai_status_t st = vs_remove_oid(TIX, id);                                                                 \
        UNLOCK();                                                                                                 \
        return st;                                                                                                \
    }                                                                                                             \
    static sai_status_t set_##name##_attribute(sai_object_id_t id, const sai_attribute_t *attr)                  \
    {                                                                                                             \
        LOCK();                                                                                                   \
        vs_select_oid(id);                                                                                        \
        sai_status_t st = vs_set_oid(TIX, id, attr);                                                              \
        UNLOCK();                                                                                                 \
        return st;                                                                                                \
    }                                                                                                             \
    static sai_status_t get_##name##_attribute(sai_object_id_t id, uint32_t n, sai_attribute_t *attrs)           \
    {                                                                                                             \
        LOCK();                                                                                                   \
        vs_select_oid(id);                                                                                        \
        sai_status_t st = vs_get_oid(TIX, id, n, attrs);                                                          \
        UNLOCK();                                                                                                 \
        return st;                                                                                                \
    }

OID_FNS(port, VS_T_PORT)
OID_FNS(lag, VS_T_LAG)
OID_FNS(lag_member, VS_T_LAG_MEMBER)
OID_FNS(virtual_router, VS_T_VIRTUAL_ROUTER)
OID_FNS(bridge, VS_T_BRIDGE)
OID_FNS(bridge_port, VS_T_BRIDGE_PORT)
OID_FNS(vlan, VS_T_VLAN)
OID_FNS(vlan_member, VS_T_VLAN_MEMBER)
OID_FNS(router_interface, VS_T_ROUTER_INTERFACE)
OID_FNS(next_hop, VS_T_NEXT_HOP)
OID_FNS(next_hop_group, VS_T_NEXT_HOP_GROUP)
OID_FNS(next_hop_group_member, VS_T_NEXT_HOP_GROUP_MEMBER)

static sai_status_t set_switch_attribute(sai_object_id_t id, const sai_attribute_t *attr)
{
    LOCK();
    vs_select_oid(id);
    sai_status_t st = vs_set_oid(VS_T_SWITCH, id, attr);
    UNLOCK();
    return st;
}

static sai_status_t get_switch_attribute(sai_object_id_t id, uint32_t n, sai_attribute_t *attrs)
{
    LOCK();
    vs_select_oid(id);
    sai_status_t st = vs_get_oid(VS_T_SWITCH, id, n, attrs);
    UNLOCK();
    return st;
}

/* ---- entries ---------------------------------------------------------------------------------------- */

#define ENTRY_FNS(name, entry_t, TIX)                                                                  \
    static sai_status_t create_##name(const entry_t *e, uint32_t n, const sai_attribute_t *attrs)     \
    {                                                                                                  \
        LOCK();                                                                                        \
        vs_select_entry(e);                                                                            \
        sai_status_t st = vs_create_entry(TIX, e, n, attrs);                                           \
        UNLOCK();                                                                                      \
        return st;                                                                                     \
    }                                                                                                  \
    static sai_status_t remove_##name(const entry_t *e)                                                \
    {                                                                                                  \
        LOCK();                                                                                        \
        vs_select_entry(e);                                                                            \
        sai_status_t st = vs_remove_entry(TIX, e);                                                     \
        UNLOCK();                                                                                      \
        return st;                                                                                     \
    }                                                                                                  \
    static sai_status_t set_##name##_attribute(const entry_t *e, const sai_attribute_t *attr)         \
    {                                                                                                  \
        LOCK();                                                                                        \
        vs_select_entry(e);                                                                            \
        sai_status_t st = vs_set_entry(TIX, e, attr);                                                  \
        UNLOCK();                                                                                      \
        return st;                                                                                     \
    }                                                                                                  \
    static sai_status_t get_##name##_attribute(const entry_t *e, uint32_t n, sai_attribute_t *attrs)  \
    {                                                                                                  \
        LOCK();                                                                                        \
        vs_select_entry(e);                                                                            \
        sai_status_t st = vs_get_entry(TIX, e, n, attrs);                                              \
        UNLOCK();                                                                                      \
        return st;                                                                                     \
    }

/* Bulk entry calls (create, remove, set, get) exist for routes and neighbors (as the fake); the fdb bulk
 * slots are NOT_IMPLEMENTED. */
#define ENTRY_BULK_FNS(plural, entry_t, TIX)                                                              \
    static sai_status_t create_##plural(uint32_t count, const entry_t *entries, const uint32_t *attr_count, \
                                        const sai_attribute_t **attr_list, sai_bulk_op_error_mode_t mode,   \
                                        sai_status_t *statuses)                                             \
    {                                                                                                       \
        return vs_bulk_create_entries(TIX, sizeof(entry_t), count, entries, attr_count, attr_list, mode,       \
                                   statuses);                                                               \
    }                                                                                                       \
    static sai_status_t remove_##plural(uint32_t count, const entry_t *entries,                             \
                                        sai_bulk_op_error_mode_t mode, sai_status_t *statuses)              \
    {                                                                                                       \
        return vs_bulk_remove_entries(TIX, sizeof(entry_t), count, entries, mode, statuses);                   \
    }                                                                                                       \
    static sai_status_t set_##plural##_attribute(uint32_t count, const entry_t *entries,                    \
                                                 const sai_attribute_t *attrs,                              \
                                                 sai_bulk_op_error_mode_t mode, sai_status_t *statuses)     \
    {                                                                                                       \
        return vs_bulk_set_entries(TIX, sizeof(entry_t), count, entries, attrs, mode, statuses);               \
    }                                                                                                       \
    static sai_status_t get_##plural##_attribute(uint32_t count, const entry_t *entries,                    \
                                                 const uint32_t *attr_count, sai_attribute_t **attr_list,   \
                                                 sai_bulk_op_error_mode_t mode, sai_status_t *statuses)     \
    {                                                                                                       \
        return vs_bulk_get_entries(TIX, sizeof(entry_t), count, entries, attr_count, attr_list, mode,          \
                                statuses);                                                                  \
    }

ENTRY_FNS(route_entry, sai_route_entry_t, VS_T_ROUTE_ENTRY)
ENTRY_FNS(neighbor_entry, sai_neighbor_entry_t, VS_T_NEIGHBOR_ENTRY)
ENTRY_FNS(fdb_entry, sai_fdb_entry_t, VS_T_FDB_ENTRY)
ENTRY_BULK_FNS(route_entries, sai_route_entry_t, VS_T_ROUTE_ENTRY)
ENTRY_BULK_FNS(neighbor_entries, sai_neighbor_entry_t, VS_T_NEIGHBOR_ENTRY)

static sai_status_t create_next_hop_group_members(sai_object_id_t sw, uint32_t count, const uint32_t *attr_count,
                                                  const sai_attribute_t **attr_list, sai_bulk_op_error_mode_t mode,
                                                  sai_object_id_t *ids, sai_status_t *statuses)
{
    return vs_bulk_create_oids(VS_T_NEXT_HOP_GROUP_MEMBER, sw, count, attr_count, attr_list, mode, ids, statuses);
}

static sai_status_t remove_next_hop_group_members(uint32_t count, const sai_object_id_t *ids,
                                                  sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    return vs_bulk_remove_oids(VS_T_NEXT_HOP_GROUP_MEMBER, count, ids, mode, statuses);
}

static sai_status_t set_next_hop_group_members_attribute(uint32_t count, const sai_object_id_t *ids,
                                                         const sai_attribute_t *attrs, sai_bulk_op_error_mode_t mode,
                                                         sai_status_t *statuses)
{
    return vs_bulk_set_oids(VS_T_NEXT_HOP_GROUP_MEMBER, count, ids, attrs, mode, statuses);
}

/* ---- switch (switch.c) ---------------------------------------------------------------------------- */

static sai_status_t create_switch(sai_object_id_t *out, uint32_t n, const sai_attribute_t *attrs)
{
    return vs_create_switch(out, n, attrs);
}

static sai_status_t remove_switch(sai_object_id_t id)
{
    return vs_remove_switch(id);
}

/* ---- method tables ------------------------------------------------------------------------------ */

#define NI ((sai_unimplemented_fn)not_implemented)

static const sai_switch_api_t switch_api = {
    create_switch, remove_switch, set_switch_attribute, get_switch_attribute, NI, NI, NI, NI, NI, NI, NI, NI, NI,
    NI, NI,
};

static const sai_port_api_t port_api = {
    create_port, remove_port, set_port_attribute, get_port_attribute, NI, NI, NI, NI, NI, NI, NI, NI,
    NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI, NI,
};

static const sai_fdb_api_t fdb_api = {
    create_fdb_entry, remove_fdb_entry, set_fdb_entry_attribute, get_fdb_entry_attribute, NI, NI, NI, NI, NI,
};

static const sai_vlan_api_t vlan_api = {
    create_vlan, remove_vlan, set_vlan_attribute, get_vlan_attribute, create_vlan_member, remove_vlan_member,
    set_vlan_member_attribute, get_vlan_member_attribute, NI, NI, NI, NI, NI,
};

static const sai_virtual_router_api_t virtual_router_api = {
    create_virtual_router, remove_virtual_router, set_virtual_router_attribute, get_virtual_router_attribute,
};

static const sai_route_api_t route_api = {
    create_route_entry, remove_route_entry, set_route_entry_attribute, get_route_entry_attribute,
    create_route_entries, remove_route_entries, set_route_entries_attribute, get_route_entries_attribute,
};

static const sai_next_hop_api_t next_hop_api = {
    create_next_hop, remove_next_hop, set_next_hop_attribute, get_next_hop_attribute, NI, NI, NI, NI,
};

static const sai_next_hop_group_api_t next_hop_group_api = {
    create_next_hop_group,
    remove_next_hop_group,
    set_next_hop_group_attribute,
    get_next_hop_group_attribute,
    create_next_hop_group_member,
    remove_next_hop_group_member,
    set_next_hop_group_member_attribute,
    get_next_hop_group_member_attribute,
    create_next_hop_group_members,
    remove_next_hop_group_members,
    NI,
    NI,
    NI,
    NI,
    set_next_hop_group_members_attribute,
    NI,
    NI,
    NI,
    NI,
    NI,
};

static const sai_router_interface_api_t router_interface_api = {
    create_router_interface, remove_router_interface, set_router_interface_attribute, get_router_interface_attribute,
    NI, NI, NI, NI, NI, NI, NI,
};

static const sai_neighbor_api_t neighbor_api = {
    create_neighbor_entry,  remove_neighbor_entry,  set_neighbor_entry_attribute, get_neighbor_entry_attribute, NI,
    create_neighbor_entries, remove_neighbor_entries, set_neighbor_entries_attribute, get_neighbor_entries_attribute,
};

static const sai_lag_api_t lag_api = {
    create_lag,        remove_lag,        set_lag_attribute,
    get_lag_attribute, create_lag_member, remove_lag_member,
    set_lag_member_attribute, get_lag_member_attribute, NI, NI,
};

static const sai_bridge_api_t bridge_api = {
    create_bridge,      remove_bridge,      set_bridge_attribute,      get_bridge_attribute,
    NI,                 NI,                 NI,                        create_bridge_port,
    remove_bridge_port, set_bridge_port_attribute, get_bridge_port_attribute, NI,
    NI,                 NI,
};

/* ---- global entry points ------------------------------------------------------------------------ */

SAIVS_EXPORT sai_status_t sai_api_initialize(uint64_t flags, const sai_service_method_table_t *services)
{
    if (flags != 0 || services == NULL) return SAI_STATUS_INVALID_PARAMETER;
    LOCK();
    if (vs_initialized) {
        UNLOCK();
        return SAI_STATUS_FAILURE;
    }
    vs_services = *services;
    vs_initialized = true;
    for (int ix = 0; ix < VS_MAX_SWITCHES; ix++) {
        vs_select(ix);
        vs_state_clear(); /* empty tables with fresh seeds (nothing to free here) */
    }
    vs_select(0);
    UNLOCK();
    /* Read the profile now (create_switch and remove_switch read it again, when they act on it):
     * a SAI_VS_PORT_COUNT of profile 0 that is not a number in 0..1024 fails here already. */
    char *ports = vs_profile_dup(0, PROFILE_PORT_COUNT);
    uint32_t port_count;
    bool ok = vs_parse_port_count(ports, &port_count);
    free(ports);
    if (!ok) {
        LOCK();
        memset(&vs_services, 0, sizeof vs_services);
        vs_initialized = false;
        UNLOCK();
        return SAI_STATUS_INVALID_PARAMETER;
    }
    return SAI_STATUS_SUCCESS;
}

/* sai_api_uninitialize: frees every switch; a switch removed warm under quirk warm-write-at-uninit writes
 * its file now (FAILURE when that fails; everything is freed anyway). */
SAIVS_EXPORT sai_status_t sai_api_uninitialize(void)
{
    LOCK();
    if (!vs_initialized) {
        UNLOCK();
        return SAI_STATUS_UNINITIALIZED;
    }
    sai_status_t st = vs_switches_uninitialize();
    memset(&vs_services, 0, sizeof vs_services);
    vs_initialized = false;
    UNLOCK();
    return st;
}

SAIVS_EXPORT sai_status_t sai_api_query(sai_api_t api, void **api_method_table)
{
    if (api_method_table == NULL) return SAI_STATUS_INVALID_PARAMETER;
    *api_method_table = NULL;
    LOCK();
    bool init = vs_initialized;
    UNLOCK();
    if (!init) return SAI_STATUS_UNINITIALIZED;
    const void *t;
    switch (api) {
    case SAI_API_SWITCH: t = &switch_api; break;
    case SAI_API_PORT: t = &port_api; break;
    case SAI_API_FDB: t = &fdb_api; break;
    case SAI_API_VLAN: t = &vlan_api; break;
    case SAI_API_VIRTUAL_ROUTER: t = &virtual_router_api; break;
    case SAI_API_ROUTE: t = &route_api; break;
    case SAI_API_NEXT_HOP: t = &next_hop_api; break;
    case SAI_API_NEXT_HOP_GROUP: t = &next_hop_group_api; break;
    case SAI_API_ROUTER_INTERFACE: t = &router_interface_api; break;
    case SAI_API_NEIGHBOR: t = &neighbor_api; break;
    case SAI_API_LAG: t = &lag_api; break;
    case SAI_API_BRIDGE: t = &bridge_api; break;
    default:
        return api > SAI_API_UNSPECIFIED ? SAI_STATUS_NOT_IMPLEMENTED : SAI_STATUS_INVALID_PARAMETER;
    }
    *api_method_table = (void *)(uintptr_t)t;
    return SAI_STATUS_SUCCESS;
}

SAIVS_EXPORT sai_status_t sai_log_set(sai_api_t api, sai_log_level_t level)
{
    VS_UNUSED(api);
    if (level < SAI_LOG_LEVEL_DEBUG || level > SAI_LOG_LEVEL_CRITICAL) return SAI_STATUS_INVALID_PARAMETER;
    return SAI_STATUS_SUCCESS;
}

/** The live object with id `oid` (any switch), type index in *tix; NULL when none. Under the lock. */
static vs_obj *find_live(sai_object_id_t oid)
{
    int tix = vs_tix_of(vs_oid_type(oid));
    if (tix < 0) return NULL;
    vs_select_oid(oid);
    return vs_g.live ? vs_find_typed(tix, oid) : NULL;
}

SAIVS_EXPORT sai_object_type_t sai_object_type_query(sai_object_id_t oid)
{
    LOCK();
    bool live = find_live(oid) != NULL;
    UNLOCK();
    return live ? vs_oid_type(oid) : SAI_OBJECT_TYPE_NULL;
}

SAIVS_EXPORT sai_object_id_t sai_switch_id_query(sai_object_id_t oid)
{
    LOCK();
    sai_object_id_t sw = find_live(oid) != NULL ? vs_g.switch_id : SAI_NULL_OBJECT_ID;
    UNLOCK();
    return sw;
}

/** Selects the switch of `switch_id` and checks it is live; under the lock. */
static sai_status_t switch_arg(sai_object_id_t switch_id)
{
    vs_select_oid(switch_id);
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (switch_id != vs_g.switch_id) return SAI_STATUS_INVALID_OBJECT_ID;
    return SAI_STATUS_SUCCESS;
}

static sai_status_t count_args(sai_object_id_t switch_id, sai_object_type_t type, const uint32_t *count, int *tix)
{
    vs_select_oid(switch_id);
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (count == NULL || type <= SAI_OBJECT_TYPE_NULL) return SAI_STATUS_INVALID_PARAMETER;
    sai_status_t st = switch_arg(switch_id);
    if (st != SAI_STATUS_SUCCESS) return st;
    /* Quirk no-object-keys: enumeration is a stub, as in some vendors' libsai. */
    if (vs_g.quirks & VS_QUIRK_NO_OBJECT_KEYS) return SAI_STATUS_NOT_IMPLEMENTED;
    *tix = vs_tix_of(type);
    return SAI_STATUS_SUCCESS;
}

SAIVS_EXPORT sai_status_t sai_get_object_count(sai_object_id_t switch_id, sai_object_type_t type, uint32_t *count)
{
    int tix;
    LOCK();
    sai_status_t st = count_args(switch_id, type, count, &tix);
    if (st == SAI_STATUS_SUCCESS) *count = tix < 0 ? 0 : vs_g.type_count[tix];
    UNLOCK();
    return st;
}

static void key_of(const vs_obj *o, sai_object_key_t *out)
{
    memset(out, 0, sizeof *out);
    switch (vs_types[o->tix].key_kind) {
    case VS_KEY_OID:
        out->key.object_id = o->oid;
        break;
    case VS_KEY_ROUTE: {
        sai_route_entry_t *e = &out->key.route_entry;
        e->switch_id = vs_g.switch_id;
        e->vr_id = o->key.route.vr;
        e->destination.addr_family = (int32_t)o->key.route.family;
        memcpy(&e->destination.addr, o->key.route.addr, 16);
        memcpy(&e->destination.mask, o->key.route.mask, 16);
        break;
    }
    case VS_KEY_NEIGHBOR: {
        sai_neighbor_entry_t *e = &out->key.neighbor_entry;
        e->switch_id = vs_g.switch_id;
        e->rif_id = o->key.neighbor.rif;
        e->ip_address.addr_family = (int32_t)o->key.neighbor.family;
        memcpy(&e->ip_address.addr, o->key.neighbor.addr, 16);
        break;
    }
    default: {
        sai_fdb_entry_t *e = &out->key.fdb_entry;
        e->switch_id = vs_g.switch_id;
        e->bv_id = o->key.fdb.bv;
        memcpy(e->mac_address, o->key.fdb.mac, 6);
        break;
    }
    }
}

/* sai_get_object_key: every live object of a type (hash-table order). A short list gets
 * BUFFER_OVERFLOW and the needed count. */
SAIVS_EXPORT sai_status_t sai_get_object_key(sai_object_id_t switch_id, sai_object_type_t type, uint32_t *count,
                                             sai_object_key_t *list)
{
    int tix;
    LOCK();
    sai_status_t st = count_args(switch_id, type, count, &tix);
    if (st != SAI_STATUS_SUCCESS) {
        UNLOCK();
        return st;
    }
    uint32_t needed = tix < 0 ? 0 : vs_g.type_count[tix];
    if (*count < needed || (needed > 0 && list == NULL)) {
        *count = needed;
        UNLOCK();
        return SAI_STATUS_BUFFER_OVERFLOW;
    }
    uint32_t k = 0;
    if (needed > 0) {
        const vs_table *t = vs_types[tix].key_kind == VS_KEY_OID ? &vs_g.oids : vs_entry_table(tix);
        for (size_t i = 0; i < t->cap && k < needed; i++) {
            const vs_obj *o = t->slots[i].obj;
            if (o != NULL && o->tix == tix) key_of(o, &list[k++]);
        }
    }
    *count = k;
    UNLOCK();
    return SAI_STATUS_SUCCESS;
}

/*
 * sai_query_attribute_capability: for a modeled attribute, create is implemented unless READ_ONLY, set
 * for CREATE_AND_SET, get always. An object type the library does not model: INVALID_PARAMETER; an
 * attribute it does not model: NOT_SUPPORTED.
 */
SAIVS_EXPORT sai_status_t sai_query_attribute_capability(sai_object_id_t switch_id, sai_object_type_t type,
                                                         sai_attr_id_t attr_id, sai_attr_capability_t *cap)
{
    LOCK();
    sai_status_t st = switch_arg(switch_id);
    if (st == SAI_STATUS_SUCCESS && cap == NULL) st = SAI_STATUS_INVALID_PARAMETER;
    int tix = vs_tix_of(type);
    if (st == SAI_STATUS_SUCCESS && tix < 0) st = SAI_STATUS_INVALID_PARAMETER;
    const vs_attr_meta *m = st == SAI_STATUS_SUCCESS ? vs_meta(tix, attr_id) : NULL;
    if (st == SAI_STATUS_SUCCESS && m == NULL) st = SAI_STATUS_NOT_SUPPORTED;
    if (st == SAI_STATUS_SUCCESS) {
        cap->create_implemented = m->mode != VS_MODE_READ_ONLY;
        cap->set_implemented = m->mode == VS_MODE_CREATE_AND_SET;
        cap->get_implemented = true;
    }
    UNLOCK();
    return st;
}

SAIVS_EXPORT sai_status_t sai_query_api_version(sai_api_version_t *version)
{
    if (version == NULL) return SAI_STATUS_INVALID_PARAMETER;
    *version = SAI_API_VERSION_1_18;
    return SAI_STATUS_SUCCESS;
}
