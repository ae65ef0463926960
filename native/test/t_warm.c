/* Warm restart: RESTART_WARM + remove_switch writes, SAI_BOOT_TYPE=1 + create_switch restores. */
#include <stdlib.h>
#include <unistd.h>

#include "t.h"

static char dir[64];
static char file1[128], file2[128];

typedef struct world {
    t_defaults d;
    sai_object_id_t rif, lo, nh[4], nhg, m[4], vlan, bp, vm, lag, lm, vr2;
    sai_route_entry_t routes[300];
    int nroutes;
    sai_neighbor_entry_t nb;
    sai_fdb_entry_t fdb;
} world;

static void build(world *w)
{
    t_defaults *d = &w->d;
    sai_object_id_t sw = d->sw;
    w->rif = mk_rif_port(sw, d->vr, d->ports[2]);
    w->vr2 = mk_vr(sw);
    sai_attribute_t lo[3] = { a_oid(0, w->vr2), a_s32(1, 2), a_chardata(23, "loopback0") };
    CHECK_ST(rif_api->create_router_interface(&w->lo, sw, 3, lo), SAI_STATUS_SUCCESS);
    w->nhg = mk_nhg(sw);
    for (int i = 0; i < 4; i++) {
        w->nh[i] = mk_nh(sw, w->rif, IP4(10, 0, 0, 1 + i));
        w->m[i] = mk_nhgm(sw, w->nhg, w->nh[i], 1 + i);
    }
    sai_attribute_t wgt = a_u32(2, 10);
    CHECK_ST(nhg_api->set_next_hop_group_member_attribute(w->m[1], &wgt), SAI_STATUS_SUCCESS); /* order 0,2,3,1 */
    w->nroutes = 300;
    for (int i = 0; i < w->nroutes; i++) {
        if (i % 3 == 2) {
            uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, (uint8_t)(i >> 8), (uint8_t)i };
            sai_route_entry_t r = { sw, i % 2 ? w->vr2 : d->vr, pfx6(v6, 48) };
            w->routes[i] = r;
        } else {
            w->routes[i] = route4(sw, i % 2 ? w->vr2 : d->vr, IP4(100, i >> 8, i & 0xff, 0), 24);
        }
        sai_attribute_t a[2] = { a_oid(2, i % 2 ? w->nhg : w->nh[i % 4]), a_u32(3, (uint32_t)i) };
        CHECK_ST(route_api->create_route_entry(&w->routes[i], 2, a), SAI_STATUS_SUCCESS);
    }
    w->nb = nbr4(sw, w->rif, IP4(10, 0, 0, 1));
    uint8_t mac[6] = { 0, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
    sai_attribute_t na[2] = { a_mac(0, mac), a_bool(3, true) };
    CHECK_ST(nbr_api->create_neighbor_entry(&w->nb, 2, na), SAI_STATUS_SUCCESS);
    sai_attribute_t vid = a_u16(0, 42);
    CHECK_ST(vlan_api->create_vlan(&w->vlan, sw, 1, &vid), SAI_STATUS_SUCCESS);
    sai_attribute_t bpa[2] = { a_s32(0, 0), a_oid(1, d->ports[3]) };
    CHECK_ST(bridge_api->create_bridge_port(&w->bp, sw, 2, bpa), SAI_STATUS_SUCCESS);
    sai_attribute_t vma[2] = { a_oid(0, w->vlan), a_oid(1, w->bp) };
    CHECK_ST(vlan_api->create_vlan_member(&w->vm, sw, 2, vma), SAI_STATUS_SUCCESS);
    memset(&w->fdb, 0, sizeof w->fdb);
    w->fdb.switch_id = sw;
    memcpy(w->fdb.mac_address, mac, 6);
    w->fdb.bv_id = w->vlan;
    sai_attribute_t fa[2] = { a_s32(0, 1), a_oid(3, w->bp) };
    CHECK_ST(fdb_api->create_fdb_entry(&w->fdb, 2, fa), SAI_STATUS_SUCCESS);
    CHECK_ST(lag_api->create_lag(&w->lag, sw, 0, NULL), SAI_STATUS_SUCCESS);
    sai_attribute_t lma[2] = { a_oid(0, w->lag), a_oid(1, d->ports[4]) };
    CHECK_ST(lag_api->create_lag_member(&w->lm, sw, 2, lma), SAI_STATUS_SUCCESS);
    /* a removed init port stays removed after the restore */
    CHECK_ST(port_api->remove_port(d->ports[31]), SAI_STATUS_SUCCESS);
    uint8_t smac[6] = { 2, 0, 0, 0, 0, 0x42 };
    sai_attribute_t sm = a_mac(83, smac);
    CHECK_ST(sw_api->set_switch_attribute(sw, &sm), SAI_STATUS_SUCCESS);
}

static uint32_t count_of(sai_object_id_t sw, sai_object_type_t t)
{
    uint32_t n = 0;
    CHECK_ST(sai_get_object_count(sw, t, &n), SAI_STATUS_SUCCESS);
    return n;
}

static void verify(const world *w, bool restart_warm)
{
    const t_defaults *d = &w->d;
    sai_object_id_t sw = d->sw;
    t_defaults now;
    t_read_defaults(sw, &now);
    CHECK(now.vr == d->vr && now.cpu == d->cpu && now.bridge == d->bridge);
    CHECK(now.nports == d->nports - 1 && now.ports[0] == d->ports[0]);
    CHECK(sai_object_type_query(d->ports[31]) == SAI_OBJECT_TYPE_NULL);
    CHECK(sai_object_type_query(w->rif) == SAI_OBJECT_TYPE_ROUTER_INTERFACE);
    CHECK(sai_object_type_query(w->m[3]) == SAI_OBJECT_TYPE_NEXT_HOP_GROUP_MEMBER);
    CHECK(sai_object_type_query(w->lm) == SAI_OBJECT_TYPE_LAG_MEMBER);
    CHECK(count_of(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY) == (uint32_t)w->nroutes);
    CHECK(count_of(sw, SAI_OBJECT_TYPE_NEXT_HOP) == 4);
    CHECK(count_of(sw, SAI_OBJECT_TYPE_PORT) == d->nports); /* CPU + 31 */
    CHECK(count_of(sw, SAI_OBJECT_TYPE_NEIGHBOR_ENTRY) == 1);
    CHECK(count_of(sw, SAI_OBJECT_TYPE_FDB_ENTRY) == 1);
    /* attributes */
    for (int i = 0; i < w->nroutes; i++) {
        sai_attribute_t a[3] = { a_get(2), a_get(3), a_get(4) };
        CHECK_ST(route_api->get_route_entry_attribute(&w->routes[i], 3, a), SAI_STATUS_SUCCESS);
        CHECK(a[0].value.oid == (i % 2 ? w->nhg : w->nh[i % 4]) && a[1].value.u32 == (uint32_t)i);
        CHECK(a[2].value.s32 == (i % 3 == 2 ? SAI_IP_ADDR_FAMILY_IPV6 : SAI_IP_ADDR_FAMILY_IPV4));
    }
    sai_attribute_t lbl = a_get(23);
    CHECK_ST(rif_api->get_router_interface_attribute(w->lo, 1, &lbl), SAI_STATUS_SUCCESS);
    CHECK(strcmp(lbl.value.chardata, "loopback0") == 0);
    sai_attribute_t na[2] = { a_get(0), a_get(3) };
    CHECK_ST(nbr_api->get_neighbor_entry_attribute(&w->nb, 2, na), SAI_STATUS_SUCCESS);
    CHECK(na[0].value.mac[5] == 0xee && na[1].value.booldata == true);
    uint32_t lanes[4];
    sai_attribute_t pl = a_u32list(30, 4, lanes);
    CHECK_ST(port_api->get_port_attribute(d->ports[7], 1, &pl), SAI_STATUS_SUCCESS);
    CHECK(pl.value.u32list.count == 4 && lanes[0] == 29);
    sai_attribute_t sa[3] = { a_get(83), a_get(71), a_get(116) };
    CHECK_ST(sw_api->get_switch_attribute(sw, 3, sa), SAI_STATUS_SUCCESS);
    CHECK(sa[0].value.mac[5] == 0x42 && sa[1].value.booldata == restart_warm && sa[2].value.booldata == true);
    /* member order survives */
    sai_object_id_t ml[4];
    sai_attribute_t g = a_get(1);
    g.value.objlist.count = 4;
    g.value.objlist.list = ml;
    CHECK_ST(nhg_api->get_next_hop_group_attribute(w->nhg, 1, &g), SAI_STATUS_SUCCESS);
    CHECK(g.value.objlist.count == 4 && ml[0] == w->m[0] && ml[1] == w->m[2] && ml[2] == w->m[3] && ml[3] == w->m[1]);
    sai_object_id_t lp[2];
    sai_attribute_t lpl = a_get(0);
    lpl.value.objlist.count = 2;
    lpl.value.objlist.list = lp;
    CHECK_ST(lag_api->get_lag_attribute(w->lag, 1, &lpl), SAI_STATUS_SUCCESS);
    CHECK(lpl.value.objlist.count == 1 && lp[0] == w->lm);
    /* reference counts survive */
    CHECK_ST(nh_api->remove_next_hop(w->nh[0]), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(nhg_api->remove_next_hop_group(w->nhg), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(rif_api->remove_router_interface(w->rif), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(vr_api->remove_virtual_router(w->vr2), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(bridge_api->remove_bridge_port(w->bp), SAI_STATUS_OBJECT_IN_USE);
    CHECK_ST(vr_api->remove_virtual_router(d->vr), SAI_STATUS_INVALID_PARAMETER);
    /* KEY values survive */
    sai_object_id_t x = 0;
    sai_attribute_t vid = a_u16(0, 42);
    CHECK_ST(vlan_api->create_vlan(&x, sw, 1, &vid), SAI_STATUS_ITEM_ALREADY_EXISTS);
    uint32_t l1[4] = { 1, 2, 3, 4 };
    sai_attribute_t pa[2] = { a_u32list(30, 4, l1), a_u32(31, 100000) };
    CHECK_ST(port_api->create_port(&x, sw, 2, pa), SAI_STATUS_ITEM_ALREADY_EXISTS);
    /* entries exist */
    CHECK_ST(route_api->create_route_entry(&w->routes[0], 0, NULL), SAI_STATUS_ITEM_ALREADY_EXISTS);
}

static void set_warm_profile(const char *read, const char *write)
{
    prof_set("SAI_BOOT_TYPE", read ? "1" : "0");
    prof_set("SAI_WARM_BOOT_READ_FILE", read);
    prof_set("SAI_WARM_BOOT_WRITE_FILE", write);
}

static void warm_shutdown(sai_object_id_t sw)
{
    sai_attribute_t pre = a_bool(SAI_SWITCH_ATTR_PRE_SHUTDOWN, true);
    CHECK_ST(sw_api->set_switch_attribute(sw, &pre), SAI_STATUS_SUCCESS);
    sai_attribute_t warm = a_bool(SAI_SWITCH_ATTR_RESTART_WARM, true);
    CHECK_ST(sw_api->set_switch_attribute(sw, &warm), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
}

static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

static void corrupt_copy(const char *src, const char *dst, long offset, uint8_t xor_mask, long truncate_to)
{
    FILE *in = fopen(src, "rb");
    FILE *out = fopen(dst, "wb");
    CHECK(in && out);
    if (!in || !out) return;
    long pos = 0;
    int c;
    while ((c = fgetc(in)) != EOF) {
        if (truncate_to >= 0 && pos >= truncate_to) break;
        if (pos == offset) c ^= xor_mask;
        fputc(c, out);
        pos++;
    }
    fclose(in);
    fclose(out);
}

static void bad_files(sai_object_id_t expected_sw)
{
    char bad[160];
    snprintf(bad, sizeof bad, "%s/bad.bin", dir);
    sai_object_id_t sw = 0;
    sai_attribute_t init = a_bool(SAI_SWITCH_ATTR_INIT_SWITCH, true);
    /* a missing file, or none named: INVALID_NV_STORAGE, as the fake */
    set_warm_profile("/nonexistent/dir/warm.bin", NULL);
    CHECK_ST(sw_api->create_switch(&sw, 1, &init), SAI_STATUS_INVALID_NV_STORAGE);
    set_warm_profile(NULL, NULL);
    prof_set("SAI_BOOT_TYPE", "1");
    CHECK_ST(sw_api->create_switch(&sw, 1, &init), SAI_STATUS_INVALID_NV_STORAGE);
    /* bad magic, version, checksum, truncation */
    struct { long offset; uint8_t mask; long trunc; sai_status_t want; } cases[] = {
        { 0, 0xff, -1, SAI_STATUS_INVALID_NV_STORAGE },
        { 8, 0x02, -1, SAI_STATUS_INVALID_NV_STORAGE }, /* another format version */
        { 100, 0x10, -1, SAI_STATUS_INVALID_NV_STORAGE },
        { 30, 0x01, -1, SAI_STATUS_INVALID_NV_STORAGE },
        { -1, 0, 1000, SAI_STATUS_INVALID_NV_STORAGE },
        { -1, 0, 20, SAI_STATUS_INVALID_NV_STORAGE },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        corrupt_copy(file1, bad, cases[i].offset, cases[i].mask, cases[i].trunc);
        set_warm_profile(bad, NULL);
        CHECK_ST(sw_api->create_switch(&sw, 1, &init), cases[i].want);
        CHECK(sai_object_type_query(expected_sw) == SAI_OBJECT_TYPE_NULL); /* nothing half-restored */
    }
    unlink(bad);
}

void test_warm(void)
{
    snprintf(dir, sizeof dir, "/tmp/saivs-test-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(file1, sizeof file1, "%s/warm1.bin", dir);
    snprintf(file2, sizeof file2, "%s/warm2.bin", dir);

    t_init();
    set_warm_profile(NULL, file1);
    world w;
    memset(&w, 0, sizeof w);
    sai_object_id_t sw = t_switch();
    t_read_defaults(sw, &w.d);
    build(&w);

    /* RESTART_WARM without a write file: INVALID_PARAMETER (the fake's), the switch stays;
     * a file that cannot be written: FAILURE */
    prof_set("SAI_WARM_BOOT_WRITE_FILE", NULL);
    sai_attribute_t warm = a_bool(SAI_SWITCH_ATTR_RESTART_WARM, true);
    CHECK_ST(sw_api->set_switch_attribute(sw, &warm), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_INVALID_PARAMETER);
    prof_set("SAI_WARM_BOOT_WRITE_FILE", "/nonexistent/dir/warm.bin");
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_FAILURE);
    CHECK(sai_object_type_query(sw) == SAI_OBJECT_TYPE_SWITCH);
    verify(&w, true);

    /* warm shutdown in the same process (no re-initialize) */
    prof_set("SAI_WARM_BOOT_WRITE_FILE", file1);
    warm_shutdown(sw);
    CHECK(file_size(file1) > 40);
    CHECK(sai_object_type_query(w.rif) == SAI_OBJECT_TYPE_NULL);
    bad_files(sw);

    /* warm boot: the same switch id, every object with its id */
    set_warm_profile(file1, file2);
    sai_object_id_t sw2 = t_switch();
    CHECK(sw2 == sw);
    verify(&w, false);
    /* new ids continue after the saved ones */
    sai_object_id_t vr3 = mk_vr(sw);
    CHECK((vr3 & 0xffffffffffffULL) > (w.lm & 0xffffffffffffULL));
    CHECK_ST(vr_api->remove_virtual_router(vr3), SAI_STATUS_SUCCESS);
    /* change something, then a second round trip across sai_api_uninitialize */
    CHECK_ST(route_api->remove_route_entry(&w.routes[299]), SAI_STATUS_SUCCESS);
    w.nroutes = 299;
    warm_shutdown(sw);
    t_uninit();
    set_warm_profile(file2, file1);
    t_init();
    sw2 = t_switch();
    CHECK(sw2 == sw);
    verify(&w, false);

    /* tear everything down through the API: the restored refcounts allow exactly this order */
    for (int i = 0; i < w.nroutes; i++) CHECK_ST(route_api->remove_route_entry(&w.routes[i]), SAI_STATUS_SUCCESS);
    CHECK_ST(nbr_api->remove_neighbor_entry(&w.nb), SAI_STATUS_SUCCESS);
    CHECK_ST(fdb_api->remove_fdb_entry(&w.fdb), SAI_STATUS_SUCCESS);
    for (int i = 0; i < 4; i++) CHECK_ST(nhg_api->remove_next_hop_group_member(w.m[i]), SAI_STATUS_SUCCESS);
    CHECK_ST(nhg_api->remove_next_hop_group(w.nhg), SAI_STATUS_SUCCESS);
    for (int i = 0; i < 4; i++) CHECK_ST(nh_api->remove_next_hop(w.nh[i]), SAI_STATUS_SUCCESS);
    CHECK_ST(rif_api->remove_router_interface(w.rif), SAI_STATUS_SUCCESS);
    CHECK_ST(rif_api->remove_router_interface(w.lo), SAI_STATUS_SUCCESS);
    CHECK_ST(vr_api->remove_virtual_router(w.vr2), SAI_STATUS_SUCCESS);
    CHECK_ST(vlan_api->remove_vlan_member(w.vm), SAI_STATUS_SUCCESS);
    CHECK_ST(vlan_api->remove_vlan(w.vlan), SAI_STATUS_SUCCESS);
    CHECK_ST(bridge_api->remove_bridge_port(w.bp), SAI_STATUS_SUCCESS);
    CHECK_ST(lag_api->remove_lag_member(w.lm), SAI_STATUS_SUCCESS);
    CHECK_ST(lag_api->remove_lag(w.lag), SAI_STATUS_SUCCESS);
    /* cold remove (RESTART_WARM was reset by the warm boot): no file written */
    unlink(file1);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    CHECK(file_size(file1) == -1);
    /* and a cold boot afterwards */
    set_warm_profile(NULL, NULL);
    sw2 = t_switch();
    CHECK(count_of(sw2, SAI_OBJECT_TYPE_PORT) == 33);
    CHECK(count_of(sw2, SAI_OBJECT_TYPE_ROUTE_ENTRY) == 0);
    CHECK_ST(sw_api->remove_switch(sw2), SAI_STATUS_SUCCESS);
    t_uninit();
    prof_clear();
    unlink(file1);
    unlink(file2);
    rmdir(dir);
}
