/*
 * The object store of libsaivs: objects, attribute validation, reference counting, membership,
 * KEY uniqueness, create / remove / set / get. The checks and their order are those of the fake
 * adapter (src/adapter/fake/fake-adapter.ts, its header comment is the contract):
 *
 * Every call answers UNINITIALIZED while no switch is live (before create_switch, after
 * remove_switch), as the fake after its shutdown.
 *
 * create, per attribute i in the caller's order:
 *   unknown id -> UNKNOWN_ATTRIBUTE+i; READ_ONLY -> INVALID_ATTRIBUTE+i; the same id twice ->
 *   INVALID_ATTRIBUTE+i; wrong value (bool not 0/1, enum not a value, bad address family, prefix
 *   with a non-contiguous mask or host bits, chardata without NUL, list count without list) ->
 *   INVALID_ATTR_VALUE+i; a conditional attribute whose condition does not hold ->
 *   INVALID_ATTRIBUTE+i; NULL oid where the attribute has no NULL default -> INVALID_ATTR_VALUE+i;
 *   an oid that is not live or of a type the attribute does not allow -> INVALID_OBJECT_ID;
 * then a missing MANDATORY_ON_CREATE (or conditional whose condition holds) attribute ->
 * MANDATORY_ATTRIBUTE_MISSING; then the entry key (wrong switch or non-canonical address ->
 * INVALID_PARAMETER, missing vr / rif / bridge-or-vlan -> INVALID_OBJECT_ID); then an existing entry
 * or KEY value -> ITEM_ALREADY_EXISTS.
 */
#include <stdlib.h>
#include <string.h>

#include "vs_internal.h"

vs_state vs_switches[VS_MAX_SWITCHES];
vs_state *vs_cur = &vs_switches[0];

/* Largest list a caller may pass; beyond it a value is refused (INVALID_ATTR_VALUE). */
#define VS_MAX_LIST_COUNT (1u << 20)

/* ---- metadata ------------------------------------------------------------------------------- */

const vs_attr_meta *vs_meta(int tix, uint32_t attr_id)
{
    const vs_type_meta *tm = &vs_types[tix];
    if (attr_id > tm->max_attr_id) return NULL;
    int8_t i = tm->index_by_id[attr_id];
    return i < 0 ? NULL : &tm->attrs[i];
}

static inline sai_status_t attr_status(sai_status_t base, uint32_t i)
{
    return base - (sai_status_t)(i & 0xffff);
}

/* ---- lookup ------------------------------------------------------------------------------- */

vs_obj *vs_find_oid(uint64_t oid)
{
    if (oid == 0) return NULL;
    return vs_table_find(&vs_g.oids, vs_hash_oid(oid), &oid);
}

vs_obj *vs_find_typed(int tix, uint64_t oid)
{
    vs_obj *o = vs_find_oid(oid);
    return o != NULL && o->tix == tix ? o : NULL;
}

vs_table *vs_entry_table(int tix)
{
    switch (vs_types[tix].key_kind) {
    case VS_KEY_ROUTE:
        return &vs_g.routes;
    case VS_KEY_NEIGHBOR:
        return &vs_g.neighbors;
    case VS_KEY_FDB:
        return &vs_g.fdbs;
    default:
        return NULL;
    }
}

uint64_t vs_entry_hash(int tix, const vs_entry_key *k)
{
    switch (vs_types[tix].key_kind) {
    case VS_KEY_ROUTE:
        return vs_hash_route(&k->route);
    case VS_KEY_NEIGHBOR:
        return vs_hash_bytes(&k->neighbor, sizeof k->neighbor);
    default:
        return vs_hash_bytes(&k->fdb, sizeof k->fdb);
    }
}

/* ---- addresses ------------------------------------------------------------------------------ */

static bool family_ok(int32_t f)
{
    return f == SAI_IP_ADDR_FAMILY_IPV4 || f == SAI_IP_ADDR_FAMILY_IPV6;
}

/* Address bytes in network order: an IPv4 ip4 is already stored big-endian. */
static size_t addr_len(int32_t family)
{
    return family == SAI_IP_ADDR_FAMILY_IPV4 ? 4 : 16;
}

/** A prefix is canonical when its mask is contiguous and no host bit is set. */
static bool prefix_canonical(const sai_ip_prefix_t *p)
{
    if (!family_ok(p->addr_family)) return false;
    size_t n = addr_len(p->addr_family);
    const uint8_t *a = (const uint8_t *)&p->addr;
    const uint8_t *m = (const uint8_t *)&p->mask;
    bool zeros = false;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = m[i];
        if (zeros && b != 0) return false;
        if (b != 0xff) {
            /* b must be 1...10...0 */
            uint8_t inv = (uint8_t)~b;
            if ((inv & (uint8_t)(inv + 1)) != 0) return false;
            zeros = true;
        }
        if ((a[i] & (uint8_t)~b) != 0) return false;
    }
    return true;
}

static void route_key_of(const sai_route_entry_t *e, vs_route_key *k)
{
    memset(k, 0, sizeof *k);
    k->vr = e->vr_id;
    k->family = (uint32_t)e->destination.addr_family;
    size_t n = family_ok(e->destination.addr_family) ? addr_len(e->destination.addr_family) : 16;
    memcpy(k->addr, &e->destination.addr, n);
    memcpy(k->mask, &e->destination.mask, n);
}

static void neighbor_key_of(const sai_neighbor_entry_t *e, vs_neighbor_key *k)
{
    memset(k, 0, sizeof *k);
    k->rif = e->rif_id;
    k->family = (uint32_t)e->ip_address.addr_family;
    size_t n = family_ok(e->ip_address.addr_family) ? addr_len(e->ip_address.addr_family) : 16;
    memcpy(k->addr, &e->ip_address.addr, n);
}

static void fdb_key_of(const sai_fdb_entry_t *e, vs_fdb_key *k)
{
    memset(k, 0, sizeof *k);
    k->bv = e->bv_id;
    memcpy(k->mac, e->mac_address, 6);
}

static void entry_key_of(int tix, const void *entry, vs_entry_key *k)
{
    switch (vs_types[tix].key_kind) {
    case VS_KEY_ROUTE:
        route_key_of(entry, &k->route);
        break;
    case VS_KEY_NEIGHBOR:
        neighbor_key_of(entry, &k->neighbor);
        break;
    default:
        fdb_key_of(entry, &k->fdb);
        break;
    }
}

/* ---- values ---------------------------------------------------------------------------------- */

bool vs_value_fits(const vs_attr_meta *m, const sai_attribute_value_t *v)
{
    switch (m->kind) {
    case VS_KIND_BOOL: {
        uint8_t b;
        memcpy(&b, v, 1);
        return b <= 1;
    }
    case VS_KIND_ENUM: {
        uint32_t lo = 0, hi = m->enum_count;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if (m->enum_values[mid] == v->s32) return true;
            if (m->enum_values[mid] < v->s32) lo = mid + 1;
            else hi = mid;
        }
        return false;
    }
    case VS_KIND_IP_ADDRESS:
        return family_ok(v->ipaddr.addr_family);
    case VS_KIND_IP_PREFIX:
        return prefix_canonical(&v->ipprefix);
    case VS_KIND_CHARDATA:
        return memchr(v->chardata, 0, sizeof v->chardata) != NULL;
    case VS_KIND_OID_LIST:
        return v->objlist.count <= VS_MAX_LIST_COUNT && (v->objlist.count == 0 || v->objlist.list != NULL);
    case VS_KIND_U32_LIST:
    case VS_KIND_I32_LIST:
    case VS_KIND_I8_LIST:
        return v->u32list.count <= VS_MAX_LIST_COUNT && (v->u32list.count == 0 || v->u32list.list != NULL);
    default:
        return true;
    }
}

static bool is_list(uint8_t kind)
{
    return kind == VS_KIND_OID_LIST || kind == VS_KIND_U32_LIST || kind == VS_KIND_I32_LIST || kind == VS_KIND_I8_LIST;
}

size_t vs_list_elem_size(uint8_t kind)
{
    return kind == VS_KIND_OID_LIST ? 8 : kind == VS_KIND_I8_LIST ? 1 : 4;
}

static size_t elem_size(uint8_t kind)
{
    return vs_list_elem_size(kind);
}

/** Deep copy of a validated value, normalized (bool 0/1, unused address bytes zero). */
sai_status_t vs_value_copy(const vs_attr_meta *m, sai_attribute_value_t *dst, const sai_attribute_value_t *src)
{
    memset(dst, 0, sizeof *dst);
    switch (m->kind) {
    case VS_KIND_BOOL: {
        uint8_t b;
        memcpy(&b, src, 1);
        dst->booldata = b != 0;
        return SAI_STATUS_SUCCESS;
    }
    case VS_KIND_U8:
        dst->u8 = src->u8;
        return SAI_STATUS_SUCCESS;
    case VS_KIND_U16:
        dst->u16 = src->u16;
        return SAI_STATUS_SUCCESS;
    case VS_KIND_U32:
    case VS_KIND_I32:
    case VS_KIND_ENUM:
        dst->u32 = src->u32;
        return SAI_STATUS_SUCCESS;
    case VS_KIND_U64:
    case VS_KIND_OID:
        dst->u64 = src->u64;
        return SAI_STATUS_SUCCESS;
    case VS_KIND_MAC:
        memcpy(dst->mac, src->mac, 6);
        return SAI_STATUS_SUCCESS;
    case VS_KIND_IP_ADDRESS:
        dst->ipaddr.addr_family = src->ipaddr.addr_family;
        memcpy(&dst->ipaddr.addr, &src->ipaddr.addr, addr_len(src->ipaddr.addr_family));
        return SAI_STATUS_SUCCESS;
    case VS_KIND_IP_PREFIX:
        dst->ipprefix.addr_family = src->ipprefix.addr_family;
        memcpy(&dst->ipprefix.addr, &src->ipprefix.addr, addr_len(src->ipprefix.addr_family));
        memcpy(&dst->ipprefix.mask, &src->ipprefix.mask, addr_len(src->ipprefix.addr_family));
        return SAI_STATUS_SUCCESS;
    case VS_KIND_CHARDATA:
        memcpy(dst->chardata, src->chardata, strnlen(src->chardata, sizeof dst->chardata - 1));
        return SAI_STATUS_SUCCESS;
    default: {
        uint32_t count = src->u32list.count;
        dst->u32list.count = count;
        if (count == 0) return SAI_STATUS_SUCCESS;
        size_t bytes = (size_t)count * elem_size(m->kind);
        void *p = malloc(bytes);
        if (p == NULL) return SAI_STATUS_NO_MEMORY;
        memcpy(p, m->kind == VS_KIND_OID_LIST ? (const void *)src->objlist.list : (const void *)src->u32list.list,
               bytes);
        if (m->kind == VS_KIND_OID_LIST) dst->objlist.list = p;
        else dst->u32list.list = p;
        return SAI_STATUS_SUCCESS;
    }
    }
}

void vs_value_free(const vs_attr_meta *m, sai_attribute_value_t *v)
{
    if (m->kind == VS_KIND_OID_LIST) free(v->objlist.list);
    else if (is_list(m->kind)) free(v->u32list.list);
}

/* ---- objects -------------------------------------------------------------------------------- */

vs_obj *vs_obj_alloc(int tix, uint32_t nattrs)
{
    vs_obj *o = calloc(1, sizeof *o + (size_t)nattrs * sizeof(sai_attribute_t));
    if (o == NULL) return NULL;
    o->tix = (uint8_t)tix;
    o->attrs = o->inl;
    o->cap = (uint8_t)nattrs;
    return o;
}

bool vs_obj_grow(vs_obj *o)
{
    if (o->nattrs < o->cap) return true;
    uint32_t cap = o->cap ? o->cap * 2u : 2u;
    if (cap > 255) cap = 255;
    if (cap <= o->nattrs) return false;
    sai_attribute_t *grown = malloc(cap * sizeof *grown);
    if (grown == NULL) return false;
    if (o->nattrs) memcpy(grown, o->attrs, o->nattrs * sizeof *grown);
    if (o->attrs != o->inl) free(o->attrs);
    o->attrs = grown;
    o->cap = (uint8_t)cap;
    return true;
}

void vs_obj_free(vs_obj *o)
{
    if (o == NULL) return;
    for (uint32_t i = 0; i < o->nattrs; i++) {
        const vs_attr_meta *m = vs_meta(o->tix, o->attrs[i].id);
        if (m) vs_value_free(m, &o->attrs[i].value);
    }
    if (o->attrs != o->inl) free(o->attrs);
    if (o->members) free(o->members->ids);
    free(o->members);
    free(o);
}

void vs_drop_attr(vs_obj *o, uint32_t id)
{
    sai_attribute_t *a = vs_stored(o, id);
    if (a == NULL) return;
    const vs_attr_meta *m = vs_meta(o->tix, id);
    if (m) vs_value_free(m, &a->value);
    size_t i = (size_t)(a - o->attrs);
    memmove(&o->attrs[i], &o->attrs[i + 1], (o->nattrs - i - 1) * sizeof *a);
    o->nattrs--;
}

sai_attribute_t *vs_stored(const vs_obj *o, uint32_t id)
{
    for (uint32_t i = 0; i < o->nattrs; i++)
        if (o->attrs[i].id == id) return &o->attrs[i];
    return NULL;
}

/* ---- membership ------------------------------------------------------------------------------ */

bool vs_members_add(vs_obj *parent, uint64_t id)
{
    vs_members *ms = parent->members;
    if (ms == NULL) {
        ms = calloc(1, sizeof *ms);
        if (ms == NULL) return false;
        parent->members = ms;
    }
    if (ms->count == ms->cap) {
        uint32_t cap = ms->cap ? ms->cap * 2 : 8;
        uint64_t *ids = realloc(ms->ids, (size_t)cap * sizeof *ids);
        if (ids == NULL) return false;
        ms->ids = ids;
        ms->cap = cap;
    }
    ms->ids[ms->count++] = id;
    return true;
}

static void members_remove(vs_obj *parent, uint64_t id)
{
    vs_members *ms = parent->members;
    if (ms == NULL) return;
    for (uint32_t i = 0; i < ms->count; i++) {
        if (ms->ids[i] == id) {
            memmove(&ms->ids[i], &ms->ids[i + 1], (size_t)(ms->count - i - 1) * sizeof *ms->ids);
            ms->count--;
            return;
        }
    }
}

/* The attribute that names a member's parent (the fake's MEMBER_OF). */
static int parent_attr_id(int tix)
{
    switch (tix) {
    case VS_T_NEXT_HOP_GROUP_MEMBER:
    case VS_T_VLAN_MEMBER:
    case VS_T_LAG_MEMBER:
        return 0;
    case VS_T_BRIDGE_PORT:
        return 6;
    default:
        return -1;
    }
}

static vs_obj *parent_of(const vs_obj *o)
{
    int pid = parent_attr_id(o->tix);
    if (pid < 0) return NULL;
    const sai_attribute_t *a = vs_stored(o, (uint32_t)pid);
    if (a == NULL) return o->tix == VS_T_BRIDGE_PORT ? vs_find_oid(vs_g.default_bridge) : NULL;
    return vs_find_oid(a->value.oid);
}

/* ---- references ------------------------------------------------------------------------------ */

static uint64_t entry_parent(const vs_obj *o)
{
    switch (vs_types[o->tix].key_kind) {
    case VS_KEY_ROUTE:
        return o->key.route.vr;
    case VS_KEY_NEIGHBOR:
        return o->key.neighbor.rif;
    case VS_KEY_FDB:
        return o->key.fdb.bv;
    default:
        return 0;
    }
}

static void adjust_ref(uint64_t oid, int delta)
{
    if (oid == 0) return;
    vs_obj *t = vs_find_oid(oid);
    if (t != NULL) t->refcount = (uint32_t)((int64_t)t->refcount + delta);
}

static void adjust_attr_refs(const vs_attr_meta *m, const sai_attribute_value_t *v, int delta)
{
    if (!m->is_reference || m->mode == VS_MODE_READ_ONLY) return;
    if (m->kind == VS_KIND_OID) adjust_ref(v->oid, delta);
    else
        for (uint32_t j = 0; j < v->objlist.count; j++) adjust_ref(v->objlist.list[j], delta);
}

static void adjust_refs(const vs_obj *o, int delta)
{
    for (uint32_t i = 0; i < o->nattrs; i++) {
        const vs_attr_meta *m = vs_meta(o->tix, o->attrs[i].id);
        if (m) adjust_attr_refs(m, &o->attrs[i].value, delta);
    }
    if (vs_types[o->tix].key_kind != VS_KEY_OID) adjust_ref(entry_parent(o), delta);
}

void vs_count_references(const vs_obj *o)
{
    adjust_refs(o, +1);
}

static bool ref_ok(const vs_attr_meta *m, uint64_t oid)
{
    vs_obj *t = vs_find_oid(oid);
    if (t == NULL) return false;
    int32_t type = vs_types[t->tix].object_type;
    for (uint32_t k = 0; k < m->object_type_count; k++)
        if (m->object_types[k] == type) return true;
    return false;
}

bool vs_references_valid(const vs_obj *o)
{
    for (uint32_t i = 0; i < o->nattrs; i++) {
        const vs_attr_meta *m = vs_meta(o->tix, o->attrs[i].id);
        if (m == NULL) return false;
        if (!m->is_reference || m->mode == VS_MODE_READ_ONLY) continue;
        const sai_attribute_value_t *v = &o->attrs[i].value;
        if (m->kind == VS_KIND_OID) {
            if (v->oid != 0 && !ref_ok(m, v->oid)) return false;
        } else {
            for (uint32_t j = 0; j < v->objlist.count; j++)
                if (!ref_ok(m, v->objlist.list[j])) return false;
        }
    }
    if (vs_types[o->tix].key_kind != VS_KEY_OID && vs_find_oid(entry_parent(o)) == NULL) return false;
    return true;
}

/** Adds references and membership; false when out of memory (nothing changed then). */
static bool link_obj(vs_obj *o)
{
    vs_obj *parent = parent_of(o);
    if (parent != NULL && !vs_members_add(parent, o->oid)) return false;
    adjust_refs(o, +1);
    return true;
}

static void unlink_obj(vs_obj *o)
{
    adjust_refs(o, -1);
    vs_obj *parent = parent_of(o);
    if (parent != NULL) members_remove(parent, o->oid);
}

/* ---- validation ------------------------------------------------------------------------------- */

static bool cond_holds(int tix, const vs_attr_meta *m, uint32_t n, const sai_attribute_t *attrs)
{
    int32_t v = 0;
    bool have = false;
    for (uint32_t i = 0; i < n; i++) {
        if (attrs[i].id == (uint32_t)m->cond_attr_id) {
            v = attrs[i].value.s32;
            have = true;
        }
    }
    if (!have) {
        const vs_attr_meta *cm = vs_meta(tix, (uint32_t)m->cond_attr_id);
        if (cm == NULL || cm->default_kind != VS_DEFAULT_CONST) return false;
        v = (int32_t)cm->default_int;
    }
    for (uint32_t k = 0; k < m->cond_count; k++)
        if (m->cond_values[k] == v) return true;
    return false;
}

static sai_status_t check_reference(const vs_attr_meta *m, const sai_attribute_value_t *v, uint32_t i)
{
    if (m->kind == VS_KIND_OID) {
        if (v->oid == SAI_NULL_OBJECT_ID)
            return m->allows_null ? SAI_STATUS_SUCCESS : attr_status(SAI_STATUS_INVALID_ATTR_VALUE_0, i);
        return ref_ok(m, v->oid) ? SAI_STATUS_SUCCESS : SAI_STATUS_INVALID_OBJECT_ID;
    }
    if (m->kind == VS_KIND_OID_LIST) {
        for (uint32_t j = 0; j < v->objlist.count; j++)
            if (!ref_ok(m, v->objlist.list[j])) return SAI_STATUS_INVALID_OBJECT_ID;
    }
    return SAI_STATUS_SUCCESS;
}

static sai_status_t validate_create(int tix, uint32_t n, const sai_attribute_t *attrs)
{
    const vs_type_meta *tm = &vs_types[tix];
    uint32_t seen = 0;
    for (uint32_t i = 0; i < n; i++) {
        const vs_attr_meta *m = vs_meta(tix, attrs[i].id);
        if (m == NULL) return attr_status(SAI_STATUS_UNKNOWN_ATTRIBUTE_0, i);
        if (m->mode == VS_MODE_READ_ONLY) return attr_status(SAI_STATUS_INVALID_ATTRIBUTE_0, i);
        uint32_t bit = 1u << (uint32_t)(m - tm->attrs);
        if (seen & bit) return attr_status(SAI_STATUS_INVALID_ATTRIBUTE_0, i);
        seen |= bit;
        if (!vs_value_fits(m, &attrs[i].value)) return attr_status(SAI_STATUS_INVALID_ATTR_VALUE_0, i);
        if (m->cond_attr_id >= 0 && !cond_holds(tix, m, n, attrs)) return attr_status(SAI_STATUS_INVALID_ATTRIBUTE_0, i);
        sai_status_t st = check_reference(m, &attrs[i].value, i);
        if (st != SAI_STATUS_SUCCESS) return st;
    }
    for (uint32_t k = 0; k < tm->attr_count; k++) {
        const vs_attr_meta *m = &tm->attrs[k];
        if (m->presence == VS_PRESENCE_OPTIONAL) continue;
        if (m->presence == VS_PRESENCE_CONDITIONAL && !cond_holds(tix, m, n, attrs)) continue;
        if (!(seen & (1u << k))) return SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING;
    }
    return SAI_STATUS_SUCCESS;
}

sai_status_t vs_validate_switch_create(uint32_t n, const sai_attribute_t *attrs)
{
    return validate_create(VS_T_SWITCH, n, attrs);
}

/** The KEY attribute of a type (the fake's keyString: the first is_key attribute), or NULL. */
static const vs_attr_meta *key_meta(int tix)
{
    const vs_type_meta *tm = &vs_types[tix];
    for (uint32_t k = 0; k < tm->attr_count; k++)
        if (tm->attrs[k].is_key) return &tm->attrs[k];
    return NULL;
}

static vs_obj *key_owner(int tix, const vs_attr_meta *km, const sai_attribute_value_t *v, uint64_t *hash)
{
    vs_keyattr_probe probe = { (uint8_t)tix, km, v };
    *hash = vs_hash_value(km, v) ^ ((uint64_t)tix << 56);
    return vs_table_find(&vs_g.keys, *hash, &probe);
}

/* ---- storing attributes --------------------------------------------------------------------- */

/** Copies validated create attributes into a new object. */
static sai_status_t store_attrs(vs_obj *o, uint32_t n, const sai_attribute_t *attrs)
{
    for (uint32_t i = 0; i < n; i++) {
        const vs_attr_meta *m = vs_meta(o->tix, attrs[i].id);
        sai_attribute_t *dst = &o->attrs[o->nattrs];
        dst->id = attrs[i].id;
        sai_status_t st = vs_value_copy(m, &dst->value, &attrs[i].value);
        if (st != SAI_STATUS_SUCCESS) return st;
        o->nattrs++;
    }
    return SAI_STATUS_SUCCESS;
}

bool vs_index_object(vs_obj *o)
{
    if (vs_types[o->tix].key_kind == VS_KEY_OID) {
        if (!vs_table_insert(&vs_g.oids, vs_hash_oid(o->oid), o)) return false;
        const vs_attr_meta *km = key_meta(o->tix);
        const sai_attribute_t *ka = km ? vs_stored(o, km->id) : NULL;
        /* The CPU port has no lanes and no KEY entry, as in the fake. */
        if (ka != NULL && o->oid != vs_g.cpu_port) {
            uint64_t h;
            if (key_owner(o->tix, km, &ka->value, &h) == NULL && !vs_table_insert(&vs_g.keys, h, o)) {
                vs_table_remove(&vs_g.oids, vs_hash_oid(o->oid), o);
                return false;
            }
        }
    } else {
        if (!vs_table_insert(vs_entry_table(o->tix), vs_entry_hash(o->tix, &o->key), o)) return false;
    }
    vs_g.type_count[o->tix]++;
    return true;
}

static void unindex_object(vs_obj *o)
{
    if (vs_types[o->tix].key_kind == VS_KEY_OID) {
        vs_table_remove(&vs_g.oids, vs_hash_oid(o->oid), o);
        const vs_attr_meta *km = key_meta(o->tix);
        const sai_attribute_t *ka = km ? vs_stored(o, km->id) : NULL;
        if (ka != NULL) {
            uint64_t h;
            if (key_owner(o->tix, km, &ka->value, &h) == o) vs_table_remove(&vs_g.keys, h, o);
        }
    } else {
        vs_table_remove(vs_entry_table(o->tix), vs_entry_hash(o->tix, &o->key), o);
    }
    vs_g.type_count[o->tix]--;
}

/* ---- create ---------------------------------------------------------------------------------- */

static sai_status_t check_attr_args(uint32_t n, const void *attrs)
{
    return (n > 0 && attrs == NULL) ? SAI_STATUS_INVALID_PARAMETER : SAI_STATUS_SUCCESS;
}

/** Every check of an oid create, in the fake's order, without changing anything. */
static sai_status_t create_oid_check(int tix, sai_object_id_t switch_id, uint32_t n, const sai_attribute_t *attrs)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (check_attr_args(n, attrs) != SAI_STATUS_SUCCESS) return SAI_STATUS_INVALID_PARAMETER;
    if (switch_id != vs_g.switch_id) return SAI_STATUS_INVALID_OBJECT_ID;
    sai_status_t st = validate_create(tix, n, attrs);
    if (st != SAI_STATUS_SUCCESS) return st;
    const vs_attr_meta *km = key_meta(tix);
    if (km != NULL) {
        for (uint32_t i = 0; i < n; i++) {
            uint64_t h;
            if (attrs[i].id == km->id && key_owner(tix, km, &attrs[i].value, &h) != NULL)
                return SAI_STATUS_ITEM_ALREADY_EXISTS;
        }
    }
    return SAI_STATUS_SUCCESS;
}

sai_status_t vs_check_create_oid(int tix, sai_object_id_t switch_id, uint32_t n, const sai_attribute_t *attrs)
{
    return create_oid_check(tix, switch_id, n, attrs);
}

sai_status_t vs_create_oid(int tix, sai_object_id_t *out, sai_object_id_t switch_id, uint32_t n,
                           const sai_attribute_t *attrs)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    /* A failed create leaves *out as it was. */
    if (out == NULL) return SAI_STATUS_INVALID_PARAMETER;
    sai_status_t st = create_oid_check(tix, switch_id, n, attrs);
    if (st != SAI_STATUS_SUCCESS) return st;
    vs_obj *o = vs_obj_alloc(tix, n);
    if (o == NULL) return SAI_STATUS_NO_MEMORY;
    st = store_attrs(o, n, attrs);
    if (st != SAI_STATUS_SUCCESS) {
        vs_obj_free(o);
        return st;
    }
    o->oid = vs_make_oid(vs_types[tix].object_type, vs_g.next_counter);
    if (!vs_index_object(o)) {
        vs_obj_free(o);
        return SAI_STATUS_NO_MEMORY;
    }
    if (!link_obj(o)) {
        unindex_object(o);
        vs_obj_free(o);
        return SAI_STATUS_NO_MEMORY;
    }
    vs_g.next_counter++;
    *out = o->oid;
    return SAI_STATUS_SUCCESS;
}

/** Checks an entry's switch, canonical form and parent object (the fake's validateEntryKey). */
static sai_status_t validate_entry(int tix, const void *entry)
{
    switch (vs_types[tix].key_kind) {
    case VS_KEY_ROUTE: {
        const sai_route_entry_t *e = entry;
        if (e->switch_id != vs_g.switch_id || !prefix_canonical(&e->destination)) return SAI_STATUS_INVALID_PARAMETER;
        return vs_find_typed(VS_T_VIRTUAL_ROUTER, e->vr_id) ? SAI_STATUS_SUCCESS : SAI_STATUS_INVALID_OBJECT_ID;
    }
    case VS_KEY_NEIGHBOR: {
        const sai_neighbor_entry_t *e = entry;
        if (e->switch_id != vs_g.switch_id || !family_ok(e->ip_address.addr_family)) return SAI_STATUS_INVALID_PARAMETER;
        return vs_find_typed(VS_T_ROUTER_INTERFACE, e->rif_id) ? SAI_STATUS_SUCCESS : SAI_STATUS_INVALID_OBJECT_ID;
    }
    default: {
        const sai_fdb_entry_t *e = entry;
        if (e->switch_id != vs_g.switch_id) return SAI_STATUS_INVALID_PARAMETER;
        vs_obj *bv = vs_find_oid(e->bv_id);
        return bv && (bv->tix == VS_T_BRIDGE || bv->tix == VS_T_VLAN) ? SAI_STATUS_SUCCESS
                                                                       : SAI_STATUS_INVALID_OBJECT_ID;
    }
    }
}

/** Every check of an entry create, in the fake's order, without changing anything. */
static sai_status_t create_entry_check(int tix, const void *entry, uint32_t n, const sai_attribute_t *attrs)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (entry == NULL || check_attr_args(n, attrs) != SAI_STATUS_SUCCESS) return SAI_STATUS_INVALID_PARAMETER;
    sai_status_t st = validate_create(tix, n, attrs);
    if (st != SAI_STATUS_SUCCESS) return st;
    st = validate_entry(tix, entry);
    if (st != SAI_STATUS_SUCCESS) return st;
    vs_entry_key key;
    entry_key_of(tix, entry, &key);
    if (vs_table_find(vs_entry_table(tix), vs_entry_hash(tix, &key), &key) != NULL) return SAI_STATUS_ITEM_ALREADY_EXISTS;
    return SAI_STATUS_SUCCESS;
}

sai_status_t vs_check_create_entry(int tix, const void *entry, uint32_t n, const sai_attribute_t *attrs)
{
    return create_entry_check(tix, entry, n, attrs);
}

sai_status_t vs_create_entry(int tix, const void *entry, uint32_t n, const sai_attribute_t *attrs)
{
    sai_status_t st = create_entry_check(tix, entry, n, attrs);
    if (st != SAI_STATUS_SUCCESS) return st;
    vs_entry_key key;
    entry_key_of(tix, entry, &key);
    vs_table *t = vs_entry_table(tix);
    uint64_t h = vs_entry_hash(tix, &key);
    vs_obj *o = vs_obj_alloc(tix, n);
    if (o == NULL) return SAI_STATUS_NO_MEMORY;
    o->key = key;
    st = store_attrs(o, n, attrs);
    if (st != SAI_STATUS_SUCCESS || !vs_table_insert(t, h, o)) {
        vs_obj_free(o);
        return st != SAI_STATUS_SUCCESS ? st : SAI_STATUS_NO_MEMORY;
    }
    vs_g.type_count[tix]++;
    adjust_refs(o, +1);
    return SAI_STATUS_SUCCESS;
}

/* ---- remove ------------------------------------------------------------------------------------ */

static sai_status_t remove_check(const vs_obj *o)
{
    if (o->owned) return SAI_STATUS_INVALID_PARAMETER;
    if (o->refcount > 0) return SAI_STATUS_OBJECT_IN_USE;
    return SAI_STATUS_SUCCESS;
}

static sai_status_t remove_obj(vs_obj *o)
{
    sai_status_t st = remove_check(o);
    if (st != SAI_STATUS_SUCCESS) return st;
    unlink_obj(o);
    unindex_object(o);
    vs_obj_free(o);
    return SAI_STATUS_SUCCESS;
}

sai_status_t vs_remove_oid(int tix, sai_object_id_t oid)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    vs_obj *o = vs_find_typed(tix, oid);
    if (o == NULL) return SAI_STATUS_INVALID_OBJECT_ID;
    return remove_obj(o);
}

sai_status_t vs_check_remove_oid(int tix, sai_object_id_t oid)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    vs_obj *o = vs_find_typed(tix, oid);
    return o == NULL ? SAI_STATUS_INVALID_OBJECT_ID : remove_check(o);
}

static vs_obj *find_entry(int tix, const void *entry)
{
    vs_entry_key key;
    entry_key_of(tix, entry, &key);
    return vs_table_find(vs_entry_table(tix), vs_entry_hash(tix, &key), &key);
}

void vs_prefetch_entry(int tix, const void *entry)
{
    vs_entry_key key;
    entry_key_of(tix, entry, &key);
    vs_table_prefetch(vs_entry_table(tix), vs_entry_hash(tix, &key));
}

sai_status_t vs_remove_entry(int tix, const void *entry)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (entry == NULL) return SAI_STATUS_INVALID_PARAMETER;
    vs_obj *o = find_entry(tix, entry);
    if (o == NULL) return SAI_STATUS_ITEM_NOT_FOUND;
    return remove_obj(o);
}

sai_status_t vs_check_remove_entry(int tix, const void *entry)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (entry == NULL) return SAI_STATUS_INVALID_PARAMETER;
    vs_obj *o = find_entry(tix, entry);
    return o == NULL ? SAI_STATUS_ITEM_NOT_FOUND : remove_check(o);
}

/* ---- set ----------------------------------------------------------------------------------------- */

static sai_status_t set_check(const vs_obj *o, const sai_attribute_t *attr)
{
    const vs_attr_meta *m = vs_meta(o->tix, attr->id);
    if (m == NULL) return SAI_STATUS_UNKNOWN_ATTRIBUTE_0;
    if (m->mode != VS_MODE_CREATE_AND_SET) return SAI_STATUS_INVALID_ATTRIBUTE_0;
    if (!vs_value_fits(m, &attr->value)) return SAI_STATUS_INVALID_ATTR_VALUE_0;
    return check_reference(m, &attr->value, 0);
}

static sai_status_t set_obj(vs_obj *o, const sai_attribute_t *attr)
{
    sai_status_t st = set_check(o, attr);
    if (st != SAI_STATUS_SUCCESS) return st;
    const vs_attr_meta *m = vs_meta(o->tix, attr->id);

    sai_attribute_value_t copy;
    st = vs_value_copy(m, &copy, &attr->value);
    if (st != SAI_STATUS_SUCCESS) return st;
    if (vs_stored(o, attr->id) == NULL && !vs_obj_grow(o)) {
        vs_value_free(m, &copy);
        return SAI_STATUS_NO_MEMORY;
    }
    sai_attribute_t *slot = vs_stored(o, attr->id);
    /* As the fake: unlink, change, link again (a member moves to the end of its parent's list). */
    bool member = parent_attr_id(o->tix) >= 0;
    if (member) unlink_obj(o);
    else adjust_refs(o, -1);
    if (slot == NULL) {
        slot = &o->attrs[o->nattrs++];
        slot->id = attr->id;
    } else {
        vs_value_free(m, &slot->value);
    }
    slot->value = copy;
    if (member) {
        if (!link_obj(o)) {
            /* Out of memory re-adding the member: keep the references consistent at least. */
            adjust_refs(o, +1);
            return SAI_STATUS_NO_MEMORY;
        }
    } else {
        adjust_refs(o, +1);
    }
    return SAI_STATUS_SUCCESS;
}

sai_status_t vs_set_oid(int tix, sai_object_id_t oid, const sai_attribute_t *attr)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (attr == NULL) return SAI_STATUS_INVALID_PARAMETER;
    vs_obj *o = vs_find_typed(tix, oid);
    if (o == NULL) return SAI_STATUS_INVALID_OBJECT_ID;
    return set_obj(o, attr);
}

sai_status_t vs_set_entry(int tix, const void *entry, const sai_attribute_t *attr)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (entry == NULL || attr == NULL) return SAI_STATUS_INVALID_PARAMETER;
    vs_obj *o = find_entry(tix, entry);
    if (o == NULL) return SAI_STATUS_ITEM_NOT_FOUND;
    return set_obj(o, attr);
}

sai_status_t vs_check_set_oid(int tix, sai_object_id_t oid, const sai_attribute_t *attr)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (attr == NULL) return SAI_STATUS_INVALID_PARAMETER;
    vs_obj *o = vs_find_typed(tix, oid);
    return o == NULL ? SAI_STATUS_INVALID_OBJECT_ID : set_check(o, attr);
}

sai_status_t vs_check_set_entry(int tix, const void *entry, const sai_attribute_t *attr)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (entry == NULL || attr == NULL) return SAI_STATUS_INVALID_PARAMETER;
    vs_obj *o = find_entry(tix, entry);
    return o == NULL ? SAI_STATUS_ITEM_NOT_FOUND : set_check(o, attr);
}

/* ---- get ------------------------------------------------------------------------------------------ */

static uint32_t live_init_ports(uint64_t *out)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < vs_g.n_init_ports; i++) {
        if (vs_find_typed(VS_T_PORT, vs_g.init_ports[i]) != NULL) {
            if (out) out[n] = vs_g.init_ports[i];
            n++;
        }
    }
    return n;
}

/* Writes a list of `count` elements from `src` to the caller's buffer; false when it is too short
 * (the caller's count then holds the needed count). */
static bool put_list(sai_attribute_value_t *dst, uint8_t kind, const void *src, uint32_t count)
{
    uint32_t room = dst->u32list.count;
    void *list = kind == VS_KIND_OID_LIST ? (void *)dst->objlist.list : (void *)dst->u32list.list;
    dst->u32list.count = count;
    if (count == 0) return true;
    if (room < count || list == NULL) return false;
    memcpy(list, src, (size_t)count * elem_size(kind));
    return true;
}

enum get_result { GOT_VALUE, GOT_NOTHING, GOT_OVERFLOW, GOT_NO_MEMORY };

static enum get_result put_members(const vs_obj *o, const vs_attr_meta *m, sai_attribute_value_t *dst)
{
    /* Quirk stale-ro-lists: a vendor that does not maintain member lists answers them empty. */
    const vs_members *ms = (vs_g.quirks & VS_QUIRK_STALE_RO_LISTS) ? NULL : o->members;
    return put_list(dst, m->kind, ms ? ms->ids : NULL, ms ? ms->count : 0) ? GOT_VALUE : GOT_OVERFLOW;
}

/** Computes a READ_ONLY attribute (the fake's `computed`); GOT_NOTHING when none applies. */
static enum get_result get_computed(const vs_obj *o, const vs_attr_meta *m, sai_attribute_value_t *dst)
{
    bool stale = (vs_g.quirks & VS_QUIRK_STALE_RO_LISTS) != 0;
    switch (o->tix) {
    case VS_T_SWITCH:
        switch (m->id) {
        case 0:
            dst->u32 = live_init_ports(NULL);
            return GOT_VALUE;
        case 2: {
            uint32_t n = live_init_ports(NULL);
            uint64_t *ids = n ? malloc((size_t)n * sizeof *ids) : NULL;
            if (n && ids == NULL) return GOT_NO_MEMORY;
            live_init_ports(ids);
            bool ok = put_list(dst, m->kind, ids, n);
            free(ids);
            return ok ? GOT_VALUE : GOT_OVERFLOW;
        }
        case 4:
            dst->oid = vs_g.cpu_port;
            return GOT_VALUE;
        case 18:
            dst->s32 = 1; /* SAI_SWITCH_OPER_STATUS_UP */
            return GOT_VALUE;
        case 39:
            dst->oid = vs_g.default_vr;
            return GOT_VALUE;
        case 41:
            dst->oid = vs_g.default_bridge;
            return GOT_VALUE;
        }
        return GOT_NOTHING;
    case VS_T_PORT:
        if (m->id == 0) {
            dst->s32 = o->oid == vs_g.cpu_port ? 1 : 0; /* CPU : LOGICAL */
            return GOT_VALUE;
        }
        if (m->id == 1) {
            const sai_attribute_t *admin = vs_stored(o, 34);
            dst->s32 = admin != NULL && admin->value.booldata ? 1 : 2; /* UP : DOWN */
            return GOT_VALUE;
        }
        return GOT_NOTHING;
    case VS_T_NEXT_HOP_GROUP:
        if (m->id == 1) return put_members(o, m, dst); /* NEXT_HOP_MEMBER_LIST */
        if (m->id == 0 || m->id == 6) {                /* NEXT_HOP_COUNT, REAL_SIZE */
            dst->u32 = o->members && !stale ? o->members->count : 0;
            return GOT_VALUE;
        }
        return GOT_NOTHING;
    case VS_T_VLAN:   /* MEMBER_LIST */
    case VS_T_BRIDGE: /* PORT_LIST */
        return m->id == 1 ? put_members(o, m, dst) : GOT_NOTHING;
    case VS_T_LAG: /* PORT_LIST: the LAG's members (SAI 1.18 declares LAG_MEMBER objects), as the fake */
        return m->id == 0 ? put_members(o, m, dst) : GOT_NOTHING;
    case VS_T_ROUTE_ENTRY:
        if (m->id == 4) {
            dst->s32 = (int32_t)o->key.route.family;
            return GOT_VALUE;
        }
        return GOT_NOTHING;
    case VS_T_NEIGHBOR_ENTRY:
        if (m->id == 9) {
            dst->s32 = (int32_t)o->key.neighbor.family;
            return GOT_VALUE;
        }
        return GOT_NOTHING;
    default:
        return GOT_NOTHING;
    }
}

/** Writes a stored value to the caller's attribute (lists into the caller's buffer). */
static enum get_result put_value(const vs_attr_meta *m, sai_attribute_value_t *dst, const sai_attribute_value_t *src)
{
    if (is_list(m->kind)) {
        const void *p = m->kind == VS_KIND_OID_LIST ? (const void *)src->objlist.list : (const void *)src->u32list.list;
        return put_list(dst, m->kind, p, src->u32list.count) ? GOT_VALUE : GOT_OVERFLOW;
    }
    switch (m->kind) {
    case VS_KIND_BOOL:
        dst->booldata = src->booldata;
        break;
    case VS_KIND_U8:
        dst->u8 = src->u8;
        break;
    case VS_KIND_U16:
        dst->u16 = src->u16;
        break;
    case VS_KIND_U32:
    case VS_KIND_I32:
    case VS_KIND_ENUM:
        dst->u32 = src->u32;
        break;
    case VS_KIND_U64:
    case VS_KIND_OID:
        dst->u64 = src->u64;
        break;
    case VS_KIND_MAC:
        memcpy(dst->mac, src->mac, 6);
        break;
    case VS_KIND_IP_ADDRESS:
        dst->ipaddr = src->ipaddr;
        break;
    case VS_KIND_IP_PREFIX:
        dst->ipprefix = src->ipprefix;
        break;
    case VS_KIND_CHARDATA:
        memcpy(dst->chardata, src->chardata, sizeof dst->chardata);
        break;
    default:
        break;
    }
    return GOT_VALUE;
}

static enum get_result put_default(const vs_attr_meta *m, sai_attribute_value_t *dst)
{
    if (m->default_kind == VS_DEFAULT_EMPTY && is_list(m->kind)) {
        dst->u32list.count = 0;
        return GOT_VALUE;
    }
    if (m->default_kind != VS_DEFAULT_CONST) return GOT_NOTHING;
    switch (m->kind) {
    case VS_KIND_BOOL:
        dst->booldata = m->default_int != 0;
        return GOT_VALUE;
    case VS_KIND_U8:
        dst->u8 = (uint8_t)m->default_int;
        return GOT_VALUE;
    case VS_KIND_U16:
        dst->u16 = (uint16_t)m->default_int;
        return GOT_VALUE;
    case VS_KIND_U32:
    case VS_KIND_I32:
    case VS_KIND_ENUM:
        dst->s32 = (int32_t)m->default_int;
        return GOT_VALUE;
    case VS_KIND_U64:
    case VS_KIND_OID:
        dst->u64 = (uint64_t)m->default_int;
        return GOT_VALUE;
    case VS_KIND_CHARDATA:
        memset(dst->chardata, 0, sizeof dst->chardata);
        if (m->default_str) memcpy(dst->chardata, m->default_str, strnlen(m->default_str, sizeof dst->chardata - 1));
        return GOT_VALUE;
    default:
        return GOT_NOTHING;
    }
}

/** Does the condition of conditional attribute `m` hold for the stored object `o`? */
static bool obj_cond_holds(const vs_obj *o, const vs_attr_meta *m)
{
    if (m->cond_attr_id < 0) return true;
    const sai_attribute_t *c = vs_stored(o, (uint32_t)m->cond_attr_id);
    int32_t v;
    if (c != NULL) v = c->value.s32;
    else {
        const vs_attr_meta *cm = vs_meta(o->tix, (uint32_t)m->cond_attr_id);
        if (cm == NULL || cm->default_kind != VS_DEFAULT_CONST) return false;
        v = (int32_t)cm->default_int;
    }
    for (uint32_t k = 0; k < m->cond_count; k++)
        if (m->cond_values[k] == v) return true;
    return false;
}

/*
 * get: per attribute i, an unknown id is UNKNOWN_ATTRIBUTE+i (at once, as the fake). Values come
 * from storage, else computed, else the constant default. A list longer than the caller's buffer
 * sets the needed count and the call returns BUFFER_OVERFLOW. An attribute with no value at all
 * (not set, no constant default, not computed: the fake's `undefined`) makes the call return
 * ATTR_NOT_IMPLEMENTED+i for the first such i; every other attribute is still filled in.
 *
 * Quirk get-plain-status (as some vendors): an attribute the object never had set (not stored, not
 * computed; a constant default does not count) fails the whole call with plain NOT_IMPLEMENTED, and
 * a conditional attribute whose condition does not hold answers INVALID_ATTRIBUTE+i.
 */
static sai_status_t get_obj(const vs_obj *o, uint32_t n, sai_attribute_t *attrs)
{
    bool overflow = false;
    bool plain = (vs_g.quirks & VS_QUIRK_GET_PLAIN_STATUS) != 0;
    int64_t missing = -1;
    for (uint32_t i = 0; i < n; i++) {
        const vs_attr_meta *m = vs_meta(o->tix, attrs[i].id);
        if (m == NULL) return attr_status(SAI_STATUS_UNKNOWN_ATTRIBUTE_0, i);
        const sai_attribute_t *s = vs_stored(o, attrs[i].id);
        enum get_result r;
        if (s != NULL) r = put_value(m, &attrs[i].value, &s->value);
        else {
            r = get_computed(o, m, &attrs[i].value);
            if (r == GOT_NOTHING && plain) {
                if (!obj_cond_holds(o, m)) return attr_status(SAI_STATUS_INVALID_ATTRIBUTE_0, i);
                return SAI_STATUS_NOT_IMPLEMENTED;
            }
            if (r == GOT_NOTHING) r = put_default(m, &attrs[i].value);
        }
        if (r == GOT_NO_MEMORY) return SAI_STATUS_NO_MEMORY;
        if (r == GOT_OVERFLOW) overflow = true;
        if (r == GOT_NOTHING && missing < 0) missing = i;
    }
    if (missing >= 0) return attr_status(SAI_STATUS_ATTR_NOT_IMPLEMENTED_0, (uint32_t)missing);
    return overflow ? SAI_STATUS_BUFFER_OVERFLOW : SAI_STATUS_SUCCESS;
}

sai_status_t vs_get_oid(int tix, sai_object_id_t oid, uint32_t n, sai_attribute_t *attrs)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (check_attr_args(n, attrs) != SAI_STATUS_SUCCESS) return SAI_STATUS_INVALID_PARAMETER;
    vs_obj *o = vs_find_typed(tix, oid);
    if (o == NULL) return SAI_STATUS_INVALID_OBJECT_ID;
    return get_obj(o, n, attrs);
}

sai_status_t vs_get_entry(int tix, const void *entry, uint32_t n, sai_attribute_t *attrs)
{
    if (!vs_g.live) return SAI_STATUS_UNINITIALIZED;
    if (entry == NULL || check_attr_args(n, attrs) != SAI_STATUS_SUCCESS) return SAI_STATUS_INVALID_PARAMETER;
    vs_obj *o = find_entry(tix, entry);
    if (o == NULL) return SAI_STATUS_ITEM_NOT_FOUND;
    return get_obj(o, n, attrs);
}

/* ---- switch init and teardown ---------------------------------------------------------------- */

static vs_obj *init_object(int tix, bool owned)
{
    vs_obj *o = vs_obj_alloc(tix, 2);
    if (o == NULL) return NULL;
    o->oid = vs_make_oid(vs_types[tix].object_type, vs_g.next_counter++);
    o->owned = owned;
    return o;
}

static void init_attr_u32(vs_obj *o, uint32_t id, uint32_t v)
{
    sai_attribute_t *a = &o->attrs[o->nattrs++];
    a->id = id;
    a->value.u32 = v;
}

static bool init_attr_lanes(vs_obj *o, uint32_t first, uint32_t count)
{
    sai_attribute_t *a = &o->attrs[o->nattrs++];
    a->id = 30; /* SAI_PORT_ATTR_HW_LANE_LIST */
    a->value.u32list.count = count;
    if (count == 0) return true;
    a->value.u32list.list = malloc((size_t)count * sizeof(uint32_t));
    if (a->value.u32list.list == NULL) return false;
    for (uint32_t i = 0; i < count; i++) a->value.u32list.list[i] = first + i;
    return true;
}

static bool init_insert(vs_obj *o, bool ok)
{
    if (!ok || !vs_index_object(o)) {
        vs_obj_free(o);
        return false;
    }
    return true;
}

static void state_reset_tables(void)
{
    uint32_t index = vs_g.index, profile_id = vs_g.profile_id, quirks = vs_g.quirks;
    bool used = vs_g.used;
    memset(&vs_g, 0, sizeof vs_g);
    vs_g.used = used;
    vs_g.index = index;
    vs_g.profile_id = profile_id;
    vs_g.quirks = quirks;
    vs_table_init(&vs_g.oids, VS_TABLE_OID);
    vs_table_init(&vs_g.routes, VS_TABLE_ROUTE);
    vs_table_init(&vs_g.neighbors, VS_TABLE_NEIGHBOR);
    vs_table_init(&vs_g.fdbs, VS_TABLE_FDB);
    vs_table_init(&vs_g.keys, VS_TABLE_KEYATTR);
    vs_g.next_counter = 1;
}

static void free_table_objects(vs_table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].obj) vs_obj_free(t->slots[i].obj);
    vs_table_free(t);
}

void vs_state_clear(void)
{
    free_table_objects(&vs_g.oids);
    free_table_objects(&vs_g.routes);
    free_table_objects(&vs_g.neighbors);
    free_table_objects(&vs_g.fdbs);
    vs_table_free(&vs_g.keys);
    free(vs_g.init_ports);
    state_reset_tables();
}

sai_status_t vs_switch_apply_create_attrs(uint32_t n, const sai_attribute_t *attrs)
{
    vs_obj *sw = vs_find_typed(VS_T_SWITCH, vs_g.switch_id);
    if (sw == NULL) return SAI_STATUS_FAILURE;
    for (uint32_t i = 0; i < n; i++) {
        const vs_attr_meta *m = vs_meta(VS_T_SWITCH, attrs[i].id);
        sai_attribute_value_t copy;
        sai_status_t st = vs_value_copy(m, &copy, &attrs[i].value);
        if (st != SAI_STATUS_SUCCESS) return st;
        sai_attribute_t *slot = vs_stored(sw, attrs[i].id);
        if (slot == NULL) {
            if (!vs_obj_grow(sw)) {
                vs_value_free(m, &copy);
                return SAI_STATUS_NO_MEMORY;
            }
            slot = &sw->attrs[sw->nattrs++];
            slot->id = attrs[i].id;
        } else {
            vs_value_free(m, &slot->value);
        }
        slot->value = copy;
    }
    return SAI_STATUS_SUCCESS;
}

/*
 * Cold init, in the fake's order (so ids match it): the switch, the CPU port (no lanes, 10G), the
 * front-panel ports (lanes 4p+1..4p+4, 100G; removable), the default virtual router, the default
 * 1Q bridge.
 */
sai_status_t vs_switch_init_cold(uint32_t port_count, uint32_t n, const sai_attribute_t *attrs, uint64_t *out)
{
    vs_state_clear();
    vs_obj *sw = init_object(VS_T_SWITCH, true);
    if (sw == NULL) goto oom;
    vs_g.switch_id = sw->oid;
    if (!init_insert(sw, true)) goto oom;
    vs_g.live = true;
    if (vs_switch_apply_create_attrs(n, attrs) != SAI_STATUS_SUCCESS) goto oom;

    vs_obj *cpu = init_object(VS_T_PORT, true);
    if (cpu == NULL) goto oom;
    vs_g.cpu_port = cpu->oid;
    bool ok = init_attr_lanes(cpu, 0, 0);
    init_attr_u32(cpu, 31, 10000);
    if (!init_insert(cpu, ok)) goto oom;

    vs_g.init_ports = port_count ? calloc(port_count, sizeof *vs_g.init_ports) : NULL;
    if (port_count && vs_g.init_ports == NULL) goto oom;
    for (uint32_t p = 0; p < port_count; p++) {
        vs_obj *port = init_object(VS_T_PORT, false);
        if (port == NULL) goto oom;
        ok = init_attr_lanes(port, 4 * p + 1, 4);
        init_attr_u32(port, 31, 100000);
        if (!init_insert(port, ok)) goto oom;
        vs_g.init_ports[vs_g.n_init_ports++] = port->oid;
    }

    vs_obj *vr = init_object(VS_T_VIRTUAL_ROUTER, true);
    if (vr == NULL) goto oom;
    vs_g.default_vr = vr->oid;
    if (!init_insert(vr, true)) goto oom;

    vs_obj *br = init_object(VS_T_BRIDGE, true);
    if (br == NULL) goto oom;
    init_attr_u32(br, 0, 0); /* SAI_BRIDGE_TYPE_1Q */
    vs_g.default_bridge = br->oid;
    if (!init_insert(br, true)) goto oom;

    *out = vs_g.switch_id;
    return SAI_STATUS_SUCCESS;
oom:
    vs_state_clear();
    return SAI_STATUS_NO_MEMORY;
}
