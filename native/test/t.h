/*
 * A tiny test harness for libsaivs (no framework): CHECK / CHECK_ST count passes and failures,
 * helpers build attributes, addresses and the common objects through the public SAI ABI only.
 */
#ifndef SAIVS_T_H
#define SAIVS_T_H

#include <stdio.h>
#include <string.h>

#include "saivs_abi.h"

extern int t_passed, t_failed;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (cond) t_passed++;                                                          \
        else {                                                                         \
            t_failed++;                                                                \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
        }                                                                              \
    } while (0)

#define CHECK_ST(expr, expected)                                                                        \
    do {                                                                                                \
        sai_status_t got_ = (expr);                                                                     \
        sai_status_t want_ = (expected);                                                                \
        if (got_ == want_) t_passed++;                                                                  \
        else {                                                                                          \
            t_failed++;                                                                                 \
            fprintf(stderr, "%s:%d: %s\n    status %d (%s), expected %d (%s)\n", __FILE__, __LINE__,     \
                    #expr, got_, t_status_name(got_), want_, t_status_name(want_));                     \
        }                                                                                               \
    } while (0)

/* Per-attribute statuses. */
#define INVALID_ATTRIBUTE(i) (SAI_STATUS_INVALID_ATTRIBUTE_0 - (i))
#define INVALID_ATTR_VALUE(i) (SAI_STATUS_INVALID_ATTR_VALUE_0 - (i))
#define ATTR_NOT_IMPLEMENTED(i) (SAI_STATUS_ATTR_NOT_IMPLEMENTED_0 - (i))
#define UNKNOWN_ATTRIBUTE(i) (SAI_STATUS_UNKNOWN_ATTRIBUTE_0 - (i))

const char *t_status_name(sai_status_t st);

/* ---- profile (the service method table the tests hand the library) ---- */
void prof_set(const char *key, const char *value); /* value NULL: unset */
void prof_clear(void);
extern const sai_service_method_table_t t_services;

/* ---- API tables after t_init ---- */
extern sai_switch_api_t *sw_api;
extern sai_port_api_t *port_api;
extern sai_fdb_api_t *fdb_api;
extern sai_vlan_api_t *vlan_api;
extern sai_virtual_router_api_t *vr_api;
extern sai_route_api_t *route_api;
extern sai_next_hop_api_t *nh_api;
extern sai_next_hop_group_api_t *nhg_api;
extern sai_router_interface_api_t *rif_api;
extern sai_neighbor_api_t *nbr_api;
extern sai_lag_api_t *lag_api;
extern sai_bridge_api_t *bridge_api;

/** sai_api_initialize with t_services and every sai_api_query. */
void t_init(void);
void t_uninit(void);
/** create_switch(INIT_SWITCH=true); 0 on failure. */
sai_object_id_t t_switch(void);
/** A cold switch's defaults, read through switch attributes. */
typedef struct t_defaults {
    sai_object_id_t sw, vr, cpu, bridge;
    sai_object_id_t ports[64];
    uint32_t nports;
} t_defaults;
void t_read_defaults(sai_object_id_t sw, t_defaults *d);

/* ---- attributes ---- */
sai_attribute_t a_bool(uint32_t id, bool v);
sai_attribute_t a_u8(uint32_t id, uint8_t v);
sai_attribute_t a_u16(uint32_t id, uint16_t v);
sai_attribute_t a_u32(uint32_t id, uint32_t v);
sai_attribute_t a_s32(uint32_t id, int32_t v);
sai_attribute_t a_oid(uint32_t id, sai_object_id_t v);
sai_attribute_t a_mac(uint32_t id, const uint8_t mac[6]);
sai_attribute_t a_ip4(uint32_t id, uint32_t host_order);
sai_attribute_t a_ip6(uint32_t id, const uint8_t addr[16]);
sai_attribute_t a_chardata(uint32_t id, const char *s);
sai_attribute_t a_u32list(uint32_t id, uint32_t count, uint32_t *list);
sai_attribute_t a_get(uint32_t id);

/* ---- addresses and entries ---- */
sai_ip_prefix_t pfx4(uint32_t host_order, unsigned len);
sai_ip_prefix_t pfx6(const uint8_t addr[16], unsigned len);
sai_route_entry_t route4(sai_object_id_t sw, sai_object_id_t vr, uint32_t host_order, unsigned len);
sai_neighbor_entry_t nbr4(sai_object_id_t sw, sai_object_id_t rif, uint32_t host_order);
#define IP4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* ---- objects (CHECKed; 0 on failure) ---- */
sai_object_id_t mk_rif_port(sai_object_id_t sw, sai_object_id_t vr, sai_object_id_t port);
sai_object_id_t mk_nh(sai_object_id_t sw, sai_object_id_t rif, uint32_t ip);
sai_object_id_t mk_nhg(sai_object_id_t sw);
sai_object_id_t mk_nhgm(sai_object_id_t sw, sai_object_id_t nhg, sai_object_id_t nh, uint32_t weight);
sai_object_id_t mk_vr(sai_object_id_t sw);

/* ---- suites ---- */
/** Runs one suite and prints "suite <name> (<file>): N passed, M failed" for it. */
void t_run_suite(const char *name, const char *file, void (*fn)(void));
/** T_SUITE(basics) runs test_basics, defined in t_basics.c. */
#define T_SUITE(name) t_run_suite(#name, "t_" #name ".c", test_##name)
void test_basics(void);
void test_validation(void);
void test_lists(void);
void test_bulk(void);
void test_objects(void);
void test_warm(void);
void test_random(void);
void test_perf(void);
void test_multi(void);
void test_quirks(void);

#endif /* SAIVS_T_H */
