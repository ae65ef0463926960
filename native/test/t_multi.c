/*
 * Several switches in one process: each create_switch with its own SAI_SWITCH_ATTR_SWITCH_PROFILE_ID
 * reads its own profile, gets its own slot (switch id, object space, id counter) and its own warm
 * file; one switch's warm restart leaves the other untouched. Profiles here answer per profile id.
 */
#include <stdlib.h>
#include <unistd.h>

#include "t.h"

#define PROFILES 4
#define KEYS 8

static const char *mp_keys[PROFILES][KEYS];
static char *mp_values[PROFILES][KEYS];

static void mp_set(uint32_t profile, const char *key, const char *value)
{
    for (int i = 0; i < KEYS; i++) {
        if (mp_keys[profile][i] && strcmp(mp_keys[profile][i], key) == 0) {
            free(mp_values[profile][i]);
            mp_values[profile][i] = value ? strdup(value) : NULL;
            if (!value) mp_keys[profile][i] = NULL;
            return;
        }
    }
    for (int i = 0; value && i < KEYS; i++) {
        if (!mp_keys[profile][i]) {
            mp_keys[profile][i] = key;
            mp_values[profile][i] = strdup(value);
            return;
        }
    }
}

static void mp_clear(void)
{
    for (int p = 0; p < PROFILES; p++)
        for (int i = 0; i < KEYS; i++) {
            free(mp_values[p][i]);
            mp_values[p][i] = NULL;
            mp_keys[p][i] = NULL;
        }
}

static const char *mp_get(uint32_t profile, const char *key)
{
    if (profile >= PROFILES) return NULL;
    for (int i = 0; i < KEYS; i++)
        if (mp_keys[profile][i] && strcmp(mp_keys[profile][i], key) == 0) return mp_values[profile][i];
    return NULL;
}

static int mp_next(uint32_t profile, const char **key, const char **value)
{
    (void)profile;
    (void)key;
    (void)value;
    return -1;
}

static const sai_service_method_table_t mp_services = { mp_get, mp_next };

static void query_apis(void)
{
    CHECK_ST(sai_api_query(SAI_API_SWITCH, (void **)&sw_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_ROUTE, (void **)&route_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_VIRTUAL_ROUTER, (void **)&vr_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_PORT, (void **)&port_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_ROUTER_INTERFACE, (void **)&rif_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_NEXT_HOP, (void **)&nh_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_NEXT_HOP_GROUP, (void **)&nhg_api), SAI_STATUS_SUCCESS);
    CHECK_ST(sai_api_query(SAI_API_NEIGHBOR, (void **)&nbr_api), SAI_STATUS_SUCCESS);
}

/** create_switch with INIT_SWITCH and SWITCH_PROFILE_ID = profile (and hardware info). */
static sai_status_t create_with_profile(sai_object_id_t *sw, uint32_t profile)
{
    int8_t hw[4] = { 'a', 's', 'i', (int8_t)('0' + profile) };
    sai_attribute_t a[3] = { a_bool(SAI_SWITCH_ATTR_INIT_SWITCH, true), a_u32(SAI_SWITCH_ATTR_SWITCH_PROFILE_ID, profile),
                             a_get(SAI_SWITCH_ATTR_SWITCH_HARDWARE_INFO) };
    a[2].value.s8list.count = 4;
    a[2].value.s8list.list = hw;
    return sw_api->create_switch(sw, 3, a);
}

static uint32_t count_of(sai_object_id_t sw, sai_object_type_t t)
{
    uint32_t n = 0;
    CHECK_ST(sai_get_object_count(sw, t, &n), SAI_STATUS_SUCCESS);
    return n;
}

static void warm_remove(sai_object_id_t sw)
{
    sai_attribute_t warm = a_bool(SAI_SWITCH_ATTR_RESTART_WARM, true);
    CHECK_ST(sw_api->set_switch_attribute(sw, &warm), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
}

static void two_switches(const char *dir)
{
    char fa[160], fb[160];
    snprintf(fa, sizeof fa, "%s/a.bin", dir);
    snprintf(fb, sizeof fb, "%s/b.bin", dir);
    mp_set(0, "SAI_VS_PORT_COUNT", "4");
    mp_set(0, "SAI_WARM_BOOT_WRITE_FILE", fa);
    mp_set(1, "SAI_VS_PORT_COUNT", "2");
    mp_set(1, "SAI_WARM_BOOT_WRITE_FILE", fb);
    CHECK_ST(sai_api_initialize(0, &mp_services), SAI_STATUS_SUCCESS);
    query_apis();

    sai_object_id_t a = 0, b = 0, dup = 0;
    CHECK_ST(create_with_profile(&a, 0), SAI_STATUS_SUCCESS);
    CHECK_ST(create_with_profile(&b, 1), SAI_STATUS_SUCCESS);
    /* one profile id, one switch */
    CHECK_ST(create_with_profile(&dup, 1), SAI_STATUS_ITEM_ALREADY_EXISTS);
    CHECK(dup == 0);
    CHECK(a != 0 && b != 0 && a != b);
    CHECK(sai_object_type_query(a) == SAI_OBJECT_TYPE_SWITCH && sai_object_type_query(b) == SAI_OBJECT_TYPE_SWITCH);
    t_defaults da, db;
    t_read_defaults(a, &da);
    t_read_defaults(b, &db);
    /* each read its own profile, and has its own objects */
    CHECK(da.nports == 4 && db.nports == 2);
    CHECK(da.vr != db.vr && da.cpu != db.cpu);
    CHECK(sai_switch_id_query(da.vr) == a && sai_switch_id_query(db.vr) == b);
    sai_attribute_t hw = a_get(SAI_SWITCH_ATTR_SWITCH_HARDWARE_INFO);
    int8_t hwb[8];
    hw.value.s8list.count = 8;
    hw.value.s8list.list = hwb;
    CHECK_ST(sw_api->get_switch_attribute(b, 1, &hw), SAI_STATUS_SUCCESS);
    CHECK(hw.value.s8list.count == 4 && hwb[3] == '1');

    /* routes in each; an entry naming one switch and the other's virtual router is refused */
    sai_route_entry_t ra = route4(a, da.vr, IP4(10, 0, 0, 0), 8);
    sai_route_entry_t rb = route4(b, db.vr, IP4(10, 0, 0, 0), 8);
    sai_route_entry_t cross = route4(b, da.vr, IP4(11, 0, 0, 0), 8);
    sai_attribute_t drop = a_s32(0, 0 /* DROP */);
    CHECK_ST(route_api->create_route_entry(&ra, 1, &drop), SAI_STATUS_SUCCESS);
    CHECK_ST(route_api->create_route_entry(&rb, 1, &drop), SAI_STATUS_SUCCESS);
    CHECK_ST(route_api->create_route_entry(&cross, 1, &drop), SAI_STATUS_INVALID_OBJECT_ID);
    sai_object_id_t rif = mk_rif_port(a, da.vr, da.ports[0]);
    sai_object_id_t nh = mk_nh(a, rif, IP4(10, 1, 1, 1));
    /* an object of switch a named in a create on switch b: not an object of b */
    sai_object_id_t x = 0;
    sai_attribute_t nha[3] = { a_s32(0, 0), a_ip4(1, IP4(10, 1, 1, 2)), a_oid(2, rif) };
    CHECK_ST(nh_api->create_next_hop(&x, b, 3, nha), SAI_STATUS_INVALID_OBJECT_ID);
    CHECK(count_of(a, SAI_OBJECT_TYPE_ROUTE_ENTRY) == 1 && count_of(b, SAI_OBJECT_TYPE_ROUTE_ENTRY) == 1);
    CHECK(count_of(a, SAI_OBJECT_TYPE_NEXT_HOP) == 1 && count_of(b, SAI_OBJECT_TYPE_NEXT_HOP) == 0);

    /* switch a restarts warm; b goes on */
    warm_remove(a);
    CHECK(access(fa, F_OK) == 0 && access(fb, F_OK) != 0);
    CHECK(sai_object_type_query(nh) == SAI_OBJECT_TYPE_NULL);
    sai_attribute_t g = a_get(0);
    CHECK_ST(route_api->get_route_entry_attribute(&ra, 1, &g), SAI_STATUS_UNINITIALIZED);
    CHECK_ST(route_api->get_route_entry_attribute(&rb, 1, &g), SAI_STATUS_SUCCESS);
    mp_set(0, "SAI_BOOT_TYPE", "1");
    mp_set(0, "SAI_WARM_BOOT_READ_FILE", fa);
    sai_object_id_t a2 = 0;
    CHECK_ST(create_with_profile(&a2, 0), SAI_STATUS_SUCCESS);
    CHECK(a2 == a);
    CHECK(sai_object_type_query(nh) == SAI_OBJECT_TYPE_NEXT_HOP);
    CHECK_ST(route_api->get_route_entry_attribute(&ra, 1, &g), SAI_STATUS_SUCCESS);
    CHECK(count_of(a, SAI_OBJECT_TYPE_ROUTE_ENTRY) == 1 && count_of(b, SAI_OBJECT_TYPE_ROUTE_ENTRY) == 1);
    /* new ids of a continue after the saved ones, in a's own space */
    sai_object_id_t nh2 = mk_nh(a, rif, IP4(10, 1, 1, 3));
    CHECK(nh2 > nh && sai_switch_id_query(nh2) == a);

    /* b restarts warm too, from its own file */
    warm_remove(b);
    CHECK(access(fb, F_OK) == 0);
    mp_set(1, "SAI_BOOT_TYPE", "1");
    mp_set(1, "SAI_WARM_BOOT_READ_FILE", fb);
    sai_object_id_t b2 = 0;
    CHECK_ST(create_with_profile(&b2, 1), SAI_STATUS_SUCCESS);
    CHECK(b2 == b);
    /* a's file restored into b's profile: the slot is taken (a lives) */
    mp_set(2, "SAI_BOOT_TYPE", "1");
    mp_set(2, "SAI_WARM_BOOT_READ_FILE", fa);
    CHECK_ST(create_with_profile(&x, 2), SAI_STATUS_ITEM_ALREADY_EXISTS);
    CHECK_ST(sw_api->remove_switch(a), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(b), SAI_STATUS_SUCCESS);
    CHECK_ST(sw_api->remove_switch(b), SAI_STATUS_UNINITIALIZED);
    t_uninit();
    mp_clear();
}

static void switch_index_key(const char *dir)
{
    char f[160];
    snprintf(f, sizeof f, "%s/ix.bin", dir);
    mp_set(3, "SAI_SWITCH_INDEX", "200");
    mp_set(3, "SAI_VS_PORT_COUNT", "1");
    mp_set(3, "SAI_WARM_BOOT_WRITE_FILE", f);
    CHECK_ST(sai_api_initialize(0, &mp_services), SAI_STATUS_SUCCESS);
    query_apis();
    sai_object_id_t sw = 0;
    CHECK_ST(create_with_profile(&sw, 3), SAI_STATUS_SUCCESS);
    CHECK(((sw >> 40) & 0xff) == 200);
    warm_remove(sw);
    /* the warm file knows its index: without the key it restores as index 200 again */
    mp_set(3, "SAI_SWITCH_INDEX", NULL);
    mp_set(3, "SAI_BOOT_TYPE", "1");
    mp_set(3, "SAI_WARM_BOOT_READ_FILE", f);
    sai_object_id_t again = 0;
    CHECK_ST(create_with_profile(&again, 3), SAI_STATUS_SUCCESS);
    CHECK(again == sw);
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    /* ...and is refused under another index */
    mp_set(3, "SAI_SWITCH_INDEX", "2");
    CHECK_ST(create_with_profile(&again, 3), SAI_STATUS_INVALID_NV_STORAGE);
    /* an id of a switch that is gone answers UNINITIALIZED */
    CHECK(sai_object_type_query(sw) == SAI_OBJECT_TYPE_NULL);
    sai_attribute_t g = a_get(SAI_SWITCH_ATTR_INIT_SWITCH);
    CHECK_ST(sw_api->get_switch_attribute(sw, 1, &g), SAI_STATUS_UNINITIALIZED);
    /* eight switches at once, the ninth finds no room */
    sai_object_id_t many[8];
    mp_set(3, "SAI_SWITCH_INDEX", NULL);
    mp_set(3, "SAI_BOOT_TYPE", "0");
    for (uint32_t k = 0; k < 8; k++) {
        sai_attribute_t a[2] = { a_bool(SAI_SWITCH_ATTR_INIT_SWITCH, true), a_u32(SAI_SWITCH_ATTR_SWITCH_PROFILE_ID, 10 + k) };
        CHECK_ST(sw_api->create_switch(&many[k], 2, a), SAI_STATUS_SUCCESS);
        CHECK(((many[k] >> 40) & 0xff) == k);
    }
    sai_attribute_t a9[2] = { a_bool(SAI_SWITCH_ATTR_INIT_SWITCH, true), a_u32(SAI_SWITCH_ATTR_SWITCH_PROFILE_ID, 30) };
    CHECK_ST(sw_api->create_switch(&again, 2, a9), SAI_STATUS_INSUFFICIENT_RESOURCES);
    for (uint32_t k = 0; k < 8; k++) CHECK_ST(sw_api->remove_switch(many[k]), SAI_STATUS_SUCCESS);
    mp_set(3, "SAI_SWITCH_INDEX", "256");
    mp_set(3, "SAI_BOOT_TYPE", "0");
    CHECK_ST(create_with_profile(&again, 3), SAI_STATUS_INVALID_PARAMETER);
    t_uninit();
    mp_clear();
}

void test_multi(void)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/saivs-multi-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    two_switches(dir);
    switch_index_key(dir);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}
