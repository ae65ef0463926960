/*
 * Vendor quirk modes (profile key SAI_VS_QUIRKS): what real libsais answer that the strict mode never
 * does, one mode at a time, and sai_query_attribute_capability.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"

static char qdir[64];

/** A fresh library and switch in quirk mode `quirks` (ports 4); 0 when create_switch failed. */
static sai_object_id_t open_quirks(const char *quirks, t_defaults *d)
{
    prof_clear();
    prof_set("SAI_VS_QUIRKS", quirks);
    prof_set("SAI_VS_PORT_COUNT", "4");
    t_init();
    sai_object_id_t sw = t_switch();
    memset(d, 0, sizeof *d);
    if (sw) t_read_defaults(sw, d);
    return sw;
}

static void get_plain_status(void)
{
    t_defaults d;
    sai_object_id_t sw = open_quirks("get-plain-status", &d);
    sai_object_id_t rif = mk_rif_port(sw, d.vr, d.ports[0]);
    sai_object_id_t nh = mk_nh(sw, rif, IP4(10, 0, 0, 1));
    sai_route_entry_t r = route4(sw, d.vr, IP4(10, 1, 0, 0), 16);
    sai_attribute_t nha = a_oid(2, nh);
    CHECK_ST(route_api->create_route_entry(&r, 1, &nha), SAI_STATUS_SUCCESS);
    /* PACKET_ACTION was never set (its SAI default does not count): the whole get fails, without index */
    sai_attribute_t g[3] = { a_get(0), a_get(2), a_get(3) };
    CHECK_ST(route_api->get_route_entry_attribute(&r, 3, g), SAI_STATUS_NOT_IMPLEMENTED);
    CHECK_ST(route_api->get_route_entry_attribute(&r, 1, &g[1]), SAI_STATUS_SUCCESS);
    CHECK(g[1].value.oid == nh);
    /* computed read-only attributes still answer */
    sai_attribute_t fam = a_get(4);
    CHECK_ST(route_api->get_route_entry_attribute(&r, 1, &fam), SAI_STATUS_SUCCESS);
    /* once set, it answers */
    sai_attribute_t pa = a_s32(0, 1);
    CHECK_ST(route_api->set_route_entry_attribute(&r, &pa), SAI_STATUS_SUCCESS);
    sai_attribute_t g2[2] = { a_get(0), a_get(2) };
    CHECK_ST(route_api->get_route_entry_attribute(&r, 2, g2), SAI_STATUS_SUCCESS);
    /* a PORT router interface's VLAN_ID: the condition does not hold, INVALID_ATTRIBUTE + i */
    sai_attribute_t rg[2] = { a_get(1), a_get(3) };
    CHECK_ST(rif_api->get_router_interface_attribute(rif, 2, rg), INVALID_ATTRIBUTE(1));
    /* bulk get answers per entry as the single get */
    sai_route_entry_t rs[2] = { r, route4(sw, d.vr, IP4(10, 2, 0, 0), 16) };
    CHECK_ST(route_api->create_route_entry(&rs[1], 1, &nha), SAI_STATUS_SUCCESS);
    uint32_t counts[2] = { 2, 2 };
    sai_attribute_t l0[2] = { a_get(0), a_get(2) }, l1[2] = { a_get(0), a_get(2) };
    sai_attribute_t *lists[2] = { l0, l1 };
    sai_status_t st[2];
    CHECK_ST(route_api->get_route_entries_attribute(2, rs, counts, lists, SAI_BULK_OP_ERROR_MODE_IGNORE_ERROR, st),
             SAI_STATUS_FAILURE);
    CHECK(st[0] == SAI_STATUS_SUCCESS && st[1] == SAI_STATUS_NOT_IMPLEMENTED);
    t_uninit();
}

static void no_object_keys_and_bulk_get(void)
{
    t_defaults d;
    sai_object_id_t sw = open_quirks("no-object-keys,no-bulk-get", &d);
    uint32_t n = 7;
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_PORT, &n), SAI_STATUS_NOT_IMPLEMENTED);
    sai_object_key_t keys[4];
    n = 4;
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_PORT, &n, keys), SAI_STATUS_NOT_IMPLEMENTED);
    sai_route_entry_t r = route4(sw, d.vr, IP4(10, 1, 0, 0), 16);
    sai_attribute_t drop = a_s32(0, 0);
    CHECK_ST(route_api->create_route_entry(&r, 1, &drop), SAI_STATUS_SUCCESS);
    uint32_t count = 1;
    sai_attribute_t l0 = a_get(0);
    sai_attribute_t *lists[1] = { &l0 };
    sai_status_t st[1] = { 12345 };
    CHECK_ST(route_api->get_route_entries_attribute(1, &r, &count, lists, SAI_BULK_OP_ERROR_MODE_IGNORE_ERROR, st),
             SAI_STATUS_NOT_IMPLEMENTED);
    CHECK(st[0] == 12345); /* statuses untouched: the call failed as a whole */
    t_uninit();
}

static void bulk_validate_first(void)
{
    t_defaults d;
    sai_object_id_t sw = open_quirks("bulk-validate-first", &d);
    sai_route_entry_t r[4];
    for (int i = 0; i < 4; i++) r[i] = route4(sw, d.vr, IP4(10, i, 0, 0), 16);
    sai_attribute_t drop = a_s32(0, 0);
    CHECK_ST(route_api->create_route_entry(&r[2], 1, &drop), SAI_STATUS_SUCCESS);
    uint32_t counts[4] = { 1, 1, 1, 1 };
    const sai_attribute_t *lists[4] = { &drop, &drop, &drop, &drop };
    sai_status_t st[4];
    CHECK_ST(route_api->create_route_entries(4, r, counts, lists, SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR, st),
             SAI_STATUS_FAILURE);
    CHECK(st[0] == SAI_STATUS_NOT_EXECUTED && st[1] == SAI_STATUS_NOT_EXECUTED);
    CHECK(st[2] == SAI_STATUS_ITEM_ALREADY_EXISTS && st[3] == SAI_STATUS_NOT_EXECUTED);
    /* nothing was executed */
    sai_attribute_t g = a_get(0);
    CHECK_ST(route_api->get_route_entry_attribute(&r[0], 1, &g), SAI_STATUS_ITEM_NOT_FOUND);
    /* IGNORE_ERROR: every entry tried */
    CHECK_ST(route_api->create_route_entries(4, r, counts, lists, SAI_BULK_OP_ERROR_MODE_IGNORE_ERROR, st),
             SAI_STATUS_FAILURE);
    CHECK(st[0] == 0 && st[1] == 0 && st[2] == SAI_STATUS_ITEM_ALREADY_EXISTS && st[3] == 0);
    /* remove and set validate first too */
    sai_route_entry_t gone = route4(sw, d.vr, IP4(11, 0, 0, 0), 16);
    sai_route_entry_t rm[3] = { r[0], gone, r[1] };
    CHECK_ST(route_api->remove_route_entries(3, rm, SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR, st), SAI_STATUS_FAILURE);
    CHECK(st[0] == SAI_STATUS_NOT_EXECUTED && st[1] == SAI_STATUS_ITEM_NOT_FOUND && st[2] == SAI_STATUS_NOT_EXECUTED);
    CHECK_ST(route_api->get_route_entry_attribute(&r[0], 1, &g), SAI_STATUS_SUCCESS);
    sai_attribute_t sets[3] = { a_s32(0, 1), a_s32(0, 1), a_s32(0, 77) };
    sai_route_entry_t st3[3] = { r[0], r[1], r[3] };
    CHECK_ST(route_api->set_route_entries_attribute(3, st3, sets, SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR, st),
             SAI_STATUS_FAILURE);
    CHECK(st[0] == SAI_STATUS_NOT_EXECUTED && st[1] == SAI_STATUS_NOT_EXECUTED && st[2] == INVALID_ATTR_VALUE(0));
    CHECK_ST(route_api->get_route_entry_attribute(&r[0], 1, &g), SAI_STATUS_SUCCESS);
    CHECK(g.value.s32 == 0); /* still DROP */
    t_uninit();
}

static long file_size_of(const char *path)
{
    struct stat s;
    return stat(path, &s) == 0 ? (long)s.st_size : -1;
}

static void warm_write_at_uninit(void)
{
    char wf[128], rf[128];
    snprintf(wf, sizeof wf, "%s/w.bin", qdir);
    snprintf(rf, sizeof rf, "%s/missing.bin", qdir);
    t_defaults d;
    sai_object_id_t sw = open_quirks("warm-write-at-uninit", &d);
    prof_set("SAI_WARM_BOOT_WRITE_FILE", wf);
    sai_route_entry_t r = route4(sw, d.vr, IP4(10, 1, 0, 0), 16);
    sai_attribute_t drop = a_s32(0, 0);
    CHECK_ST(route_api->create_route_entry(&r, 1, &drop), SAI_STATUS_SUCCESS);
    sai_attribute_t warm = a_bool(SAI_SWITCH_ATTR_RESTART_WARM, true);
    CHECK_ST(sw_api->set_switch_attribute(sw, &warm), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    /* removed, but nothing written yet; the switch answers no call */
    CHECK(file_size_of(wf) < 0);
    sai_attribute_t g = a_get(0);
    CHECK_ST(route_api->get_route_entry_attribute(&r, 1, &g), SAI_STATUS_UNINITIALIZED);
    CHECK(sai_object_type_query(d.vr) == SAI_OBJECT_TYPE_NULL);
    t_uninit();
    CHECK(file_size_of(wf) > 0);
    /* the file restores */
    prof_set("SAI_BOOT_TYPE", "1");
    prof_set("SAI_WARM_BOOT_READ_FILE", wf);
    t_init();
    sai_object_id_t again = t_switch();
    CHECK(again == sw);
    CHECK_ST(route_api->get_route_entry_attribute(&r, 1, &g), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    t_uninit();
    /* a warm start that fails: the write file is truncated when the library is uninitialized */
    CHECK(file_size_of(wf) > 0);
    prof_set("SAI_WARM_BOOT_READ_FILE", rf);
    t_init();
    sai_object_id_t none = 0;
    sai_attribute_t init = a_bool(SAI_SWITCH_ATTR_INIT_SWITCH, true);
    CHECK_ST(sw_api->create_switch(&none, 1, &init), SAI_STATUS_INVALID_NV_STORAGE);
    CHECK(file_size_of(wf) > 0);
    t_uninit();
    CHECK(file_size_of(wf) == 0);
    prof_clear();
}

static void vendor_keys(void)
{
    t_defaults d;
    prof_clear();
    prof_set("SAI_VS_QUIRKS", "vendor-keys");
    prof_set("SAI_VS_PORT_COUNT", "4");
    t_init();
    sai_object_id_t sw = 0;
    sai_attribute_t init = a_bool(SAI_SWITCH_ATTR_INIT_SWITCH, true);
    /* the vendor's key is required */
    CHECK_ST(sw_api->create_switch(&sw, 1, &init), SAI_STATUS_FAILURE);
    prof_set("SAI_VS_SWITCH_TYPE", "SAI_VS_SWITCH_TYPE_NPU32");
    sw = t_switch();
    t_read_defaults(sw, &d);
    /* ... and the port count comes from it, not from the profile */
    CHECK(d.nports == 32);
    t_uninit();
    /* an unknown quirk name */
    prof_set("SAI_VS_QUIRKS", "get-plain-status,no-such-quirk");
    t_init();
    CHECK_ST(sw_api->create_switch(&sw, 1, &init), SAI_STATUS_INVALID_PARAMETER);
    t_uninit();
    prof_clear();
}

static void stale_ro_lists(void)
{
    t_defaults d;
    sai_object_id_t sw = open_quirks("stale-ro-lists", &d);
    sai_object_id_t rif = mk_rif_port(sw, d.vr, d.ports[0]);
    sai_object_id_t nh = mk_nh(sw, rif, IP4(10, 0, 0, 1));
    sai_object_id_t g = mk_nhg(sw);
    sai_object_id_t m = mk_nhgm(sw, g, nh, 1);
    sai_object_id_t list[4];
    sai_attribute_t a[2] = { a_get(1), a_get(0) };
    a[0].value.objlist.count = 4;
    a[0].value.objlist.list = list;
    CHECK_ST(nhg_api->get_next_hop_group_attribute(g, 2, a), SAI_STATUS_SUCCESS);
    CHECK(a[0].value.objlist.count == 0 && a[1].value.u32 == 0);
    /* the member itself still knows its group */
    sai_attribute_t mg = a_get(0);
    CHECK_ST(nhg_api->get_next_hop_group_member_attribute(m, 1, &mg), SAI_STATUS_SUCCESS);
    CHECK(mg.value.oid == g);
    t_uninit();
}

static void capability(void)
{
    t_defaults d;
    sai_object_id_t sw = open_quirks(NULL, &d);
    sai_attr_capability_t c;
    memset(&c, 0x55, sizeof c);
    CHECK_ST(sai_query_attribute_capability(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, 2, &c), SAI_STATUS_SUCCESS);
    CHECK(c.create_implemented && c.set_implemented && c.get_implemented);
    CHECK_ST(sai_query_attribute_capability(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, 4, &c), SAI_STATUS_SUCCESS);
    CHECK(!c.create_implemented && !c.set_implemented && c.get_implemented);
    CHECK_ST(sai_query_attribute_capability(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, 999, &c), SAI_STATUS_NOT_SUPPORTED);
    CHECK_ST(sai_query_attribute_capability(sw, 999, 0, &c), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sai_query_attribute_capability(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, 2, NULL), SAI_STATUS_INVALID_PARAMETER);
    CHECK_ST(sai_query_attribute_capability(sw + 1, SAI_OBJECT_TYPE_ROUTE_ENTRY, 2, &c), SAI_STATUS_INVALID_OBJECT_ID);
    t_uninit();
    prof_clear();
}

void test_quirks(void)
{
    snprintf(qdir, sizeof qdir, "/tmp/saivs-quirks-XXXXXX");
    CHECK(mkdtemp(qdir) != NULL);
    get_plain_status();
    no_object_keys_and_bulk_get();
    bulk_validate_first();
    warm_write_at_uninit();
    vendor_keys();
    stale_ro_lists();
    capability();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", qdir);
    CHECK(system(cmd) == 0);
}
