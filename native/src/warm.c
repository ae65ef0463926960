/*
 * Warm restart file of libsaivs: every live object with its id (or entry key) and stored
 * attributes, the switch's default objects, the id counter and every parent's member order.
 *
 * Layout (little-endian, x86-64):
 *   header (40 bytes): magic "SAIVSWRM", u32 version (1), u32 header size (40), u64 payload length,
 *                      u64 checksum of the payload, u64 reserved (0)
 *   payload: u64 switch id, next counter, CPU port, default VR, default 1Q bridge;
 *            u32 n, u64[n] front-panel ports made at init;
 *            u64 object counts of the oid, route, neighbor and fdb tables; per object (in that order): u32 SAI object type, u8 owned, the key (u64 oid, or the
 *            normalized route / neighbor / fdb key), u8 attribute count, per attribute u32 id and the
 *            value by kind (scalars by size, mac 6, ip address u32 family + 16, prefix u32 family +
 *            16 + 16, chardata 32, lists u32 count + elements);
 *            u32 parents; per parent: u64 oid, u32 count, u64[count] members in order.
 * The file is written to `<path>.tmp`, synced and renamed over `path`. Loading checks the magic,
 * version, sizes, checksum, every value against the metadata, every reference and key uniqueness;
 * any failure leaves no switch behind.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vs_internal.h"

#define WARM_MAGIC "SAIVSWRM"
#define WARM_VERSION 1u
#define WARM_HEADER_SIZE 40u
#define WRITE_BUF (1u << 20) /* a multiple of 8: the checksum runs in whole words across flushes */

/* ---- checksum --------------------------------------------------------------------------------- */

static uint64_t checksum_update(uint64_t h, const uint8_t *p, size_t n)
{
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    while (n--) h = (h ^ *p++) * 0x100000001b3ULL;
    return h;
}

#define CHECKSUM_SEED 0xcbf29ce484222325ULL

/* ---- writer ------------------------------------------------------------------------------------ */

typedef struct writer {
    FILE *f;
    uint8_t *buf;
    size_t len;
    uint64_t total;
    uint64_t sum;
    bool failed;
} writer;

static void w_flush(writer *w)
{
    if (w->len == 0 || w->failed) return;
    w->sum = checksum_update(w->sum, w->buf, w->len);
    if (fwrite(w->buf, 1, w->len, w->f) != w->len) w->failed = true;
    w->total += w->len;
    w->len = 0;
}

static void w_bytes(writer *w, const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n > 0 && !w->failed) {
        size_t room = WRITE_BUF - w->len;
        size_t k = n < room ? n : room;
        memcpy(w->buf + w->len, b, k);
        w->len += k;
        b += k;
        n -= k;
        if (w->len == WRITE_BUF) w_flush(w);
    }
}

static void w_u8(writer *w, uint8_t v) { w_bytes(w, &v, 1); }
static void w_u32(writer *w, uint32_t v) { w_bytes(w, &v, 4); }
static void w_u64(writer *w, uint64_t v) { w_bytes(w, &v, 8); }

static void w_value(writer *w, const vs_attr_meta *m, const sai_attribute_value_t *v)
{
    switch (m->kind) {
    case VS_KIND_BOOL:
    case VS_KIND_U8:
        w_u8(w, v->u8);
        break;
    case VS_KIND_U16:
        w_bytes(w, &v->u16, 2);
        break;
    case VS_KIND_U32:
    case VS_KIND_I32:
    case VS_KIND_ENUM:
        w_u32(w, v->u32);
        break;
    case VS_KIND_U64:
    case VS_KIND_OID:
        w_u64(w, v->u64);
        break;
    case VS_KIND_MAC:
        w_bytes(w, v->mac, 6);
        break;
    case VS_KIND_IP_ADDRESS:
        w_u32(w, (uint32_t)v->ipaddr.addr_family);
        w_bytes(w, &v->ipaddr.addr, 16);
        break;
    case VS_KIND_IP_PREFIX:
        w_u32(w, (uint32_t)v->ipprefix.addr_family);
        w_bytes(w, &v->ipprefix.addr, 16);
        w_bytes(w, &v->ipprefix.mask, 16);
        break;
    case VS_KIND_CHARDATA:
        w_bytes(w, v->chardata, 32);
        break;
    case VS_KIND_OID_LIST:
        w_u32(w, v->objlist.count);
        if (v->objlist.count) w_bytes(w, v->objlist.list, (size_t)v->objlist.count * 8);
        break;
    default:
        w_u32(w, v->u32list.count);
        if (v->u32list.count) w_bytes(w, v->u32list.list, (size_t)v->u32list.count * vs_list_elem_size(m->kind));
        break;
    }
}

static void w_object(writer *w, const vs_obj *o)
{
    const vs_type_meta *tm = &vs_types[o->tix];
    w_u32(w, (uint32_t)tm->object_type);
    w_u8(w, o->owned);
    switch (tm->key_kind) {
    case VS_KEY_OID:
        w_u64(w, o->oid);
        break;
    case VS_KEY_ROUTE:
        w_u64(w, o->key.route.vr);
        w_u32(w, o->key.route.family);
        w_bytes(w, o->key.route.addr, 16);
        w_bytes(w, o->key.route.mask, 16);
        break;
    case VS_KEY_NEIGHBOR:
        w_u64(w, o->key.neighbor.rif);
        w_u32(w, o->key.neighbor.family);
        w_bytes(w, o->key.neighbor.addr, 16);
        break;
    default:
        w_u64(w, o->key.fdb.bv);
        w_bytes(w, o->key.fdb.mac, 6);
        break;
    }
    w_u8(w, o->nattrs);
    for (uint32_t i = 0; i < o->nattrs; i++) {
        w_u32(w, o->attrs[i].id);
        w_value(w, vs_meta(o->tix, o->attrs[i].id), &o->attrs[i].value);
    }
}

static void w_table(writer *w, const vs_table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].obj) w_object(w, t->slots[i].obj);
}

sai_status_t vs_warm_save(const char *path)
{
    if (path == NULL || path[0] == '\0') return SAI_STATUS_FAILURE;
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 5);
    if (tmp == NULL) return SAI_STATUS_NO_MEMORY;
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp", 5);

    writer w = { 0 };
    w.sum = CHECKSUM_SEED;
    w.buf = malloc(WRITE_BUF);
    w.f = fopen(tmp, "wb");
    if (w.buf == NULL || w.f == NULL) {
        if (w.f) fclose(w.f);
        free(w.buf);
        free(tmp);
        return SAI_STATUS_FAILURE;
    }
    uint8_t header[WARM_HEADER_SIZE] = { 0 };
    if (fwrite(header, 1, sizeof header, w.f) != sizeof header) w.failed = true;

    w_u64(&w, vs_g.switch_id);
    w_u64(&w, vs_g.next_counter);
    w_u64(&w, vs_g.cpu_port);
    w_u64(&w, vs_g.default_vr);
    w_u64(&w, vs_g.default_bridge);
    w_u32(&w, vs_g.n_init_ports);
    for (uint32_t i = 0; i < vs_g.n_init_ports; i++) w_u64(&w, vs_g.init_ports[i]);
    const vs_table *tables[4] = { &vs_g.oids, &vs_g.routes, &vs_g.neighbors, &vs_g.fdbs };
    for (int t = 0; t < 4; t++) w_u64(&w, tables[t]->count);
    for (int t = 0; t < 4; t++) w_table(&w, tables[t]);
    uint32_t parents = 0;
    for (size_t i = 0; i < vs_g.oids.cap; i++) {
        const vs_obj *o = vs_g.oids.slots[i].obj;
        if (o && o->members && o->members->count) parents++;
    }
    w_u32(&w, parents);
    for (size_t i = 0; i < vs_g.oids.cap; i++) {
        const vs_obj *o = vs_g.oids.slots[i].obj;
        if (!(o && o->members && o->members->count)) continue;
        w_u64(&w, o->oid);
        w_u32(&w, o->members->count);
        w_bytes(&w, o->members->ids, (size_t)o->members->count * 8);
    }
    w_flush(&w);

    memcpy(header, WARM_MAGIC, 8);
    uint32_t version = WARM_VERSION, hsize = WARM_HEADER_SIZE;
    memcpy(header + 8, &version, 4);
    memcpy(header + 12, &hsize, 4);
    memcpy(header + 16, &w.total, 8);
    memcpy(header + 24, &w.sum, 8);
    if (!w.failed && (fseek(w.f, 0, SEEK_SET) != 0 || fwrite(header, 1, sizeof header, w.f) != sizeof header))
        w.failed = true;
    if (!w.failed && (fflush(w.f) != 0 || fsync(fileno(w.f)) != 0)) w.failed = true;
    if (fclose(w.f) != 0) w.failed = true;
    free(w.buf);
    if (!w.failed && rename(tmp, path) != 0) w.failed = true;
    if (w.failed) unlink(tmp);
    free(tmp);
    return w.failed ? SAI_STATUS_FAILURE : SAI_STATUS_SUCCESS;
}

/* ---- reader ------------------------------------------------------------------------------------ */

typedef struct reader {
    const uint8_t *p;
    size_t left;
    bool bad;
} reader;

static void r_bytes(reader *r, void *dst, size_t n)
{
    if (r->bad || r->left < n) {
        r->bad = true;
        memset(dst, 0, n);
        return;
    }
    memcpy(dst, r->p, n);
    r->p += n;
    r->left -= n;
}

static uint8_t r_u8(reader *r) { uint8_t v; r_bytes(r, &v, 1); return v; }
static uint32_t r_u32(reader *r) { uint32_t v; r_bytes(r, &v, 4); return v; }
static uint64_t r_u64(reader *r) { uint64_t v; r_bytes(r, &v, 8); return v; }

static bool r_list(reader *r, void **list, uint32_t count, size_t elem)
{
    *list = NULL;
    if (count == 0) return true;
    if (r->bad || r->left / elem < count) {
        r->bad = true;
        return false;
    }
    *list = malloc((size_t)count * elem);
    if (*list == NULL) {
        r->bad = true;
        return false;
    }
    r_bytes(r, *list, (size_t)count * elem);
    return true;
}

static void r_value(reader *r, const vs_attr_meta *m, sai_attribute_value_t *v)
{
    memset(v, 0, sizeof *v);
    switch (m->kind) {
    case VS_KIND_BOOL:
    case VS_KIND_U8:
        v->u8 = r_u8(r);
        break;
    case VS_KIND_U16:
        r_bytes(r, &v->u16, 2);
        break;
    case VS_KIND_U32:
    case VS_KIND_I32:
    case VS_KIND_ENUM:
        v->u32 = r_u32(r);
        break;
    case VS_KIND_U64:
    case VS_KIND_OID:
        v->u64 = r_u64(r);
        break;
    case VS_KIND_MAC:
        r_bytes(r, v->mac, 6);
        break;
    case VS_KIND_IP_ADDRESS:
        v->ipaddr.addr_family = (int32_t)r_u32(r);
        r_bytes(r, &v->ipaddr.addr, 16);
        break;
    case VS_KIND_IP_PREFIX:
        v->ipprefix.addr_family = (int32_t)r_u32(r);
        r_bytes(r, &v->ipprefix.addr, 16);
        r_bytes(r, &v->ipprefix.mask, 16);
        break;
    case VS_KIND_CHARDATA:
        r_bytes(r, v->chardata, 32);
        break;
    case VS_KIND_OID_LIST: {
        v->objlist.count = r_u32(r);
        void *l;
        r_list(r, &l, v->objlist.count, 8);
        v->objlist.list = l;
        if (r->bad) v->objlist.count = 0;
        break;
    }
    default: {
        v->u32list.count = r_u32(r);
        void *l;
        r_list(r, &l, v->u32list.count, vs_list_elem_size(m->kind));
        v->u32list.list = l;
        if (r->bad) v->u32list.count = 0;
        break;
    }
    }
}

/** Reads one object; NULL (and r->bad) on a malformed record. */
static vs_obj *r_object(reader *r)
{
    int32_t type = (int32_t)r_u32(r);
    int tix = vs_tix_of(type);
    if (r->bad || tix < 0) {
        r->bad = true;
        return NULL;
    }
    uint8_t owned = r_u8(r);
    vs_entry_key key;
    memset(&key, 0, sizeof key);
    uint64_t oid = 0;
    switch (vs_types[tix].key_kind) {
    case VS_KEY_OID:
        oid = r_u64(r);
        /* an id of another type, or of another switch slot, is corrupt */
        if (vs_oid_type(oid) != type || vs_oid_index(oid) != (int)vs_g.index) r->bad = true;
        break;
    case VS_KEY_ROUTE:
        key.route.vr = r_u64(r);
        key.route.family = r_u32(r);
        r_bytes(r, key.route.addr, 16);
        r_bytes(r, key.route.mask, 16);
        break;
    case VS_KEY_NEIGHBOR:
        key.neighbor.rif = r_u64(r);
        key.neighbor.family = r_u32(r);
        r_bytes(r, key.neighbor.addr, 16);
        break;
    default:
        key.fdb.bv = r_u64(r);
        r_bytes(r, key.fdb.mac, 6);
        break;
    }
    uint8_t nattrs = r_u8(r);
    if (r->bad || nattrs > vs_types[tix].attr_count) {
        r->bad = true;
        return NULL;
    }
    vs_obj *o = vs_obj_alloc(tix, nattrs);
    if (o == NULL) {
        r->bad = true;
        return NULL;
    }
    o->oid = oid;
    o->owned = owned != 0;
    o->key = key;
    for (uint32_t i = 0; i < nattrs; i++) {
        uint32_t id = r_u32(r);
        const vs_attr_meta *m = vs_meta(tix, id);
        if (r->bad || m == NULL || vs_stored(o, id) != NULL) {
            r->bad = true;
            break;
        }
        o->attrs[i].id = id;
        r_value(r, m, &o->attrs[i].value);
        o->nattrs++;
        if (r->bad || !vs_value_fits(m, &o->attrs[i].value)) {
            r->bad = true;
            break;
        }
    }
    if (r->bad) {
        vs_obj_free(o);
        return NULL;
    }
    return o;
}

static bool entry_key_canonical(const vs_obj *o)
{
    switch (vs_types[o->tix].key_kind) {
    case VS_KEY_ROUTE:
        return o->key.route.family <= 1;
    case VS_KEY_NEIGHBOR:
        return o->key.neighbor.family <= 1;
    default:
        return true;
    }
}

/** Inserts a restored object; false on a duplicate id / key or out of memory. */
static bool restore_insert(vs_obj *o)
{
    if (vs_types[o->tix].key_kind == VS_KEY_OID) {
        if (vs_find_oid(o->oid) != NULL) return false;
        uint64_t counter = o->oid & VS_OID_COUNTER_MASK;
        if (counter >= vs_g.next_counter) vs_g.next_counter = counter + 1;
    } else {
        if (!entry_key_canonical(o)) return false;
        if (vs_table_find(vs_entry_table(o->tix), vs_entry_hash(o->tix, &o->key), &o->key) != NULL) return false;
    }
    return vs_index_object(o);
}

/** Checks and counts the references of every oid object (after all of them are in). */
static bool link_oid_objects(void)
{
    for (size_t k = 0; k < vs_g.oids.cap; k++) {
        const vs_obj *o = vs_g.oids.slots[k].obj;
        if (o && !vs_references_valid(o)) return false;
    }
    for (size_t k = 0; k < vs_g.oids.cap; k++)
        if (vs_g.oids.slots[k].obj) vs_count_references(vs_g.oids.slots[k].obj);
    return true;
}

static sai_status_t parse(reader *r)
{
    vs_g.switch_id = r_u64(r);
    vs_g.next_counter = r_u64(r);
    vs_g.cpu_port = r_u64(r);
    vs_g.default_vr = r_u64(r);
    vs_g.default_bridge = r_u64(r);
    uint32_t nports = r_u32(r);
    if (r->bad || r->left / 8 < nports) return SAI_STATUS_INVALID_NV_STORAGE;
    vs_g.init_ports = nports ? malloc((size_t)nports * 8) : NULL;
    if (nports && vs_g.init_ports == NULL) return SAI_STATUS_NO_MEMORY;
    r_bytes(r, vs_g.init_ports, (size_t)nports * 8);
    vs_g.n_init_ports = nports;
    /* Per table counts first: the tables are sized once, before any insert. */
    vs_table *sized[4] = { &vs_g.oids, &vs_g.routes, &vs_g.neighbors, &vs_g.fdbs };
    uint64_t count = 0, counts[4];
    for (int t = 0; t < 4; t++) {
        counts[t] = r_u64(r);
        /* every record takes at least 14 bytes: a count beyond the payload is corrupt */
        if (r->bad || counts[t] > r->left / 14) return SAI_STATUS_INVALID_NV_STORAGE;
        if (!vs_table_reserve(sized[t], (size_t)counts[t])) return SAI_STATUS_NO_MEMORY;
        count += counts[t];
    }
    /* oid objects first (they may name each other in any order): check and count their references
     * once all are in; entries name only oid objects, so each is checked as it comes. */
    for (uint64_t i = 0; i < count; i++) {
        if (i == counts[0] && !link_oid_objects()) return SAI_STATUS_INVALID_NV_STORAGE;
        vs_obj *o = r_object(r);
        if (o == NULL) return SAI_STATUS_INVALID_NV_STORAGE;
        bool entry = vs_types[o->tix].key_kind != VS_KEY_OID;
        /* objects come table by table: oid objects, then routes, neighbors, fdbs */
        if (entry != (i >= counts[0]) || (entry && !vs_references_valid(o)) || !restore_insert(o)) {
            vs_obj_free(o);
            return SAI_STATUS_INVALID_NV_STORAGE;
        }
        if (entry) vs_count_references(o);
    }
    if (count == counts[0] && !link_oid_objects()) return SAI_STATUS_INVALID_NV_STORAGE;
    uint32_t parents = r_u32(r);
    for (uint32_t p = 0; p < parents && !r->bad; p++) {
        vs_obj *parent = vs_find_oid(r_u64(r));
        uint32_t n = r_u32(r);
        if (r->bad || parent == NULL || parent->members != NULL || r->left / 8 < n)
            return SAI_STATUS_INVALID_NV_STORAGE;
        for (uint32_t k = 0; k < n; k++) {
            uint64_t id = r_u64(r);
            if (vs_find_oid(id) == NULL) return SAI_STATUS_INVALID_NV_STORAGE;
            if (!vs_members_add(parent, id)) return SAI_STATUS_NO_MEMORY;
        }
    }
    if (r->bad || r->left != 0) return SAI_STATUS_INVALID_NV_STORAGE;
    if (vs_oid_index(vs_g.switch_id) != (int)vs_g.index || vs_find_typed(VS_T_SWITCH, vs_g.switch_id) == NULL || vs_find_typed(VS_T_PORT, vs_g.cpu_port) == NULL ||
        vs_find_typed(VS_T_VIRTUAL_ROUTER, vs_g.default_vr) == NULL ||
        vs_find_typed(VS_T_BRIDGE, vs_g.default_bridge) == NULL)
        return SAI_STATUS_INVALID_NV_STORAGE;
    return SAI_STATUS_SUCCESS;
}

bool vs_warm_peek_switch_id(const char *path, uint64_t *switch_id)
{
    if (path == NULL || path[0] == '\0') return false;
    FILE *f = fopen(path, "rb");
    if (f == NULL) return false;
    uint8_t head[WARM_HEADER_SIZE + 8];
    bool ok = fread(head, 1, sizeof head, f) == sizeof head && memcmp(head, WARM_MAGIC, 8) == 0;
    fclose(f);
    if (ok) memcpy(switch_id, head + WARM_HEADER_SIZE, 8);
    return ok;
}

sai_status_t vs_warm_load(const char *path)
{
    if (path == NULL || path[0] == '\0') return SAI_STATUS_INVALID_NV_STORAGE;
    FILE *f = fopen(path, "rb");
    if (f == NULL) return SAI_STATUS_INVALID_NV_STORAGE;
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || st.st_size < (off_t)WARM_HEADER_SIZE) {
        fclose(f);
        return SAI_STATUS_INVALID_NV_STORAGE;
    }
    size_t size = (size_t)st.st_size;
    uint8_t *buf = malloc(size);
    if (buf == NULL) {
        fclose(f);
        return SAI_STATUS_NO_MEMORY;
    }
    size_t got = fread(buf, 1, size, f);
    fclose(f);
    sai_status_t status = SAI_STATUS_SUCCESS;
    uint32_t version, hsize;
    uint64_t plen, sum;
    memcpy(&version, buf + 8, 4);
    memcpy(&hsize, buf + 12, 4);
    memcpy(&plen, buf + 16, 8);
    memcpy(&sum, buf + 24, 8);
    if (got != size || memcmp(buf, WARM_MAGIC, 8) != 0 || hsize != WARM_HEADER_SIZE)
        status = SAI_STATUS_INVALID_NV_STORAGE;
    else if (version != WARM_VERSION) /* another format: a cold boot, as any unusable file */
        status = SAI_STATUS_INVALID_NV_STORAGE;
    else if (plen != size - WARM_HEADER_SIZE ||
             checksum_update(CHECKSUM_SEED, buf + WARM_HEADER_SIZE, (size_t)plen) != sum)
        status = SAI_STATUS_INVALID_NV_STORAGE;
    if (status == SAI_STATUS_SUCCESS) {
        vs_state_clear();
        reader r = { buf + WARM_HEADER_SIZE, (size_t)plen, false };
        status = parse(&r);
        if (status == SAI_STATUS_SUCCESS) vs_g.live = true;
        else vs_state_clear();
    }
    free(buf);
    return status;
}
