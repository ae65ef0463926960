/*
 * Test runner and shared helpers. Each suite prints one line
 *   suite <name> (t_<name>.c): N passed, M failed
 * (test/native/native.test.ts asserts one such line, with passes and no failure, for every
 * test/t_*.c file but this one), then the runner prints "N passed, M failed" last and exits 1 on
 * any failure. A new suite file t_foo.c defines test_foo() and gets a T_SUITE(foo) line in main.
 */
#include <arpa/inet.h>
#include <stdlib.h>

#include "t.h"

int t_passed, t_failed;

sai_switch_api_t *sw_api;
sai_port_api_t *port_api;
sai_fdb_api_t *fdb_api;
sai_vlan_api_t *vlan_api;
sai_virtual_router_api_t *vr_api;
sai_route_api_t *route_api;
sai_next_hop_api_t *nh_api;
sai_next_hop_group_api_t *nhg_api;
sai_router_interface_api_t *rif_api;
sai_neighbor_api_t *nbr_api;
sai_lag_api_t *lag_api;
sai_bridge_api_t *bridge_api;

const char *t_status_name(sai_status_t st)
{
    static const char *names[] = { "SUCCESS", "FAILURE", "NOT_SUPPORTED", "NO_MEMORY", "INSUFFICIENT_RESOURCES",
                                   "INVALID_PARAMETER", "ITEM_ALREADY_EXISTS", "ITEM_NOT_FOUND", "BUFFER_OVERFLOW",
                                   "INVALID_PORT_NUMBER", "INVALID_PORT_MEMBER", "INVALID_VLAN_ID", "UNINITIALIZED",
                                   "TABLE_FULL", "MANDATORY_ATTRIBUTE_MISSING", "NOT_IMPLEMENTED", "ADDR_NOT_FOUND",
                                   "OBJECT_IN_USE", "INVALID_OBJECT_TYPE", "INVALID_OBJECT_ID", "INVALID_NV_STORAGE",
                                   "NV_STORAGE_FULL", "SW_UPGRADE_VERSION_MISMATCH", "NOT_EXECUTED",
                                   "STAGE_MISMATCH" };
    static const char *ranges[] = { "?", "INVALID_ATTRIBUTE+i", "INVALID_ATTR_VALUE+i", "ATTR_NOT_IMPLEMENTED+i",
                                    "UNKNOWN_ATTRIBUTE+i", "ATTR_NOT_SUPPORTED+i" };
    if (st <= 0 && st >= -24) return names[-st];
    int r = (-st) >> 16;
    return r >= 1 && r <= 5 ? ranges[r] : "?";
}

/* ---- profile ---- */

#define MAX_PROFILE 16
static char *prof_keys[MAX_PROFILE];
static char *prof_values[MAX_PROFILE];
static int prof_iter;

void prof_set(const char *key, const char *value)
{
    for (int i = 0; i < MAX_PROFILE; i++) {
        if (prof_keys[i] && strcmp(prof_keys[i], key) == 0) {
            free(prof_values[i]);
            if (value) prof_values[i] = strdup(value);
            else {
                free(prof_keys[i]);
                prof_keys[i] = NULL;
                prof_values[i] = NULL;
            }
            return;
        }
    }
    if (!value) return;
    for (int i = 0; i < MAX_PROFILE; i++) {
        if (!prof_keys[i]) {
            prof_keys[i] = strdup(key);
            prof_values[i] = strdup(value);
            return;
        }
    }
}

void prof_clear(void)
{
    for (int i = 0; i < MAX_PROFILE; i++) {
        free(prof_keys[i]);
        free(prof_values[i]);
        prof_keys[i] = prof_values[i] = NULL;
    }
}

static const char *prof_get(uint32_t id, const char *key)
{
    (void)id;
    for (int i = 0; i < MAX_PROFILE; i++)
        if (prof_keys[i] && strcmp(prof_keys[i], key) == 0) return prof_values[i];
    return NULL;
}

static int prof_next(uint32_t id, const char **key, const char **value)
{
    (void)id;
    if (value == NULL) {
        prof_iter = 0;
        return 0;
    }
    while (prof_iter < MAX_PROFILE && !prof_keys[prof_iter]) prof_iter++;
    if (prof_iter >= MAX_PROFILE) return -1;
    *key = prof_keys[prof_iter];
    *value = prof_values[prof_iter];
    prof_iter++;
    return 0;
}

const sai_service_method_table_t t_services = { prof_get, prof_next };

/* ---- setup ---- */

void t_init(void)
{
    CHECK_ST(sai_api_initialize(0, &t_services), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_SWITCH, (void **)&sw_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_PORT, (void **)&port_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_FDB, (void **)&fdb_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_VLAN, (void **)&vlan_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_VIRTUAL_ROUTER, (void **)&vr_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_ROUTE, (void **)&route_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_NEXT_HOP, (void **)&nh_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_NEXT_HOP_GROUP, (void **)&nhg_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_ROUTER_INTERFACE, (void **)&rif_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_NEIGHBOR, (void **)&nbr_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_LAG, (void **)&lag_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_BRIDGE, (void **)&bridge_api), SAI_STATUS_SUCCESS);
}

void t_uninit(void)
{
    CHECK_ST(sai_api_uninitialize(), SAI_STATUS_SUCCESS);
}

sai_object_id_t t_switch(void)
{
    sai_object_id_t sw = 0;
    sai_attribute_t a = a_bool(SAI_SWITCH_ATTR_INIT_SWITCH, true);
    CHECK_ST(sw_api->create_switch(&sw, 1, &a), SAI_STATUS_SUCCESS);
    return sw;
}

void t_read_defaults(sai_object_id_t sw, t_defaults *d)
{
    memset(d, 0, sizeof *d);
    d->sw = sw;
    sai_attribute_t a[4] = { a_get(39), a_get(4), a_get(41), a_get(2) };
    a[3].value.objlist.count = 64;
    a[3].value.objlist.list = d->ports;
    CHECK_ST(sw_api->get_switch_attribute(sw, 4, a), SAI_STATUS_SUCCESS);
    d->vr = a[0].value.oid;
    d->cpu = a[1].value.oid;
    d->bridge = a[2].value.oid;
    d->nports = a[3].value.objlist.count;
}

/* ---- attributes ---- */

sai_attribute_t a_get(uint32_t id)
{
    sai_attribute_t a;
    memset(&a, 0, sizeof a);
    a.id = id;
    return a;
}

sai_attribute_t a_bool(uint32_t id, bool v) { sai_attribute_t a = a_get(id); a.value.booldata = v; return a; }
sai_attribute_t a_u8(uint32_t id, uint8_t v) { sai_attribute_t a = a_get(id); a.value.u8 = v; return a; }
sai_attribute_t a_u16(uint32_t id, uint16_t v) { sai_attribute_t a = a_get(id); a.value.u16 = v; return a; }
sai_attribute_t a_u32(uint32_t id, uint32_t v) { sai_attribute_t a = a_get(id); a.value.u32 = v; return a; }
sai_attribute_t a_s32(uint32_t id, int32_t v) { sai_attribute_t a = a_get(id); a.value.s32 = v; return a; }
sai_attribute_t a_oid(uint32_t id, sai_object_id_t v) { sai_attribute_t a = a_get(id); a.value.oid = v; return a; }

sai_attribute_t a_mac(uint32_t id, const uint8_t mac[6])
{
    sai_attribute_t a = a_get(id);
    memcpy(a.value.mac, mac, 6);
    return a;
}

sai_attribute_t a_ip4(uint32_t id, uint32_t host_order)
{
    sai_attribute_t a = a_get(id);
    a.value.ipaddr.addr_family = SAI_IP_ADDR_FAMILY_IPV4;
    a.value.ipaddr.addr.ip4 = htonl(host_order);
    return a;
}

sai_attribute_t a_ip6(uint32_t id, const uint8_t addr[16])
{
    sai_attribute_t a = a_get(id);
    a.value.ipaddr.addr_family = SAI_IP_ADDR_FAMILY_IPV6;
    memcpy(a.value.ipaddr.addr.ip6, addr, 16);
    return a;
}

sai_attribute_t a_chardata(uint32_t id, const char *s)
{
    sai_attribute_t a = a_get(id);
    strncpy(a.value.chardata, s, sizeof a.value.chardata);
    return a;
}

sai_attribute_t a_u32list(uint32_t id, uint32_t count, uint32_t *list)
{
    sai_attribute_t a = a_get(id);
    a.value.u32list.count = count;
    a.value.u32list.list = list;
    return a;
}

/* ---- addresses ---- */

sai_ip_prefix_t pfx4(uint32_t host_order, unsigned len)
{
    sai_ip_prefix_t p;
    memset(&p, 0, sizeof p);
    p.addr_family = SAI_IP_ADDR_FAMILY_IPV4;
    p.addr.ip4 = htonl(host_order);
    p.mask.ip4 = htonl(len == 0 ? 0 : 0xffffffffu << (32 - len));
    return p;
}

sai_ip_prefix_t pfx6(const uint8_t addr[16], unsigned len)
{
    sai_ip_prefix_t p;
    memset(&p, 0, sizeof p);
    p.addr_family = SAI_IP_ADDR_FAMILY_IPV6;
    memcpy(p.addr.ip6, addr, 16);
    for (unsigned b = 0; b < len; b++) p.mask.ip6[b / 8] |= (uint8_t)(0x80 >> (b % 8));
    return p;
}

sai_route_entry_t route4(sai_object_id_t sw, sai_object_id_t vr, uint32_t host_order, unsigned len)
{
    sai_route_entry_t r;
    memset(&r, 0, sizeof r);
    r.switch_id = sw;
    r.vr_id = vr;
    r.destination = pfx4(host_order, len);
    return r;
}

sai_neighbor_entry_t nbr4(sai_object_id_t sw, sai_object_id_t rif, uint32_t host_order)
{
    sai_neighbor_entry_t n;
    memset(&n, 0, sizeof n);
    n.switch_id = sw;
    n.rif_id = rif;
    n.ip_address.addr_family = SAI_IP_ADDR_FAMILY_IPV4;
    n.ip_address.addr.ip4 = htonl(host_order);
    return n;
}

/* ---- objects ---- */

sai_object_id_t mk_rif_port(sai_object_id_t sw, sai_object_id_t vr, sai_object_id_t port)
{
    sai_object_id_t id = 0;
    sai_attribute_t a[3] = { a_oid(0, vr), a_s32(1, 0 /* PORT */), a_oid(2, port) };
    CHECK_ST(rif_api->create_router_interface(&id, sw, 3, a), SAI_STATUS_SUCCESS);
    return id;
}

sai_object_id_t mk_nh(sai_object_id_t sw, sai_object_id_t rif, uint32_t ip)
{
    sai_object_id_t id = 0;
    sai_attribute_t a[3] = { a_s32(0, 0 /* IP */), a_ip4(1, ip), a_oid(2, rif) };
    CHECK_ST(nh_api->create_next_hop(&id, sw, 3, a), SAI_STATUS_SUCCESS);
    return id;
}

sai_object_id_t mk_nhg(sai_object_id_t sw)
{
    sai_object_id_t id = 0;
    sai_attribute_t a = a_s32(2, 0 /* SAI_NEXT_HOP_GROUP_TYPE_DYNAMIC_UNORDERED_ECMP */);
    CHECK_ST(nhg_api->create_next_hop_group(&id, sw, 1, &a), SAI_STATUS_SUCCESS);
    return id;
}

sai_object_id_t mk_nhgm(sai_object_id_t sw, sai_object_id_t nhg, sai_object_id_t nh, uint32_t weight)
{
    sai_object_id_t id = 0;
    sai_attribute_t a[3] = { a_oid(0, nhg), a_oid(1, nh), a_u32(2, weight) };
    CHECK_ST(nhg_api->create_next_hop_group_member(&id, sw, 3, a), SAI_STATUS_SUCCESS);
    return id;
}

sai_object_id_t mk_vr(sai_object_id_t sw)
{
    sai_object_id_t id = 0;
    CHECK_ST(vr_api->create_virtual_router(&id, sw, 0, NULL), SAI_STATUS_SUCCESS);
    return id;
}

void t_run_suite(const char *name, const char *file, void (*fn)(void))
{
    int passed = t_passed, failed = t_failed;
    fn();
    printf("suite %s (%s): %d passed, %d failed\n", name, file, t_passed - passed, t_failed - failed);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    T_SUITE(basics);
    T_SUITE(validation);
    T_SUITE(lists);
    T_SUITE(bulk);
    T_SUITE(objects);
    T_SUITE(warm);
    T_SUITE(random);
    T_SUITE(multi);
    T_SUITE(quirks);
    T_SUITE(perf);
    prof_clear();
    printf("%d passed, %d failed\n", t_passed, t_failed);
    return t_failed ? 1 : 0;
}
