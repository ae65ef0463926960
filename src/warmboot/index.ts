export { WarmBootStateError, ReloadError, WarmBootPlanError } from './errors.js';
export {
  WARM_BOOT_STATE_VERSION,
  stateFromStore,
  adapterKeysOf,
  type WarmBootState,
  type AdapterKeyColumn,
} from './state.js';
export {
  encodeWarmBootState,
  decodeWarmBootState,
  writeWarmBootState,
  loadWarmBootState,
  type LoadedWarmBootState,
  type WriteStateOptions,
} from './state-file.js';
export { reload, type ReloadReport, type ReloadOptions } from './reload.js';
export { releaseUnclaimed, unclaimed, type ReleaseReport } from './release.js';
export { exitForWarmBoot } from './exit.js';
export { DryRunAdapter, PLACEHOLDER_BASE } from './dry-run-adapter.js';
export {
  planWarmBoot,
  applyWarmBoot,
  formatPlan,
  type WarmBootPlan,
  type PlannedOp,
  type ReplayFn,
  type ApplyOptions,
  type ApplyReport,
} from './plan.js';
