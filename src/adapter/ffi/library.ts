/**
 * `SaiLibrary`: a libsai loaded with koffi, and its exported entry points (SAI-ABI.md, "Entry
 * points"). Every pointer argument is a native address (bigint) the adapter owns; nothing is
 * converted through koffi structs. Optional entry points are undefined when the library does not
 * export them.
 */
import koffi, { type LibraryHandle } from 'koffi';

/** `sai_status_t fn(...)` of an entry point, all pointers as native addresses. */
type StatusFn<A extends unknown[]> = (...args: A) => number;

/** The exported SAI entry points of one loaded library. */
export interface SaiLibrary {
  /** The path given to `load`. */
  readonly path: string;
  /** `sai_api_initialize(uint64_t flags, const sai_service_method_table_t *services)`. */
  readonly apiInitialize: StatusFn<[flags: bigint, services: bigint]>;
  /** `sai_api_query(sai_api_t api, void **api_method_table)`. */
  readonly apiQuery: StatusFn<[api: number, out: bigint]>;
  /** `sai_api_uninitialize(void)`. */
  readonly apiUninitialize: StatusFn<[]>;
  /** `sai_object_type_query(sai_object_id_t) -> sai_object_type_t`. */
  readonly objectTypeQuery: (oid: bigint) => number;
  /** `sai_log_set(sai_api_t, sai_log_level_t)`. */
  readonly logSet?: StatusFn<[api: number, level: number]>;
  /** `sai_get_object_count(switch_id, type, uint32_t *count)`. */
  readonly getObjectCount?: StatusFn<[switchId: bigint, type: number, count: bigint]>;
  /** `sai_get_object_key(switch_id, type, uint32_t *count, sai_object_key_t *list)`. */
  readonly getObjectKey?: StatusFn<[switchId: bigint, type: number, count: bigint, list: bigint]>;
  /** `sai_query_api_version(sai_api_version_t *version)`. */
  readonly queryApiVersion?: StatusFn<[out: bigint]>;
  /**
   * `sai_query_attribute_capability(switch_id, object_type, attr_id, sai_attr_capability_t *cap)`;
   * `cap` is 3 bools: create_implemented, set_implemented, get_implemented.
   */
  readonly queryAttributeCapability?: StatusFn<[switchId: bigint, type: number, attrId: number, cap: bigint]>;
  /** dlclose (after `sai_api_uninitialize`); every function above is invalid afterwards. */
  unload(): void;
}

/** The library could not be loaded or lacks a required entry point. */
export class SaiLibraryError extends Error {
  readonly kind = 'SaiLibraryError' as const;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`libsai ${path}: ${reason}`);
    this.name = 'SaiLibraryError';
  }
}

function optional<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

/**
 * Loads a libsai by path and binds its entry points.
 * @throws SaiLibraryError when the file cannot be loaded or a required symbol is missing.
 */
export function loadSaiLibrary(path: string): SaiLibrary {
  let lib: LibraryHandle;
  try {
    lib = koffi.load(path);
  } catch (e) {
    throw new SaiLibraryError(path, `cannot load: ${(e as Error).message}`);
  }
  const required = <T>(decl: string): T => {
    try {
      return lib.func(decl) as unknown as T;
    } catch (e) {
      lib.unload();
      throw new SaiLibraryError(path, `missing entry point (${decl}): ${(e as Error).message}`);
    }
  };
  const apiInitialize = required<SaiLibrary['apiInitialize']>(
    'int32_t sai_api_initialize(uint64_t flags, void *services)',
  );
  const apiQuery = required<SaiLibrary['apiQuery']>('int32_t sai_api_query(int32_t api, void *table)');
  const apiUninitialize = required<SaiLibrary['apiUninitialize']>('int32_t sai_api_uninitialize()');
  const objectTypeQuery = required<SaiLibrary['objectTypeQuery']>('int32_t sai_object_type_query(uint64_t oid)');
  return {
    path,
    apiInitialize,
    apiQuery,
    apiUninitialize,
    objectTypeQuery,
    logSet: optional(
      () => lib.func('int32_t sai_log_set(int32_t api, int32_t level)') as unknown as SaiLibrary['logSet'],
    ),
    getObjectCount: optional(
      () =>
        lib.func(
          'int32_t sai_get_object_count(uint64_t switch_id, int32_t type, void *count)',
        ) as unknown as SaiLibrary['getObjectCount'],
    ),
    getObjectKey: optional(
      () =>
        lib.func(
          'int32_t sai_get_object_key(uint64_t switch_id, int32_t type, void *count, void *list)',
        ) as unknown as SaiLibrary['getObjectKey'],
    ),
    queryApiVersion: optional(
      () => lib.func('int32_t sai_query_api_version(void *version)') as unknown as SaiLibrary['queryApiVersion'],
    ),
    queryAttributeCapability: optional(
      () =>
        lib.func(
          'int32_t sai_query_attribute_capability(uint64_t switch_id, int32_t type, uint32_t attr_id, void *cap)',
        ) as unknown as SaiLibrary['queryAttributeCapability'],
    ),
    unload: () => lib.unload(),
  };
}
