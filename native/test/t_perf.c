/*
 * Route table scale and timing: N routes (SAIVS_TEST_ROUTES, default 1,000,000; one in eight IPv6)
 * created one by one, enumerated, saved and restored through warm restart, removed one by one, then
 * created and removed in bulk. Prints the C time of each phase.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "t.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A phase's start: wall and CPU clocks (CPU time is what the library costs on a shared machine). */
typedef struct stamp {
    double wall, cpu;
} stamp;

static stamp now_s(void)
{
    stamp s = { clock_s(CLOCK_MONOTONIC), clock_s(CLOCK_PROCESS_CPUTIME_ID) };
    return s;
}

static void report(const char *what, uint32_t n, stamp t0)
{
    stamp t1 = now_s();
    double cpu = t1.cpu - t0.cpu;
    printf("perf: %-30s %8u routes  cpu %6.3f s (%5.0f ns/route)  wall %6.3f s\n", what, n, cpu,
           cpu * 1e9 / (n ? n : 1), t1.wall - t0.wall);
}

static void make_routes(sai_route_entry_t *r, uint32_t n, sai_object_id_t sw, sai_object_id_t vr)
{
    for (uint32_t i = 0; i < n; i++) {
        if (i % 8 == 7) {
            uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, (uint8_t)(i >> 24), (uint8_t)(i >> 16), (uint8_t)(i >> 8),
                               (uint8_t)i };
            r[i].switch_id = sw;
            r[i].vr_id = vr;
            r[i].destination = pfx6(v6, 64);
        } else {
            r[i] = route4(sw, vr, (0x010000u + i) << 8, 24);
        }
    }
}

void test_perf(void)
{
    const char *env = getenv("SAIVS_TEST_ROUTES");
    uint32_t n = env ? (uint32_t)strtoul(env, NULL, 10) : 1000000u;
    if (n == 0 || n > 16000000u) n = 1000000u;
    sai_route_entry_t *r = malloc((size_t)n * sizeof *r);
    sai_status_t *st = malloc((size_t)n * sizeof *st);
    uint32_t *counts = malloc((size_t)n * sizeof *counts);
    const sai_attribute_t **lists = malloc((size_t)n * sizeof *lists);
    sai_object_key_t *keys = malloc((size_t)n * sizeof *keys);
    CHECK(r && st && counts && lists && keys);
    if (!(r && st && counts && lists && keys)) return;

    char dir[64] = "/tmp/saivs-perf-XXXXXX", file[128];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(file, sizeof file, "%s/warm.bin", dir);
    prof_set("SAI_WARM_BOOT_WRITE_FILE", file);
    prof_set("SAI_WARM_BOOT_READ_FILE", file);

    t_init();
    sai_object_id_t sw = t_switch();
    t_defaults d;
    t_read_defaults(sw, &d);
    sai_object_id_t rif = mk_rif_port(sw, d.vr, d.ports[0]);
    sai_object_id_t nh = mk_nh(sw, rif, IP4(10, 0, 0, 1));
    make_routes(r, n, sw, d.vr);
    sai_attribute_t attr = a_oid(2, nh);

    /* one by one */
    stamp t0 = now_s();
    uint32_t failed = 0;
    for (uint32_t i = 0; i < n; i++) failed += route_api->create_route_entry(&r[i], 1, &attr) != SAI_STATUS_SUCCESS;
    report("create_route_entry", n, t0);
    CHECK(failed == 0);
    uint32_t count = 0;
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &count), SAI_STATUS_SUCCESS);
    CHECK(count == n);

    t0 = now_s();
    failed = 0;
    for (uint32_t i = 0; i < n; i++) {
        sai_attribute_t g = a_get(2);
        failed += route_api->get_route_entry_attribute(&r[i], 1, &g) != SAI_STATUS_SUCCESS || g.value.oid != nh;
    }
    report("get_route_entry_attribute", n, t0);
    CHECK(failed == 0);

    t0 = now_s();
    count = n;
    CHECK_ST(sai_get_object_key(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &count, keys), SAI_STATUS_SUCCESS);
    report("sai_get_object_key", n, t0);
    CHECK(count == n);

    /* warm shutdown and warm boot with the whole table */
    sai_attribute_t warm = a_bool(SAI_SWITCH_ATTR_RESTART_WARM, true);
    CHECK_ST(sw_api->set_switch_attribute(sw, &warm), SAI_STATUS_SUCCESS);
    t0 = now_s();
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    report("warm shutdown (write + free)", n, t0);
    prof_set("SAI_BOOT_TYPE", "1");
    t0 = now_s();
    sai_object_id_t sw2 = t_switch();
    report("warm boot (read + restore)", n, t0);
    prof_set("SAI_BOOT_TYPE", NULL);
    CHECK(sw2 == sw);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &count), SAI_STATUS_SUCCESS);
    CHECK(count == n);
    CHECK_ST(nh_api->remove_next_hop(nh), SAI_STATUS_OBJECT_IN_USE);

    t0 = now_s();
    failed = 0;
    for (uint32_t i = 0; i < n; i++) failed += route_api->remove_route_entry(&r[i]) != SAI_STATUS_SUCCESS;
    report("remove_route_entry", n, t0);
    CHECK(failed == 0);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &count), SAI_STATUS_SUCCESS);
    CHECK(count == 0);

    /* bulk, in calls of up to 10,000 */
    for (uint32_t i = 0; i < n; i++) {
        counts[i] = 1;
        lists[i] = &attr;
    }
    const uint32_t chunk = 10000;
    t0 = now_s();
    failed = 0;
    for (uint32_t i = 0; i < n; i += chunk) {
        uint32_t k = n - i < chunk ? n - i : chunk;
        failed += route_api->create_route_entries(k, &r[i], &counts[i], &lists[i],
                                                  SAI_BULK_OP_ERROR_MODE_IGNORE_ERROR, &st[i]) != SAI_STATUS_SUCCESS;
    }
    report("create_route_entries (bulk)", n, t0);
    CHECK(failed == 0);
    t0 = now_s();
    failed = 0;
    for (uint32_t i = 0; i < n; i += chunk) {
        uint32_t k = n - i < chunk ? n - i : chunk;
        failed += route_api->remove_route_entries(k, &r[i], SAI_BULK_OP_ERROR_MODE_IGNORE_ERROR, &st[i]) !=
                  SAI_STATUS_SUCCESS;
    }
    report("remove_route_entries (bulk)", n, t0);
    CHECK(failed == 0);
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &count), SAI_STATUS_SUCCESS);
    CHECK(count == 0);

    CHECK_ST(nh_api->remove_next_hop(nh), SAI_STATUS_SUCCESS);
    CHECK_ST(rif_api->remove_router_interface(rif), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    t_uninit();
    prof_clear();
    unlink(file);
    rmdir(dir);
    free(r);
    free(st);
    free(counts);
    free(lists);
    free(keys);
}
