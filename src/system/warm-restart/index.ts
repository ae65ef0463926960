/**
 * SONiC's warm restart bookkeeping (issue 13 part 2): CONFIG_DB `WARM_RESTART`, STATE_DB
 * `WARM_RESTART_ENABLE_TABLE` and `WARM_RESTART_TABLE`, the retry policy, and the seam where an
 * instance's boot report becomes rows. Part 3 (reconciliation with a live route feed) plugs in
 * through `BootOutcome.reconcile` (the counts) and the `bgp` module's `bgp_timer` (the stale
 * routes' upper bound).
 */
export * from './tables.js';
export {
  WARM_RESTART_MODULES,
  MODULE_NAMES,
  parseWarmRestartConfig,
  parseEnableRow,
  isWarmRestartModule,
  isEnableName,
  type WarmRestartModule,
  type WarmRestartTimers,
} from './config-schema.js';
export {
  applyEvent,
  applyEvents,
  recordToRow,
  rowToRecord,
  type ComponentRecord,
  type BookEvent,
  type ReconcileCounts,
} from './component-record.js';
export {
  decideWarmStart,
  failedWarmStarts,
  MAX_WARM_ATTEMPTS,
  type WarmStartDecision,
  type WarmStartInputs,
} from './retry-policy.js';
export { bootEvents, type BootOutcome, type TransitionRecord } from './boot-events.js';
export { WarmRestartBook } from './book.js';
export {
  readStateLines,
  readConfigLines,
  readEnable,
  readWarmStartTimer,
  type StateLine,
  type ConfigLine,
} from './read-tables.js';
export {
  STATE_DB_SNAPSHOT_FILE,
  WARM_RESTART_INTENT_FILE,
  StateDirFileError,
  encodeSnapshot,
  readSnapshot,
  encodeIntent,
  readIntent,
  withEnable,
  applyIntent,
  loadStateDir,
  type WarmRestartIntent,
} from './state-dir.js';
export { WarmRestartService, type WarmRestartServiceOptions } from './service.js';
