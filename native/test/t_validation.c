/*
 * Every validation rule of the fake adapter's contract, with its exact status and order
 * (src/adapter/fake/fake-adapter.ts header comment).
 */
#include <arpa/inet.h>

#include "t.h"

#define BOGUS_OID (0x21ULL << 56 | 4ULL << 48 | 0xabcdef)

static sai_status_t create_rif(sai_object_id_t sw, uint32_t n, const sai_attribute_t *a)
{
    sai_object_id_t id = 0;
    sai_status_t st = rif_api->create_router_interface(&id, sw, n, a);
    if (st == SAI_STATUS_SUCCESS) CHECK_ST(rif_api->remove_router_interface(id), SAI_STATUS_SUCCESS);
    else CHECK(id == 0);
    return st;
}

static sai_status_t create_nh(sai_object_id_t sw, uint32_t n, const sai_attribute_t *a)
{
    sai_object_id_t id = 0;
    sai_status_t st = nh_api->create_next_hop(&id, sw, n, a);
    if (st == SAI_STATUS_SUCCESS) CHECK_ST(nh_api->remove_next_hop(id), SAI_STATUS_SUCCESS);
    return st;
}

static sai_status_t create_route(const sai_route_entry_t *r, uint32_t n, const sai_attribute_t *a)
{
    sai_status_t st = route_api->create_route_entry(r, n, a);
    if (st == SAI_STATUS_SUCCESS) CHECK_ST(route_api->remove_route_entry(r), SAI_STATUS_SUCCESS);
    return st;
}

static void create_rules(const t_defaults *d, sai_object_id_t rif)
{
    sai_object_id_t sw = d->sw;
    sai_object_id_t vr = d->vr, port = d->ports[5];

    /* unknown id -> UNKNOWN_ATTRIBUTE+i */
    sai_attribute_t u1[4] = { a_oid(0, vr), a_s32(1, 0), a_oid(2, port), a_u32(999, 1) };
    CHECK_ST(create_rif(sw, 4, u1), UNKNOWN_ATTRIBUTE(3));
    sai_attribute_t u2[2] = { a_u32(5, 1) /* a gap in the rif ids */, a_oid(0, vr) };
    CHECK_ST(create_rif(sw, 2, u2), UNKNOWN_ATTRIBUTE(0));
    sai_attribute_t u3 = a_u32(0xffffffffu, 1);
    CHECK_ST(create_rif(sw, 1, &u3), UNKNOWN_ATTRIBUTE(0));

    /* READ_ONLY on create -> INVALID_ATTRIBUTE+i */
    sai_route_entry_t r = route4(sw, vr, IP4(10, 1, 0, 0), 16);
    sai_attribute_t ro[2] = { a_oid(2, 0), a_s32(4, 0) };
    CHECK_ST(create_route(&r, 2, ro), INVALID_ATTRIBUTE(1));
    sai_attribute_t ro2[2] = { a_u32(0, 1), a_s32(2, 0) };
    sai_object_id_t nhg = 0;
    CHECK_ST(nhg_api->create_next_hop_group(&nhg, sw, 2, ro2), INVALID_ATTRIBUTE(0));

    /* the same id twice -> INVALID_ATTRIBUTE+i (the second occurrence) */
    sai_attribute_t dup[3] = { a_oid(2, 0), a_u32(3, 7), a_oid(2, 0) };
    CHECK_ST(create_route(&r, 3, dup), INVALID_ATTRIBUTE(2));

    /* wrong values -> INVALID_ATTR_VALUE+i */
    sai_attribute_t badenum = a_s32(0, 99);
    CHECK_ST(create_route(&r, 1, &badenum), INVALID_ATTR_VALUE(0));
    sai_attribute_t negenum = a_s32(0, -1);
    CHECK_ST(create_route(&r, 1, &negenum), INVALID_ATTR_VALUE(0));
    sai_attribute_t badbool[4] = { a_oid(0, vr), a_s32(1, 0), a_oid(2, port), a_get(8) };
    badbool[3].value.u8 = 2;
    CHECK_ST(create_rif(sw, 4, badbool), INVALID_ATTR_VALUE(3));
    sai_attribute_t badfam[3] = { a_s32(0, 0), a_ip4(1, IP4(10, 0, 0, 9)), a_oid(2, rif) };
    badfam[1].value.ipaddr.addr_family = 7;
    CHECK_ST(create_nh(sw, 3, badfam), INVALID_ATTR_VALUE(1));
    sai_attribute_t label[2] = { a_s32(2, 0), a_get(17) };
    memset(label[1].value.chardata, 'A', 32); /* no NUL in 32 bytes */
    CHECK_ST(nhg_api->create_next_hop_group(&nhg, sw, 2, label), INVALID_ATTR_VALUE(1));
    memset(label[1].value.chardata, 0, 32);
    memset(label[1].value.chardata, 'A', 31); /* 31 bytes: fits */
    CHECK_ST(nhg_api->create_next_hop_group(&nhg, sw, 2, label), SAI_STATUS_SUCCESS);
    sai_attribute_t lg = a_get(17);
    CHECK_ST(nhg_api->get_next_hop_group_attribute(nhg, 1, &lg), SAI_STATUS_SUCCESS);
    CHECK(strlen(lg.value.chardata) == 31);
    CHECK_ST(nhg_api->remove_next_hop_group(nhg), SAI_STATUS_SUCCESS);
    sai_attribute_t nolist[2] = { a_u32list(30, 4, NULL), a_u32(31, 100000) };
    sai_object_id_t p = 0;
    CHECK_ST(port_api->create_port(&p, sw, 2, nolist), INVALID_ATTR_VALUE(0));
    uint32_t big[1] = { 1 };
    sai_attribute_t hugelist[2] = { a_u32list(30, (1u << 20) + 1, big), a_u32(31, 100000) };
    CHECK_ST(port_api->create_port(&p, sw, 2, hugelist), INVALID_ATTR_VALUE(0));

    /* a conditional attribute whose condition does not hold -> INVALID_ATTRIBUTE+i */
    sai_attribute_t cond1[3] = { a_oid(0, vr), a_s32(1, 1 /* VLAN */), a_oid(2, port) };
    CHECK_ST(create_rif(sw, 3, cond1), INVALID_ATTRIBUTE(2));
    sai_attribute_t cond2[3] = { a_oid(0, vr), a_s32(1, 2 /* LOOPBACK */), a_u16(4, 5) };
    CHECK_ST(create_rif(sw, 3, cond2), INVALID_ATTRIBUTE(2));
    sai_attribute_t cond3[2] = { a_oid(0, vr), a_oid(2, port) }; /* no type: condition has no value */
    CHECK_ST(create_rif(sw, 2, cond3), INVALID_ATTRIBUTE(1));
    sai_attribute_t cond4[3] = { a_oid(0, vr), a_oid(2, port), a_s32(1, 0) }; /* type after: still holds */
    CHECK_ST(create_rif(sw, 3, cond4), SAI_STATUS_SUCCESS);
    /* the value check comes before the condition check */
    sai_attribute_t cond5[3] = { a_s32(0, 3 /* SRV6_SIDLIST */), a_ip4(1, 1), a_oid(2, rif) };
    cond5[1].value.ipaddr.addr_family = 9;
    CHECK_ST(create_nh(sw, 3, cond5), INVALID_ATTR_VALUE(1));
    cond5[1].value.ipaddr.addr_family = 0;
    CHECK_ST(create_nh(sw, 3, cond5), INVALID_ATTRIBUTE(1));

    /* NULL oid where not allowed -> INVALID_ATTR_VALUE+i; allowed where the default is NULL */
    sai_attribute_t nullrif[3] = { a_s32(0, 0), a_ip4(1, IP4(10, 0, 0, 9)), a_oid(2, 0) };
    CHECK_ST(create_nh(sw, 3, nullrif), INVALID_ATTR_VALUE(2));
    sai_attribute_t nullvr[3] = { a_oid(0, 0), a_s32(1, 0), a_oid(2, port) };
    CHECK_ST(create_rif(sw, 3, nullvr), INVALID_ATTR_VALUE(0));
    sai_attribute_t nullnh = a_oid(2, 0);
    CHECK_ST(create_route(&r, 1, &nullnh), SAI_STATUS_SUCCESS);

    /* dangling or wrong-type oid -> INVALID_OBJECT_ID */
    sai_attribute_t dangling[3] = { a_s32(0, 0), a_ip4(1, IP4(10, 0, 0, 9)), a_oid(2, BOGUS_OID) };
    CHECK_ST(create_nh(sw, 3, dangling), SAI_STATUS_INVALID_OBJECT_ID);
    sai_attribute_t wrongtype[3] = { a_s32(0, 0), a_ip4(1, IP4(10, 0, 0, 9)), a_oid(2, vr) };
    CHECK_ST(create_nh(sw, 3, wrongtype), SAI_STATUS_INVALID_OBJECT_ID);
    sai_attribute_t routevr = a_oid(2, vr);
    CHECK_ST(create_route(&r, 1, &routevr), SAI_STATUS_INVALID_OBJECT_ID);
    sai_attribute_t routeport = a_oid(2, port); /* PORT is allowed */
    CHECK_ST(create_route(&r, 1, &routeport), SAI_STATUS_SUCCESS);
    sai_attribute_t routecpu = a_oid(2, d->cpu);
    CHECK_ST(create_route(&r, 1, &routecpu), SAI_STATUS_SUCCESS);
    sai_attribute_t routerif = a_oid(2, rif);
    CHECK_ST(create_route(&r, 1, &routerif), SAI_STATUS_SUCCESS);

    /* missing mandatory -> MANDATORY_ATTRIBUTE_MISSING (after every per-attribute check) */
    sai_attribute_t m1 = a_oid(0, vr);
    CHECK_ST(create_rif(sw, 1, &m1), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    sai_attribute_t m2[2] = { a_oid(0, vr), a_s32(1, 0) }; /* PORT needs PORT_ID */
    CHECK_ST(create_rif(sw, 2, m2), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    sai_attribute_t m3[2] = { a_oid(0, vr), a_s32(1, 2) }; /* LOOPBACK needs none */
    CHECK_ST(create_rif(sw, 2, m3), SAI_STATUS_SUCCESS);
    sai_attribute_t m4[2] = { a_s32(0, 0), a_ip4(1, IP4(10, 0, 0, 9)) };
    CHECK_ST(create_nh(sw, 2, m4), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    sai_attribute_t m5 = a_s32(0, 3); /* SRV6_SIDLIST: neither ip nor rif apply */
    CHECK_ST(create_nh(sw, 1, &m5), SAI_STATUS_SUCCESS);
    CHECK_ST(create_rif(sw, 0, NULL), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    sai_attribute_t sub[3] = { a_oid(0, vr), a_s32(1, 4 /* SUB_PORT */), a_oid(2, port) };
    CHECK_ST(create_rif(sw, 3, sub), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING); /* OUTER_VLAN_ID */

    /* order: the first failing attribute decides; per-attribute checks before mandatory */
    sai_attribute_t o1[2] = { a_s32(0, 99), a_u32(999, 0) };
    CHECK_ST(create_route(&r, 2, o1), INVALID_ATTR_VALUE(0));
    sai_attribute_t o2[2] = { a_u32(999, 0), a_s32(0, 99) };
    CHECK_ST(create_route(&r, 2, o2), UNKNOWN_ATTRIBUTE(0));
    sai_attribute_t o3[2] = { a_oid(0, BOGUS_OID), a_u32(999, 0) };
    CHECK_ST(create_rif(sw, 2, o3), SAI_STATUS_INVALID_OBJECT_ID);
    sai_attribute_t o4 = a_u32(999, 0);
    CHECK_ST(create_rif(sw, 1, &o4), UNKNOWN_ATTRIBUTE(0)); /* not MANDATORY_ATTRIBUTE_MISSING */
}

static void entry_rules(const t_defaults *d, sai_object_id_t rif)
{
    sai_object_id_t sw = d->sw, vr = d->vr;
    sai_attribute_t ok = a_oid(2, 0);

    /* entry-key checks come after attribute validation and mandatory checks */
    sai_route_entry_t r = route4(sw, vr, IP4(10, 2, 0, 0), 16);
    r.switch_id = sw + 1;
    CHECK_ST(create_route(&r, 1, &ok), SAI_STATUS_INVALID_PARAMETER);
    sai_attribute_t bad = a_s32(0, 42);
    CHECK_ST(create_route(&r, 1, &bad), INVALID_ATTR_VALUE(0));
    r = route4(sw, vr, IP4(10, 2, 0, 1), 16); /* host bits */
    CHECK_ST(create_route(&r, 1, &ok), SAI_STATUS_INVALID_PARAMETER);
    r = route4(sw, vr, IP4(10, 2, 0, 0), 16);
    r.destination.mask.ip4 = htonl(0xff00ff00u); /* not contiguous */
    CHECK_ST(create_route(&r, 1, &ok), SAI_STATUS_INVALID_PARAMETER);
    r = route4(sw, vr, IP4(10, 2, 0, 0), 16);
    r.destination.addr_family = 2;
    CHECK_ST(create_route(&r, 1, &ok), SAI_STATUS_INVALID_PARAMETER);
    r = route4(sw, BOGUS_OID, IP4(10, 2, 0, 0), 16);
    CHECK_ST(create_route(&r, 1, &ok), SAI_STATUS_INVALID_OBJECT_ID);
    r = route4(sw, rif, IP4(10, 2, 0, 0), 16);
    CHECK_ST(create_route(&r, 1, &ok), SAI_STATUS_INVALID_OBJECT_ID);
    r = route4(sw, vr, 0, 0); /* default route */
    CHECK_ST(create_route(&r, 0, NULL), SAI_STATUS_SUCCESS);
    r = route4(sw, vr, IP4(10, 2, 3, 4), 32);
    CHECK_ST(create_route(&r, 0, NULL), SAI_STATUS_SUCCESS);
    uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };
    sai_route_entry_t r6 = { sw, vr, pfx6(v6, 32) };
    CHECK_ST(create_route(&r6, 0, NULL), SAI_STATUS_SUCCESS);
    r6.destination = pfx6(v6, 16); /* 2001:db8::/16 has host bits */
    CHECK_ST(create_route(&r6, 0, NULL), SAI_STATUS_INVALID_PARAMETER);
    r6.destination = pfx6(v6, 128);
    CHECK_ST(create_route(&r6, 0, NULL), SAI_STATUS_SUCCESS);

    /* neighbor */
    uint8_t mac[6] = { 0, 0x11, 0x22, 0x33, 0x44, 0x55 };
    sai_attribute_t dmac = a_mac(0, mac);
    sai_neighbor_entry_t n = nbr4(sw, rif, IP4(10, 0, 0, 7));
    CHECK_ST(nbr_api->create_neighbor_entry(&n, 0, NULL), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    n.ip_address.addr_family = 3;
    CHECK_ST(nbr_api->create_neighbor_entry(&n, 0, NULL), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    CHECK_ST(nbr_api->create_neighbor_entry(&n, 1, &dmac), SAI_STATUS_INVALID_PARAMETER);
    n = nbr4(sw, vr, IP4(10, 0, 0, 7));
    CHECK_ST(nbr_api->create_neighbor_entry(&n, 1, &dmac), SAI_STATUS_INVALID_OBJECT_ID);
    n = nbr4(0, rif, IP4(10, 0, 0, 7));
    CHECK_ST(nbr_api->create_neighbor_entry(&n, 1, &dmac), SAI_STATUS_INVALID_PARAMETER);
    n = nbr4(sw, rif, IP4(10, 0, 0, 7));
    CHECK_ST(nbr_api->create_neighbor_entry(&n, 1, &dmac), SAI_STATUS_SUCCESS);
    CHECK_ST(nbr_api->create_neighbor_entry(&n, 1, &dmac), SAI_STATUS_ITEM_ALREADY_EXISTS);
    sai_attribute_t fam = a_get(9);
    CHECK_ST(nbr_api->get_neighbor_entry_attribute(&n, 1, &fam), SAI_STATUS_SUCCESS);
    CHECK(fam.value.s32 == SAI_IP_ADDR_FAMILY_IPV4);
    CHECK_ST(nbr_api->remove_neighbor_entry(&n), SAI_STATUS_SUCCESS);

    /* fdb: bv must be a bridge or a vlan */
    sai_fdb_entry_t f;
    memset(&f, 0, sizeof f);
    f.switch_id = sw;
    memcpy(f.mac_address, mac, 6);
    f.bv_id = vr;
    sai_attribute_t ftype = a_s32(0, 1 /* STATIC */);
    CHECK_ST(fdb_api->create_fdb_entry(&f, 0, NULL), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    CHECK_ST(fdb_api->create_fdb_entry(&f, 1, &ftype), SAI_STATUS_INVALID_OBJECT_ID);
    f.bv_id = d->bridge;
    CHECK_ST(fdb_api->create_fdb_entry(&f, 1, &ftype), SAI_STATUS_SUCCESS);
    CHECK_ST(fdb_api->create_fdb_entry(&f, 1, &ftype), SAI_STATUS_ITEM_ALREADY_EXISTS);
    CHECK_ST(bridge_api->remove_bridge(d->bridge), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(fdb_api->remove_fdb_entry(&f), SAI_STATUS_SUCCESS);
    CHECK_ST(fdb_api->remove_fdb_entry(&f), SAI_STATUS_ITEM_NOT_FOUND);

    /* duplicates -> ITEM_ALREADY_EXISTS; the same prefix in another VR or family is another route */
    r = route4(sw, vr, IP4(10, 3, 0, 0), 16);
    CHECK_ST(route_api->create_route_entry(&r, 0, NULL), SAI_STATUS_SUCCESS);
    CHECK_ST(route_api->create_route_entry(&r, 0, NULL), SAI_STATUS_ITEM_ALREADY_EXISTS);
    CHECK_ST(route_api->create_route_entry(&r, 1, &bad), INVALID_ATTR_VALUE(0)); /* attrs before existence */
    sai_object_id_t vr2 = mk_vr(sw);
    sai_route_entry_t r2 = route4(sw, vr2, IP4(10, 3, 0, 0), 16);
    CHECK_ST(route_api->create_route_entry(&r2, 0, NULL), SAI_STATUS_SUCCESS);
    CHECK_ST(vr_api->remove_virtual_router(vr2), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(route_api->remove_route_entry(&r2), SAI_STATUS_SUCCESS);
    CHECK_ST(vr_api->remove_virtual_router(vr2), SAI_STATUS_SUCCESS);
    /* removing with another switch id in the entry finds the route (the fake ignores it too) */
    sai_route_entry_t rx = r;
    rx.switch_id = 0;
    CHECK_ST(route_api->remove_route_entry(&rx), SAI_STATUS_SUCCESS);
    CHECK_ST(route_api->remove_route_entry(&r), SAI_STATUS_ITEM_NOT_FOUND);
    rx.destination.addr_family = 77;
    CHECK_ST(route_api->remove_route_entry(&rx), SAI_STATUS_ITEM_NOT_FOUND);
}

static void key_rules(const t_defaults *d)
{
    sai_object_id_t sw = d->sw;
    /* vlan id is a KEY */
    sai_object_id_t v1 = 0, v2 = 0;
    sai_attribute_t vid = a_u16(0, 100);
    CHECK_ST(vlan_api->create_vlan(&v1, sw, 1, &vid), SAI_STATUS_SUCCESS);
    CHECK_ST(vlan_api->create_vlan(&v2, sw, 1, &vid), SAI_STATUS_ITEM_ALREADY_EXISTS);
    CHECK(v2 == 0);
    vid.value.u16 = 101;
    CHECK_ST(vlan_api->create_vlan(&v2, sw, 1, &vid), SAI_STATUS_SUCCESS);
    CHECK_ST(vlan_api->remove_vlan(v1), SAI_STATUS_SUCCESS);
    vid.value.u16 = 100;
    CHECK_ST(vlan_api->create_vlan(&v1, sw, 1, &vid), SAI_STATUS_SUCCESS);
    CHECK_ST(vlan_api->remove_vlan(v1), SAI_STATUS_SUCCESS);
    CHECK_ST(vlan_api->remove_vlan(v2), SAI_STATUS_SUCCESS);
    sai_attribute_t setvid = a_u16(0, 7);
    CHECK_ST(vlan_api->set_vlan_attribute(v2, &setvid), SAI_STATUS_INVALID_OBJECT_ID);

    /* port lanes are a KEY: init ports own 1..4*N */
    uint32_t lanes[4] = { 1, 2, 3, 4 };
    sai_attribute_t pa[2] = { a_u32list(30, 4, lanes), a_u32(31, 100000) };
    sai_object_id_t p = 0;
    CHECK_ST(port_api->create_port(&p, sw, 2, pa), SAI_STATUS_ITEM_ALREADY_EXISTS);
    uint32_t lanes2[2] = { 1, 2 }; /* another list: not a duplicate */
    pa[0] = a_u32list(30, 2, lanes2);
    CHECK_ST(port_api->create_port(&p, sw, 2, pa), SAI_STATUS_SUCCESS);
    CHECK_ST(port_api->create_port(&p, sw, 2, pa), SAI_STATUS_ITEM_ALREADY_EXISTS);
    sai_object_id_t p2 = 0;
    pa[0] = a_u32list(30, 0, NULL); /* [] is free: the CPU port holds no KEY */
    CHECK_ST(port_api->create_port(&p2, sw, 2, pa), SAI_STATUS_SUCCESS);
    CHECK_ST(port_api->remove_port(p2), SAI_STATUS_SUCCESS);
    CHECK_ST(port_api->remove_port(p), SAI_STATUS_SUCCESS);
    pa[0] = a_u32list(30, 1, lanes);
    sai_attribute_t nospeed = pa[0];
    CHECK_ST(port_api->create_port(&p, sw, 1, &nospeed), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    /* a front-panel port may be removed (breakout); its lanes are then free */
    CHECK_ST(port_api->remove_port(d->ports[0]), SAI_STATUS_SUCCESS);
    pa[0] = a_u32list(30, 4, lanes);
    CHECK_ST(port_api->create_port(&p, sw, 2, pa), SAI_STATUS_SUCCESS);
    sai_attribute_t n = a_get(0);
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, &n), SAI_STATUS_SUCCESS);
    CHECK(n.value.u32 == d->nports - 1); /* a created port is not in PORT_LIST (as the fake) */
    CHECK_ST(port_api->remove_port(p), SAI_STATUS_SUCCESS);
}

static void remove_rules(const t_defaults *d, sai_object_id_t rif)
{
    sai_object_id_t sw = d->sw;
    /* owned objects -> INVALID_PARAMETER */
    CHECK_ST(port_api->remove_port(d->cpu), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(vr_api->remove_virtual_router(d->vr), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(bridge_api->remove_bridge(d->bridge), SAI_STATUS_INVALID_PARAMETER);
    /* referenced -> OBJECT_IN_USE */
    CHECK_ST(port_api->remove_port(d->ports[5]), SAI_STATUS_OBJECT_IN_USE); /* the rif's port */
    sai_object_id_t nh = mk_nh(sw, rif, IP4(10, 0, 0, 50));
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_OBJECT_IN_USE);
    sai_route_entry_t r = route4(sw, d->vr, IP4(20, 0, 0, 0), 8);
    sai_attribute_t ra = a_oid(2, nh);
    CHECK_ST(route_api->create_route_entry(&r, 1, &ra), SAI_STATUS_SUCCESS);
    CHECK_ST(nh_api->remove_next_hop(nh), SAI_STATUS_OBJECT_IN_USE);
    /* set moves the reference */
    sai_object_id_t nh2 = mk_nh(sw, rif, IP4(10, 0, 0, 51));
    sai_attribute_t ra2 = a_oid(2, nh2);
    CHECK_ST(route_api->set_route_entry_attribute(&r, &ra2), SAI_STATUS_SUCCESS);
    CHECK_ST(nh_api->remove_next_hop(nh2), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(nh_api->remove_next_hop(nh), SAI_STATUS_SUCCESS);
    sai_attribute_t rnull = a_oid(2, 0);
    CHECK_ST(route_api->set_route_entry_attribute(&r, &rnull), SAI_STATUS_SUCCESS);
    CHECK_ST(nh_api->remove_next_hop(nh2), SAI_STATUS_SUCCESS);
    CHECK_ST(route_api->remove_route_entry(&r), SAI_STATUS_SUCCESS);

    /* missing oid -> INVALID_OBJECT_ID, also through another type's API */
    CHECK_ST(nh_api->remove_next_hop(BOGUS_OID), SAI_STATUS_INVALID_OBJECT_ID);
    CHECK_ST(nh_api->remove_next_hop(0), SAI_STATUS_INVALID_OBJECT_ID);
    CHECK_ST(nh_api->remove_next_hop(rif), SAI_STATUS_INVALID_OBJECT_ID);
    sai_attribute_t g = a_get(0);
    CHECK_ST(nh_api->get_next_hop_attribute(rif, 1, &g), SAI_STATUS_INVALID_OBJECT_ID);
    sai_attribute_t s = a_u32(19, 1);
    CHECK_ST(nh_api->set_next_hop_attribute(BOGUS_OID, &s), SAI_STATUS_INVALID_OBJECT_ID);
    /* missing entry -> ITEM_NOT_FOUND */
    CHECK_ST(route_api->remove_route_entry(&r), SAI_STATUS_ITEM_NOT_FOUND);
    CHECK_ST(route_api->set_route_entry_attribute(&r, &rnull), SAI_STATUS_ITEM_NOT_FOUND);
    CHECK_ST(route_api->get_route_entry_attribute(&r, 1, &g), SAI_STATUS_ITEM_NOT_FOUND);
}

static void set_rules(const t_defaults *d, sai_object_id_t rif)
{
    sai_object_id_t sw = d->sw;
    sai_object_id_t nh = mk_nh(sw, rif, IP4(10, 0, 0, 60));
    sai_object_id_t nhg = mk_nhg(sw);
    sai_object_id_t m = mk_nhgm(sw, nhg, nh, 1);
    sai_attribute_t a;
    a = a_oid(0, nhg); /* CREATE_ONLY */
    CHECK_ST(nhg_api->set_next_hop_group_member_attribute(m, &a), INVALID_ATTRIBUTE(0));
    a = a_u32(0, 3); /* READ_ONLY */
    CHECK_ST(nhg_api->set_next_hop_group_attribute(nhg, &a), INVALID_ATTRIBUTE(0));
    a = a_u32(4, 3); /* unknown */
    CHECK_ST(nhg_api->set_next_hop_group_attribute(nhg, &a), UNKNOWN_ATTRIBUTE(0));
    a = a_get(3);
    a.value.u8 = 5; /* bool 5 */
    CHECK_ST(nhg_api->set_next_hop_group_attribute(nhg, &a), INVALID_ATTR_VALUE(0));
    a = a_oid(1, 0); /* NULL where not allowed */
    CHECK_ST(nhg_api->set_next_hop_group_member_attribute(m, &a), INVALID_ATTR_VALUE(0));
    a = a_oid(1, BOGUS_OID);
    CHECK_ST(nhg_api->set_next_hop_group_member_attribute(m, &a), SAI_STATUS_INVALID_OBJECT_ID);
    a = a_oid(1, rif); /* wrong type */
    CHECK_ST(nhg_api->set_next_hop_group_member_attribute(m, &a), SAI_STATUS_INVALID_OBJECT_ID);
    a = a_u32(2, 9);
    CHECK_ST(nhg_api->set_next_hop_group_member_attribute(m, &a), SAI_STATUS_SUCCESS);
    sai_attribute_t w = a_get(2);
    CHECK_ST(nhg_api->get_next_hop_group_member_attribute(m, 1, &w), SAI_STATUS_SUCCESS);
    CHECK(w.value.u32 == 9);
    /* a failed set changes nothing */
    CHECK_ST(nh_api->remove_next_hop(nh), SAI_STATUS_OBJECT_IN_USE);
    /* member pointing at another group (allowed type NEXT_HOP_GROUP) */
    sai_object_id_t nhg2 = mk_nhg(sw);
    a = a_oid(1, nhg2);
    CHECK_ST(nhg_api->set_next_hop_group_member_attribute(m, &a), SAI_STATUS_SUCCESS);
    CHECK_ST(nh_api->remove_next_hop(nh), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group(nhg2), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(nhg_api->remove_next_hop_group(nhg), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(nhg_api->remove_next_hop_group_member(m), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group_member(m), SAI_STATUS_INVALID_OBJECT_ID);
    CHECK_ST(nhg_api->remove_next_hop_group(nhg2), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group(nhg), SAI_STATUS_SUCCESS);
    /* set of the switch's CREATE_ONLY TYPE */
    a = a_s32(175, 0);
    CHECK_ST(sw_api->set_switch_attribute(sw, &a), INVALID_ATTRIBUTE(0));
    /* a get of an unknown id names its index */
    sai_attribute_t gs[3] = { a_get(0), a_get(2), a_get(77) };
    CHECK_ST(rif_api->get_router_interface_attribute(rif, 3, gs), UNKNOWN_ATTRIBUTE(2));
}

static void null_inputs(const t_defaults *d)
{
    sai_object_id_t sw = d->sw, id = 0;
    sai_attribute_t a = a_oid(0, d->vr);
    CHECK_ST(rif_api->create_router_interface(NULL, sw, 1, &a), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(rif_api->create_router_interface(&id, sw, 3, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(rif_api->create_router_interface(&id, BOGUS_OID, 1, &a), SAI_STATUS_INVALID_OBJECT_ID);
    CHECK_ST(rif_api->set_router_interface_attribute(d->vr, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(vr_api->get_virtual_router_attribute(d->vr, 2, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(vr_api->get_virtual_router_attribute(d->vr, 0, NULL), SAI_STATUS_SUCCESS);
    CHECK_ST(route_api->create_route_entry(NULL, 0, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->remove_route_entry(NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->set_route_entry_attribute(NULL, &a), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->get_route_entry_attribute(NULL, 1, &a), SAI_STATUS_INVALID_PARAMETER);
    sai_route_entry_t r = route4(sw, d->vr, IP4(30, 0, 0, 0), 8);
    CHECK_ST(route_api->create_route_entry(&r, 2, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->set_route_entry_attribute(&r, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(nbr_api->create_neighbor_entry(NULL, 0, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(fdb_api->get_fdb_entry_attribute(NULL, 0, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sw_api->set_switch_attribute(sw, NULL), SAI_STATUS_INVALID_PARAMETER);
    uint32_t n = 0;
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_PORT, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_NULL, &n), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sai_get_object_count(BOGUS_OID, SAI_OBJECT_TYPE_PORT, &n), SAI_STATUS_INVALID_OBJECT_ID);
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_PORT, NULL, NULL), SAI_STATUS_INVALID_PARAMETER);
}

void test_validation(void)
{
    t_init();
    sai_object_id_t sw = t_switch();
    t_defaults d;
    t_read_defaults(sw, &d);
    sai_object_id_t rif = mk_rif_port(sw, d.vr, d.ports[5]);
    create_rules(&d, rif);
    entry_rules(&d, rif);
    key_rules(&d);
    remove_rules(&d, rif);
    set_rules(&d, rif);
    null_inputs(&d);
    /* Nothing leaked into the tables: only the rif and the init objects are left. */
    uint32_t n = 0;
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &n), SAI_STATUS_SUCCESS);
    CHECK(n == 0);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_NEXT_HOP, &n), SAI_STATUS_SUCCESS);
    CHECK(n == 0);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTER_INTERFACE, &n), SAI_STATUS_SUCCESS);
    CHECK(n == 1);
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    t_uninit();
}
