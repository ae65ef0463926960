/**
 * A scope's saved drain config (SONiC's Reliable TSA requirements 9 and 10): the supervisor's
 * intent (chassis scope) or an instance's, saved at every change and loaded into CONFIG_DB at boot
 * and at a config reload. The file is a fragment of SONiC's `config_db.json`, so the same file (or
 * the whole `config_db.json`) serves:
 *
 *   { "BGP_DEVICE_GLOBAL": { "STATE": { "tsa_enabled": "true" } } }
 *
 * Only `BGP_DEVICE_GLOBAL.STATE.tsa_enabled` is ours: it must be `"true"` or `"false"`. Other
 * tables, and other fields of `STATE` (`wcmp_enabled`, `idf_isolation_state`, ...), are kept as
 * they are when the file is saved again; a field of `STATE` must be a string, as in CONFIG_DB.
 *
 * Nothing but a scope's own intent is saved here: the startup hold and the operational state live
 * in the instance's drain state file (`state-file.ts`), so a save can never capture them.
 */
import { z } from 'zod';
import { BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, TSA_ENABLED, tsaValue } from './intent.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

const stateRow = z.object({ [TSA_ENABLED]: z.enum(['true', 'false']) }).catchall(z.string());

const schema = z
  .object({
    [BGP_DEVICE_GLOBAL]: z.object({ [BGP_DEVICE_GLOBAL_KEY]: stateRow }).catchall(z.record(z.string(), z.string())),
  })
  .catchall(z.unknown());

/** The file's whole JSON document (other tables and fields included). */
export type DrainConfigDocument = z.infer<typeof schema>;

/** A loaded config file. */
export interface DrainConfig {
  readonly path: string;
  /** `BGP_DEVICE_GLOBAL.STATE.tsa_enabled`. */
  readonly tsaEnabled: boolean;
  /** The fields of `BGP_DEVICE_GLOBAL|STATE`, as they go into CONFIG_DB. */
  readonly fields: Readonly<Record<string, string>>;
  readonly document: DrainConfigDocument;
}

/**
 * Loads and validates a scope's config file; `undefined` when there is none (never saved).
 * @throws DrainFileError naming the file and the field (`BGP_DEVICE_GLOBAL.STATE.tsa_enabled`,
 *   `line N`): the file is left as it is and the caller keeps the last good intent it holds.
 */
export function loadDrainConfig(path: string): DrainConfig | undefined {
  const document = readJsonFile(path, schema);
  if (document === undefined) return undefined;
  const fields = document[BGP_DEVICE_GLOBAL][BGP_DEVICE_GLOBAL_KEY];
  return { path, tsaEnabled: fields[TSA_ENABLED] === 'true', fields, document };
}

/**
 * Saves `tsaEnabled` to `path` atomically, keeping what `previous` holds beside it (other tables,
 * other fields of `STATE`). A crash leaves the old file or the new one.
 * @returns the saved config.
 */
export function saveDrainConfig(path: string, tsaEnabled: boolean, previous?: DrainConfigDocument): DrainConfig {
  const prevTable = previous?.[BGP_DEVICE_GLOBAL];
  const fields = { ...prevTable?.[BGP_DEVICE_GLOBAL_KEY], [TSA_ENABLED]: tsaValue(tsaEnabled) };
  const document = {
    ...previous,
    [BGP_DEVICE_GLOBAL]: { ...prevTable, [BGP_DEVICE_GLOBAL_KEY]: fields },
  } as DrainConfigDocument;
  writeJsonFile(path, document);
  return { path, tsaEnabled, fields, document };
}
