/*
 * route_bench: the "limit" of the FFI benchmark (src/bench/ffi). A C program that makes, through
 * the SAI ABI only, the calls the TypeScript switch agent makes for the synthetic topology
 * (src/agent/topology.ts, syntheticTopology) over a list of prefixes, into the same libsai
 * (loaded with dlopen, as koffi loads it), and times them:
 *
 *   init      sai_api_initialize (profile SAI_BOOT_TYPE=0), sai_api_query, create_switch
 *             (INIT_SWITCH=true), the switch defaults (PORT_LIST, CPU_PORT, DEFAULT_VIRTUAL_ROUTER_ID)
 *   cold      the programming, in the agent's order:
 *             - per router interface i (default 16): create_router_interface (VR, type PORT,
 *               port i, SRC_MAC 02:00:00:00:01:<i>, MTU 9100), then create_route_entry for
 *               100.64.<i>.0/24 (-> the interface), 100.64.<i>.1/32 (-> CPU port),
 *               fd00:0:0:<i>::/64 (-> the interface), fd00:0:0:<i>::1/128 (-> CPU port);
 *             - per neighbor (interface i, j < 4, IPv4 then IPv6): create_neighbor_entry
 *               (DST_MAC 02:00:00:<i>:<j>:04|06), create_next_hop (IP, ip, interface);
 *             - IPv4 routes, then IPv6 routes, in file order: each route forwards over ECMP set
 *               fnv16(prefix) mod 64 of its family (set g: 1 + g mod 8 neighbors (7g + 13k) mod 64,
 *               weight 1); a set's create_next_hop_group (DYNAMIC_UNORDERED_ECMP) and its
 *               create_next_hop_group_member calls (members in the agent's sorted order) happen at
 *               its first use; then create_route_entries (NEXT_HOP_ID) in chunks of --chunk.
 *   shutdown  set PRE_SHUTDOWN, set RESTART_WARM, remove_switch (writes SAI_WARM_BOOT_WRITE_FILE),
 *             sai_api_uninitialize
 *   warm      warmInit: sai_api_initialize (SAI_BOOT_TYPE=1, SAI_WARM_BOOT_READ_FILE),
 *             sai_api_query, create_switch (same switch id), the switch defaults;
 *             warmGets: a get of every programmed object's attributes (routes: PACKET_ACTION,
 *             NEXT_HOP_ID, META_DATA, the ids the store's reload reads), through
 *             get_route_entries_attribute when the library has it, else per entry.
 *
 * Usage: route_bench --prefixes FILE [--lib PATH] [--chunk N] [--dir DIR] [--ports N]
 *                    [--rifs N] [--neighbors-per-rif N] [--groups N] [--keep] [--dump-groups]
 *   FILE: one canonical prefix per line ("10.0.0.0/8", "2001:db8::/32"); blank lines and lines
 *   starting with '#' are skipped. --lib defaults to libsaivs.so beside this program. The warm
 *   restart file is DIR/route_bench-warm.dat (DIR default /tmp), removed at the end unless --keep.
 *   --dump-groups prints each ECMP set's members to stderr, in creation order.
 * Prints one JSON line on stdout (times in ms: `ms` wall clock (CLOCK_MONOTONIC), `cpuMs` this
 * process's CPU time (CLOCK_PROCESS_CPUTIME_ID), for a busy machine); exits 1 with a message
 * on stderr when any call fails.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "saivs_abi.h"

/* ---- helpers ---------------------------------------------------------------------------- */

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("route_bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of this process (ms): the machine the benchmark runs on may be shared and busy. */
static double cpu_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) die("out of memory (%zu x %zu bytes)", n, size);
    return p;
}

#define CHECK(call, what)                                                                    \
    do {                                                                                     \
        sai_status_t st_ = (call);                                                           \
        if (st_ != SAI_STATUS_SUCCESS) die("%s failed: status %d (line %d)", what, st_, __LINE__); \
    } while (0)

/* ---- profile -------------------------------------------------------------------------------- */

static struct {
    const char *boot_type;
    const char *read_file;
    const char *write_file;
    const char *port_count;
} profile = {"0", NULL, NULL, NULL};

static const char *profile_get_value(uint32_t profile_id, const char *variable) {
    (void)profile_id;
    if (!variable) return NULL;
    if (strcmp(variable, "SAI_BOOT_TYPE") == 0) return profile.boot_type;
    if (strcmp(variable, "SAI_WARM_BOOT_READ_FILE") == 0) return profile.read_file;
    if (strcmp(variable, "SAI_WARM_BOOT_WRITE_FILE") == 0) return profile.write_file;
    if (strcmp(variable, "SAI_VS_PORT_COUNT") == 0) return profile.port_count;
    return NULL;
}

static int profile_get_next_value(uint32_t profile_id, const char **variable, const char **value) {
    (void)profile_id;
    (void)variable;
    (void)value;
    return -1;
}

static const sai_service_method_table_t services = {profile_get_value, profile_get_next_value};

/* ---- the library --------------------------------------------------------------------------- */

typedef sai_status_t (*api_initialize_fn)(uint64_t, const sai_service_method_table_t *);
typedef sai_status_t (*api_query_fn)(sai_api_t, void **);
typedef sai_status_t (*api_uninitialize_fn)(void);
typedef sai_status_t (*query_api_version_fn)(sai_api_version_t *);
typedef sai_status_t (*get_object_count_fn)(sai_object_id_t, sai_object_type_t, uint32_t *);
/* SAI's sai_bulk_route_entry_get_attribute_fn (the 8th slot of the route API). */
typedef sai_status_t (*bulk_get_route_fn)(uint32_t object_count, const sai_route_entry_t *entries,
                                          const uint32_t *attr_count, sai_attribute_t **attr_list,
                                          sai_bulk_op_error_mode_t mode, sai_status_t *statuses);

static struct {
    void *handle;
    api_initialize_fn initialize;
    api_query_fn query;
    api_uninitialize_fn uninitialize;
    query_api_version_fn version;
    get_object_count_fn object_count;
    sai_switch_api_t *sw;
    sai_route_api_t *route;
    sai_next_hop_api_t *nh;
    sai_next_hop_group_api_t *nhg;
    sai_router_interface_api_t *rif;
    sai_neighbor_api_t *neighbor;
    sai_api_version_t api_version;
} lib;

static void *sym(const char *name, int required) {
    void *p = dlsym(lib.handle, name);
    if (!p && required) die("%s: no symbol %s", "libsai", name);
    return p;
}

static void load_library(const char *path) {
    lib.handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib.handle) die("dlopen %s: %s", path, dlerror());
    lib.initialize = (api_initialize_fn)sym("sai_api_initialize", 1);
    lib.query = (api_query_fn)sym("sai_api_query", 1);
    lib.uninitialize = (api_uninitialize_fn)sym("sai_api_uninitialize", 1);
    lib.version = (query_api_version_fn)sym("sai_query_api_version", 0);
    lib.object_count = (get_object_count_fn)sym("sai_get_object_count", 0);
}

/* sai_api_initialize, the version, and the method tables used (what the adapter's start does). */
static void initialize(void) {
    CHECK(lib.initialize(0, &services), "sai_api_initialize");
    lib.api_version = 0;
    if (lib.version && lib.version(&lib.api_version) != SAI_STATUS_SUCCESS) lib.api_version = 0;
    CHECK(lib.query(SAI_API_SWITCH, (void **)&lib.sw), "sai_api_query(SWITCH)");
    CHECK(lib.query(SAI_API_ROUTE, (void **)&lib.route), "sai_api_query(ROUTE)");
    CHECK(lib.query(SAI_API_NEXT_HOP, (void **)&lib.nh), "sai_api_query(NEXT_HOP)");
    CHECK(lib.query(SAI_API_NEXT_HOP_GROUP, (void **)&lib.nhg), "sai_api_query(NEXT_HOP_GROUP)");
    CHECK(lib.query(SAI_API_ROUTER_INTERFACE, (void **)&lib.rif), "sai_api_query(ROUTER_INTERFACE)");
    CHECK(lib.query(SAI_API_NEIGHBOR, (void **)&lib.neighbor), "sai_api_query(NEIGHBOR)");
}

/* ---- prefixes ------------------------------------------------------------------------------- */

/* 16-bit FNV-1a of the prefix text, as src/agent/state/route-table.ts prefixHash. */
static uint32_t prefix_hash(const char *s, size_t n) {
    uint32_t h = 0x811c9dc5u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x01000193u;
    }
    return ((h >> 16) ^ h) & 0xffffu;
}

static void set_prefix_mask(sai_ip_prefix_t *p, int len) {
    if (p->addr_family == SAI_IP_ADDR_FAMILY_IPV4) {
        p->mask.ip4 = len == 0 ? 0 : htonl(0xffffffffu << (32 - len));
    } else {
        memset(p->mask.ip6, 0, 16);
        for (int b = 0; b < len; b++) p->mask.ip6[b / 8] |= (uint8_t)(0x80u >> (b % 8));
    }
}

/* Parses "addr/len" into a prefix; false when it is not one. */
static int parse_prefix(const char *text, size_t n, sai_ip_prefix_t *out) {
    char buf[INET6_ADDRSTRLEN + 8];
    if (n == 0 || n >= sizeof buf) return 0;
    memcpy(buf, text, n);
    buf[n] = 0;
    char *slash = strchr(buf, '/');
    if (!slash) return 0;
    *slash = 0;
    char *end;
    errno = 0;
    long len = strtol(slash + 1, &end, 10);
    if (errno || *end || end == slash + 1) return 0;
    memset(out, 0, sizeof *out);
    if (strchr(buf, ':')) {
        if (len < 0 || len > 128 || inet_pton(AF_INET6, buf, out->addr.ip6) != 1) return 0;
        out->addr_family = SAI_IP_ADDR_FAMILY_IPV6;
    } else {
        if (len < 0 || len > 32 || inet_pton(AF_INET, buf, &out->addr.ip4) != 1) return 0;
        out->addr_family = SAI_IP_ADDR_FAMILY_IPV4;
    }
    set_prefix_mask(out, (int)len);
    return 1;
}

/* The routes of one family, in file order. */
typedef struct {
    sai_route_entry_t *entries;
    uint16_t *hash;
    size_t count, cap;
} family_routes_t;

static void push_route(family_routes_t *f, const sai_ip_prefix_t *p, uint16_t hash) {
    if (f->count == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 65536;
        f->entries = realloc(f->entries, f->cap * sizeof *f->entries);
        f->hash = realloc(f->hash, f->cap * sizeof *f->hash);
        if (!f->entries || !f->hash) die("out of memory reading prefixes");
    }
    memset(&f->entries[f->count], 0, sizeof f->entries[f->count]);
    f->entries[f->count].destination = *p;
    f->hash[f->count] = hash;
    f->count++;
}

static void read_prefixes(const char *path, family_routes_t fam[2]) {
    FILE *fp = fopen(path, "rb");
    if (!fp) die("%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    size_t lineno = 0;
    while ((got = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        size_t n = (size_t)got;
        while (n > 0 && isspace((unsigned char)line[n - 1])) n--;
        size_t s = 0;
        while (s < n && isspace((unsigned char)line[s])) s++;
        if (s == n || line[s] == '#') continue;
        sai_ip_prefix_t p;
        if (!parse_prefix(line + s, n - s, &p)) die("%s:%zu: not a prefix: %.*s", path, lineno, (int)(n - s), line + s);
        push_route(&fam[p.addr_family == SAI_IP_ADDR_FAMILY_IPV6], &p, (uint16_t)prefix_hash(line + s, n - s));
    }
    free(line);
    fclose(fp);
}

/* ---- the synthetic topology ------------------------------------------------------------------ */

static struct {
    int rifs, per, groups;
    sai_object_id_t sw, vr, cpu;
    sai_object_id_t ports[1024];
    uint32_t port_count;
    sai_object_id_t *rif;      /* [rifs] */
    sai_object_id_t *nh[2];    /* [family][i * per + j] */
    /* ECMP sets per family: members as neighbor indexes, in creation order; `canon` maps a set
     * index to the first one with the same members (the interner shares equal sets). */
    int *members[2];           /* [g * 8 + k] */
    int *member_count[2];      /* [g] */
    int *canon[2];             /* [g] */
    sai_object_id_t *group[2]; /* [g], 0 until first use */
    sai_object_id_t *member_oids;
    size_t member_oid_count, member_oid_cap;
    size_t groups_made, members_made, connected_routes;
} topo;

static void neighbor_ip(int family, int i, int j, sai_ip_address_t *out) {
    memset(out, 0, sizeof *out);
    if (family == 0) {
        out->addr_family = SAI_IP_ADDR_FAMILY_IPV4;
        uint8_t b[4] = {100, 64, (uint8_t)i, (uint8_t)(10 + j)};
        memcpy(&out->addr.ip4, b, 4);
    } else {
        out->addr_family = SAI_IP_ADDR_FAMILY_IPV6;
        out->addr.ip6[0] = 0xfd;
        out->addr.ip6[6] = (uint8_t)(i >> 8);
        out->addr.ip6[7] = (uint8_t)i;
        out->addr.ip6[14] = (uint8_t)((10 + j) >> 8);
        out->addr.ip6[15] = (uint8_t)(10 + j);
    }
}

/* "Ethernet<i>|<ip>*1", the agent's next hop text its ECMP sets are sorted by. */
static void next_hop_text(int family, int n, char *buf, size_t size) {
    int i = n / topo.per, j = n % topo.per;
    sai_ip_address_t a;
    neighbor_ip(family, i, j, &a);
    char ip[INET6_ADDRSTRLEN];
    inet_ntop(family ? AF_INET6 : AF_INET, family ? (const void *)a.addr.ip6 : (const void *)&a.addr.ip4, ip, sizeof ip);
    snprintf(buf, size, "Ethernet%d|%s*1", i, ip);
}

/*
 * The order String.prototype.localeCompare (ICU root collation) gives these ASCII texts: at the
 * primary level punctuation < symbols < digits < letters (case folded), ':' < '.' < '*' < '|';
 * a proper prefix first; then, only for primary-equal texts, lower case before upper case.
 */
static int primary_weight(unsigned char c) {
    switch (c) {
    case ':': return 1;
    case '.': return 2;
    case '*': return 3;
    case '|': return 4;
    default: break;
    }
    if (c >= '0' && c <= '9') return 100 + (c - '0');
    if (isalpha(c)) return 200 + (tolower(c) - 'a');
    return 50 + c; /* not produced by this topology */
}

static int collate(const char *a, const char *b) {
    size_t i = 0;
    for (; a[i] && b[i]; i++) {
        int d = primary_weight((unsigned char)a[i]) - primary_weight((unsigned char)b[i]);
        if (d) return d;
    }
    if (a[i] || b[i]) return a[i] ? 1 : -1;
    for (i = 0; a[i]; i++) {
        if (a[i] != b[i]) return islower((unsigned char)a[i]) ? -1 : 1;
    }
    return 0;
}

static int collate_family;
static int cmp_member(const void *x, const void *y) {
    char a[96], b[96];
    next_hop_text(collate_family, *(const int *)x, a, sizeof a);
    next_hop_text(collate_family, *(const int *)y, b, sizeof b);
    return collate(a, b);
}

/* The ECMP sets (syntheticGroups): set g has min(1 + g mod 8, N) distinct neighbors (7g + 13k) mod N. */
static void build_sets(int dump) {
    int N = topo.rifs * topo.per;
    for (int f = 0; f < 2; f++) {
        topo.members[f] = xcalloc((size_t)topo.groups * 8, sizeof(int));
        topo.member_count[f] = xcalloc((size_t)topo.groups, sizeof(int));
        topo.canon[f] = xcalloc((size_t)topo.groups, sizeof(int));
        topo.group[f] = xcalloc((size_t)topo.groups, sizeof(sai_object_id_t));
        for (int g = 0; g < topo.groups; g++) {
            int want = 1 + g % 8;
            if (want > N) want = N;
            int *m = &topo.members[f][g * 8];
            int c = 0;
            for (int k = 0; c < want; k++) {
                int n = (int)(((long)7 * g + (long)13 * k) % N);
                int seen = 0;
                for (int q = 0; q < c; q++) seen |= m[q] == n;
                if (!seen) m[c++] = n;
                if (k > 64 * N) die("ECMP set %d: not enough distinct neighbors", g);
            }
            collate_family = f;
            qsort(m, (size_t)c, sizeof(int), cmp_member);
            topo.member_count[f][g] = c;
            topo.canon[f][g] = g;
            for (int h = 0; h < g; h++) {
                if (topo.canon[f][h] != h || topo.member_count[f][h] != c) continue;
                if (memcmp(&topo.members[f][h * 8], m, (size_t)c * sizeof(int)) == 0) {
                    topo.canon[f][g] = h;
                    break;
                }
            }
            if (dump) {
                fprintf(stderr, "%s %d:", f ? "v6" : "v4", g);
                for (int q = 0; q < c; q++) {
                    char t[96];
                    next_hop_text(f, m[q], t, sizeof t);
                    fprintf(stderr, " %s", t);
                }
                fputc('\n', stderr);
            }
        }
    }
}

static void attr_oid(sai_attribute_t *a, sai_attr_id_t id, sai_object_id_t v) {
    memset(a, 0, sizeof *a);
    a->id = id;
    a->value.oid = v;
}

static void attr_s32(sai_attribute_t *a, sai_attr_id_t id, int32_t v) {
    memset(a, 0, sizeof *a);
    a->id = id;
    a->value.s32 = v;
}

static void attr_u32(sai_attribute_t *a, sai_attr_id_t id, uint32_t v) {
    memset(a, 0, sizeof *a);
    a->id = id;
    a->value.u32 = v;
}

static void attr_bool(sai_attribute_t *a, sai_attr_id_t id, bool v) {
    memset(a, 0, sizeof *a);
    a->id = id;
    a->value.booldata = v;
}

static void attr_mac(sai_attribute_t *a, sai_attr_id_t id, const uint8_t mac[6]) {
    memset(a, 0, sizeof *a);
    a->id = id;
    memcpy(a->value.mac, mac, 6);
}

static sai_object_id_t create_switch(void) {
    sai_attribute_t a;
    attr_bool(&a, SAI_SWITCH_ATTR_INIT_SWITCH, true);
    sai_object_id_t sw = 0;
    CHECK(lib.sw->create_switch(&sw, 1, &a), "create_switch");
    if (!sw) die("create_switch answered SAI_NULL_OBJECT_ID");
    return sw;
}

enum { SW_PORT_LIST = 2, SW_CPU_PORT = 4, SW_DEFAULT_VR = 39 };

static void switch_defaults(void) {
    sai_attribute_t a[3];
    memset(a, 0, sizeof a);
    a[0].id = SW_DEFAULT_VR;
    a[1].id = SW_CPU_PORT;
    a[2].id = SW_PORT_LIST;
    a[2].value.objlist.count = 1024;
    a[2].value.objlist.list = topo.ports;
    CHECK(lib.sw->get_switch_attribute(topo.sw, 3, a), "get_switch_attribute(defaults)");
    topo.vr = a[0].value.oid;
    topo.cpu = a[1].value.oid;
    topo.port_count = a[2].value.objlist.count;
    if (!topo.vr || !topo.cpu) die("no default virtual router / CPU port");
    if ((int)topo.port_count < topo.rifs) die("%d router interfaces need %d ports, the switch has %u", topo.rifs, topo.rifs, topo.port_count);
}

static void one_route(const sai_ip_prefix_t *p, sai_object_id_t next_hop) {
    sai_route_entry_t e = {.switch_id = topo.sw, .vr_id = topo.vr, .destination = *p};
    sai_attribute_t a;
    attr_oid(&a, 2, next_hop);
    CHECK(lib.route->create_route_entry(&e, 1, &a), "create_route_entry");
    topo.connected_routes++;
}

/* Router interfaces with their connected and ip2me routes, then neighbors and next hops. */
static void program_base(void) {
    for (int i = 0; i < topo.rifs; i++) {
        sai_attribute_t a[5];
        uint8_t mac[6] = {0x02, 0, 0, 0, 0x01, (uint8_t)i};
        attr_oid(&a[0], 0, topo.vr);
        attr_s32(&a[1], 1, 0 /* PORT */);
        attr_oid(&a[2], 2, topo.ports[i]);
        attr_mac(&a[3], 7, mac);
        attr_u32(&a[4], 10, 9100);
        CHECK(lib.rif->create_router_interface(&topo.rif[i], topo.sw, 5, a), "create_router_interface");
        sai_ip_prefix_t p;
        memset(&p, 0, sizeof p);
        p.addr_family = SAI_IP_ADDR_FAMILY_IPV4;
        uint8_t v4[4] = {100, 64, (uint8_t)i, 0};
        memcpy(&p.addr.ip4, v4, 4);
        set_prefix_mask(&p, 24);
        one_route(&p, topo.rif[i]);
        v4[3] = 1;
        memcpy(&p.addr.ip4, v4, 4);
        set_prefix_mask(&p, 32);
        one_route(&p, topo.cpu);
        memset(&p, 0, sizeof p);
        p.addr_family = SAI_IP_ADDR_FAMILY_IPV6;
        p.addr.ip6[0] = 0xfd;
        p.addr.ip6[6] = (uint8_t)(i >> 8);
        p.addr.ip6[7] = (uint8_t)i;
        set_prefix_mask(&p, 64);
        one_route(&p, topo.rif[i]);
        p.addr.ip6[15] = 1;
        set_prefix_mask(&p, 128);
        one_route(&p, topo.cpu);
    }
    for (int i = 0; i < topo.rifs; i++) {
        for (int j = 0; j < topo.per; j++) {
            for (int f = 0; f < 2; f++) {
                sai_neighbor_entry_t ne = {.switch_id = topo.sw, .rif_id = topo.rif[i]};
                neighbor_ip(f, i, j, &ne.ip_address);
                uint8_t mac[6] = {0x02, 0, 0, (uint8_t)i, (uint8_t)j, f ? 0x06 : 0x04};
                sai_attribute_t a[3];
                attr_mac(&a[0], 0, mac);
                CHECK(lib.neighbor->create_neighbor_entry(&ne, 1, a), "create_neighbor_entry");
                attr_s32(&a[0], 0, 0 /* IP */);
                memset(&a[1], 0, sizeof a[1]);
                a[1].id = 1;
                a[1].value.ipaddr = ne.ip_address;
                attr_oid(&a[2], 2, topo.rif[i]);
                CHECK(lib.nh->create_next_hop(&topo.nh[f][i * topo.per + j], topo.sw, 3, a), "create_next_hop");
            }
        }
    }
}

/* The group of set g of family f, created with its members at first use. */
static sai_object_id_t acquire_group(int f, int g) {
    g = topo.canon[f][g];
    if (topo.group[f][g]) return topo.group[f][g];
    sai_attribute_t a[3];
    attr_s32(&a[0], 2, 0 /* DYNAMIC_UNORDERED_ECMP */);
    sai_object_id_t gid = 0;
    CHECK(lib.nhg->create_next_hop_group(&gid, topo.sw, 1, a), "create_next_hop_group");
    topo.group[f][g] = gid;
    topo.groups_made++;
    for (int q = 0; q < topo.member_count[f][g]; q++) {
        attr_oid(&a[0], 0, gid);
        attr_oid(&a[1], 1, topo.nh[f][topo.members[f][g * 8 + q]]);
        attr_u32(&a[2], 2, 1);
        if (topo.member_oid_count == topo.member_oid_cap) {
            topo.member_oid_cap = topo.member_oid_cap ? topo.member_oid_cap * 2 : 256;
            topo.member_oids = realloc(topo.member_oids, topo.member_oid_cap * sizeof *topo.member_oids);
            if (!topo.member_oids) die("out of memory");
        }
        sai_object_id_t *m = &topo.member_oids[topo.member_oid_count++];
        CHECK(lib.nhg->create_next_hop_group_member(m, topo.sw, 3, a), "create_next_hop_group_member");
        topo.members_made++;
    }
    return gid;
}

/* Per route: its group (the attribute), then create_route_entries in chunks. */
static sai_object_id_t *route_next_hop[2];

static void program_routes(family_routes_t fam[2], uint32_t chunk) {
    uint32_t *counts = xcalloc(chunk, sizeof(uint32_t));
    sai_attribute_t *attrs = xcalloc(chunk, sizeof(sai_attribute_t));
    const sai_attribute_t **lists = xcalloc(chunk, sizeof(sai_attribute_t *));
    sai_status_t *statuses = xcalloc(chunk, sizeof(sai_status_t));
    for (int f = 0; f < 2; f++) {
        family_routes_t *r = &fam[f];
        for (size_t k = 0; k < r->count; k++) route_next_hop[f][k] = acquire_group(f, r->hash[k] % topo.groups);
        for (size_t start = 0; start < r->count; start += chunk) {
            uint32_t n = (uint32_t)(r->count - start < chunk ? r->count - start : chunk);
            for (uint32_t k = 0; k < n; k++) {
                sai_route_entry_t *e = &r->entries[start + k];
                e->switch_id = topo.sw;
                e->vr_id = topo.vr;
                counts[k] = 1;
                attrs[k].id = 2;
                attrs[k].value.oid = route_next_hop[f][start + k];
                lists[k] = &attrs[k];
            }
            sai_status_t st = lib.route->create_route_entries(n, &r->entries[start], counts, lists,
                                                              SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR, statuses);
            if (st != SAI_STATUS_SUCCESS) {
                uint32_t k = 0;
                while (k < n && statuses[k] == SAI_STATUS_SUCCESS) k++;
                die("create_route_entries: status %d, entry %zu status %d", st, start + k, k < n ? statuses[k] : 0);
            }
        }
    }
    free(counts);
    free(attrs);
    free(lists);
    free(statuses);
}

/* ---- warm restart ------------------------------------------------------------------------------ */

static void warm_shutdown(void) {
    sai_attribute_t a;
    attr_bool(&a, SAI_SWITCH_ATTR_PRE_SHUTDOWN, true);
    sai_status_t st = lib.sw->set_switch_attribute(topo.sw, &a);
    /* A libsai without PRE_SHUTDOWN may answer NOT_SUPPORTED / NOT_IMPLEMENTED or an attribute
     * status (ATTR_NOT_IMPLEMENTED, UNKNOWN_ATTRIBUTE, ATTR_NOT_SUPPORTED): skipped, as the adapter does. */
    uint32_t kind = st < 0 ? ((uint32_t)-st & ~0xffffu) : 0;
    if (st != SAI_STATUS_SUCCESS && st != SAI_STATUS_NOT_SUPPORTED && st != SAI_STATUS_NOT_IMPLEMENTED &&
        kind != 0x30000u && kind != 0x40000u && kind != 0x50000u)
        die("set PRE_SHUTDOWN: status %d", st);
    attr_bool(&a, SAI_SWITCH_ATTR_RESTART_WARM, true);
    CHECK(lib.sw->set_switch_attribute(topo.sw, &a), "set RESTART_WARM");
    CHECK(lib.sw->remove_switch(topo.sw), "remove_switch (warm)");
    CHECK(lib.uninitialize(), "sai_api_uninitialize");
}

typedef struct {
    size_t routes, others;
    const char *mode;
    size_t mismatches;
} gets_t;

/* One route's attributes: PACKET_ACTION (0), NEXT_HOP_ID (2), META_DATA (3). */
static void route_get_slots(sai_attribute_t a[3]) {
    memset(a, 0, 3 * sizeof *a);
    a[0].id = 0;
    a[1].id = 2;
    a[2].id = 3;
}

static gets_t warm_gets(family_routes_t fam[2], uint32_t chunk) {
    gets_t g = {0, 0, "per-entry", 0};
    sai_attribute_t a[5];
    /* Router interfaces, their routes, neighbors, next hops, groups, members: the attributes they
     * were created with (a few hundred objects: the routes are what counts). */
    for (int i = 0; i < topo.rifs; i++) {
        memset(a, 0, sizeof a);
        a[0].id = 0;
        a[1].id = 1;
        a[2].id = 2;
        a[3].id = 7;
        a[4].id = 10;
        CHECK(lib.rif->get_router_interface_attribute(topo.rif[i], 5, a), "get_router_interface_attribute");
        if (a[2].value.oid != topo.ports[i]) g.mismatches++;
        g.others++;
        for (int f = 0; f < 2; f++) {
            for (int j = 0; j < topo.per; j++) {
                sai_neighbor_entry_t ne = {.switch_id = topo.sw, .rif_id = topo.rif[i]};
                neighbor_ip(f, i, j, &ne.ip_address);
                memset(a, 0, sizeof a);
                a[0].id = 0;
                CHECK(lib.neighbor->get_neighbor_entry_attribute(&ne, 1, a), "get_neighbor_entry_attribute");
                memset(a, 0, sizeof a);
                a[0].id = 0;
                a[1].id = 1;
                a[2].id = 2;
                CHECK(lib.nh->get_next_hop_attribute(topo.nh[f][i * topo.per + j], 3, a), "get_next_hop_attribute");
                if (a[2].value.oid != topo.rif[i]) g.mismatches++;
                g.others += 2;
            }
        }
    }
    for (int f = 0; f < 2; f++) {
        for (int k = 0; k < topo.groups; k++) {
            if (!topo.group[f][k]) continue;
            memset(a, 0, sizeof a);
            a[0].id = 2;
            CHECK(lib.nhg->get_next_hop_group_attribute(topo.group[f][k], 1, a), "get_next_hop_group_attribute");
            g.others++;
        }
    }
    for (size_t m = 0; m < topo.member_oid_count; m++) {
        memset(a, 0, sizeof a);
        a[0].id = 0;
        a[1].id = 1;
        a[2].id = 2;
        CHECK(lib.nhg->get_next_hop_group_member_attribute(topo.member_oids[m], 3, a),
              "get_next_hop_group_member_attribute");
        g.others++;
    }
    /* The connected and ip2me routes. */
    for (int i = 0; i < topo.rifs; i++) {
        for (int q = 0; q < 4; q++) {
            sai_route_entry_t e = {.switch_id = topo.sw, .vr_id = topo.vr};
            sai_ip_prefix_t *p = &e.destination;
            if (q < 2) {
                p->addr_family = SAI_IP_ADDR_FAMILY_IPV4;
                uint8_t v4[4] = {100, 64, (uint8_t)i, (uint8_t)q};
                memcpy(&p->addr.ip4, v4, 4);
                set_prefix_mask(p, q ? 32 : 24);
            } else {
                p->addr_family = SAI_IP_ADDR_FAMILY_IPV6;
                p->addr.ip6[0] = 0xfd;
                p->addr.ip6[6] = (uint8_t)(i >> 8);
                p->addr.ip6[7] = (uint8_t)i;
                p->addr.ip6[15] = (uint8_t)(q - 2);
                set_prefix_mask(p, q == 3 ? 128 : 64);
            }
            route_get_slots(a);
            CHECK(lib.route->get_route_entry_attribute(&e, 3, a), "get_route_entry_attribute");
            g.others++;
        }
    }

    /* The routes: the bulk get when the library has one (probed with one entry), else per entry. */
    /* The header declares the slot as unimplemented; its SAI type is bulk_get_route_fn. */
    bulk_get_route_fn bulk;
    memcpy(&bulk, &lib.route->get_route_entries_attribute, sizeof bulk);
    int use_bulk = 0;
    if (bulk && (fam[0].count + fam[1].count) > 0) {
        family_routes_t *r = fam[0].count ? &fam[0] : &fam[1];
        uint32_t one = 3;
        sai_attribute_t probe[3];
        route_get_slots(probe);
        sai_attribute_t *plist = probe;
        sai_status_t pst = SAI_STATUS_NOT_EXECUTED;
        sai_status_t st = bulk(1, r->entries, &one, &plist, SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR, &pst);
        use_bulk = st == SAI_STATUS_SUCCESS && pst == SAI_STATUS_SUCCESS;
    }
    if (use_bulk) {
        g.mode = "bulk";
        uint32_t *counts = xcalloc(chunk, sizeof(uint32_t));
        sai_attribute_t *slots = xcalloc((size_t)chunk * 3, sizeof(sai_attribute_t));
        sai_attribute_t **lists = xcalloc(chunk, sizeof(sai_attribute_t *));
        sai_status_t *statuses = xcalloc(chunk, sizeof(sai_status_t));
        for (int f = 0; f < 2; f++) {
            family_routes_t *r = &fam[f];
            for (size_t start = 0; start < r->count; start += chunk) {
                uint32_t n = (uint32_t)(r->count - start < chunk ? r->count - start : chunk);
                for (uint32_t k = 0; k < n; k++) {
                    counts[k] = 3;
                    lists[k] = &slots[k * 3];
                    route_get_slots(lists[k]);
                }
                CHECK(bulk(n, &r->entries[start], counts, lists, SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR, statuses),
                      "get_route_entries_attribute");
                for (uint32_t k = 0; k < n; k++)
                    if (lists[k][1].value.oid != route_next_hop[f][start + k]) g.mismatches++;
                g.routes += n;
            }
        }
        free(counts);
        free(slots);
        free(lists);
        free(statuses);
    } else {
        for (int f = 0; f < 2; f++) {
            family_routes_t *r = &fam[f];
            for (size_t k = 0; k < r->count; k++) {
                route_get_slots(a);
                CHECK(lib.route->get_route_entry_attribute(&r->entries[k], 3, a), "get_route_entry_attribute");
                if (a[1].value.oid != route_next_hop[f][k]) g.mismatches++;
                g.routes++;
            }
        }
    }
    return g;
}

/* ---- main ------------------------------------------------------------------------------------ */

static const char *arg_value(int argc, char **argv, int *i) {
    if (*i + 1 >= argc) die("%s needs a value", argv[*i]);
    return argv[++*i];
}

static long arg_number(const char *name, const char *text, long lo, long hi) {
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || *end || end == text || v < lo || v > hi) die("%s: %s is not a number in %ld..%ld", name, text, lo, hi);
    return v;
}

static void json_string(const char *s) {
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

int main(int argc, char **argv) {
    const char *libpath = NULL, *prefix_file = NULL, *dir = "/tmp";
    long chunk = 8192;
    int keep = 0, dump = 0;
    topo.rifs = 16;
    topo.per = 4;
    topo.groups = 64;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--lib") == 0) libpath = arg_value(argc, argv, &i);
        else if (strcmp(a, "--prefixes") == 0) prefix_file = arg_value(argc, argv, &i);
        else if (strcmp(a, "--dir") == 0) dir = arg_value(argc, argv, &i);
        else if (strcmp(a, "--chunk") == 0) chunk = arg_number(a, arg_value(argc, argv, &i), 1, 1L << 24);
        else if (strcmp(a, "--ports") == 0) profile.port_count = arg_value(argc, argv, &i);
        else if (strcmp(a, "--rifs") == 0) topo.rifs = (int)arg_number(a, arg_value(argc, argv, &i), 1, 1024);
        else if (strcmp(a, "--neighbors-per-rif") == 0) topo.per = (int)arg_number(a, arg_value(argc, argv, &i), 1, 245);
        else if (strcmp(a, "--groups") == 0) topo.groups = (int)arg_number(a, arg_value(argc, argv, &i), 1, 65536);
        else if (strcmp(a, "--keep") == 0) keep = 1;
        else if (strcmp(a, "--dump-groups") == 0) dump = 1;
        else die("unknown argument %s (see the comment at the top of route_bench.c)", a);
    }
    if (!prefix_file) die("--prefixes FILE is required");
    char self_lib[PATH_MAX];
    if (!libpath) {
        ssize_t n = readlink("/proc/self/exe", self_lib, sizeof self_lib - 32);
        if (n <= 0) die("cannot find this program's directory: give --lib");
        self_lib[n] = 0;
        char *slash = strrchr(self_lib, '/');
        strcpy(slash ? slash + 1 : self_lib, "libsaivs.so");
        libpath = self_lib;
    }
    char warm_file[PATH_MAX];
    snprintf(warm_file, sizeof warm_file, "%s/route_bench-warm.dat", dir);

    family_routes_t fam[2];
    memset(fam, 0, sizeof fam);
    read_prefixes(prefix_file, fam);
    for (int f = 0; f < 2; f++) route_next_hop[f] = xcalloc(fam[f].count, sizeof(sai_object_id_t));
    topo.rif = xcalloc((size_t)topo.rifs, sizeof(sai_object_id_t));
    for (int f = 0; f < 2; f++) topo.nh[f] = xcalloc((size_t)topo.rifs * (size_t)topo.per, sizeof(sai_object_id_t));
    build_sets(dump);
    load_library(libpath);

    /* Cold start and programming. */
    profile.boot_type = "0";
    profile.read_file = warm_file;
    profile.write_file = warm_file;
    double t0 = now_ms(), c0 = cpu_ms();
    initialize();
    topo.sw = create_switch();
    switch_defaults();
    double t1 = now_ms(), c1 = cpu_ms();
    program_base();
    double t2 = now_ms();
    program_routes(fam, (uint32_t)chunk);
    double t3 = now_ms(), c3 = cpu_ms();
    uint32_t route_count = 0;
    if (lib.object_count) CHECK(lib.object_count(topo.sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &route_count), "sai_get_object_count");

    /* Warm shutdown. */
    double t4 = now_ms(), c4 = cpu_ms();
    warm_shutdown();
    double t5 = now_ms(), c5 = cpu_ms();
    struct stat sb;
    long long warm_bytes = stat(warm_file, &sb) == 0 ? (long long)sb.st_size : -1;

    /* Warm boot. */
    profile.boot_type = "1";
    sai_object_id_t cold_sw = topo.sw;
    double t6 = now_ms(), c6 = cpu_ms();
    initialize();
    topo.sw = create_switch();
    switch_defaults();
    double t7 = now_ms(), c7 = cpu_ms();
    gets_t gets = warm_gets(fam, (uint32_t)chunk);
    double t8 = now_ms(), c8 = cpu_ms();
    if (topo.sw != cold_sw) die("warm create_switch answered switch 0x%llx, not 0x%llx", (unsigned long long)topo.sw, (unsigned long long)cold_sw);
    uint32_t warm_route_count = 0;
    if (lib.object_count) CHECK(lib.object_count(topo.sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &warm_route_count), "sai_get_object_count");
    CHECK(lib.uninitialize(), "sai_api_uninitialize");
    if (!keep) unlink(warm_file);

    size_t routes = fam[0].count + fam[1].count;
    printf("{\"program\":\"route_bench\",\"lib\":");
    json_string(libpath);
    printf(",\"apiVersion\":%llu,\"routes\":%zu,\"v4\":%zu,\"v6\":%zu,\"connectedRoutes\":%zu", (unsigned long long)lib.api_version,
           routes, fam[0].count, fam[1].count, topo.connected_routes);
    printf(",\"routeEntries\":%u,\"warmRouteEntries\":%u", route_count, warm_route_count);
    printf(",\"rifs\":%d,\"neighbors\":%d,\"nextHops\":%d,\"groups\":%zu,\"members\":%zu,\"chunk\":%ld", topo.rifs,
           2 * topo.rifs * topo.per, 2 * topo.rifs * topo.per, topo.groups_made, topo.members_made, chunk);
    printf(",\"gets\":{\"routes\":%zu,\"others\":%zu,\"mode\":\"%s\",\"mismatches\":%zu}", gets.routes, gets.others, gets.mode,
           gets.mismatches);
    printf(",\"warmFileBytes\":%lld", warm_bytes);
    printf(",\"ms\":{\"init\":%.3f,\"coldBase\":%.3f,\"coldRoutes\":%.3f,\"cold\":%.3f,\"shutdown\":%.3f,"
           "\"warmInit\":%.3f,\"warmGets\":%.3f,\"warmBoot\":%.3f}",
           t1 - t0, t2 - t1, t3 - t2, t3 - t1, t5 - t4, t7 - t6, t8 - t7, t8 - t6);
    printf(",\"cpuMs\":{\"init\":%.3f,\"cold\":%.3f,\"shutdown\":%.3f,\"warmInit\":%.3f,\"warmGets\":%.3f,\"warmBoot\":%.3f}}\n",
           c1 - c0, c3 - c1, c5 - c4, c7 - c6, c8 - c7, c8 - c6);
    for (int f = 0; f < 2; f++) {
        free(fam[f].entries);
        free(fam[f].hash);
        free(route_next_hop[f]);
        free(topo.nh[f]);
        free(topo.members[f]);
        free(topo.member_count[f]);
        free(topo.canon[f]);
        free(topo.group[f]);
    }
    free(topo.rif);
    free(topo.member_oids);
    return gets.mismatches ? 1 : 0;
}
