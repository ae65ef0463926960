/**
 * Drain intent: what each scope asks for, as SONiC's Reliable TSA stores it, and how a row of the
 * state DB is read into it.
 *
 * Scopes (SONiC's Reliable TSA, requirements 1-4):
 * - **chassis**: the supervisor's CONFIG_DB `BGP_DEVICE_GLOBAL|STATE` `tsa_enabled`, published to
 *   CHASSIS_APP_DB `BGP_DEVICE_GLOBAL|STATE` `tsa_enabled`, which every instance reads;
 * - **instance**: the instance's own CONFIG_DB `BGP_DEVICE_GLOBAL|STATE` `tsa_enabled`;
 * - **startup hold** (SONiC's `startup_tsa_tsb.service`): not a field of either: its own reason with
 *   a persisted deadline (`hold.ts`), so a config save can never capture it.
 *
 * A value is `"true"` or `"false"`, nothing else. A missing key, a missing field, a value of
 * another shape or an unreachable DB is an *unknown* reading, never a `false`: SONiC's bgpcfgd
 * reads each of those as TSB (`TSA_DEFAULTS = "false"`), which un-isolates a device that should
 * stay isolated.
 */

/** SONiC's table of device-wide BGP settings (CONFIG_DB, CHASSIS_APP_DB; STATE_DB for ours). */
export const BGP_DEVICE_GLOBAL = 'BGP_DEVICE_GLOBAL';
/** The key of the drain settings in `BGP_DEVICE_GLOBAL`. */
export const BGP_DEVICE_GLOBAL_KEY = 'STATE';
/** The field: `"true"` = traffic shifted away (TSA), `"false"` = shifted back (TSB). */
export const TSA_ENABLED = 'tsa_enabled';

/** A scope whose intent is configured (the startup hold is not configured: see `hold.ts`). */
export type ConfigScope = 'chassis' | 'instance';

/** Why a scope's intent is not known. */
export type UnknownCause =
  /** The DB holding it did not answer (connection refused, lost, timed out). */
  | 'unreachable'
  /** The key `BGP_DEVICE_GLOBAL|STATE` does not exist (a flushed DB, a config reload half way). */
  | 'missing-key'
  /** The key exists without `tsa_enabled` (another field of the key was written alone). */
  | 'missing-field'
  /** `tsa_enabled` holds something other than `"true"` or `"false"`. */
  | 'invalid-value'
  /** Not read yet since this process started. */
  | 'not-read';

/** One scope's intent as last read: known (`tsaEnabled`), or unknown with the cause. */
export type TsaReading =
  | { readonly kind: 'known'; readonly tsaEnabled: boolean }
  | { readonly kind: 'unknown'; readonly cause: UnknownCause; readonly detail: string };

/** A known reading. */
export function known(tsaEnabled: boolean): TsaReading {
  return { kind: 'known', tsaEnabled };
}

/** An unknown reading. */
export function unknown(cause: UnknownCause, detail: string): TsaReading {
  return { kind: 'unknown', cause, detail };
}

/**
 * Reads `tsa_enabled` from the fields of `BGP_DEVICE_GLOBAL|STATE` (`undefined`: the key does not
 * exist). Only `tsa_enabled` is looked at: other fields of the key (SONiC's `wcmp_enabled`,
 * `idf_isolation_state`, ...) never change the reading.
 * @param where names the DB and key for the detail, e.g. `CHASSIS_APP_DB BGP_DEVICE_GLOBAL|STATE`.
 */
export function readTsaEnabled(fields: Readonly<Record<string, string>> | undefined, where: string): TsaReading {
  if (fields === undefined) return unknown('missing-key', `${where}: no such key`);
  if (!Object.prototype.hasOwnProperty.call(fields, TSA_ENABLED))
    return unknown('missing-field', `${where}: no field ${TSA_ENABLED}`);
  const v = fields[TSA_ENABLED];
  if (v === 'true') return known(true);
  if (v === 'false') return known(false);
  return unknown('invalid-value', `${where}: ${TSA_ENABLED}=${JSON.stringify(v)}, expected "true" or "false"`);
}

/** The DB value of an intent: `"true"` / `"false"`. */
export function tsaValue(tsaEnabled: boolean): 'true' | 'false' {
  return tsaEnabled ? 'true' : 'false';
}

/** A reading as one word: `true`, `false` or `unknown`. */
export function readingWord(r: TsaReading): 'true' | 'false' | 'unknown' {
  return r.kind === 'known' ? tsaValue(r.tsaEnabled) : 'unknown';
}
