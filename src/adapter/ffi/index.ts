/**
 * The FFI adapter: `SaiAdapter` over a real libsai through koffi (see `ffi-adapter.ts`).
 *
 * | file | holds |
 * |---|---|
 * | `ffi-adapter.ts` | `FfiSaiAdapter`: start, create / remove / set / get, queries, shutdown |
 * | `library.ts` | loading a libsai and binding its exported entry points |
 * | `profile-services.ts` | `sai_service_method_table_t` served from a JavaScript profile |
 * | `method-tables.ts` | `sai_api_query`, slot indexes and the SAI versions that added them |
 * | `protos.ts` | koffi prototypes of the method-table function types |
 * | `abi.ts` | sizes, offsets, API ids, switch attribute ids |
 * | `native-memory.ts` | `NativeBuffer`: growable C memory with DataView access |
 * | `value-codec.ts` | `sai_attribute_value_t` encode / decode per value kind |
 * | `address-codec.ts` | MAC, IP address, IP prefix layouts |
 * | `entry-codec.ts` | route / neighbor / fdb entry structs |
 * | `attr-block.ts` | the reusable native `sai_attribute_t[]` and its list memory |
 * | `read-attrs.ts` | one get: list growth on BUFFER_OVERFLOW, no-value attributes, checks |
 * | `encode-attrs.ts` | a caller's attribute list into an `AttrBlock` |
 * | `bulk.ts` | chunked bulk create / remove / set |
 * | `object-keys.ts` | `sai_get_object_count` + `sai_get_object_key` |
 * | `counters.ts` | per-type call counters, as the fake keeps them |
 */
export { FfiSaiAdapter, type FfiSaiAdapterOptions, type FfiShutdownOptions } from './ffi-adapter.js';
export { SaiLibraryError } from './library.js';
export type { WriteTotals } from '../counters.js';
export type { ApiQueryResult } from './method-tables.js';
