/*
 * Hash tables of libsaivs: open addressing with linear probing and backward-shift deletion (no
 * tombstones, so a table that sees millions of route creates and removes never degrades), doubling
 * at 70% load. A slot holds the key's 64-bit hash and the object; keys are compared through the
 * object (its oid, its normalized entry key, or its KEY attribute).
 */
#include <stdlib.h>
#include <string.h>

#include "vs_internal.h"

#define MIN_CAP 64

static inline uint64_t fmix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

uint64_t vs_hash_oid(uint64_t oid)
{
    return fmix64(oid);
}

uint64_t vs_hash_bytes(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
        b += 8;
        n -= 8;
    }
    uint64_t tail = 0;
    if (n) memcpy(&tail, b, n);
    h = (h ^ tail) * 0x100000001b3ULL;
    return fmix64(h);
}

uint64_t vs_hash_route(const vs_route_key *k)
{
    return vs_hash_bytes(k, sizeof *k);
}

uint64_t vs_hash_value(const vs_attr_meta *m, const sai_attribute_value_t *v)
{
    switch (m->kind) {
    case VS_KIND_U32_LIST:
    case VS_KIND_I32_LIST:
    case VS_KIND_I8_LIST:
        return v->u32list.count ? vs_hash_bytes(v->u32list.list, (size_t)v->u32list.count * vs_list_elem_size(m->kind)) ^
                                      v->u32list.count
                                : fmix64(0x5a5a);
    case VS_KIND_OID_LIST:
        return v->objlist.count ? vs_hash_bytes(v->objlist.list, (size_t)v->objlist.count * 8) ^ v->objlist.count
                                : fmix64(0x5a5a);
    case VS_KIND_BOOL:
    case VS_KIND_U8:
        return fmix64(v->u8 + 1);
    case VS_KIND_U16:
        return fmix64((uint64_t)v->u16 + 1);
    case VS_KIND_U32:
    case VS_KIND_I32:
    case VS_KIND_ENUM:
        return fmix64((uint64_t)v->u32 + 1);
    case VS_KIND_U64:
    case VS_KIND_OID:
        return fmix64(v->u64 + 1);
    case VS_KIND_MAC:
        return vs_hash_bytes(v->mac, 6);
    case VS_KIND_CHARDATA:
        return vs_hash_bytes(v->chardata, strnlen(v->chardata, sizeof v->chardata));
    default:
        return vs_hash_bytes(v, sizeof *v);
    }
}

bool vs_value_equal(const vs_attr_meta *m, const sai_attribute_value_t *a, const sai_attribute_value_t *b)
{
    switch (m->kind) {
    case VS_KIND_U32_LIST:
    case VS_KIND_I32_LIST:
    case VS_KIND_I8_LIST:
        return a->u32list.count == b->u32list.count &&
               (a->u32list.count == 0 ||
                memcmp(a->u32list.list, b->u32list.list, (size_t)a->u32list.count * vs_list_elem_size(m->kind)) == 0);
    case VS_KIND_OID_LIST:
        return a->objlist.count == b->objlist.count &&
               (a->objlist.count == 0 || memcmp(a->objlist.list, b->objlist.list, (size_t)a->objlist.count * 8) == 0);
    case VS_KIND_BOOL:
    case VS_KIND_U8:
        return a->u8 == b->u8;
    case VS_KIND_U16:
        return a->u16 == b->u16;
    case VS_KIND_U32:
    case VS_KIND_I32:
    case VS_KIND_ENUM:
        return a->u32 == b->u32;
    case VS_KIND_U64:
    case VS_KIND_OID:
        return a->u64 == b->u64;
    case VS_KIND_MAC:
        return memcmp(a->mac, b->mac, 6) == 0;
    case VS_KIND_CHARDATA:
        return strncmp(a->chardata, b->chardata, sizeof a->chardata) == 0;
    default:
        return memcmp(a, b, sizeof *a) == 0;
    }
}

static uint64_t seed_counter;

void vs_table_init(vs_table *t, uint8_t kind)
{
    t->slots = NULL;
    t->cap = 0;
    t->count = 0;
    t->kind = kind;
    t->shift = 64;
    t->seed = fmix64(++seed_counter * 0x9e3779b97f4a7c15ULL ^ (uint64_t)(uintptr_t)t);
}

/* The home slot: Fibonacci hashing of the seeded hash (top bits). */
static inline size_t slot_of(const vs_table *t, uint64_t hash)
{
    return (size_t)(((hash ^ t->seed) * 0x9e3779b97f4a7c15ULL) >> t->shift);
}

void vs_table_free(vs_table *t)
{
    free(t->slots);
    t->slots = NULL;
    t->cap = 0;
    t->count = 0;
    t->shift = 64;
}

static bool matches(const vs_table *t, const vs_obj *o, const void *key)
{
    switch (t->kind) {
    case VS_TABLE_OID:
        return o->oid == *(const uint64_t *)key;
    case VS_TABLE_ROUTE:
        return memcmp(&o->key.route, key, sizeof(vs_route_key)) == 0;
    case VS_TABLE_NEIGHBOR:
        return memcmp(&o->key.neighbor, key, sizeof(vs_neighbor_key)) == 0;
    case VS_TABLE_FDB:
        return memcmp(&o->key.fdb, key, sizeof(vs_fdb_key)) == 0;
    default: {
        const vs_keyattr_probe *p = key;
        if (o->tix != p->tix) return false;
        const sai_attribute_t *a = vs_stored(o, p->meta->id);
        return a != NULL && vs_value_equal(p->meta, &a->value, p->value);
    }
    }
}

vs_obj *vs_table_find(const vs_table *t, uint64_t hash, const void *key)
{
    if (t->cap == 0) return NULL;
    size_t mask = t->cap - 1;
    for (size_t i = slot_of(t, hash);; i = (i + 1) & mask) {
        const vs_slot *s = &t->slots[i];
        if (s->obj == NULL) return NULL;
        if (s->hash == hash && matches(t, s->obj, key)) return s->obj;
    }
}

void vs_table_prefetch(const vs_table *t, uint64_t hash)
{
    if (t->cap) __builtin_prefetch(&t->slots[slot_of(t, hash)]);
}

static bool resize(vs_table *t, size_t cap)
{
    vs_slot *slots = calloc(cap, sizeof *slots);
    if (slots == NULL) return false;
    vs_slot *old = t->slots;
    size_t old_cap = t->cap;
    uint8_t shift = 64;
    while (((size_t)1 << (64 - shift)) < cap) shift--;
    t->slots = slots;
    t->cap = cap;
    t->shift = shift;
    size_t mask = cap - 1;
    for (size_t i = 0; i < old_cap; i++) {
        vs_slot s = old[i];
        if (s.obj == NULL) continue;
        size_t j = slot_of(t, s.hash);
        while (slots[j].obj != NULL) j = (j + 1) & mask;
        slots[j] = s;
    }
    free(old);
    return true;
}

bool vs_table_reserve(vs_table *t, size_t n)
{
    size_t cap = t->cap ? t->cap : MIN_CAP;
    while (n * 10 >= cap * 7) {
        if (cap > ((size_t)1 << 40)) return false;
        cap <<= 1;
    }
    return cap == t->cap || resize(t, cap);
}

bool vs_table_insert(vs_table *t, uint64_t hash, vs_obj *obj)
{
    if (!vs_table_reserve(t, t->count + 1)) return false;
    size_t mask = t->cap - 1;
    size_t i = slot_of(t, hash);
    while (t->slots[i].obj != NULL) i = (i + 1) & mask;
    t->slots[i].hash = hash;
    t->slots[i].obj = obj;
    t->count++;
    return true;
}

bool vs_table_remove(vs_table *t, uint64_t hash, const vs_obj *obj)
{
    if (t->cap == 0) return false;
    size_t mask = t->cap - 1;
    size_t i = slot_of(t, hash);
    for (;; i = (i + 1) & mask) {
        if (t->slots[i].obj == NULL) return false;
        if (t->slots[i].obj == obj) break;
    }
    /* Backward shift: move later entries of the cluster into the hole when their home slot
     * does not lie cyclically in (hole, their position]. */
    size_t j = i;
    for (;;) {
        j = (j + 1) & mask;
        if (t->slots[j].obj == NULL) break;
        size_t k = slot_of(t, t->slots[j].hash);
        bool stays = (i <= j) ? (i < k && k <= j) : (i < k || k <= j);
        if (stays) continue;
        t->slots[i] = t->slots[j];
        i = j;
    }
    t->slots[i].obj = NULL;
    t->slots[i].hash = 0;
    t->count--;
    return true;
}
