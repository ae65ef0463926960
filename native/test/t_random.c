/*
 * Randomized route churn against a reference bitmap: interleaved creates, removes, gets and sets
 * over a small prefix universe, so the hash table grows, deletes with backward shifts and refills.
 * Every status must match the model's expectation.
 */
#include <stdlib.h>

#include "t.h"

static uint64_t rng_state = 0x243f6a8885a308d3ULL;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

void test_random(void)
{
    enum { UNIVERSE = 20000, OPS = 300000 };
    t_init();
    sai_object_id_t sw = t_switch();
    t_defaults d;
    t_read_defaults(sw, &d);
    sai_object_id_t vr2 = mk_vr(sw);
    uint8_t *live = calloc(UNIVERSE, 1);
    uint32_t *meta = calloc(UNIVERSE, sizeof *meta);
    uint32_t nlive = 0, mismatches = 0;
    for (uint32_t op = 0; op < OPS; op++) {
        uint32_t k = rnd(UNIVERSE);
        /* half IPv4 /32s in two VRs, half IPv6 /128s: keys that differ in few bytes */
        sai_route_entry_t r;
        if (k % 2) {
            r = route4(sw, k % 4 == 1 ? d.vr : vr2, IP4(10, k >> 16, (k >> 8) & 0xff, k & 0xff), 32);
        } else {
            uint8_t v6[16] = { 0xfd, [13] = (uint8_t)(k >> 16), [14] = (uint8_t)(k >> 8), [15] = (uint8_t)k };
            r.switch_id = sw;
            r.vr_id = d.vr;
            r.destination = pfx6(v6, 128);
        }
        sai_status_t st, want;
        switch (rnd(4)) {
        case 0:
        case 1: {
            sai_attribute_t a = a_u32(3, op);
            st = route_api->create_route_entry(&r, 1, &a);
            want = live[k] ? SAI_STATUS_ITEM_ALREADY_EXISTS : SAI_STATUS_SUCCESS;
            if (!live[k]) {
                live[k] = 1;
                meta[k] = op;
                nlive++;
            }
            break;
        }
        case 2:
            st = route_api->remove_route_entry(&r);
            want = live[k] ? SAI_STATUS_SUCCESS : SAI_STATUS_ITEM_NOT_FOUND;
            if (live[k]) {
                live[k] = 0;
                nlive--;
            }
            break;
        default: {
            if (rnd(2)) {
                sai_attribute_t a = a_u32(3, op);
                st = route_api->set_route_entry_attribute(&r, &a);
                if (live[k]) meta[k] = op;
                want = live[k] ? SAI_STATUS_SUCCESS : SAI_STATUS_ITEM_NOT_FOUND;
            } else {
                sai_attribute_t g = a_get(3);
                st = route_api->get_route_entry_attribute(&r, 1, &g);
                want = live[k] ? SAI_STATUS_SUCCESS : SAI_STATUS_ITEM_NOT_FOUND;
                if (st == SAI_STATUS_SUCCESS && g.value.u32 != meta[k]) mismatches++;
            }
            break;
        }
        }
        if (st != want) mismatches++;
    }
    CHECK(mismatches == 0);
    uint32_t count = 0;
    CHECK_ST(sai_get_object_count(sw, SAI_OBJECT_TYPE_ROUTE_ENTRY, &count), SAI_STATUS_SUCCESS);
    CHECK(count == nlive);
    CHECK_ST(vr_api->remove_virtual_router(vr2), nlive ? SAI_STATUS_OBJECT_IN_USE : SAI_STATUS_SUCCESS);
    /* cold remove frees whatever is left */
    CHECK_ST(sw_api->remove_switch(sw), SAI_STATUS_SUCCESS);
    t_uninit();
    free(live);
    free(meta);
}
