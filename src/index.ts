/**
 * saistore: a warm-boot-safe SAI object store.
 *
 * Layers, each importing only those below it:
 *   sai <- traits <- adapter <- store <- warmboot <- agent <- cli
 * and routes (route table readers, on sai), system (warm restart bookkeeping, over db), and db (the state DB: SONiC-style databases, embedded
 * or Redis, knowing nothing of the store). The FFI adapter is the `saistore/ffi` entry (it loads
 * koffi's native addon). See README.md and docs/store.md for why the API looks as it does.
 */
export * from './sai/index.js';
export * from './traits/index.js';
export * from './adapter/index.js';
export * from './store/index.js';
export * from './warmboot/index.js';
export * from './agent/index.js';
export * from './db/index.js';
export {
  WarmRestartService,
  WarmRestartBook,
  decideWarmStart,
  bootEvents,
  readStateLines,
  readConfigLines,
  readEnable,
  parseWarmRestartConfig,
  parseEnableRow,
  StateDirFileError,
  type WarmRestartServiceOptions,
  type WarmStartDecision,
  type WarmStartInputs,
  type BootOutcome,
  type TransitionRecord,
  type ComponentRecord,
  type ReconcileCounts,
  type WarmStartState,
} from './system/warm-restart/index.js';
export {
  loadRouteTable,
  loadRouteTables,
  RouteLimitError,
  type RouteTables as LoadedRouteTables,
  type DuplicateConflict,
  readRouteUpdates,
  loadRouteUpdates,
  detectRouteFormat,
  RouteFileError,
  RouteUpdateReader,
  type RouteTable as LoadedRouteTable,
  type RouteRecord,
  type RouteUpdate,
  type BadLine,
  type RouteFormat,
} from './routes/index.js';
