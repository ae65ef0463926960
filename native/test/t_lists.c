/* BUFFER_OVERFLOW on short lists, and object key enumeration (sai_get_object_count / _key). */
#include <arpa/inet.h>
#include <stdlib.h>

#include "t.h"

static void overflow(const t_defaults *d)
{
    sai_object_id_t sw = d->sw;
    sai_object_id_t ports[64];

    /* short list: BUFFER_OVERFLOW and the needed count */
    sai_attribute_t a = a_get(2);
    a.value.objlist.count = 1;
    a.value.objlist.list = ports;
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, &a), SAI_STATUS_BUFFER_OVERFLOW);
    CHECK(a.value.objlist.count == d->nports);
    /* zero-length query */
    a.value.objlist.count = 0;
    a.value.objlist.list = NULL;
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, &a), SAI_STATUS_BUFFER_OVERFLOW);
    CHECK(a.value.objlist.count == d->nports);
    /* a NULL list with room claimed is a query too */
    a.value.objlist.count = 64;
    a.value.objlist.list = NULL;
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, &a), SAI_STATUS_BUFFER_OVERFLOW);
    CHECK(a.value.objlist.count == d->nports);
    /* exact size */
    a.value.objlist.count = d->nports;
    a.value.objlist.list = ports;
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, &a), SAI_STATUS_SUCCESS);
    CHECK(a.value.objlist.count == d->nports && ports[0] == d->ports[0]);

    /* u32 list; the other attributes of the call are still filled in */
    uint32_t lanes[2] = { 0, 0 };
    sai_attribute_t pa[2] = { a_u32list(30, 2, lanes), a_get(31) };
    CHECK_ST(port_api->get_port_attribute(d->ports[2], 2, pa), SAI_STATUS_BUFFER_OVERFLOW);
    CHECK(pa[0].value.u32list.count == 4);
    CHECK(pa[1].value.u32 == 100000);
    CHECK(lanes[0] == 0); /* nothing copied into a short buffer */

    /* group member list */
    sai_object_id_t rif = mk_rif_port(sw, d->vr, d->ports[3]);
    sai_object_id_t nhg = mk_nhg(sw);
    sai_object_id_t nh[3], m[3];
    for (int i = 0; i < 3; i++) {
        nh[i] = mk_nh(sw, rif, IP4(10, 9, 0, 1 + i));
        m[i] = mk_nhgm(sw, nhg, nh[i], 1);
    }
    sai_object_id_t got[3];
    sai_attribute_t ml = a_get(1);
    ml.value.objlist.count = 2;
    ml.value.objlist.list = got;
    CHECK_ST(nhg_api->get_next_hop_group_attribute(nhg, 1, &ml), SAI_STATUS_BUFFER_OVERFLOW);
    CHECK(ml.value.objlist.count == 3);
    CHECK_ST(nhg_api->get_next_hop_group_attribute(nhg, 1, &ml), SAI_STATUS_SUCCESS);
    CHECK(got[0] == m[0] && got[1] == m[1] && got[2] == m[2]);
    /* empty group: count 0, SUCCESS even with a NULL list */
    sai_object_id_t empty = mk_nhg(sw);
    sai_attribute_t el = a_get(1);
    CHECK_ST(nhg_api->get_next_hop_group_attribute(empty, 1, &el), SAI_STATUS_SUCCESS);
    CHECK(el.value.objlist.count == 0);
    CHECK_ST(nhg_api->remove_next_hop_group(empty), SAI_STATUS_SUCCESS);

    for (int i = 0; i < 3; i++) CHECK_ST(nhg_api->remove_next_hop_group_member(m[i]), SAI_STATUS_SUCCESS);
    for (int i = 0; i < 3; i++) CHECK_ST(nh_api->remove_next_hop(nh[i]), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group(nhg), SAI_STATUS_SUCCESS);
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_SUCCESS);
}

static void enumeration(const t_defaults *d)
{
    sai_object_id_t sw = d->sw;
    uint32_t n = 0;
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_PORT, &n), SAI_STATUS_SUCCESS);
    CHECK(n == d->nports + 1);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_SWITCH, &n), SAI_STATUS_SUCCESS);
    CHECK(n == 1);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_VIRTUAL_ROUTER, &n), SAI_STATUS_SUCCESS);
    CHECK(n == 1);
    CHECK_ST(sai_get_object_count(sw, 22 /* not modeled */, &n), SAI_STATUS_SUCCESS);
    CHECK(n == 0);

    /* oid keys */
    sai_object_key_t keys[40];
    uint32_t count = 3;
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_PORT, &count, keys), SAI_STATUS_BUFFER_OVERFLOW);
    CHECK(count == d->nports + 1);
    count = 40;
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_PORT, &count, NULL), SAI_STATUS_BUFFER_OVERFLOW);
    CHECK(count == d->nports + 1);
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_PORT, &count, keys), SAI_STATUS_SUCCESS);
    CHECK(count == d->nports + 1);
    bool saw_cpu = false;
    int ports = 0;
    for (uint32_t i = 0; i < count; i++) {
        CHECK(sai_object_type_query(keys[i].key.object_id) == SAI_OBJECT_TYPE_PORT);
        if (keys[i].key.object_id == d->cpu) saw_cpu = true;
        for (uint32_t k = 0; k < d->nports; k++) ports += keys[i].key.object_id == d->ports[k];
    }
    CHECK(saw_cpu && ports == (int)d->nports);

    /* entry keys: every route comes back and can be read with its key */
    enum { N = 100 };
    sai_route_entry_t routes[N];
    for (int i = 0; i < N; i++) {
        routes[i] = route4(sw, d->vr, IP4(40, i, 0, 0), 16);
        sai_attribute_t md = a_u32(3, (uint32_t)i);
        CHECK_ST(route_api->create_route_entry(&routes[i], 1, &md), SAI_STATUS_SUCCESS);
    }
    uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1 };
    sai_route_entry_t r6 = { sw, d->vr, pfx6(v6, 48) };
    sai_attribute_t md6 = a_u32(3, 1000);
    CHECK_ST(route_api->create_route_entry(&r6, 1, &md6), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &n), SAI_STATUS_SUCCESS);
    CHECK(n == N + 1);
    sai_object_key_t *rk = calloc(N + 1, sizeof *rk);
    count = 0;
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &count, rk), SAI_STATUS_BUFFER_OVERFLOW);
    CHECK(count == N + 1);
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &count, rk), SAI_STATUS_SUCCESS);
    CHECK(count == N + 1);
    int seen = 0, seen6 = 0;
    for (uint32_t i = 0; i < count; i++) {
        sai_route_entry_t *e = &rk[i].key.route_entry;
        CHECK(e->switch_id == sw && e->vr_id == d->vr);
        sai_attribute_t g[2] = { a_get(3), a_get(4) };
        CHECK_ST(route_api->get_route_entry_attribute(e, 2, g), SAI_STATUS_SUCCESS);
        if (e->destination.addr_family == SAI_IP_ADDR_FAMILY_IPV6) {
            seen6++;
            CHECK(g[0].value.u32 == 1000 && g[1].value.s32 == SAI_IP_ADDR_FAMILY_IPV6);
            CHECK(memcmp(e->destination.addr.ip6, v6, 16) == 0);
        } else {
            uint32_t a = ntohl(e->destination.addr.ip4);
            CHECK(g[0].value.u32 == ((a >> 16) & 0xff) && g[1].value.s32 == SAI_IP_ADDR_FAMILY_IPV4);
            CHECK(ntohl(e->destination.mask.ip4) == 0xffff0000u);
            seen++;
        }
    }
    CHECK(seen == N && seen6 == 1);
    for (int i = 0; i < N; i++) CHECK_ST(route_api->remove_route_entry(&routes[i]), SAI_STATUS_SUCCESS);
    CHECK_ST(route_api->remove_route_entry(&r6), SAI_STATUS_SUCCESS);
    count = 5;
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &count, NULL), SAI_STATUS_SUCCESS);
    CHECK(count == 0);
    free(rk);

    /* neighbor and fdb keys */
    sai_object_id_t rif = mk_rif_port(sw, d->vr, d->ports[4]);
    sai_neighbor_entry_t nb = nbr4(sw, rif, IP4(10, 4, 4, 4));
    uint8_t mac[6] = { 2, 4, 6, 8, 10, 12 };
    sai_attribute_t dm = a_mac(0, mac);
    CHECK_ST(nbr_api->create_neighbor_entry(&nb, 1, &dm), SAI_STATUS_SUCCESS);
    count = 1;
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_NEIGHBOR_ENTRY, &count, keys), SAI_STATUS_SUCCESS);
    CHECK(count == 1 && keys[0].key.neighbor_entry.rif_id == rif &&
          keys[0].key.neighbor_entry.ip_address.addr.ip4 == htonl(IP4(10, 4, 4, 4)));
    sai_fdb_entry_t f;
    memset(&f, 0, sizeof f);
    f.switch_id = sw;
    memcpy(f.mac_address, mac, 6);
    f.bv_id = d->bridge;
    sai_attribute_t ft = a_s32(0, 0);
    CHECK_ST(fdb_api->create_fdb_entry(&f, 1, &ft), SAI_STATUS_SUCCESS);
    count = 1;
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_FDB_ENTRY, &count, keys), SAI_STATUS_SUCCESS);
    CHECK(count == 1 && keys[0].key.fdb_entry.bv_id == d->bridge && memcmp(keys[0].key.fdb_entry.mac_address, mac, 6) == 0);
    CHECK_ST(fdb_api->remove_fdb_entry(&keys[0].key.fdb_entry), SAI_STATUS_SUCCESS);
    CHECK_ST(nbr_api->remove_neighbor_entry(&nb), SAI_STATUS_SUCCESS);
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_SUCCESS);
}

void test_lists(void)
{
    t_init();
    sai_object_id_t sw = t_switch();
    t_defaults d;
    t_read_defaults(sw, &d);
    overflow(&d);
    enumeration(&d);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    uint32_t n;
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_PORT, &n), SAI_STATUS_UNINITIALIZED);
    t_uninit();
}
