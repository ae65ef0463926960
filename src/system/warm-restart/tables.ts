/**
 * SONiC's warm restart tables (sonic-swss-common `schema.h`, `warm_restart.cpp`; sonic-utilities
 * `show warm_restart`, `config warm_restart`) and the values this project writes into them.
 */

/** CONFIG_DB `WARM_RESTART|<module>`: timers per module (SONiC's docker names). */
export const CFG_WARM_RESTART_TABLE = 'WARM_RESTART';
/** STATE_DB `WARM_RESTART_ENABLE_TABLE|<system|module>`: `enable` = `true` | `false`. */
export const STATE_WARM_RESTART_ENABLE_TABLE = 'WARM_RESTART_ENABLE_TABLE';
/** STATE_DB `WARM_RESTART_TABLE|<component>`: `restore_count`, `state`, and ours (see `component-record.ts`). */
export const STATE_WARM_RESTART_TABLE = 'WARM_RESTART_TABLE';

/** The `WARM_RESTART_ENABLE_TABLE` key meaning the whole system (SONiC: `config warm_restart enable`). */
export const SYSTEM = 'system';

/**
 * SONiC's warm start states (`WarmStart::warmStartStateNameMap`) plus `failed`, which SONiC lacks
 * (it writes `disabled` for a failure as for a cold start): `initialized` (a warm start began),
 * `restored` (the checkpoint is reloaded), `replayed` (the saved state is replayed), `reconciled`
 * (the intent is applied and stale objects removed), `disabled` (this boot is cold), `failed`.
 */
export const WARM_START_STATES = ['initialized', 'restored', 'replayed', 'reconciled', 'disabled', 'failed'] as const;
export type WarmStartState = (typeof WARM_START_STATES)[number];

/**
 * The components this project writes to `WARM_RESTART_TABLE`: the agent, which does orchagent's
 * and syncd's work (it programs the ASIC through the store); SONiC's scripts wait on
 * `WARM_RESTART_TABLE|orchagent` reaching `reconciled`, so ours reads the same. Its enable knob is
 * the `swss` module, as orchagent's is.
 */
export const AGENT_COMPONENT = 'orchagent';
/** The module (docker, in SONiC) whose `enable` and timers govern the agent. */
export const AGENT_MODULE = 'swss';
