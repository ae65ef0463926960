/*
 * libsaivs internals: the object model, hash tables, validation and warm restart. The exported SAI
 * entry points (api.c) take the global lock and call into these; nothing here locks.
 */
#ifndef SAIVS_INTERNAL_H
#define SAIVS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "saivs_abi.h"
#include "meta_gen.h"

#define VS_UNUSED(x) ((void)(x))

/* ---- object ids --------------------------------------------------------------------------- */

/* Bits 56-63 a switch marker, 48-55 the SAI object type, 40-47 the switch index (0..255, profile key
 * SAI_SWITCH_INDEX), 0-39 a counter: the fake adapter's ids (src/adapter/fake/ids.ts). Every id
 * exceeds 2^53 and sai_object_type_query is a shift. Each switch has its own counter and object space. */
#define VS_OID_MARK 0x21ULL
#define VS_OID_COUNTER_MASK ((1ULL << 40) - 1)
/** Switches one process may hold at once (slots; their indexes may be any of 0..255). */
#define VS_MAX_SWITCHES 8
/** Switch indexes carried in ids. */
#define VS_MAX_INDEX 255

static inline uint64_t vs_oid_of(int32_t object_type, uint32_t index, uint64_t counter)
{
    return (VS_OID_MARK << 56) | ((uint64_t)(uint32_t)object_type << 48) | ((uint64_t)(index & 0xff) << 40) |
           (counter & VS_OID_COUNTER_MASK);
}

static inline int32_t vs_oid_type(uint64_t oid)
{
    if ((oid >> 56) != VS_OID_MARK) return SAI_OBJECT_TYPE_NULL;
    return (int32_t)((oid >> 48) & 0xff);
}

/** The switch index an id carries (0..255), or -1 for an id that is not one of ours. */
static inline int vs_oid_index(uint64_t oid)
{
    if ((oid >> 56) != VS_OID_MARK) return -1;
    return (int)((oid >> 40) & 0xff);
}

/** Type index of a SAI object type id, or -1. */
static inline int vs_tix_of(int32_t object_type)
{
    if (object_type < 0 || object_type > VS_MAX_OBJECT_TYPE) return -1;
    return vs_type_index_of[object_type];
}

/* ---- entry keys (normalized: unused address bytes zero, so memcmp and hashing work) ---------- */

typedef struct vs_route_key {
    uint64_t vr;
    uint32_t family;
    uint32_t pad;
    uint8_t addr[16];
    uint8_t mask[16];
} vs_route_key;

typedef struct vs_neighbor_key {
    uint64_t rif;
    uint32_t family;
    uint32_t pad;
    uint8_t addr[16];
} vs_neighbor_key;

typedef struct vs_fdb_key {
    uint64_t bv;
    uint8_t mac[6];
    uint8_t pad[2];
} vs_fdb_key;

typedef union vs_entry_key {
    vs_route_key route;
    vs_neighbor_key neighbor;
    vs_fdb_key fdb;
} vs_entry_key;

/* ---- objects -------------------------------------------------------------------------------- */

/** Members of a parent (next hop group, vlan, bridge, lag), in insertion order. */
typedef struct vs_members {
    uint32_t count;
    uint32_t cap;
    uint64_t *ids;
} vs_members;

typedef struct vs_obj {
    uint64_t oid;          /* 0 for entry-keyed objects */
    uint32_t refcount;     /* attributes and entry keys of other objects naming this one */
    uint8_t tix;           /* type index (enum vs_type_index) */
    uint8_t owned;         /* made by switch init and never removable */
    uint8_t nattrs;
    uint8_t cap;
    sai_attribute_t *attrs; /* stored attributes (deep copies), at most one per id: `inl` or grown */
    vs_members *members;
    vs_entry_key key;      /* entry-keyed objects only */
    sai_attribute_t inl[]; /* the attributes of the create, in the same allocation */
} vs_obj;

/* ---- hash tables ---------------------------------------------------------------------------- */

enum vs_table_kind { VS_TABLE_OID, VS_TABLE_ROUTE, VS_TABLE_NEIGHBOR, VS_TABLE_FDB, VS_TABLE_KEYATTR };

typedef struct vs_slot {
    uint64_t hash;
    vs_obj *obj; /* NULL: empty */
} vs_slot;

/** Open addressing, linear probing, backward-shift deletion, grows at 70% load. */
typedef struct vs_table {
    vs_slot *slots;
    size_t cap; /* power of two, or 0 */
    size_t count;
    uint64_t seed; /* per table: two tables never share a slot order (no clustering on copy) */
    uint8_t shift; /* 64 - log2(cap) */
    uint8_t kind;
} vs_table;

/** What a KEY-attribute lookup compares: the type and the key attribute's value. */
typedef struct vs_keyattr_probe {
    uint8_t tix;
    const vs_attr_meta *meta;
    const sai_attribute_value_t *value;
} vs_keyattr_probe;

void vs_table_init(vs_table *t, uint8_t kind);
void vs_table_free(vs_table *t);
/** Finds the object whose key equals `key` (an oid for VS_TABLE_OID, a vs_*_key, or a probe). */
vs_obj *vs_table_find(const vs_table *t, uint64_t hash, const void *key);
/** Inserts (the key must be absent); false when out of memory. */
bool vs_table_insert(vs_table *t, uint64_t hash, vs_obj *obj);
/** Removes exactly `obj`; false when absent. */
bool vs_table_remove(vs_table *t, uint64_t hash, const vs_obj *obj);
/** Grows an attribute array to hold one more; false when out of memory. */
bool vs_obj_grow(vs_obj *o);
/** Hints the CPU to load the home slot of `hash` (bulk calls prefetch a few entries ahead). */
void vs_table_prefetch(const vs_table *t, uint64_t hash);
/** Reserves room for `n` entries in total. */
bool vs_table_reserve(vs_table *t, size_t n);

uint64_t vs_hash_oid(uint64_t oid);
uint64_t vs_hash_bytes(const void *p, size_t n);
uint64_t vs_hash_route(const vs_route_key *k);
uint64_t vs_hash_value(const vs_attr_meta *m, const sai_attribute_value_t *v);
bool vs_value_equal(const vs_attr_meta *m, const sai_attribute_value_t *a, const sai_attribute_value_t *b);

/* ---- the switch state --------------------------------------------------------------------- */

/** Vendor behaviours a switch imitates (SAI_VS_QUIRKS; see README.md, "Quirk modes"). */
enum vs_quirk {
    VS_QUIRK_GET_PLAIN_STATUS = 1u << 0,    /* a get naming an attribute never set fails as a whole, NOT_IMPLEMENTED */
    VS_QUIRK_NO_OBJECT_KEYS = 1u << 1,      /* sai_get_object_count / _key: NOT_IMPLEMENTED */
    VS_QUIRK_NO_BULK_GET = 1u << 2,         /* route / neighbor bulk get: NOT_IMPLEMENTED for the whole call */
    VS_QUIRK_BULK_VALIDATE_FIRST = 1u << 3, /* STOP_ON_ERROR checks the whole batch first; NOT_EXECUTED before the failing one */
    VS_QUIRK_WARM_AT_UNINIT = 1u << 4,      /* the warm file is written at sai_api_uninitialize, not at remove_switch */
    VS_QUIRK_VENDOR_KEYS = 1u << 5,         /* create_switch needs SAI_VS_SWITCH_TYPE; SAI_VS_PORT_COUNT is ignored */
    VS_QUIRK_STALE_RO_LISTS = 1u << 6,      /* read-only member lists and counts are not maintained (answer empty) */
};

typedef struct vs_state {
    bool live;
    uint64_t switch_id;
    uint64_t cpu_port;
    uint64_t default_vr;
    uint64_t default_bridge;
    uint64_t *init_ports; /* front-panel ports made at init (SWITCH PORT_LIST) */
    uint32_t n_init_ports;
    uint64_t next_counter;
    vs_table oids;
    vs_table routes;
    vs_table neighbors;
    vs_table fdbs;
    vs_table keys; /* KEY attributes (port lanes, vlan id) */
    uint32_t type_count[VS_TYPE_COUNT];
    /* Kept across a reset of the tables (vs_state_clear): */
    bool used;           /* the slot holds a switch (live, or removed warm and owing its file) */
    uint32_t index;      /* the switch index carried in every id (SAI_SWITCH_INDEX) */
    uint32_t profile_id; /* SAI_SWITCH_ATTR_SWITCH_PROFILE_ID of its create_switch */
    uint32_t quirks;     /* enum vs_quirk bits */
} vs_state;

/** Every switch slot; `vs_cur` is the one the current call works on (api.c selects it under the lock). */
extern vs_state vs_switches[VS_MAX_SWITCHES];
extern vs_state *vs_cur;
#define vs_g (*vs_cur)

/** A new id of `object_type` in the current switch (does not advance the counter). */
static inline uint64_t vs_make_oid(int32_t object_type, uint64_t counter)
{
    return vs_oid_of(object_type, vs_g.index, counter);
}

/* store.c */
const vs_attr_meta *vs_meta(int tix, uint32_t attr_id);
vs_obj *vs_find_oid(uint64_t oid);
/** The live object of type `tix` with id `oid`, or NULL. */
vs_obj *vs_find_typed(int tix, uint64_t oid);
sai_status_t vs_create_oid(int tix, sai_object_id_t *out, sai_object_id_t switch_id, uint32_t n,
                           const sai_attribute_t *attrs);
sai_status_t vs_remove_oid(int tix, sai_object_id_t oid);
sai_status_t vs_set_oid(int tix, sai_object_id_t oid, const sai_attribute_t *attr);
sai_status_t vs_get_oid(int tix, sai_object_id_t oid, uint32_t n, sai_attribute_t *attrs);
/* entry: a sai_route_entry_t / sai_neighbor_entry_t / sai_fdb_entry_t */
sai_status_t vs_create_entry(int tix, const void *entry, uint32_t n, const sai_attribute_t *attrs);
sai_status_t vs_remove_entry(int tix, const void *entry);
sai_status_t vs_set_entry(int tix, const void *entry, const sai_attribute_t *attr);
sai_status_t vs_get_entry(int tix, const void *entry, uint32_t n, sai_attribute_t *attrs);
/* The checks of a create / remove / set without the change (bulk STOP_ON_ERROR that validates first). */
sai_status_t vs_check_create_oid(int tix, sai_object_id_t switch_id, uint32_t n, const sai_attribute_t *attrs);
sai_status_t vs_check_remove_oid(int tix, sai_object_id_t oid);
sai_status_t vs_check_set_oid(int tix, sai_object_id_t oid, const sai_attribute_t *attr);
sai_status_t vs_check_create_entry(int tix, const void *entry, uint32_t n, const sai_attribute_t *attrs);
sai_status_t vs_check_remove_entry(int tix, const void *entry);
sai_status_t vs_check_set_entry(int tix, const void *entry, const sai_attribute_t *attr);
/** Prefetches the table slot of an entry (bulk calls, a few entries ahead). */
void vs_prefetch_entry(int tix, const void *entry);

sai_status_t vs_switch_init_cold(uint32_t port_count, uint32_t n, const sai_attribute_t *attrs, uint64_t *out);
/** Validates create_switch attributes (the same rules as every create). */
sai_status_t vs_validate_switch_create(uint32_t n, const sai_attribute_t *attrs);
/** Replaces the switch object's stored attributes by `attrs` (after a warm restore). */
sai_status_t vs_switch_apply_create_attrs(uint32_t n, const sai_attribute_t *attrs);
/** Frees every object and resets the state (cold remove_switch, uninitialize, failed restore). */
void vs_state_clear(void);

/* Helpers shared with warm.c */
vs_obj *vs_obj_alloc(int tix, uint32_t nattrs);
void vs_obj_free(vs_obj *o);
sai_status_t vs_value_copy(const vs_attr_meta *m, sai_attribute_value_t *dst, const sai_attribute_value_t *src);
void vs_value_free(const vs_attr_meta *m, sai_attribute_value_t *v);
sai_attribute_t *vs_stored(const vs_obj *o, uint32_t id);
/** Drops a stored attribute (it reads back as its default). */
void vs_drop_attr(vs_obj *o, uint32_t id);
/** Inserts an object with its final key into the tables (no validation, no linking). */
bool vs_index_object(vs_obj *o);
/** Adds the references of `o` to their targets' reference counts (warm restore). */
void vs_count_references(const vs_obj *o);
bool vs_members_add(vs_obj *parent, uint64_t id);
uint64_t vs_entry_hash(int tix, const vs_entry_key *k);
vs_table *vs_entry_table(int tix);
/** Does every reference of `o` name a live object of an allowed type (warm restore check)? */
bool vs_references_valid(const vs_obj *o);
bool vs_value_fits(const vs_attr_meta *m, const sai_attribute_value_t *v);
/** Bytes per element of a list kind (oid 8, i8 1, else 4). */
size_t vs_list_elem_size(uint8_t kind);

/* warm.c */
sai_status_t vs_warm_save(const char *path);
/** Loads a warm file into the current switch slot (cleared first; the file must be of this slot). */
sai_status_t vs_warm_load(const char *path);
/** The switch id a warm file was saved for (its slot), without loading it; false when unreadable. */
bool vs_warm_peek_switch_id(const char *path, uint64_t *switch_id);

/* api.c: the library lock and the current switch (every call selects its switch under the lock) */
void vs_lock(void);
void vs_unlock(void);
/** Selects slot `slot` (0..VS_MAX_SWITCHES-1). */
void vs_select(int slot);
/**
 * Selects the switch an object id belongs to: the slot holding its index; for an index no switch
 * has, a switch that is not live (calls answer UNINITIALIZED); for an id that is not ours, the
 * first live switch (or slot 0), whose checks then answer.
 */
void vs_select_oid(uint64_t oid);
/** Selects the switch an entry names (its switch_id at offset 0; NULL selects slot 0). */
void vs_select_entry(const void *entry);

/** The service table given to sai_api_initialize; false before it. Under the lock. */
bool vs_services_get(sai_service_method_table_t *out);

/* switch.c */
/** Parses SAI_VS_PORT_COUNT (unset or empty: 32); false unless a number in 0..1024. */
bool vs_parse_port_count(const char *s, uint32_t *out);
/** A copy of profile value `key` of profile `profile_id` (callbacks run without the lock), or NULL. */
char *vs_profile_dup(uint32_t profile_id, const char *key);
bool vs_is_initialized(void);
/** sai_api_initialize / sai_api_uninitialize's switch part: frees every switch, writes pending files. */
sai_status_t vs_switches_uninitialize(void);

/* bulk.c: the bulk entry points of the method tables */
sai_status_t vs_bulk_create_entries(int tix, size_t size, uint32_t count, const void *entries,
                                    const uint32_t *attr_count, const sai_attribute_t **attr_list,
                                    sai_bulk_op_error_mode_t mode, sai_status_t *statuses);
sai_status_t vs_bulk_remove_entries(int tix, size_t size, uint32_t count, const void *entries,
                                    sai_bulk_op_error_mode_t mode, sai_status_t *statuses);
sai_status_t vs_bulk_set_entries(int tix, size_t size, uint32_t count, const void *entries,
                                 const sai_attribute_t *attrs, sai_bulk_op_error_mode_t mode, sai_status_t *statuses);
sai_status_t vs_bulk_get_entries(int tix, size_t size, uint32_t count, const void *entries,
                                 const uint32_t *attr_count, sai_attribute_t **attr_list,
                                 sai_bulk_op_error_mode_t mode, sai_status_t *statuses);
sai_status_t vs_bulk_create_oids(int tix, sai_object_id_t sw, uint32_t count, const uint32_t *attr_count,
                                 const sai_attribute_t **attr_list, sai_bulk_op_error_mode_t mode,
                                 sai_object_id_t *ids, sai_status_t *statuses);
sai_status_t vs_bulk_remove_oids(int tix, uint32_t count, const sai_object_id_t *ids, sai_bulk_op_error_mode_t mode,
                                 sai_status_t *statuses);
sai_status_t vs_bulk_set_oids(int tix, uint32_t count, const sai_object_id_t *ids, const sai_attribute_t *attrs,
                              sai_bulk_op_error_mode_t mode, sai_status_t *statuses);

/* switch.c: the switch API */
sai_status_t vs_create_switch(sai_object_id_t *out, uint32_t n, const sai_attribute_t *attrs);
sai_status_t vs_remove_switch(sai_object_id_t id);

#endif /* SAIVS_INTERNAL_H */
