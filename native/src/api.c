/*
 * The exported SAI entry points and method tables of libsaivs. Every call takes one global lock
 * (SAI calls are synchronous; a bulk call takes it once). Profile values are read through the
 * caller's service method table at sai_api_initialize and again at create_switch / remove_switch,
 * as real libsais read them when the switch is made: the table's callbacks must stay callable until
 * sai_api_uninitialize. (The lock is not held while a callback runs.)
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "vs_internal.h"

#define SAIVS_EXPORT __attribute__((visibility("default")))

#define PROFILE_BOOT_TYPE "SAI_BOOT_TYPE"
#define PROFILE_READ_FILE "SAI_WARM_BOOT_READ_FILE"
#define PROFILE_WRITE_FILE "SAI_WARM_BOOT_WRITE_FILE"
#define PROFILE_PORT_COUNT "SAI_VS_PORT_COUNT"

#define DEFAULT_PORT_COUNT 32u
#define MAX_PORT_COUNT 1024u

static pthread_mutex_t vs_lock = PTHREAD_MUTEX_INITIALIZER;
static bool vs_initialized;
static sai_service_method_table_t vs_services;

#define LOCK() pthread_mutex_lock(&vs_lock)
#define UNLOCK() pthread_mutex_unlock(&vs_lock)

/** A copy of a profile value, or NULL when unset (or no service table). */
static char *profile_dup(const char *key)
{
    sai_profile_get_value_fn get;
    LOCK();
    get = vs_initialized ? vs_services.profile_get_value : NULL;
    UNLOCK();
    if (get == NULL) return NULL;
    const char *v = get(0, key);
    return v ? strdup(v) : NULL;
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
        sai_status_t st = vs_create_oid(TIX, id, sw, n, attrs);                                                   \
        UNLOCK();                                                                                                 \
        return st;                                                                                                \
    }                                                                                                             \
    static sai_status_t remove_##name(sai_object_id_t id)                                                         \
    {                                                                                                             \
        LOCK();                                                                                                   \
        sai_status_t st = vs_remove_oid(TIX, id);                                                                 \
        UNLOCK();                                                                                                 \
        return st;                                                                                                \
    }                                                                                                             \
    static sai_status_t set_##name##_attribute(sai_object_id_t id, const sai_attribute_t *attr)                  \
    {                                                                                                             \
        LOCK();                                                                                                   \
        sai_status_t st = vs_set_oid(TIX, id, attr);                                                              \
        UNLOCK();                                                                                                 \
        return st;                                                                                                \
    }                                                                                                             \
    static sai_status_t get_##name##_attribute(sai_object_id_t id, uint32_t n, sai_attribute_t *attrs)           \
    {                                                                                                             \
        LOCK();                                                                                                   \
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
    sai_status_t st = vs_set_oid(VS_T_SWITCH, id, attr);
    UNLOCK();
    return st;
}

static sai_status_t get_switch_attribute(sai_object_id_t id, uint32_t n, sai_attribute_t *attrs)
{
    LOCK();
    sai_status_t st = vs_get_oid(VS_T_SWITCH, id, n, attrs);
    UNLOCK();
    return st;
}

/* ---- bulk ---------------------------------------------------------------------------------------- */

static bool mode_ok(sai_bulk_op_error_mode_t mode)
{
    return mode == SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR || mode == SAI_BULK_OP_ERROR_MODE_IGNORE_ERROR;
}

/* How far ahead bulk entry calls prefetch their hash-table slot (hides the cache miss). */
#define PREFETCH_AHEAD 8

/** What one bulk call works on; `op` runs object i, `prefetch` (optional) warms object i. */
typedef struct bulk_call {
    int tix;
    const uint8_t *entries; /* entry-keyed calls: the entry array and its element size */
    size_t entry_size;
    const sai_object_id_t *ids; /* oid remove / set */
    sai_object_id_t *out_ids;   /* oid create */
    sai_object_id_t switch_id;
    const uint32_t *attr_count; /* create */
    const sai_attribute_t **attr_list;
    const sai_attribute_t *attrs; /* set: one per object */
    sai_attribute_t **get_lists;  /* get: attr_count[i] attributes per object, filled in */
    sai_status_t (*op)(const struct bulk_call *c, uint32_t i);
    void (*prefetch)(const struct bulk_call *c, uint32_t i);
} bulk_call;

/*
 * Runs a bulk call under one lock: one status per object, NOT_EXECUTED after the first failure in
 * STOP_ON_ERROR mode; returns FAILURE when any object failed, else SUCCESS.
 */
static sai_status_t bulk_run(const bulk_call *c, uint32_t count, sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    bool stopped = false, failed = false;
    LOCK();
    if (c->prefetch)
        for (uint32_t j = 0; j < count && j < PREFETCH_AHEAD; j++) c->prefetch(c, j);
    for (uint32_t i = 0; i < count; i++) {
        if (stopped) {
            statuses[i] = SAI_STATUS_NOT_EXECUTED;
            continue;
        }
        if (c->prefetch && i + PREFETCH_AHEAD < count) c->prefetch(c, i + PREFETCH_AHEAD);
        sai_status_t st = c->op(c, i);
        statuses[i] = st;
        if (st != SAI_STATUS_SUCCESS) {
            failed = true;
            stopped = mode == SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR;
        }
    }
    UNLOCK();
    return failed ? SAI_STATUS_FAILURE : SAI_STATUS_SUCCESS;
}

static const void *entry_at(const bulk_call *c, uint32_t i)
{
    return c->entries + (size_t)i * c->entry_size;
}

static void prefetch_entry(const bulk_call *c, uint32_t i)
{
    vs_prefetch_entry(c->tix, entry_at(c, i));
}

static sai_status_t op_create_entry(const bulk_call *c, uint32_t i)
{
    return vs_create_entry(c->tix, entry_at(c, i), c->attr_count[i], c->attr_list[i]);
}

static sai_status_t op_remove_entry(const bulk_call *c, uint32_t i)
{
    return vs_remove_entry(c->tix, entry_at(c, i));
}

static sai_status_t op_set_entry(const bulk_call *c, uint32_t i)
{
    return vs_set_entry(c->tix, entry_at(c, i), &c->attrs[i]);
}

static sai_status_t op_get_entry(const bulk_call *c, uint32_t i)
{
    return vs_get_entry(c->tix, entry_at(c, i), c->attr_count[i], c->get_lists[i]);
}

static sai_status_t op_create_oid(const bulk_call *c, uint32_t i)
{
    return vs_create_oid(c->tix, &c->out_ids[i], c->switch_id, c->attr_count[i], c->attr_list[i]);
}

static sai_status_t op_remove_oid(const bulk_call *c, uint32_t i)
{
    return vs_remove_oid(c->tix, c->ids[i]);
}

static sai_status_t op_set_oid(const bulk_call *c, uint32_t i)
{
    return vs_set_oid(c->tix, c->ids[i], &c->attrs[i]);
}

static sai_status_t bulk_create_entries(int tix, size_t size, uint32_t count, const void *entries,
                                        const uint32_t *attr_count, const sai_attribute_t **attr_list,
                                        sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!entries || !attr_count || !attr_list || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = tix, .entries = entries, .entry_size = size, .attr_count = attr_count,
                    .attr_list = attr_list, .op = op_create_entry, .prefetch = prefetch_entry };
    return bulk_run(&c, count, mode, statuses);
}

static sai_status_t bulk_remove_entries(int tix, size_t size, uint32_t count, const void *entries,
                                        sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!entries || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = tix, .entries = entries, .entry_size = size, .op = op_remove_entry,
                    .prefetch = prefetch_entry };
    return bulk_run(&c, count, mode, statuses);
}

static sai_status_t bulk_set_entries(int tix, size_t size, uint32_t count, const void *entries,
                                     const sai_attribute_t *attrs, sai_bulk_op_error_mode_t mode,
                                     sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!entries || !attrs || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = tix, .entries = entries, .entry_size = size, .attrs = attrs, .op = op_set_entry,
                    .prefetch = prefetch_entry };
    return bulk_run(&c, count, mode, statuses);
}

/*
 * Bulk get: each object answers as the single get would (ITEM_NOT_FOUND, ATTR_NOT_IMPLEMENTED + i for
 * an attribute without a value, BUFFER_OVERFLOW with the needed counts written, ...).
 */
static sai_status_t bulk_get_entries(int tix, size_t size, uint32_t count, const void *entries,
                                     const uint32_t *attr_count, sai_attribute_t **attr_list,
                                     sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!entries || !attr_count || !attr_list || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = tix, .entries = entries, .entry_size = size, .attr_count = attr_count,
                    .get_lists = attr_list, .op = op_get_entry, .prefetch = prefetch_entry };
    return bulk_run(&c, count, mode, statuses);
}

#define ENTRY_FNS(name, entry_t, TIX)                                                                  \
    static sai_status_t create_##name(const entry_t *e, uint32_t n, const sai_attribute_t *attrs)     \
    {                                                                                                  \
        LOCK();                                                                                        \
        sai_status_t st = vs_create_entry(TIX, e, n, attrs);                                           \
        UNLOCK();                                                                                      \
        return st;                                                                                     \
    }                                                                                                  \
    static sai_status_t remove_##name(const entry_t *e)                                                \
    {                                                                                                  \
        LOCK();                                                                                        \
        sai_status_t st = vs_remove_entry(TIX, e);                                                     \
        UNLOCK();                                                                                      \
        return st;                                                                                     \
    }                                                                                                  \
    static sai_status_t set_##name##_attribute(const entry_t *e, const sai_attribute_t *attr)         \
    {                                                                                                  \
        LOCK();                                                                                        \
        sai_status_t st = vs_set_entry(TIX, e, attr);                                                  \
        UNLOCK();                                                                                      \
        return st;                                                                                     \
    }                                                                                                  \
    static sai_status_t get_##name##_attribute(const entry_t *e, uint32_t n, sai_attribute_t *attrs)  \
    {                                                                                                  \
        LOCK();                                                                                        \
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
        return bulk_create_entries(TIX, sizeof(entry_t), count, entries, attr_count, attr_list, mode,       \
                                   statuses);                                                               \
    }                                                                                                       \
    static sai_status_t remove_##plural(uint32_t count, const entry_t *entries,                             \
                                        sai_bulk_op_error_mode_t mode, sai_status_t *statuses)              \
    {                                                                                                       \
        return bulk_remove_entries(TIX, sizeof(entry_t), count, entries, mode, statuses);                   \
    }                                                                                                       \
    static sai_status_t set_##plural##_attribute(uint32_t count, const entry_t *entries,                    \
                                                 const sai_attribute_t *attrs,                              \
                                                 sai_bulk_op_error_mode_t mode, sai_status_t *statuses)     \
    {                                                                                                       \
        return bulk_set_entries(TIX, sizeof(entry_t), count, entries, attrs, mode, statuses);               \
    }                                                                                                       \
    static sai_status_t get_##plural##_attribute(uint32_t count, const entry_t *entries,                    \
                                                 const uint32_t *attr_count, sai_attribute_t **attr_list,   \
                                                 sai_bulk_op_error_mode_t mode, sai_status_t *statuses)     \
    {                                                                                                       \
        return bulk_get_entries(TIX, sizeof(entry_t), count, entries, attr_count, attr_list, mode,          \
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
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!attr_count || !attr_list || !ids || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    for (uint32_t i = 0; i < count; i++) ids[i] = SAI_NULL_OBJECT_ID;
    bulk_call c = { .tix = VS_T_NEXT_HOP_GROUP_MEMBER, .switch_id = sw, .out_ids = ids, .attr_count = attr_count,
                    .attr_list = attr_list, .op = op_create_oid };
    return bulk_run(&c, count, mode, statuses);
}

static sai_status_t remove_next_hop_group_members(uint32_t count, const sai_object_id_t *ids,
                                                  sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!ids || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = VS_T_NEXT_HOP_GROUP_MEMBER, .ids = ids, .op = op_remove_oid };
    return bulk_run(&c, count, mode, statuses);
}

static sai_status_t set_next_hop_group_members_attribute(uint32_t count, const sai_object_id_t *ids,
                                                         const sai_attribute_t *attrs, sai_bulk_op_error_mode_t mode,
                                                         sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!ids || !attrs || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = VS_T_NEXT_HOP_GROUP_MEMBER, .ids = ids, .attrs = attrs, .op = op_set_oid };
    return bulk_run(&c, count, mode, statuses);
}

/* ---- switch ------------------------------------------------------------------------------------- */

static bool parse_port_count(const char *s, uint32_t *out)
{
    if (s == NULL || s[0] == '\0') {
        *out = DEFAULT_PORT_COUNT;
        return true;
    }
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*end != '\0' || s[0] < '0' || s[0] > '9' || v > MAX_PORT_COUNT) return false;
    *out = (uint32_t)v;
    return true;
}

/*
 * create_switch: INIT_SWITCH (mandatory) must be true; a live switch gives ITEM_ALREADY_EXISTS.
 * SAI_BOOT_TYPE=1 restores SAI_WARM_BOOT_READ_FILE (unset, missing, damaged or of another format
 * version: INVALID_NV_STORAGE, as the fake) and returns the saved switch id;
 * otherwise a cold switch with SAI_VS_PORT_COUNT (default 32) front-panel ports.
 */
static sai_status_t create_switch(sai_object_id_t *out, uint32_t n, const sai_attribute_t *attrs)
{
    LOCK();
    bool init = vs_initialized;
    UNLOCK();
    if (!init) return SAI_STATUS_UNINITIALIZED;
    if (out == NULL || (n > 0 && attrs == NULL)) return SAI_STATUS_INVALID_PARAMETER;
    char *boot = profile_dup(PROFILE_BOOT_TYPE);
    char *read_file = profile_dup(PROFILE_READ_FILE);
    char *ports = profile_dup(PROFILE_PORT_COUNT);
    bool warm = boot != NULL && strcmp(boot, "1") == 0;

    LOCK();
    sai_status_t st = vs_validate_switch_create(n, attrs);
    if (st == SAI_STATUS_SUCCESS) {
        bool init_switch = false;
        for (uint32_t i = 0; i < n; i++)
            if (attrs[i].id == SAI_SWITCH_ATTR_INIT_SWITCH) init_switch = attrs[i].value.booldata;
        uint32_t port_count = DEFAULT_PORT_COUNT;
        sai_object_id_t id = SAI_NULL_OBJECT_ID;
        if (!init_switch) st = SAI_STATUS_NOT_SUPPORTED;
        else if (vs_g.live) st = SAI_STATUS_ITEM_ALREADY_EXISTS;
        else if (warm) {
            st = vs_warm_load(read_file);
            if (st == SAI_STATUS_SUCCESS) {
                vs_obj *sw = vs_find_typed(VS_T_SWITCH, vs_g.switch_id);
                vs_drop_attr(sw, SAI_SWITCH_ATTR_RESTART_WARM);
                vs_drop_attr(sw, SAI_SWITCH_ATTR_PRE_SHUTDOWN);
                st = vs_switch_apply_create_attrs(n, attrs);
                if (st == SAI_STATUS_SUCCESS) id = vs_g.switch_id;
                else vs_state_clear();
            }
        } else if (!parse_port_count(ports, &port_count)) {
            st = SAI_STATUS_INVALID_PARAMETER;
        } else {
            st = vs_switch_init_cold(port_count, n, attrs, &id);
        }
        if (st == SAI_STATUS_SUCCESS) *out = id; /* a failed create leaves *out as it was */
    }
    UNLOCK();
    free(boot);
    free(read_file);
    free(ports);
    return st;
}

/* remove_switch: with RESTART_WARM set, writes SAI_WARM_BOOT_WRITE_FILE first (unset:
 * INVALID_PARAMETER; not writable: FAILURE; either way the switch stays); then frees every object. */
static sai_status_t remove_switch(sai_object_id_t id)
{
    char *write_file = profile_dup(PROFILE_WRITE_FILE);
    LOCK();
    sai_status_t st = SAI_STATUS_SUCCESS;
    vs_obj *sw = vs_g.live ? vs_find_typed(VS_T_SWITCH, id) : NULL;
    if (!vs_g.live) st = SAI_STATUS_UNINITIALIZED;
    else if (sw == NULL) st = SAI_STATUS_INVALID_OBJECT_ID;
    else {
        const sai_attribute_t *restart = vs_stored(sw, SAI_SWITCH_ATTR_RESTART_WARM);
        /* As the fake's warm shutdown: no write file is INVALID_PARAMETER (the switch stays). */
        if (restart != NULL && restart->value.booldata)
            st = write_file == NULL || write_file[0] == '\0' ? SAI_STATUS_INVALID_PARAMETER : vs_warm_save(write_file);
        if (st == SAI_STATUS_SUCCESS) vs_state_clear();
    }
    UNLOCK();
    free(write_file);
    return st;
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
    vs_state_clear(); /* empty tables with fresh seeds (nothing to free here) */
    UNLOCK();
    /* Read the profile now (create_switch and remove_switch read it again, when they act on it):
     * a SAI_VS_PORT_COUNT that is not a number in 0..1024 fails here already. */
    char *ports = profile_dup(PROFILE_PORT_COUNT);
    uint32_t port_count;
    bool ok = parse_port_count(ports, &port_count);
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

SAIVS_EXPORT sai_status_t sai_api_uninitialize(void)
{
    LOCK();
    if (!vs_initialized) {
        UNLOCK();
        return SAI_STATUS_UNINITIALIZED;
    }
    vs_state_clear();
    memset(&vs_services, 0, sizeof vs_services);
    vs_initialized = false;
    UNLOCK();
    return SAI_STATUS_SUCCESS;
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

SAIVS_EXPORT sai_object_type_t sai_object_type_query(sai_object_id_t oid)
{
    int32_t type = vs_oid_type(oid);
    int tix = vs_tix_of(type);
    if (tix < 0) return SAI_OBJECT_TYPE_NULL;
    LOCK();
    bool live = vs_find_typed(tix, oid) != NULL;
    UNLOCK();
    return live ? type : SAI_OBJECT_TYPE_NULL;
}

SAIVS_EXPORT sai_object_id_t sai_switch_id_query(sai_object_id_t oid)
{
    int32_t type = vs_oid_type(oid);
    int tix = vs_tix_of(type);
    if (tix < 0) return SAI_NULL_OBJECT_ID;
    LOCK();
    sai_object_id_t sw = vs_find_typed(tix, oid) != NULL ? vs_g.switch_id : SAI_NULL_OBJECT_ID;
    UNLOCK();
    return sw;
}

static sai_status_t count_args(sai_object_id_t switch_id, sai_object_type_t type, const uint32_t *count, int *tix)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (count == NULL || type <= SAI_OBJECT_TYPE_NULL) return SAI_STATUS_INVALID_PARAMETER;
    if (switch_id != vs_g.switch_id) return SAI_STATUS_INVALID_OBJECT_ID;
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

SAIVS_EXPORT sai_status_t sai_query_api_version(sai_api_version_t *version)
{
    if (version == NULL) return SAI_STATUS_INVALID_PARAMETER;
    *version = SAI_API_VERSION_1_18;
    return SAI_STATUS_SUCCESS;
}
