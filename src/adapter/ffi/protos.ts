/**
 * koffi prototypes of the SAI method-table function types (SAI-ABI.md, "Signatures"). Every pointer
 * is `void *` and travels as a native address (bigint) into memory the adapter marshalled itself;
 * object ids are `uint64_t` (bigint); statuses are `int32_t`.
 */
import koffi, { type TypeObject } from 'koffi';

/** Prototypes by function shape; created once per process (koffi type names are global). */
export interface SaiProtos {
  /** `create(sai_object_id_t *out, sai_object_id_t switch_id, uint32_t n, const sai_attribute_t *attrs)`. */
  readonly create: TypeObject;
  /** `create_switch(out *, n, attrs)`, and entry create `(const entry *, n, attrs)`; also get by entry. */
  readonly ptrCountPtr: TypeObject;
  /** `remove(sai_object_id_t)`. */
  readonly remove: TypeObject;
  /** `set(sai_object_id_t, const sai_attribute_t *)`. */
  readonly set: TypeObject;
  /** `get(sai_object_id_t, uint32_t n, sai_attribute_t *attrs)`. */
  readonly get: TypeObject;
  /** entry remove `(const entry *)`. */
  readonly removeEntry: TypeObject;
  /** entry set `(const entry *, const sai_attribute_t *)`. */
  readonly setEntry: TypeObject;
  /** bulk entry create `(n, entries, attr_count *, attr_list **, mode, statuses *)`; also bulk entry get. */
  readonly bulkCreateEntry: TypeObject;
  /** bulk entry or oid remove `(n, keys, mode, statuses *)`. */
  readonly bulkRemove: TypeObject;
  /** bulk entry or oid set `(n, keys, const sai_attribute_t *one_per_entry, mode, statuses *)`. */
  readonly bulkSet: TypeObject;
  /** bulk oid create `(switch_id, n, attr_count *, attr_list **, mode, ids *, statuses *)`. */
  readonly bulkCreateOid: TypeObject;
}

let protos: SaiProtos | undefined;

/** The prototypes, declared on first use. */
export function saiProtos(): SaiProtos {
  protos ??= {
    create: koffi.proto('int32_t saistore_create_fn(void *out, uint64_t switch_id, uint32_t n, void *attrs)'),
    ptrCountPtr: koffi.proto('int32_t saistore_ptr_count_ptr_fn(void *p, uint32_t n, void *attrs)'),
    remove: koffi.proto('int32_t saistore_remove_fn(uint64_t oid)'),
    set: koffi.proto('int32_t saistore_set_fn(uint64_t oid, void *attr)'),
    get: koffi.proto('int32_t saistore_get_fn(uint64_t oid, uint32_t n, void *attrs)'),
    removeEntry: koffi.proto('int32_t saistore_remove_entry_fn(void *entry)'),
    setEntry: koffi.proto('int32_t saistore_set_entry_fn(void *entry, void *attr)'),
    bulkCreateEntry: koffi.proto(
      'int32_t saistore_bulk_create_entry_fn(uint32_t n, void *entries, void *attr_count, void *attr_list, int32_t mode, void *statuses)',
    ),
    bulkRemove: koffi.proto('int32_t saistore_bulk_remove_fn(uint32_t n, void *keys, int32_t mode, void *statuses)'),
    bulkSet: koffi.proto(
      'int32_t saistore_bulk_set_fn(uint32_t n, void *keys, void *attrs, int32_t mode, void *statuses)',
    ),
    bulkCreateOid: koffi.proto(
      'int32_t saistore_bulk_create_oid_fn(uint64_t switch_id, uint32_t n, void *attr_count, void *attr_list, int32_t mode, void *ids, void *statuses)',
    ),
  };
  return protos;
}
