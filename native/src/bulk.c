/*
 * Bulk calls of libsaivs: create / remove / set / get of route and neighbor entries, create / remove /
 * set of next hop group members. One status per object; the call returns SUCCESS when every object
 * succeeded, else FAILURE. A call takes the lock once; each object selects its own switch (the entry's
 * switch_id, the object id's switch), so a batch may even span switches.
 *
 * STOP_ON_ERROR executes up to the first failure and answers NOT_EXECUTED after it. With the quirk
 * bulk-validate-first (of the batch's first object's switch), STOP_ON_ERROR checks every object first,
 * as some vendors do: when object k would fail, nothing is executed, objects before k answer
 * NOT_EXECUTED, k its status and the rest NOT_EXECUTED. (Two objects of one batch that clash, e.g. the
 * same entry twice, pass the check and stop the execution at the second, as without the quirk.)
 *
 * Quirk no-bulk-get: the bulk get answers NOT_IMPLEMENTED for the whole call (statuses untouched).
 */
#include "vs_internal.h"

static bool mode_ok(sai_bulk_op_error_mode_t mode)
{
    return mode == SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR || mode == SAI_BULK_OP_ERROR_MODE_IGNORE_ERROR;
}

/* How far ahead bulk entry calls prefetch their hash-table slot (hides the cache miss). */
#define PREFETCH_AHEAD 8

/** What one bulk call works on; `op` runs object i, `check` only checks it, `prefetch` warms it. */
typedef struct bulk_call {
    int tix;
    const uint8_t *entries; /* entry-keyed calls: the entry array and its element size */
    size_t entry_size;
    const sai_object_id_t *ids; /* oid remove / set */
    sai_object_id_t *out_ids;   /* oid create */
    sai_object_id_t switch_id;
    const uint32_t *attr_count; /* create */
    const sai_attribute_t **attr_list;
    const sai_attribute_t *attrs; /* set: one per object */
    sai_attribute_t **get_lists;  /* get: attr_count[i] attributes per object, filled in */
    sai_status_t (*op)(const struct bulk_call *c, uint32_t i);
    sai_status_t (*check)(const struct bulk_call *c, uint32_t i);
    void (*prefetch)(const struct bulk_call *c, uint32_t i);
    void (*select)(const struct bulk_call *c, uint32_t i);
} bulk_call;

/** Checks every object in order; on the first that would fail, writes the statuses and answers it. */
static bool validate_first(const bulk_call *c, uint32_t count, sai_status_t *statuses)
{
    for (uint32_t i = 0; i < count; i++) {
        c->select(c, i);
        sai_status_t st = c->check(c, i);
        if (st == SAI_STATUS_SUCCESS) continue;
        for (uint32_t j = 0; j < count; j++) statuses[j] = SAI_STATUS_NOT_EXECUTED;
        statuses[i] = st;
        return true;
    }
    return false;
}

/*
 * Runs a bulk call under one lock: one status per object, NOT_EXECUTED after the first failure in
 * STOP_ON_ERROR mode; returns FAILURE when any object failed, else SUCCESS.
 */
static sai_status_t bulk_run(const bulk_call *c, uint32_t count, sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    bool stopped = false, failed = false;
    vs_lock();
    c->select(c, 0);
    if (mode == SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR && c->check && (vs_g.quirks & VS_QUIRK_BULK_VALIDATE_FIRST) &&
        validate_first(c, count, statuses)) {
        vs_unlock();
        return SAI_STATUS_FAILURE;
    }
    if (c->prefetch)
        for (uint32_t j = 0; j < count && j < PREFETCH_AHEAD; j++) c->prefetch(c, j);
    for (uint32_t i = 0; i < count; i++) {
        if (stopped) {
            statuses[i] = SAI_STATUS_NOT_EXECUTED;
            continue;
        }
        if (c->prefetch && i + PREFETCH_AHEAD < count) c->prefetch(c, i + PREFETCH_AHEAD);
        c->select(c, i);
        sai_status_t st = c->op(c, i);
        statuses[i] = st;
        if (st != SAI_STATUS_SUCCESS) {
            failed = true;
            stopped = mode == SAI_BULK_OP_ERROR_MODE_STOP_ON_ERROR;
        }
    }
    vs_unlock();
    return failed ? SAI_STATUS_FAILURE : SAI_STATUS_SUCCESS;
}

static const void *entry_at(const bulk_call *c, uint32_t i)
{
    return c->entries + (size_t)i * c->entry_size;
}

static void select_entry(const bulk_call *c, uint32_t i)
{
    vs_select_entry(entry_at(c, i));
}

static void select_switch(const bulk_call *c, uint32_t i)
{
    VS_UNUSED(i);
    vs_select_oid(c->switch_id);
}

static void select_id(const bulk_call *c, uint32_t i)
{
    vs_select_oid(c->ids[i]);
}

static void prefetch_entry(const bulk_call *c, uint32_t i)
{
    vs_select_entry(entry_at(c, i));
    vs_prefetch_entry(c->tix, entry_at(c, i));
}

static sai_status_t op_create_entry(const bulk_call *c, uint32_t i)
{
    return vs_create_entry(c->tix, entry_at(c, i), c->attr_count[i], c->attr_list[i]);
}

static sai_status_t check_create_entry(const bulk_call *c, uint32_t i)
{
    return vs_check_create_entry(c->tix, entry_at(c, i), c->attr_count[i], c->attr_list[i]);
}

static sai_status_t op_remove_entry(const bulk_call *c, uint32_t i)
{
    return vs_remove_entry(c->tix, entry_at(c, i));
}

static sai_status_t check_remove_entry(const bulk_call *c, uint32_t i)
{
    return vs_check_remove_entry(c->tix, entry_at(c, i));
}

static sai_status_t op_set_entry(const bulk_call *c, uint32_t i)
{
    return vs_set_entry(c->tix, entry_at(c, i), &c->attrs[i]);
}

static sai_status_t check_set_entry(const bulk_call *c, uint32_t i)
{
    return vs_check_set_entry(c->tix, entry_at(c, i), &c->attrs[i]);
}

static sai_status_t op_get_entry(const bulk_call *c, uint32_t i)
{
    return vs_get_entry(c->tix, entry_at(c, i), c->attr_count[i], c->get_lists[i]);
}

static sai_status_t op_create_oid(const bulk_call *c, uint32_t i)
{
    return vs_create_oid(c->tix, &c->out_ids[i], c->switch_id, c->attr_count[i], c->attr_list[i]);
}

static sai_status_t check_create_oid(const bulk_call *c, uint32_t i)
{
    return vs_check_create_oid(c->tix, c->switch_id, c->attr_count[i], c->attr_list[i]);
}

static sai_status_t op_remove_oid(const bulk_call *c, uint32_t i)
{
    return vs_remove_oid(c->tix, c->ids[i]);
}

static sai_status_t check_remove_oid(const bulk_call *c, uint32_t i)
{
    return vs_check_remove_oid(c->tix, c->ids[i]);
}

static sai_status_t op_set_oid(const bulk_call *c, uint32_t i)
{
    return vs_set_oid(c->tix, c->ids[i], &c->attrs[i]);
}

static sai_status_t check_set_oid(const bulk_call *c, uint32_t i)
{
    return vs_check_set_oid(c->tix, c->ids[i], &c->attrs[i]);
}

sai_status_t vs_bulk_create_entries(int tix, size_t size, uint32_t count, const void *entries,
                                    const uint32_t *attr_count, const sai_attribute_t **attr_list,
                                    sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!entries || !attr_count || !attr_list || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = tix, .entries = entries, .entry_size = size, .attr_count = attr_count,
                    .attr_list = attr_list, .op = op_create_entry, .check = check_create_entry,
                    .prefetch = prefetch_entry, .select = select_entry };
    return bulk_run(&c, count, mode, statuses);
}

sai_status_t vs_bulk_remove_entries(int tix, size_t size, uint32_t count, const void *entries,
                                    sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!entries || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = tix, .entries = entries, .entry_size = size, .op = op_remove_entry,
                    .check = check_remove_entry, .prefetch = prefetch_entry, .select = select_entry };
    return bulk_run(&c, count, mode, statuses);
}

sai_status_t vs_bulk_set_entries(int tix, size_t size, uint32_t count, const void *entries,
                                 const sai_attribute_t *attrs, sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!entries || !attrs || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = tix, .entries = entries, .entry_size = size, .attrs = attrs, .op = op_set_entry,
                    .check = check_set_entry, .prefetch = prefetch_entry, .select = select_entry };
    return bulk_run(&c, count, mode, statuses);
}

/*
 * Bulk get: each object answers as the single get would (ITEM_NOT_FOUND, ATTR_NOT_IMPLEMENTED + i for
 * an attribute without a value, BUFFER_OVERFLOW with the needed counts written, ...).
 */
sai_status_t vs_bulk_get_entries(int tix, size_t size, uint32_t count, const void *entries,
                                 const uint32_t *attr_count, sai_attribute_t **attr_list,
                                 sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!entries || !attr_count || !attr_list || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    vs_lock();
    vs_select_entry(entries);
    bool absent = (vs_g.quirks & VS_QUIRK_NO_BULK_GET) != 0;
    vs_unlock();
    if (absent) return SAI_STATUS_NOT_IMPLEMENTED;
    bulk_call c = { .tix = tix, .entries = entries, .entry_size = size, .attr_count = attr_count,
                    .get_lists = attr_list, .op = op_get_entry, .prefetch = prefetch_entry, .select = select_entry };
    return bulk_run(&c, count, mode, statuses);
}

sai_status_t vs_bulk_create_oids(int tix, sai_object_id_t sw, uint32_t count, const uint32_t *attr_count,
                                 const sai_attribute_t **attr_list, sai_bulk_op_error_mode_t mode,
                                 sai_object_id_t *ids, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!attr_count || !attr_list || !ids || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    for (uint32_t i = 0; i < count; i++) ids[i] = SAI_NULL_OBJECT_ID;
    bulk_call c = { .tix = tix, .switch_id = sw, .out_ids = ids, .attr_count = attr_count, .attr_list = attr_list,
                    .op = op_create_oid, .check = check_create_oid, .select = select_switch };
    return bulk_run(&c, count, mode, statuses);
}

sai_status_t vs_bulk_remove_oids(int tix, uint32_t count, const sai_object_id_t *ids, sai_bulk_op_error_mode_t mode,
                                 sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!ids || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = tix, .ids = ids, .op = op_remove_oid, .check = check_remove_oid, .select = select_id };
    return bulk_run(&c, count, mode, statuses);
}

sai_status_t vs_bulk_set_oids(int tix, uint32_t count, const sai_object_id_t *ids, const sai_attribute_t *attrs,
                              sai_bulk_op_error_mode_t mode, sai_status_t *statuses)
{
    if (count == 0) return SAI_STATUS_SUCCESS;
    if (!ids || !attrs || !statuses || !mode_ok(mode)) return SAI_STATUS_INVALID_PARAMETER;
    bulk_call c = { .tix = tix, .ids = ids, .attrs = attrs, .op = op_set_oid, .check = check_set_oid,
                    .select = select_id };
    return bulk_run(&c, count, mode, statuses);
}
