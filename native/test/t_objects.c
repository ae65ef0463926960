/* The other object types: vlan, bridge, lag, fdb; computed attributes; membership; no-value gets. */
#include "t.h"

static void get_oid_list(sai_status_t (*get)(sai_object_id_t, uint32_t, sai_attribute_t *), sai_object_id_t id,
                         uint32_t attr, sai_object_id_t *out, uint32_t cap, uint32_t *count)
{
    sai_attribute_t a = a_get(attr);
    a.value.objlist.count = cap;
    a.value.objlist.list = out;
    CHECK_ST(get(id, 1, &a), SAI_STATUS_SUCCESS);
    *count = a.value.objlist.count;
}

static void vlans_and_bridges(const t_defaults *d)
{
    sai_object_id_t sw = d->sw;
    sai_object_id_t list[64];
    uint32_t n;

    /* bridge ports of type PORT join the default 1Q bridge */
    sai_object_id_t bp[3];
    for (int i = 0; i < 3; i++) {
        sai_attribute_t a[2] = { a_s32(0, 0 /* PORT */), a_oid(1, d->ports[10 + i]) };
        CHECK_ST(bridge_api->create_bridge_port(&bp[i], sw, 2, a), SAI_STATUS_SUCCESS);
    }
    get_oid_list(bridge_api->get_bridge_attribute, d->bridge, 1, list, 64, &n);
    CHECK(n == 3 && list[0] == bp[0] && list[1] == bp[1] && list[2] == bp[2]);
    sai_attribute_t bpa[2] = { a_get(6), a_get(2) };
    CHECK_ST(bridge_api->get_bridge_port_attribute(bp[0], 2, bpa), ATTR_NOT_IMPLEMENTED(0)); /* no BRIDGE_ID */
    CHECK(bpa[1].value.s32 == 1); /* TAGGED default still filled in */
    /* type PORT without PORT_ID, and BRIDGE_ID on a PORT bridge port */
    sai_attribute_t bad[1] = { a_s32(0, 0) };
    sai_object_id_t x = 0;
    CHECK_ST(bridge_api->create_bridge_port(&x, sw, 1, bad), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    sai_attribute_t bad2[3] = { a_s32(0, 0), a_oid(1, d->ports[20]), a_oid(6, d->bridge) };
    CHECK_ST(bridge_api->create_bridge_port(&x, sw, 3, bad2), INVALID_ATTRIBUTE(2));
    /* a 1D bridge and a 1D_ROUTER bridge port in it */
    sai_object_id_t br1d = 0, bp1d = 0;
    sai_attribute_t bt = a_s32(0, 1);
    CHECK_ST(bridge_api->create_bridge(&br1d, sw, 1, &bt), SAI_STATUS_SUCCESS);
    sai_attribute_t r1d[2] = { a_s32(0, 3 /* 1D_ROUTER */), a_oid(6, br1d) };
    CHECK_ST(bridge_api->create_bridge_port(&bp1d, sw, 2, r1d), SAI_STATUS_SUCCESS);
    get_oid_list(bridge_api->get_bridge_attribute, br1d, 1, list, 64, &n);
    CHECK(n == 1 && list[0] == bp1d);
    CHECK_ST(bridge_api->remove_bridge(br1d), SAI_STATUS_OBJECT_IN_USE);
    /* setting BRIDGE_ID moves the port to the other bridge */
    sai_attribute_t move = a_oid(6, d->bridge);
    CHECK_ST(bridge_api->set_bridge_port_attribute(bp1d, &move), SAI_STATUS_SUCCESS);
    get_oid_list(bridge_api->get_bridge_attribute, br1d, 1, list, 64, &n);
    CHECK(n == 0);
    get_oid_list(bridge_api->get_bridge_attribute, d->bridge, 1, list, 64, &n);
    CHECK(n == 4 && list[3] == bp1d);
    CHECK_ST(bridge_api->remove_bridge(br1d), SAI_STATUS_SUCCESS);
    CHECK_ST(bridge_api->remove_bridge_port(bp1d), SAI_STATUS_SUCCESS);
    /* setting any attribute of a member moves it to the end of its parent's list, as the fake */
    sai_attribute_t adm = a_bool(10, true);
    CHECK_ST(bridge_api->set_bridge_port_attribute(bp[0], &adm), SAI_STATUS_SUCCESS);
    get_oid_list(bridge_api->get_bridge_attribute, d->bridge, 1, list, 64, &n);
    CHECK(n == 3 && list[0] == bp[1] && list[1] == bp[2] && list[2] == bp[0]);

    /* vlan and members */
    sai_object_id_t vlan = 0;
    sai_attribute_t vid = a_u16(0, 10);
    CHECK_ST(vlan_api->create_vlan(&vlan, sw, 1, &vid), SAI_STATUS_SUCCESS);
    sai_object_id_t vm[2];
    for (int i = 0; i < 2; i++) {
        sai_attribute_t a[3] = { a_oid(0, vlan), a_oid(1, bp[i]), a_s32(2, 1 /* TAGGED */) };
        CHECK_ST(vlan_api->create_vlan_member(&vm[i], sw, 3, a), SAI_STATUS_SUCCESS);
    }
    get_oid_list(vlan_api->get_vlan_attribute, vlan, 1, list, 64, &n);
    CHECK(n == 2 && list[0] == vm[0] && list[1] == vm[1]);
    sai_attribute_t short_list = a_get(1);
    short_list.value.objlist.count = 1;
    short_list.value.objlist.list = list;
    CHECK_ST(vlan_api->get_vlan_attribute(vlan, 1, &short_list), SAI_STATUS_BUFFER_OVERFLOW);
    CHECK(short_list.value.objlist.count == 2);
    sai_attribute_t bad_vm[2] = { a_oid(0, vlan), a_oid(1, d->ports[0]) };
    sai_object_id_t y = 0;
    CHECK_ST(vlan_api->create_vlan_member(&y, sw, 2, bad_vm), SAI_STATUS_INVALID_OBJECT_ID);
    CHECK_ST(vlan_api->remove_vlan(vlan), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(bridge_api->remove_bridge_port(bp[0]), SAI_STATUS_OBJECT_IN_USE);
    /* an fdb entry on the vlan */
    sai_fdb_entry_t f;
    memset(&f, 0, sizeof f);
    f.switch_id = sw;
    f.mac_address[5] = 9;
    f.bv_id = vlan;
    sai_attribute_t fa[2] = { a_s32(0, 1), a_oid(3, bp[0]) };
    CHECK_ST(fdb_api->create_fdb_entry(&f, 2, fa), SAI_STATUS_SUCCESS);
    sai_attribute_t fs = a_oid(3, 0); /* NULL allowed */
    CHECK_ST(fdb_api->set_fdb_entry_attribute(&f, &fs), SAI_STATUS_SUCCESS);
    sai_attribute_t fg[2] = { a_get(3), a_get(1) };
    CHECK_ST(fdb_api->get_fdb_entry_attribute(&f, 2, fg), SAI_STATUS_SUCCESS);
    CHECK(fg[0].value.oid == 0 && fg[1].value.s32 == 1);
    CHECK_ST(vlan_api->remove_vlan(vlan), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(fdb_api->remove_fdb_entry(&f), SAI_STATUS_SUCCESS);
    for (int i = 0; i < 2; i++) CHECK_ST(vlan_api->remove_vlan_member(vm[i]), SAI_STATUS_SUCCESS);
    CHECK_ST(vlan_api->remove_vlan(vlan), SAI_STATUS_SUCCESS);
    for (int i = 0; i < 3; i++) CHECK_ST(bridge_api->remove_bridge_port(bp[i]), SAI_STATUS_SUCCESS);
    get_oid_list(bridge_api->get_bridge_attribute, d->bridge, 1, list, 64, &n);
    CHECK(n == 0);
}

static void lags(const t_defaults *d)
{
    sai_object_id_t sw = d->sw;
    sai_object_id_t lag = 0, m[2], list[8];
    uint32_t n;
    CHECK_ST(lag_api->create_lag(&lag, sw, 0, NULL), SAI_STATUS_SUCCESS);
    for (int i = 0; i < 2; i++) {
        sai_attribute_t a[2] = { a_oid(0, lag), a_oid(1, d->ports[20 + i]) };
        CHECK_ST(lag_api->create_lag_member(&m[i], sw, 2, a), SAI_STATUS_SUCCESS);
    }
    /* LAG PORT_LIST: the LAG's members (SAI 1.18 declares LAG_MEMBER objects), as the fake */
    get_oid_list(lag_api->get_lag_attribute, lag, 0, list, 8, &n);
    CHECK(n == 2 && list[0] == m[0] && list[1] == m[1]);
    sai_attribute_t la[3] = { a_get(3), a_get(4), a_get(9) };
    CHECK_ST(lag_api->get_lag_attribute(lag, 3, la), SAI_STATUS_SUCCESS);
    CHECK(la[0].value.u16 == 1 && la[1].value.u8 == 0 && la[2].value.chardata[0] == 0);
    sai_attribute_t lbl = a_chardata(9, "po1");
    CHECK_ST(lag_api->set_lag_attribute(lag, &lbl), SAI_STATUS_SUCCESS);
    CHECK_ST(lag_api->get_lag_attribute(lag, 3, la), SAI_STATUS_SUCCESS);
    CHECK(strcmp(la[2].value.chardata, "po1") == 0);
    /* a rif on the lag */
    sai_object_id_t rif = mk_rif_port(sw, d->vr, lag);
    CHECK_ST(lag_api->remove_lag(lag), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_SUCCESS);
    CHECK_ST(port_api->remove_port(d->ports[20]), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(lag_api->remove_lag_member(m[0]), SAI_STATUS_SUCCESS);
    get_oid_list(lag_api->get_lag_attribute, lag, 0, list, 8, &n);
    CHECK(n == 1 && list[0] == m[1]);
    CHECK_ST(lag_api->remove_lag(lag), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(lag_api->remove_lag_member(m[1]), SAI_STATUS_SUCCESS);
    CHECK_ST(lag_api->remove_lag(lag), SAI_STATUS_SUCCESS);
}

static void no_values_and_computed(const t_defaults *d)
{
    sai_object_id_t sw = d->sw;
    /* virtual router: SRC_MAC_ADDRESS defaults to another attribute's value: no value here */
    sai_object_id_t vr = mk_vr(sw);
    sai_attribute_t va[3] = { a_get(0), a_get(2), a_get(3) };
    CHECK_ST(vr_api->get_virtual_router_attribute(vr, 3, va), ATTR_NOT_IMPLEMENTED(1));
    CHECK(va[0].value.booldata == true && va[2].value.s32 == 4);
    uint8_t mac[6] = { 0xa, 0xb, 0xc, 0xd, 0xe, 0xf };
    sai_attribute_t setmac = a_mac(2, mac);
    CHECK_ST(vr_api->set_virtual_router_attribute(vr, &setmac), SAI_STATUS_SUCCESS);
    CHECK_ST(vr_api->get_virtual_router_attribute(vr, 3, va), SAI_STATUS_SUCCESS);
    CHECK(memcmp(va[1].value.mac, mac, 6) == 0);
    /* a conditional attribute whose condition did not hold has no value */
    sai_object_id_t lo = 0;
    sai_attribute_t la[2] = { a_oid(0, vr), a_s32(1, 2 /* LOOPBACK */) };
    CHECK_ST(rif_api->create_router_interface(&lo, sw, 2, la), SAI_STATUS_SUCCESS);
    sai_attribute_t lg[3] = { a_get(10), a_get(2), a_get(1) };
    CHECK_ST(rif_api->get_router_interface_attribute(lo, 3, lg), ATTR_NOT_IMPLEMENTED(1));
    CHECK(lg[0].value.u32 == 1514 && lg[2].value.s32 == 2);
    /* missing value reported before a list overflow */
    sai_object_id_t ports[2];
    sai_attribute_t mix[2] = { a_get(2), a_get(83) };
    mix[0].value.objlist.count = 2;
    mix[0].value.objlist.list = ports;
    CHECK_ST(sw_api->get_switch_attribute(sw, 2, mix), ATTR_NOT_IMPLEMENTED(1));
    CHECK(mix[0].value.objlist.count == d->nports);
    CHECK_ST(rif_api->remove_router_interface(lo), SAI_STATUS_SUCCESS);
    CHECK_ST(vr_api->remove_virtual_router(vr), SAI_STATUS_SUCCESS);

    /* next hop with IPv6 and every default */
    sai_object_id_t rif = mk_rif_port(sw, d->vr, d->ports[30]);
    uint8_t v6[16] = { 0xfe, 0x80, [15] = 1 };
    sai_attribute_t na[3] = { a_s32(0, 0), a_ip6(1, v6), a_oid(2, rif) };
    sai_object_id_t nh = 0;
    CHECK_ST(nh_api->create_next_hop(&nh, sw, 3, na), SAI_STATUS_SUCCESS);
    sai_attribute_t ng[4] = { a_get(1), a_get(9), a_get(19), a_get(2) };
    CHECK_ST(nh_api->get_next_hop_attribute(nh, 4, ng), SAI_STATUS_SUCCESS);
    CHECK(ng[0].value.ipaddr.addr_family == SAI_IP_ADDR_FAMILY_IPV6 && memcmp(ng[0].value.ipaddr.addr.ip6, v6, 16) == 0);
    CHECK(ng[1].value.booldata == false && ng[2].value.u32 == 0 && ng[3].value.oid == rif);
    /* route IP_ADDR_FAMILY of an IPv6 route */
    sai_route_entry_t r6 = { sw, d->vr, pfx6(v6, 10) };
    r6.destination.addr.ip6[15] = 0;
    sai_attribute_t rn = a_oid(2, nh);
    CHECK_ST(route_api->create_route_entry(&r6, 1, &rn), SAI_STATUS_SUCCESS);
    sai_attribute_t fam = a_get(4);
    CHECK_ST(route_api->get_route_entry_attribute(&r6, 1, &fam), SAI_STATUS_SUCCESS);
    CHECK(fam.value.s32 == SAI_IP_ADDR_FAMILY_IPV6);
    CHECK_ST(route_api->remove_route_entry(&r6), SAI_STATUS_SUCCESS);
    CHECK_ST(nh_api->remove_next_hop(nh), SAI_STATUS_SUCCESS);

    /* group member order after set: the member moves to the end (the fake's Set delete + add) */
    sai_object_id_t g = mk_nhg(sw);
    sai_object_id_t h[3], m[3], list[3];
    for (int i = 0; i < 3; i++) {
        h[i] = mk_nh(sw, rif, IP4(10, 30, 0, 1 + i));
        m[i] = mk_nhgm(sw, g, h[i], 1);
    }
    sai_attribute_t w = a_u32(2, 3);
    CHECK_ST(nhg_api->set_next_hop_group_member_attribute(m[0], &w), SAI_STATUS_SUCCESS);
    uint32_t n;
    get_oid_list(nhg_api->get_next_hop_group_attribute, g, 1, list, 3, &n);
    CHECK(n == 3 && list[0] == m[1] && list[1] == m[2] && list[2] == m[0]);
    /* a group of groups: a member naming another group */
    sai_object_id_t outer = mk_nhg(sw);
    sai_object_id_t om = mk_nhgm(sw, outer, g, 1);
    CHECK_ST(nhg_api->remove_next_hop_group(g), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(nhg_api->remove_next_hop_group_member(om), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group(outer), SAI_STATUS_SUCCESS);
    for (int i = 0; i < 3; i++) CHECK_ST(nhg_api->remove_next_hop_group_member(m[i]), SAI_STATUS_SUCCESS);
    for (int i = 0; i < 3; i++) CHECK_ST(nh_api->remove_next_hop(h[i]), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group(g), SAI_STATUS_SUCCESS);
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_SUCCESS);

    /* switch NUMBER_OF_ACTIVE_PORTS / PORT_LIST follow removed init ports */
    CHECK_ST(port_api->remove_port(d->ports[31]), SAI_STATUS_SUCCESS);
    sai_attribute_t np = a_get(0);
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, &np), SAI_STATUS_SUCCESS);
    CHECK(np.value.u32 == d->nports - 1);
}

void test_objects(void)
{
    t_init();
    sai_object_id_t sw = t_switch();
    t_defaults d;
    t_read_defaults(sw, &d);
    vlans_and_bridges(&d);
    lags(&d);
    no_values_and_computed(&d);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    t_uninit();
}
