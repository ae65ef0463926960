/**
 * Warm restart intent, validated with zod: CONFIG_DB `WARM_RESTART|<module>` timers and STATE_DB
 * `WARM_RESTART_ENABLE_TABLE|<system|module>` `enable`. SONiC reads a timer with `strtoul` and
 * silently ignores one that is 0, unparsable or above 9999 (`getWarmStartTimer`); here a bad timer,
 * an unknown field or an unknown module is a `DbValueError` naming the database, key and field.
 */
import { z } from 'zod';
import { parseRow, DbValueError, type DbPlace, type Row } from '../../db/index.js';
import { CFG_WARM_RESTART_TABLE, STATE_WARM_RESTART_ENABLE_TABLE, SYSTEM } from './tables.js';

/** A timer in whole seconds, written as a decimal string, within 1..max. */
function seconds(max: number) {
  return z
    .string()
    .regex(/^[0-9]+$/, 'a timer is a whole number of seconds')
    .transform(Number)
    .pipe(z.number().int().min(1, `a timer is 1..${max} seconds`).max(max, `a timer is 1..${max} seconds`));
}

const bool = z.enum(['true', 'false'], { message: 'must be "true" or "false"' });

/**
 * The modules and their fields. SONiC's (sonic-utilities `config warm_restart`, whose ranges these
 * are): `swss.neighsyncd_timer` 1..9999, `bgp.bgp_timer` 1..3600, `bgp.bgp_eoiu`,
 * `teamd.teamsyncd_timer` 1..3600. Ours: `swss.orchagent_timer` 1..9999, the agent's reconcile
 * upper bound after a warm start (SONiC's `<app>_timer` naming, `getWarmStartTimer("orchagent")`).
 * `bgp_timer` bounds how long stale routes wait for the route feed's end-of-RIB.
 */
export const WARM_RESTART_MODULES = {
  swss: z.strictObject({ neighsyncd_timer: seconds(9999).optional(), orchagent_timer: seconds(9999).optional() }),
  bgp: z.strictObject({ bgp_timer: seconds(3600).optional(), bgp_eoiu: bool.optional() }),
  teamd: z.strictObject({ teamsyncd_timer: seconds(3600).optional() }),
} as const;

/** A module with warm restart settings. */
export type WarmRestartModule = keyof typeof WARM_RESTART_MODULES;
export const MODULE_NAMES = Object.keys(WARM_RESTART_MODULES) as WarmRestartModule[];

/** One module's timers, parsed (seconds as numbers, `bgp_eoiu` as its string). */
export type WarmRestartTimers = {
  -readonly [K in WarmRestartModule]: z.output<(typeof WARM_RESTART_MODULES)[K]>;
}[WarmRestartModule];

/** Whether `name` is a module of `WARM_RESTART` (`system` is not: it has no timers). */
export function isWarmRestartModule(name: string): name is WarmRestartModule {
  return Object.prototype.hasOwnProperty.call(WARM_RESTART_MODULES, name);
}

/**
 * Checks CONFIG_DB `WARM_RESTART|<module>`. `namespace` only names the place in errors.
 * @throws DbValueError for an unknown module, an unknown field, a timer out of range or not a number.
 */
export function parseWarmRestartConfig(module: string, row: Row, namespace = ''): WarmRestartTimers {
  const place: DbPlace = { db: 'CONFIG_DB', namespace, key: `${CFG_WARM_RESTART_TABLE}|${module}` };
  if (!isWarmRestartModule(module)) {
    throw new DbValueError(place, `unknown module ${JSON.stringify(module)} (known: ${MODULE_NAMES.join(', ')})`);
  }
  return parseRow(WARM_RESTART_MODULES[module], place, row);
}

const enableRow = z.strictObject({ enable: bool });

/** The names `WARM_RESTART_ENABLE_TABLE` accepts: `system` and every module. */
export function isEnableName(name: string): boolean {
  return name === SYSTEM || isWarmRestartModule(name);
}

/**
 * Checks STATE_DB `WARM_RESTART_ENABLE_TABLE|<name>` and answers its `enable`.
 * @throws DbValueError for an unknown name, a missing or bad `enable`, another field.
 */
export function parseEnableRow(name: string, row: Row, namespace = ''): boolean {
  const place: DbPlace = { db: 'STATE_DB', namespace, key: `${STATE_WARM_RESTART_ENABLE_TABLE}|${name}` };
  if (!isEnableName(name)) {
    throw new DbValueError(
      place,
      `unknown module ${JSON.stringify(name)} (known: ${SYSTEM}, ${MODULE_NAMES.join(', ')})`,
    );
  }
  return parseRow(enableRow, place, row).enable === 'true';
}
