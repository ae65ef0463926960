/*
 * Switches of libsaivs: create_switch / remove_switch, the profile each switch reads, several switches
 * per process, vendor quirk modes, and what sai_api_uninitialize does to them.
 *
 * Several switches: each create_switch takes a slot (VS_MAX_SWITCHES of them) with its own object space
 * and id counter; its switch index (0..255) is carried in every id (bits 40-47), so any call finds its
 * switch from the ids and entries it is given. A switch reads its profile through
 * `profile_get_value(profile_id, ...)` with the SAI_SWITCH_ATTR_SWITCH_PROFILE_ID of its create_switch
 * (default 0); two live switches with one profile id, or one index: ITEM_ALREADY_EXISTS. Its index:
 * SAI_SWITCH_INDEX when the profile names one (as the fake adapter's), else (warm) the index its warm
 * file was saved by, else the lowest one no live switch has. A warm file of another index than the
 * one named: INVALID_NV_STORAGE.
 *
 * Quirks (profile key SAI_VS_QUIRKS, comma-separated; read at create_switch, per switch): see
 * enum vs_quirk and README.md. warm-write-at-uninit keeps a warm-removed switch's state until
 * sai_api_uninitialize (or process exit) and writes its file then; a warm create_switch that failed in
 * that mode truncates SAI_WARM_BOOT_WRITE_FILE at uninitialize (or exit), as vendors that rewrite the
 * file when the process ends. File paths are copied when the switch acts on them: nothing calls back
 * into the caller's profile after sai_api_uninitialize has begun.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vs_internal.h"

#define PROFILE_BOOT_TYPE "SAI_BOOT_TYPE"
#define PROFILE_READ_FILE "SAI_WARM_BOOT_READ_FILE"
#define PROFILE_WRITE_FILE "SAI_WARM_BOOT_WRITE_FILE"
#define PROFILE_PORT_COUNT "SAI_VS_PORT_COUNT"
#define PROFILE_SWITCH_INDEX "SAI_SWITCH_INDEX"
#define PROFILE_QUIRKS "SAI_VS_QUIRKS"
#define PROFILE_SWITCH_TYPE "SAI_VS_SWITCH_TYPE"

#define DEFAULT_PORT_COUNT 32u
#define MAX_PORT_COUNT 1024u

/** What a slot owes the file system at uninitialize (quirk warm-write-at-uninit). */
typedef struct vs_pending {
    bool warm;       /* removed warm: the state stays until uninitialize writes it */
    char *write_file; /* where (copied at remove_switch / at the failed warm start) */
    bool truncate;   /* a warm start failed: uninitialize truncates write_file */
} vs_pending;

static vs_pending pending[VS_MAX_SWITCHES];

/* ---- profile --------------------------------------------------------------------------------------- */

char *vs_profile_dup(uint32_t profile_id, const char *key)
{
    sai_service_method_table_t services;
    vs_lock();
    bool init = vs_services_get(&services);
    vs_unlock();
    if (!init || services.profile_get_value == NULL) return NULL;
    const char *v = services.profile_get_value(profile_id, key);
    return v ? strdup(v) : NULL;
}

bool vs_parse_port_count(const char *s, uint32_t *out)
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

static const struct {
    const char *name;
    uint32_t bit;
} quirk_names[] = {
    { "get-plain-status", VS_QUIRK_GET_PLAIN_STATUS },
    { "no-object-keys", VS_QUIRK_NO_OBJECT_KEYS },
    { "no-bulk-get", VS_QUIRK_NO_BULK_GET },
    { "bulk-validate-first", VS_QUIRK_BULK_VALIDATE_FIRST },
    { "warm-write-at-uninit", VS_QUIRK_WARM_AT_UNINIT },
    { "vendor-keys", VS_QUIRK_VENDOR_KEYS },
    { "stale-ro-lists", VS_QUIRK_STALE_RO_LISTS },
};

/** Parses SAI_VS_QUIRKS ("a,b", "all", empty); false on an unknown name. */
static bool parse_quirks(const char *s, uint32_t *out)
{
    *out = 0;
    if (s == NULL) return true;
    const char *p = s;
    while (*p) {
        while (*p == ',' || *p == ' ') p++;
        if (!*p) break;
        size_t len = strcspn(p, ", ");
        bool known = false;
        if (len == 3 && strncmp(p, "all", 3) == 0) {
            for (size_t k = 0; k < sizeof quirk_names / sizeof quirk_names[0]; k++) *out |= quirk_names[k].bit;
            known = true;
        }
        for (size_t k = 0; !known && k < sizeof quirk_names / sizeof quirk_names[0]; k++) {
            if (strlen(quirk_names[k].name) == len && strncmp(p, quirk_names[k].name, len) == 0) {
                *out |= quirk_names[k].bit;
                known = true;
            }
        }
        if (!known) return false;
        p += len;
    }
    return true;
}

/** Ports of a SAI_VS_SWITCH_TYPE (quirk vendor-keys), or 0 for an unknown type. */
static uint32_t switch_type_ports(const char *t)
{
    if (t == NULL) return 0;
    if (strcmp(t, "SAI_VS_SWITCH_TYPE_NPU32") == 0) return 32;
    if (strcmp(t, "SAI_VS_SWITCH_TYPE_NPU64") == 0) return 64;
    return 0;
}

/* ---- files owed at uninitialize ---------------------------------------------------------------------- */

static void pending_clear(int ix)
{
    free(pending[ix].write_file);
    memset(&pending[ix], 0, sizeof pending[ix]);
}

/** Does what slot `ix` owes (under the lock, slot selected): writes its warm file or truncates it. */
static sai_status_t pending_flush(int ix)
{
    sai_status_t st = SAI_STATUS_SUCCESS;
    vs_pending *p = &pending[ix];
    if (p->warm) st = vs_warm_save(p->write_file);
    else if (p->truncate && p->write_file != NULL) {
        int fd = open(p->write_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) close(fd);
    }
    if (p->warm) {
        vs_state_clear();
        vs_g.used = false;
    }
    pending_clear(ix);
    return st;
}

sai_status_t vs_switches_uninitialize(void)
{
    sai_status_t st = SAI_STATUS_SUCCESS;
    for (int ix = 0; ix < VS_MAX_SWITCHES; ix++) {
        vs_select(ix);
        sai_status_t one = pending_flush(ix);
        if (one != SAI_STATUS_SUCCESS) st = one;
        vs_state_clear();
        vs_g.used = false;
        vs_g.index = 0;
        vs_g.profile_id = 0;
        vs_g.quirks = 0;
    }
    vs_select(0);
    return st;
}

/* A process that ends without sai_api_uninitialize still does what a vendor's exit handler does. */
__attribute__((destructor)) static void at_exit(void)
{
    vs_lock();
    for (int ix = 0; ix < VS_MAX_SWITCHES; ix++) {
        if (!pending[ix].warm && !pending[ix].truncate) continue;
        vs_select(ix);
        pending_flush(ix);
    }
    vs_unlock();
}

/* ---- create_switch ------------------------------------------------------------------------------------ */

/** Is switch index `ix` taken by a slot (live, or owing its warm file)? */
static bool index_taken(uint32_t ix)
{
    for (int k = 0; k < VS_MAX_SWITCHES; k++)
        if (vs_switches[k].used && vs_switches[k].index == ix) return true;
    return false;
}

/**
 * The slot and switch index a new switch takes; -1 with *st set when none. Under the lock. A slot
 * whose switch was removed warm and still owes its file is reused by the same index only (it writes
 * its file first).
 */
static int choose_slot(const char *index_key, bool warm, const char *read_file, uint32_t profile_id, uint32_t *index,
                       sai_status_t *st)
{
    for (int k = 0; k < VS_MAX_SWITCHES; k++) {
        if (vs_switches[k].live && vs_switches[k].profile_id == profile_id) {
            *st = SAI_STATUS_ITEM_ALREADY_EXISTS;
            return -1;
        }
    }
    int ix = -1;
    if (index_key != NULL) {
        char *end;
        unsigned long v = strtoul(index_key, &end, 10);
        if (index_key[0] < '0' || index_key[0] > '9' || *end != '\0' || v > VS_MAX_INDEX) {
            *st = SAI_STATUS_INVALID_PARAMETER;
            return -1;
        }
        ix = (int)v;
    } else if (warm) {
        uint64_t saved;
        if (vs_warm_peek_switch_id(read_file, &saved)) ix = vs_oid_index(saved);
    }
    if (ix < 0) {
        for (uint32_t v = 0; v <= VS_MAX_INDEX && ix < 0; v++)
            if (!index_taken(v)) ix = (int)v;
    }
    int slot = -1;
    for (int k = 0; k < VS_MAX_SWITCHES; k++) {
        if (vs_switches[k].used && vs_switches[k].index == (uint32_t)ix) {
            if (vs_switches[k].live) {
                *st = SAI_STATUS_ITEM_ALREADY_EXISTS;
                return -1;
            }
            slot = k; /* removed warm, owing its file */
        }
    }
    for (int k = 0; k < VS_MAX_SWITCHES && slot < 0; k++)
        if (!vs_switches[k].used) slot = k;
    if (slot < 0) {
        *st = SAI_STATUS_INSUFFICIENT_RESOURCES;
        return -1;
    }
    *index = (uint32_t)ix;
    return slot;
}

/*
 * create_switch: INIT_SWITCH (mandatory) must be true. SAI_BOOT_TYPE=1 restores
 * SAI_WARM_BOOT_READ_FILE (unset, missing, damaged, of another format version or another slot:
 * INVALID_NV_STORAGE, as the fake) and returns the saved switch id; otherwise a cold switch with
 * SAI_VS_PORT_COUNT (default 32) front-panel ports.
 */
sai_status_t vs_create_switch(sai_object_id_t *out, uint32_t n, const sai_attribute_t *attrs)
{
    if (!vs_is_initialized()) return SAI_STATUS_UNINITIALIZED;
    if (out == NULL || (n > 0 && attrs == NULL)) return SAI_STATUS_INVALID_PARAMETER;
    uint32_t profile_id = 0;
    for (uint32_t i = 0; i < n; i++)
        if (attrs[i].id == SAI_SWITCH_ATTR_SWITCH_PROFILE_ID) profile_id = attrs[i].value.u32;
    char *boot = vs_profile_dup(profile_id, PROFILE_BOOT_TYPE);
    char *read_file = vs_profile_dup(profile_id, PROFILE_READ_FILE);
    char *write_file = vs_profile_dup(profile_id, PROFILE_WRITE_FILE);
    char *ports = vs_profile_dup(profile_id, PROFILE_PORT_COUNT);
    char *index_key = vs_profile_dup(profile_id, PROFILE_SWITCH_INDEX);
    char *quirk_text = vs_profile_dup(profile_id, PROFILE_QUIRKS);
    char *switch_type = vs_profile_dup(profile_id, PROFILE_SWITCH_TYPE);
    bool warm = boot != NULL && strcmp(boot, "1") == 0;
    uint32_t quirks = 0;

    vs_lock();
    vs_select(0);
    sai_status_t st = vs_validate_switch_create(n, attrs);
    bool init_switch = false;
    for (uint32_t i = 0; i < n; i++)
        if (attrs[i].id == SAI_SWITCH_ATTR_INIT_SWITCH) init_switch = attrs[i].value.booldata;
    if (st == SAI_STATUS_SUCCESS && !init_switch) st = SAI_STATUS_NOT_SUPPORTED;
    if (st == SAI_STATUS_SUCCESS && !parse_quirks(quirk_text, &quirks)) st = SAI_STATUS_INVALID_PARAMETER;
    uint32_t port_count = DEFAULT_PORT_COUNT;
    if (st == SAI_STATUS_SUCCESS) {
        if (quirks & VS_QUIRK_VENDOR_KEYS) {
            /* A vendor's required key; the port count comes from the switch type, not the profile. */
            port_count = switch_type_ports(switch_type);
            if (port_count == 0) st = SAI_STATUS_FAILURE;
        } else if (!warm && !vs_parse_port_count(ports, &port_count)) {
            st = SAI_STATUS_INVALID_PARAMETER;
        }
    }
    uint32_t index = 0;
    int slot = st == SAI_STATUS_SUCCESS ? choose_slot(index_key, warm, read_file, profile_id, &index, &st) : -1;
    if (slot >= 0) {
        /* A slot still owing a file (warm-removed, waiting for uninitialize) does that first. */
        vs_select(slot);
        pending_flush(slot);
        vs_g.used = true;
        vs_g.index = index;
        vs_g.profile_id = profile_id;
        vs_g.quirks = quirks;
        sai_object_id_t id = SAI_NULL_OBJECT_ID;
        if (warm) {
            st = vs_warm_load(read_file);
            if (st == SAI_STATUS_SUCCESS) {
                vs_obj *sw = vs_find_typed(VS_T_SWITCH, vs_g.switch_id);
                vs_drop_attr(sw, SAI_SWITCH_ATTR_RESTART_WARM);
                vs_drop_attr(sw, SAI_SWITCH_ATTR_PRE_SHUTDOWN);
                st = vs_switch_apply_create_attrs(n, attrs);
                if (st == SAI_STATUS_SUCCESS) id = vs_g.switch_id;
                else vs_state_clear();
            }
            if (st != SAI_STATUS_SUCCESS && (quirks & VS_QUIRK_WARM_AT_UNINIT)) {
                pending[slot].truncate = true;
                pending[slot].write_file = write_file;
                write_file = NULL;
            }
        } else {
            st = vs_switch_init_cold(port_count, n, attrs, &id);
        }
        if (st == SAI_STATUS_SUCCESS) *out = id; /* a failed create leaves *out as it was */
        else vs_g.used = false;
    }
    vs_unlock();
    free(boot);
    free(read_file);
    free(write_file);
    free(ports);
    free(index_key);
    free(quirk_text);
    free(switch_type);
    return st;
}

/* ---- remove_switch ------------------------------------------------------------------------------------ */

/*
 * remove_switch: with RESTART_WARM set, writes SAI_WARM_BOOT_WRITE_FILE first (unset:
 * INVALID_PARAMETER; not writable: FAILURE; either way the switch stays); then frees every object.
 * Quirk warm-write-at-uninit: the state is kept (the switch is gone for every call) and written at
 * sai_api_uninitialize.
 */
sai_status_t vs_remove_switch(sai_object_id_t id)
{
    vs_lock();
    vs_select_oid(id);
    uint32_t profile_id = vs_g.profile_id;
    vs_unlock();
    char *write_file = vs_profile_dup(profile_id, PROFILE_WRITE_FILE);
    vs_lock();
    vs_select_oid(id);
    sai_status_t st = SAI_STATUS_SUCCESS;
    vs_obj *sw = vs_g.live ? vs_find_typed(VS_T_SWITCH, id) : NULL;
    if (!vs_g.live) st = SAI_STATUS_UNINITIALIZED;
    else if (sw == NULL) st = SAI_STATUS_INVALID_OBJECT_ID;
    else {
        const sai_attribute_t *restart = vs_stored(sw, SAI_SWITCH_ATTR_RESTART_WARM);
        bool warm = restart != NULL && restart->value.booldata;
        /* As the fake's warm shutdown: no write file is INVALID_PARAMETER (the switch stays). */
        if (warm && (write_file == NULL || write_file[0] == '\0')) st = SAI_STATUS_INVALID_PARAMETER;
        else if (warm && (vs_g.quirks & VS_QUIRK_WARM_AT_UNINIT)) {
            int ix = (int)vs_g.index;
            pending_clear(ix);
            pending[ix].warm = true;
            pending[ix].write_file = write_file;
            write_file = NULL;
            vs_g.live = false;
        } else {
            if (warm) st = vs_warm_save(write_file);
            if (st == SAI_STATUS_SUCCESS) {
                vs_state_clear();
                vs_g.used = false;
            }
        }
    }
    vs_unlock();
    free(write_file);
    return st;
}
