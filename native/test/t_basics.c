/* ABI layout, initialization, method tables, switch init, ids and the global queries. */
#include <stddef.h>

#include "t.h"

_Static_assert(sizeof(sai_attribute_value_t) == 40, "sai_attribute_value_t is 40 bytes");
_Static_assert(sizeof(sai_attribute_t) == 48, "sai_attribute_t is 48 bytes");
_Static_assert(offsetof(sai_attribute_t, value) == 8, "value at 8");
_Static_assert(sizeof(sai_ip_address_t) == 20, "sai_ip_address_t is 20 bytes");
_Static_assert(sizeof(sai_ip_prefix_t) == 36, "sai_ip_prefix_t is 36 bytes");
_Static_assert(sizeof(sai_route_entry_t) == 56, "sai_route_entry_t is 56 bytes");
_Static_assert(offsetof(sai_route_entry_t, destination) == 16, "destination at 16");
_Static_assert(sizeof(sai_neighbor_entry_t) == 40, "sai_neighbor_entry_t is 40 bytes");
_Static_assert(sizeof(sai_fdb_entry_t) == 24, "sai_fdb_entry_t is 24 bytes");
_Static_assert(offsetof(sai_fdb_entry_t, bv_id) == 16, "bv_id at 16");
_Static_assert(sizeof(sai_object_key_t) == 64, "sai_object_key_t is 64 bytes");
_Static_assert(sizeof(sai_service_method_table_t) == 16, "service table is 16 bytes");
_Static_assert(sizeof(sai_object_list_t) == 16, "lists are 16 bytes");
/* Method-table slot counts (SAI-ABI.md and the SAI 1.18 headers). */
_Static_assert(sizeof(sai_switch_api_t) == 15 * 8, "switch 15");
_Static_assert(sizeof(sai_port_api_t) == 35 * 8, "port 35");
_Static_assert(sizeof(sai_fdb_api_t) == 9 * 8, "fdb 9");
_Static_assert(sizeof(sai_vlan_api_t) == 13 * 8, "vlan 13");
_Static_assert(sizeof(sai_virtual_router_api_t) == 4 * 8, "virtual router 4");
_Static_assert(sizeof(sai_route_api_t) == 8 * 8, "route 8");
_Static_assert(sizeof(sai_next_hop_api_t) == 8 * 8, "next hop 8");
_Static_assert(sizeof(sai_next_hop_group_api_t) == 20 * 8, "next hop group 20");
_Static_assert(sizeof(sai_router_interface_api_t) == 11 * 8, "router interface 11");
_Static_assert(sizeof(sai_neighbor_api_t) == 9 * 8, "neighbor 9");
_Static_assert(sizeof(sai_lag_api_t) == 10 * 8, "lag 10");
_Static_assert(sizeof(sai_bridge_api_t) == 14 * 8, "bridge 14");

/* Every slot of a table is callable: none is NULL. */
static void check_no_null_slots(const void *table, size_t size, const char *name)
{
    void *const *slots = table;
    for (size_t i = 0; i < size / sizeof(void *); i++) {
        if (slots[i] == NULL) fprintf(stderr, "%s slot %zu is NULL\n", name, i);
        CHECK(slots[i] != NULL);
    }
}

void test_basics(void)
{
    void *table = (void *)1;
    /* Before initialize. */
    CHECK_ST(sai_api_query(SAI_API_ROUTE, &table), SAI_STATUS_UNINITIALIZED);
    CHECK(table == NULL);
    CHECK_ST(sai_api_uninitialize(), SAI_STATUS_UNINITIALIZED);
    CHECK_ST(sai_api_initialize(1, &t_services), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sai_api_initialize(0, NULL), SAI_STATUS_INVALID_PARAMETER);

    t_init();
    CHECK_ST(sai_api_initialize(0, &t_services), SAI_STATUS_FAILURE);
    CHECK_ST(sai_api_query(SAI_API_ROUTE, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sai_api_query(SAI_API_ACL, &table), SAI_STATUS_NOT_IMPLEMENTED);
    CHECK_ST(sai_api_query(SAI_API_UNSPECIFIED, &table), SAI_STATUS_INVALID_PARAMETER);
    check_no_null_slots(sw_api, sizeof *sw_api, "switch");
    check_no_null_slots(port_api, sizeof *port_api, "port");
    check_no_null_slots(fdb_api, sizeof *fdb_api, "fdb");
    check_no_null_slots(vlan_api, sizeof *vlan_api, "vlan");
    check_no_null_slots(vr_api, sizeof *vr_api, "virtual_router");
    check_no_null_slots(route_api, sizeof *route_api, "route");
    check_no_null_slots(nh_api, sizeof *nh_api, "next_hop");
    check_no_null_slots(nhg_api, sizeof *nhg_api, "next_hop_group");
    check_no_null_slots(rif_api, sizeof *rif_api, "router_interface");
    check_no_null_slots(nbr_api, sizeof *nbr_api, "neighbor");
    check_no_null_slots(lag_api, sizeof *lag_api, "lag");
    check_no_null_slots(bridge_api, sizeof *bridge_api, "bridge");
    /* Unimplemented slots answer NOT_IMPLEMENTED. */
    CHECK_ST(sw_api->get_switch_stats(), SAI_STATUS_NOT_IMPLEMENTED);
    CHECK_ST(port_api->get_port_llr_profile_attribute(), SAI_STATUS_NOT_IMPLEMENTED);
    CHECK_ST(fdb_api->get_fdb_entries_attribute(), SAI_STATUS_NOT_IMPLEMENTED);
    CHECK_ST(nh_api->create_next_hops(), SAI_STATUS_NOT_IMPLEMENTED);
    CHECK_ST(nhg_api->create_next_hop_group_map(), SAI_STATUS_NOT_IMPLEMENTED);
    CHECK_ST(fdb_api->flush_fdb_entries(), SAI_STATUS_NOT_IMPLEMENTED);

    sai_api_version_t version = 0;
    CHECK_ST(sai_query_api_version(&version), SAI_STATUS_SUCCESS);
    CHECK(version / 100 == 118);
    CHECK_ST(sai_query_api_version(NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sai_log_set(SAI_API_ROUTE, SAI_LOG_LEVEL_WARN), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_log_set(SAI_API_ROUTE, 9), SAI_STATUS_INVALID_PARAMETER);

    /* create_switch arguments. */
    sai_object_id_t sw = 0;
    sai_attribute_t init = a_bool(SAI_SWITCH_ATTR_INIT_SWITCH, true);
    CHECK_ST(sw_api->create_switch(NULL, 1, &init), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sw_api->create_switch(&sw, 1, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sw_api->create_switch(&sw, 0, NULL), SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING);
    sai_attribute_t no_init = a_bool(SAI_SWITCH_ATTR_INIT_SWITCH, false);
    CHECK_ST(sw_api->create_switch(&sw, 1, &no_init), SAI_STATUS_NOT_SUPPORTED);
    sai_attribute_t ro[2] = { init, a_u32(0, 5) };
    CHECK_ST(sw_api->create_switch(&sw, 2, ro), INVALID_ATTRIBUTE(1));

    sw = t_switch();
    CHECK(sw > (1ULL << 53));
    CHECK_ST(sw_api->create_switch(&sw, 1, &init), SAI_STATUS_ITEM_ALREADY_EXISTS);
    CHECK(sai_object_type_query(sw) == SAI_OBJECT_TYPE_SWITCH);
    CHECK(sai_switch_id_query(sw) == sw);

    t_defaults d;
    t_read_defaults(sw, &d);
    CHECK(d.nports == 32);
    CHECK(sai_object_type_query(d.vr) == SAI_OBJECT_TYPE_VIRTUAL_ROUTER);
    CHECK(sai_object_type_query(d.cpu) == SAI_OBJECT_TYPE_PORT);
    CHECK(sai_object_type_query(d.bridge) == SAI_OBJECT_TYPE_BRIDGE);
    CHECK(sai_object_type_query(d.ports[0]) == SAI_OBJECT_TYPE_PORT);
    CHECK(sai_switch_id_query(d.ports[31]) == sw);
    CHECK(sai_object_type_query(0) == SAI_OBJECT_TYPE_NULL);
    CHECK(sai_object_type_query(12345) == SAI_OBJECT_TYPE_NULL);
    CHECK(sai_object_type_query(d.vr + 1000) == SAI_OBJECT_TYPE_NULL); /* well-formed, not live */
    CHECK(sai_switch_id_query(12345) == SAI_NULL_OBJECT_ID);

    /* Ids are the fake's: switch counter 1, CPU port 2, ports 3..34, VR 35, bridge 36. */
    CHECK(sw == (0x21ULL << 56 | 33ULL << 48 | 1));
    CHECK(d.cpu == (0x21ULL << 56 | 1ULL << 48 | 2));
    CHECK(d.ports[0] == (0x21ULL << 56 | 1ULL << 48 | 3));
    CHECK(d.vr == (0x21ULL << 56 | 3ULL << 48 | 35));
    CHECK(d.bridge == (0x21ULL << 56 | 57ULL << 48 | 36));

    /* Switch attributes. */
    sai_attribute_t sa[5] = { a_get(0), a_get(18), a_get(71), a_get(175), a_get(116) };
    CHECK_ST(sw_api->get_switch_attribute(sw, 5, sa), SAI_STATUS_SUCCESS);
    CHECK(sa[0].value.u32 == 32);
    CHECK(sa[1].value.s32 == 1);
    CHECK(sa[2].value.booldata == false);
    CHECK(sa[3].value.s32 == 0);
    CHECK(sa[4].value.booldata == true);
    sai_attribute_t mac = a_get(83);
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, &mac), ATTR_NOT_IMPLEMENTED(0)); /* vendor default: no value */
    uint8_t m[6] = { 2, 0, 0, 0, 0, 1 };
    sai_attribute_t setmac = a_mac(83, m);
    CHECK_ST(sw_api->set_switch_attribute(sw, &setmac), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, &mac), SAI_STATUS_SUCCESS);
    CHECK(memcmp(mac.value.mac, m, 6) == 0);
    CHECK_ST(sw_api->set_switch_attribute(sw, &init), INVALID_ATTRIBUTE(0));

    /* Port attributes. */
    uint32_t lanes[4];
    sai_attribute_t pa[5] = { a_get(0), a_get(1), a_u32list(30, 4, lanes), a_get(31), a_get(54) };
    CHECK_ST(port_api->get_port_attribute(d.ports[1], 5, pa), SAI_STATUS_SUCCESS);
    CHECK(pa[0].value.s32 == 0);
    CHECK(pa[1].value.s32 == 2);
    CHECK(pa[2].value.u32list.count == 4 && lanes[0] == 5 && lanes[3] == 8);
    CHECK(pa[3].value.u32 == 100000);
    CHECK(pa[4].value.u32 == 1514);
    sai_attribute_t up = a_bool(34, true);
    CHECK_ST(port_api->set_port_attribute(d.ports[1], &up), SAI_STATUS_SUCCESS);
    CHECK_ST(port_api->get_port_attribute(d.ports[1], 2, pa), SAI_STATUS_SUCCESS);
    CHECK(pa[1].value.s32 == 1);
    sai_attribute_t cpa[3] = { a_get(0), a_u32list(30, 4, lanes), a_get(31) };
    CHECK_ST(port_api->get_port_attribute(d.cpu, 3, cpa), SAI_STATUS_SUCCESS);
    CHECK(cpa[0].value.s32 == 1 && cpa[1].value.u32list.count == 0 && cpa[2].value.u32 == 10000);

    /* The early-build path: rif, next hop, group, members, route, neighbor. */
    sai_object_id_t rif = mk_rif_port(sw, d.vr, d.ports[0]);
    sai_object_id_t nh1 = mk_nh(sw, rif, IP4(10, 0, 0, 1));
    sai_object_id_t nh2 = mk_nh(sw, rif, IP4(10, 0, 0, 2));
    sai_object_id_t nhg = mk_nhg(sw);
    sai_object_id_t m1 = mk_nhgm(sw, nhg, nh1, 1);
    sai_object_id_t m2 = mk_nhgm(sw, nhg, nh2, 2);
    CHECK(sai_object_type_query(rif) == SAI_OBJECT_TYPE_ROUTER_INTERFACE);
    CHECK(sai_object_type_query(nh1) == SAI_OBJECT_TYPE_NEXT_HOP);
    CHECK(sai_object_type_query(nhg) == SAI_OBJECT_TYPE_NEXT_HOP_GROUP);
    CHECK(sai_object_type_query(m2) == SAI_OBJECT_TYPE_NEXT_HOP_GROUP_MEMBER);
    sai_route_entry_t r = route4(sw, d.vr, IP4(192, 168, 0, 0), 16);
    sai_attribute_t ra = a_oid(2, nhg);
    CHECK_ST(route_api->create_route_entry(&r, 1, &ra), SAI_STATUS_SUCCESS);
    sai_attribute_t rg[4] = { a_get(0), a_get(2), a_get(3), a_get(4) };
    CHECK_ST(route_api->get_route_entry_attribute(&r, 4, rg), SAI_STATUS_SUCCESS);
    CHECK(rg[0].value.s32 == 1 && rg[1].value.oid == nhg && rg[2].value.u32 == 0 && rg[3].value.s32 == 0);
    sai_neighbor_entry_t n = nbr4(sw, rif, IP4(10, 0, 0, 1));
    uint8_t dmac[6] = { 0, 1, 2, 3, 4, 5 };
    sai_attribute_t na = a_mac(0, dmac);
    CHECK_ST(nbr_api->create_neighbor_entry(&n, 1, &na), SAI_STATUS_SUCCESS);
    sai_attribute_t ng[3] = { a_get(0), a_get(9), a_get(8) };
    CHECK_ST(nbr_api->get_neighbor_entry_attribute(&n, 3, ng), SAI_STATUS_SUCCESS);
    CHECK(memcmp(ng[0].value.mac, dmac, 6) == 0 && ng[1].value.s32 == 0 && ng[2].value.booldata == true);

    sai_object_id_t ml[4];
    sai_attribute_t gg[3] = { a_get(0), a_get(1), a_get(6) };
    gg[1].value.objlist.count = 4;
    gg[1].value.objlist.list = ml;
    CHECK_ST(nhg_api->get_next_hop_group_attribute(nhg, 3, gg), SAI_STATUS_SUCCESS);
    CHECK(gg[0].value.u32 == 2 && gg[1].value.objlist.count == 2 && ml[0] == m1 && ml[1] == m2 && gg[2].value.u32 == 2);

    /* Removal order matters: dependents first. */
    CHECK_ST(nhg_api->remove_next_hop_group(nhg), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(route_api->remove_route_entry(&r), SAI_STATUS_SUCCESS);
    CHECK_ST(route_api->remove_route_entry(&r), SAI_STATUS_ITEM_NOT_FOUND);
    CHECK_ST(nhg_api->remove_next_hop_group_member(m1), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group_member(m2), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group(nhg), SAI_STATUS_SUCCESS);
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(nbr_api->remove_neighbor_entry(&n), SAI_STATUS_SUCCESS);
    CHECK_ST(nh_api->remove_next_hop(nh1), SAI_STATUS_SUCCESS);
    CHECK_ST(nh_api->remove_next_hop(nh2), SAI_STATUS_SUCCESS);
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_SUCCESS);
    CHECK(sai_object_type_query(rif) == SAI_OBJECT_TYPE_NULL);

    /* Cold remove, then a second switch in the same process; ids restart as the fake's. */
    CHECK_ST(sw_api->remove_switch(sw + 1), SAI_STATUS_INVALID_OBJECT_ID);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    CHECK(sai_object_type_query(d.vr) == SAI_OBJECT_TYPE_NULL);
    /* without a switch every call is UNINITIALIZED (the fake after its shutdown) */
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_UNINITIALIZED);
    sai_object_id_t vr = 0;
    CHECK_ST(vr_api->create_virtual_router(&vr, sw, 0, NULL), SAI_STATUS_UNINITIALIZED);
    CHECK_ST(route_api->create_route_entry(&r, 1, &ra), SAI_STATUS_UNINITIALIZED);
    CHECK_ST(route_api->get_route_entry_attribute(&r, 1, rg), SAI_STATUS_UNINITIALIZED);
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, sa), SAI_STATUS_UNINITIALIZED);
    CHECK_ST(nh_api->remove_next_hop(nh1), SAI_STATUS_UNINITIALIZED);
    uint32_t one = 1;
    sai_status_t bst[1];
    const sai_attribute_t *ral = &ra;
    CHECK_ST(route_api->create_route_entries(1, &r, &one, &ral, SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR, bst),
             SAI_STATUS_FAILURE);
    CHECK(bst[0] == SAI_STATUS_UNINITIALIZED);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_PORT, &one), SAI_STATUS_UNINITIALIZED);
    sai_object_id_t sw2 = t_switch();
    CHECK(sw2 == sw);
    prof_set("SAI_VS_PORT_COUNT", "4");
    CHECK_ST(sw_api->remove_switch(sw2), SAI_STATUS_SUCCESS);
    sw2 = t_switch();
    t_read_defaults(sw2, &d);
    CHECK(d.nports == 4);
    CHECK_ST(sw_api->remove_switch(sw2), SAI_STATUS_SUCCESS);
    prof_set("SAI_VS_PORT_COUNT", "many");
    CHECK_ST(sw_api->create_switch(&sw2, 1, &init), SAI_STATUS_INVALID_PARAMETER);
    prof_set("SAI_VS_PORT_COUNT", NULL);
    t_uninit();
    /* a bad port count fails sai_api_initialize already */
    prof_set("SAI_VS_PORT_COUNT", "2000");
    CHECK_ST(sai_api_initialize(0, &t_services), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sai_api_query(SAI_API_SWITCH, &table), SAI_STATUS_UNINITIALIZED);
    prof_set("SAI_VS_PORT_COUNT", "0");
    /* zero front-panel ports; uninitialize frees a live switch too */
    t_init();
    sw = t_switch();
    t_read_defaults(sw, &d);
    CHECK(d.nports == 0 && sai_object_type_query(d.cpu) == SAI_OBJECT_TYPE_PORT);
    t_uninit();
    CHECK(sai_object_type_query(sw) == SAI_OBJECT_TYPE_NULL);
    prof_set("SAI_VS_PORT_COUNT", NULL);
}
