/* Bulk create / remove / set (and get for routes and neighbors) for routes, neighbors and next hop group members, in both modes. */
#include <string.h>

#include "t.h"

#define STOP SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR
#define IGNORE SAI_BULK_OP_ERROR_MODE_IGNORE_ERROR

static void routes(const t_defaults *d, sai_object_id_t nh)
{
    sai_object_id_t sw = d->sw;
    enum { N = 5 };
    sai_route_entry_t r[N];
    uint32_t counts[N];
    sai_attribute_t attrs[N];
    const sai_attribute_t *lists[N];
    sai_status_t st[N];
    for (int i = 0; i < N; i++) {
        r[i] = route4(sw, d->vr, IP4(50, i, 0, 0), 16);
        attrs[i] = a_oid(2, nh);
        counts[i] = 1;
        lists[i] = &attrs[i];
    }
    attrs[2] = a_s32(0, 77); /* entry 2 fails */

    /* STOP_ON_ERROR: 0, 1 created, 2 fails, 3 and 4 not executed */
    CHECK_ST(route_api->create_route_entries(N, r, counts, lists, STOP, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == 0 && st[2] == INVALID_ATTR_VALUE(0));
    CHECK(st[3] == SAI_STATUS_NOT_EXECUTED && st[4] == SAI_STATUS_NOT_EXECUTED);
    uint32_t n;
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &n), SAI_STATUS_SUCCESS);
    CHECK(n == 2);

    /* IGNORE_ERROR: 0, 1 exist now, 2 fails, 3 and 4 are created */
    CHECK_ST(route_api->create_route_entries(N, r, counts, lists, IGNORE, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == SAI_STATUS_ITEM_ALREADY_EXISTS && st[1] == SAI_STATUS_ITEM_ALREADY_EXISTS);
    CHECK(st[2] == INVALID_ATTR_VALUE(0) && st[3] == 0 && st[4] == 0);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &n), SAI_STATUS_SUCCESS);
    CHECK(n == 4);

    attrs[2] = a_oid(2, nh);
    CHECK_ST(route_api->create_route_entries(1, &r[2], counts, lists, STOP, st), SAI_STATUS_SUCCESS);
    CHECK(st[0] == 0);

    /* bulk set: one attribute per entry */
    sai_attribute_t sets[N];
    for (int i = 0; i < N; i++) sets[i] = a_u32(3, 100 + i);
    sets[1] = a_s32(4, 0); /* READ_ONLY */
    CHECK_ST(route_api->set_route_entries_attribute(N, r, sets, STOP, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == INVALID_ATTRIBUTE(0) && st[2] == SAI_STATUS_NOT_EXECUTED && st[4] == SAI_STATUS_NOT_EXECUTED);
    CHECK_ST(route_api->set_route_entries_attribute(N, r, sets, IGNORE, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == INVALID_ATTRIBUTE(0) && st[2] == 0 && st[3] == 0 && st[4] == 0);
    sai_attribute_t g = a_get(3);
    CHECK_ST(route_api->get_route_entry_attribute(&r[4], 1, &g), SAI_STATUS_SUCCESS);
    CHECK(g.value.u32 == 104);
    CHECK_ST(route_api->get_route_entry_attribute(&r[2], 1, &g), SAI_STATUS_SUCCESS);
    CHECK(g.value.u32 == 102);
    CHECK_ST(route_api->get_route_entry_attribute(&r[1], 1, &g), SAI_STATUS_SUCCESS);
    CHECK(g.value.u32 == 0);

    /* bulk get: per-entry statuses, the single get's values */
    {
        enum { M = 6 };
        sai_route_entry_t ge[M] = { r[0], r[1], route4(sw, d->vr, IP4(98, 0, 0, 0), 8), r[2], r[3], r[4] };
        sai_attribute_t slots[M][2];
        sai_attribute_t *gl[M];
        uint32_t gc[M];
        sai_status_t gs[M];
        for (int i = 0; i < M; i++) {
            slots[i][0] = a_get(2);
            slots[i][1] = a_get(3);
            gl[i] = slots[i];
            gc[i] = 2;
        }
        CHECK_ST(route_api->get_route_entries_attribute(M, ge, gc, gl, STOP, gs), SAI_STATUS_FAILURE);
        CHECK(gs[0] == 0 && gs[1] == 0 && gs[2] == SAI_STATUS_ITEM_NOT_FOUND);
        CHECK(gs[3] == SAI_STATUS_NOT_EXECUTED && gs[4] == SAI_STATUS_NOT_EXECUTED && gs[5] == SAI_STATUS_NOT_EXECUTED);
        CHECK(slots[0][0].value.oid == nh && slots[0][1].value.u32 == 100 && slots[1][1].value.u32 == 0);
        CHECK_ST(route_api->get_route_entries_attribute(M, ge, gc, gl, IGNORE, gs), SAI_STATUS_FAILURE);
        CHECK(gs[0] == 0 && gs[1] == 0 && gs[2] == SAI_STATUS_ITEM_NOT_FOUND && gs[3] == 0 && gs[4] == 0 && gs[5] == 0);
        CHECK(slots[3][0].value.oid == nh && slots[3][1].value.u32 == 102 && slots[5][1].value.u32 == 104);
        /* an unknown attribute fails its entry alone, with the attribute's index */
        slots[4][1] = a_get(999);
        gc[1] = 0; /* no attributes: an existence check */
        CHECK_ST(route_api->get_route_entries_attribute(M, ge, gc, gl, IGNORE, gs), SAI_STATUS_FAILURE);
        CHECK(gs[0] == 0 && gs[1] == 0 && gs[2] == SAI_STATUS_ITEM_NOT_FOUND && gs[3] == 0);
        CHECK(gs[4] == UNKNOWN_ATTRIBUTE(1) && gs[5] == 0);
        /* all present: SUCCESS */
        CHECK_ST(route_api->get_route_entries_attribute(2, ge, gc, gl, STOP, gs), SAI_STATUS_SUCCESS);
        CHECK(gs[0] == 0 && gs[1] == 0);
        /* bad arguments; an entry with attr_count > 0 and a NULL list fails alone */
        CHECK_ST(route_api->get_route_entries_attribute(0, NULL, NULL, NULL, STOP, NULL), SAI_STATUS_SUCCESS);
        CHECK_ST(route_api->get_route_entries_attribute(M, NULL, gc, gl, STOP, gs), SAI_STATUS_INVALID_PARAMETER);
        CHECK_ST(route_api->get_route_entries_attribute(M, ge, NULL, gl, STOP, gs), SAI_STATUS_INVALID_PARAMETER);
        CHECK_ST(route_api->get_route_entries_attribute(M, ge, gc, NULL, STOP, gs), SAI_STATUS_INVALID_PARAMETER);
        CHECK_ST(route_api->get_route_entries_attribute(M, ge, gc, gl, STOP, NULL), SAI_STATUS_INVALID_PARAMETER);
        CHECK_ST(route_api->get_route_entries_attribute(M, ge, gc, gl, 7, gs), SAI_STATUS_INVALID_PARAMETER);
        gl[0] = NULL;
        CHECK_ST(route_api->get_route_entries_attribute(2, ge, gc, gl, IGNORE, gs), SAI_STATUS_FAILURE);
        CHECK(gs[0] == SAI_STATUS_INVALID_PARAMETER && gs[1] == 0);
    }

    /* the next hop is in use by the routes */
    CHECK_ST(nh_api->remove_next_hop(nh), SAI_STATUS_OBJECT_IN_USE);

    /* bulk remove: STOP_ON_ERROR stops at a missing entry */
    sai_route_entry_t rm[N] = { r[0], route4(sw, d->vr, IP4(99, 0, 0, 0), 8), r[1], r[2], r[3] };
    CHECK_ST(route_api->remove_route_entries(N, rm, STOP, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_ITEM_NOT_FOUND && st[2] == SAI_STATUS_NOT_EXECUTED);
    CHECK(st[3] == SAI_STATUS_NOT_EXECUTED && st[4] == SAI_STATUS_NOT_EXECUTED);
    CHECK_ST(route_api->remove_route_entries(N, rm, IGNORE, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == SAI_STATUS_ITEM_NOT_FOUND && st[1] == SAI_STATUS_ITEM_NOT_FOUND && st[2] == 0 && st[3] == 0 && st[4] == 0);
    CHECK_ST(route_api->remove_route_entries(1, &r[4], STOP, st), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &n), SAI_STATUS_SUCCESS);
    CHECK(n == 0);

    /* bad arguments */
    CHECK_ST(route_api->create_route_entries(0, NULL, NULL, NULL, STOP, NULL), SAI_STATUS_SUCCESS);
    CHECK_ST(route_api->create_route_entries(N, r, counts, lists, 2, st), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->create_route_entries(N, NULL, counts, lists, STOP, st), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->create_route_entries(N, r, NULL, lists, STOP, st), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->create_route_entries(N, r, counts, NULL, STOP, st), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->create_route_entries(N, r, counts, lists, STOP, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->remove_route_entries(N, r, -1, st), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->remove_route_entries(N, NULL, STOP, st), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->set_route_entries_attribute(N, r, NULL, STOP, st), SAI_STATUS_INVALID_PARAMETER);
    /* an entry with attr_count > 0 and a NULL list fails alone */
    const sai_attribute_t *nulls[2] = { NULL, NULL };
    uint32_t c2[2] = { 0, 1 };
    CHECK_ST(route_api->create_route_entries(2, r, c2, nulls, IGNORE, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(route_api->remove_route_entries(1, r, STOP, st), SAI_STATUS_SUCCESS);
    CHECK_ST(nh_api->remove_next_hop(nh), SAI_STATUS_SUCCESS);
}

static void neighbors(const t_defaults *d, sai_object_id_t rif)
{
    sai_object_id_t sw = d->sw;
    enum { N = 4 };
    sai_neighbor_entry_t nb[N];
    uint32_t counts[N];
    sai_attribute_t attrs[N];
    const sai_attribute_t *lists[N];
    sai_status_t st[N];
    uint8_t mac[6] = { 0, 1, 2, 3, 4, 5 };
    for (int i = 0; i < N; i++) {
        nb[i] = nbr4(sw, rif, IP4(10, 60, 0, 1 + i));
        attrs[i] = a_mac(0, mac);
        counts[i] = 1;
        lists[i] = &attrs[i];
    }
    counts[1] = 0; /* missing DST_MAC_ADDRESS */
    CHECK_ST(nbr_api->create_neighbor_entries(N, nb, counts, lists, STOP, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING && st[2] == SAI_STATUS_NOT_EXECUTED && st[3] == SAI_STATUS_NOT_EXECUTED);
    CHECK_ST(nbr_api->create_neighbor_entries(N, nb, counts, lists, IGNORE, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == SAI_STATUS_ITEM_ALREADY_EXISTS && st[1] == SAI_STATUS_MANDATORY_ATTRIBUTE_MISSING && st[2] == 0 && st[3] == 0);
    sai_attribute_t sets[N] = { a_bool(3, true), a_bool(3, true), a_bool(3, true), a_bool(3, true) };
    CHECK_ST(nbr_api->set_neighbor_entries_attribute(N, nb, sets, STOP, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_ITEM_NOT_FOUND && st[2] == SAI_STATUS_NOT_EXECUTED);
    CHECK_ST(nbr_api->set_neighbor_entries_attribute(N, nb, sets, IGNORE, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_ITEM_NOT_FOUND && st[2] == 0 && st[3] == 0);
    sai_attribute_t g = a_get(3);
    CHECK_ST(nbr_api->get_neighbor_entry_attribute(&nb[3], 1, &g), SAI_STATUS_SUCCESS);
    CHECK(g.value.booldata == true);
    /* bulk get: nb[1] is missing; ENCAP_INDEX (6) has no value, as in the single get */
    {
        sai_attribute_t slots[N][2];
        sai_attribute_t *gl[N];
        uint32_t gc[N];
        for (int i = 0; i < N; i++) {
            slots[i][0] = a_get(0);
            slots[i][1] = a_get(3);
            gl[i] = slots[i];
            gc[i] = 2;
        }
        CHECK_ST(nbr_api->get_neighbor_entries_attribute(N, nb, gc, gl, STOP, st), SAI_STATUS_FAILURE);
        CHECK(st[0] == 0 && st[1] == SAI_STATUS_ITEM_NOT_FOUND && st[2] == SAI_STATUS_NOT_EXECUTED && st[3] == SAI_STATUS_NOT_EXECUTED);
        CHECK(memcmp(slots[0][0].value.mac, mac, 6) == 0 && slots[0][1].value.booldata == true);
        CHECK_ST(nbr_api->get_neighbor_entries_attribute(N, nb, gc, gl, IGNORE, st), SAI_STATUS_FAILURE);
        CHECK(st[0] == 0 && st[1] == SAI_STATUS_ITEM_NOT_FOUND && st[2] == 0 && st[3] == 0);
        CHECK(memcmp(slots[3][0].value.mac, mac, 6) == 0 && slots[3][1].value.booldata == true);
        /* each entry answers what its single get answers (values and status) */
        slots[2][1] = a_get(6);
        slots[3][1] = a_get(4);
        CHECK_ST(nbr_api->get_neighbor_entries_attribute(N, nb, gc, gl, IGNORE, st), SAI_STATUS_FAILURE);
        for (int i = 0; i < N; i++) {
            sai_attribute_t one[2] = { a_get(slots[i][0].id), a_get(slots[i][1].id) };
            CHECK(nbr_api->get_neighbor_entry_attribute(&nb[i], 2, one) == st[i]);
            if (st[i] == 0) CHECK(memcmp(&one[1].value, &slots[i][1].value, sizeof one[1].value) == 0);
        }
    }
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(nbr_api->remove_neighbor_entries(N, nb, STOP, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_ITEM_NOT_FOUND && st[2] == SAI_STATUS_NOT_EXECUTED && st[3] == SAI_STATUS_NOT_EXECUTED);
    CHECK_ST(nbr_api->remove_neighbor_entries(N, nb, IGNORE, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == SAI_STATUS_ITEM_NOT_FOUND && st[1] == SAI_STATUS_ITEM_NOT_FOUND && st[2] == 0 && st[3] == 0);
}

static void members(const t_defaults *d, sai_object_id_t rif)
{
    sai_object_id_t sw = d->sw;
    enum { N = 4 };
    sai_object_id_t nhg = mk_nhg(sw);
    sai_object_id_t nh[N];
    sai_attribute_t attrs[N][2];
    const sai_attribute_t *lists[N];
    uint32_t counts[N];
    sai_object_id_t ids[N];
    sai_status_t st[N];
    for (int i = 0; i < N; i++) {
        nh[i] = mk_nh(sw, rif, IP4(10, 70, 0, 1 + i));
        attrs[i][0] = a_oid(0, nhg);
        attrs[i][1] = a_oid(1, nh[i]);
        counts[i] = 2;
        lists[i] = attrs[i];
    }
    attrs[1][1] = a_oid(1, rif); /* wrong type */
    CHECK_ST(nhg_api->create_next_hop_group_members(sw, N, counts, lists, STOP, ids, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_INVALID_OBJECT_ID && st[2] == SAI_STATUS_NOT_EXECUTED && st[3] == SAI_STATUS_NOT_EXECUTED);
    CHECK(sai_object_type_query(ids[0]) == SAI_OBJECT_TYPE_NEXT_HOP_GROUP_MEMBER && ids[1] == 0 && ids[2] == 0 && ids[3] == 0);
    sai_object_id_t first = ids[0];
    CHECK_ST(nhg_api->create_next_hop_group_members(sw, N, counts, lists, IGNORE, ids, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_INVALID_OBJECT_ID && st[2] == 0 && st[3] == 0);
    CHECK(ids[0] != first && ids[1] == 0 && ids[2] != 0 && ids[3] != 0);
    /* members in creation order */
    sai_object_id_t ml[8];
    sai_attribute_t g[2] = { a_get(1), a_get(0) };
    g[0].value.objlist.count = 8;
    g[0].value.objlist.list = ml;
    CHECK_ST(nhg_api->get_next_hop_group_attribute(nhg, 2, g), SAI_STATUS_SUCCESS);
    CHECK(g[0].value.objlist.count == 4 && g[1].value.u32 == 4);
    CHECK(ml[0] == first && ml[1] == ids[0] && ml[2] == ids[2] && ml[3] == ids[3]);

    /* bulk set */
    sai_object_id_t set_ids[3] = { ids[2], ids[1] /* 0: missing */, ids[3] };
    sai_attribute_t sets[3] = { a_u32(2, 5), a_u32(2, 5), a_u32(2, 6) };
    CHECK_ST(nhg_api->set_next_hop_group_members_attribute(3, set_ids, sets, STOP, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_INVALID_OBJECT_ID && st[2] == SAI_STATUS_NOT_EXECUTED);
    CHECK_ST(nhg_api->set_next_hop_group_members_attribute(3, set_ids, sets, IGNORE, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_INVALID_OBJECT_ID && st[2] == 0);
    sai_attribute_t w = a_get(2);
    CHECK_ST(nhg_api->get_next_hop_group_member_attribute(ids[3], 1, &w), SAI_STATUS_SUCCESS);
    CHECK(w.value.u32 == 6);

    /* bulk remove */
    sai_object_id_t rm[N] = { first, ids[1], ids[0], ids[2] };
    CHECK_ST(nhg_api->remove_next_hop_group_members(N, rm, STOP, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == SAI_STATUS_INVALID_OBJECT_ID && st[2] == SAI_STATUS_NOT_EXECUTED && st[3] == SAI_STATUS_NOT_EXECUTED);
    CHECK_ST(nhg_api->remove_next_hop_group_members(N, rm, IGNORE, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == SAI_STATUS_INVALID_OBJECT_ID && st[1] == SAI_STATUS_INVALID_OBJECT_ID && st[2] == 0 && st[3] == 0);
    CHECK_ST(nhg_api->remove_next_hop_group(nhg), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(nhg_api->remove_next_hop_group_members(1, &ids[3], STOP, st), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group(nhg), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->create_next_hop_group_members(sw, N, counts, lists, 5, ids, st), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(nhg_api->create_next_hop_group_members(sw, N, counts, lists, STOP, NULL, st), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(nhg_api->remove_next_hop_group_members(N, NULL, STOP, st), SAI_STATUS_INVALID_PARAMETER);
    for (int i = 0; i < N; i++) CHECK_ST(nh_api->remove_next_hop(nh[i]), SAI_STATUS_SUCCESS);
}

void test_bulk(void)
{
    t_init();
    sai_object_id_t sw = t_switch();
    t_defaults d;
    t_read_defaults(sw, &d);
    sai_object_id_t rif = mk_rif_port(sw, d.vr, d.ports[7]);
    routes(&d, mk_nh(sw, rif, IP4(10, 0, 0, 1)));
    neighbors(&d, rif);
    members(&d, rif);
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    t_uninit();
}
