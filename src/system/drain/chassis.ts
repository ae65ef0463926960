/**
 * The chassis scope, on the supervisor (SONiC's Reliable TSA requirements 2, 4, 9, 10): its intent
 * is saved to its config file, written to its CONFIG_DB (global namespace) and published to
 * CHASSIS_APP_DB `BGP_DEVICE_GLOBAL|STATE` `tsa_enabled`, which every instance subscribes to. At a
 * supervisor boot or config reload the file is loaded into both. Only `tsa_enabled` is written:
 * other fields of the rows stay. Nothing here touches an instance's config or its startup hold.
 *
 * Order of a change: the file first (a crash after it and before the DB writes is repaired by the
 * next restore), then CONFIG_DB, then CHASSIS_APP_DB. A bad file is never loaded: the rows keep
 * their values (the last good ones), or stay absent after a supervisor reboot, which instances
 * read as unknown (never TSB).
 */
import type { Database, StateDb } from '../../db/types.js';
import { loadDrainConfig, saveDrainConfig, type DrainConfig } from './config-file.js';
import { DrainFileError } from './errors.js';
import { BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, TSA_ENABLED, tsaValue, type TsaReading } from './intent.js';
import { readScope } from './read-scope.js';

/** What a restore did. */
export type ChassisRestore =
  | { readonly kind: 'restored'; readonly tsaEnabled: boolean; readonly path: string }
  /** No file: never configured. Nothing was written. */
  | { readonly kind: 'not-configured'; readonly path: string }
  /** The file cannot be used: nothing was written. */
  | { readonly kind: 'bad-file'; readonly error: DrainFileError };

/** The supervisor's databases: CONFIG_DB of the global namespace and CHASSIS_APP_DB. */
function dbs(db: StateDb): { config: Database; chassis: Database } {
  return { config: db.database('CONFIG_DB'), chassis: db.database('CHASSIS_APP_DB') };
}

async function write(db: StateDb, tsaEnabled: boolean): Promise<void> {
  const { config, chassis } = dbs(db);
  const row = { [TSA_ENABLED]: tsaValue(tsaEnabled) };
  await config.set(BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, row);
  await chassis.set(BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, row);
}

/**
 * Supervisor boot or config reload: the saved intent into CONFIG_DB and CHASSIS_APP_DB.
 * @throws the state DB's errors (`DbConnectionError`, ...) when a write fails; a retry converges.
 */
export async function restoreChassisDrain(db: StateDb, configFile: string): Promise<ChassisRestore> {
  let file: DrainConfig | undefined;
  try {
    file = loadDrainConfig(configFile);
  } catch (e) {
    if (e instanceof DrainFileError) return { kind: 'bad-file', error: e };
    throw e;
  }
  if (file === undefined) return { kind: 'not-configured', path: configFile };
  await write(db, file.tsaEnabled);
  return { kind: 'restored', tsaEnabled: file.tsaEnabled, path: configFile };
}

/**
 * TSA (`true`) or TSB (`false`) on the supervisor: saved, then CONFIG_DB, then CHASSIS_APP_DB.
 * @throws DrainFileError when the file exists but cannot be used: nothing is written (the file may
 *   be a whole config_db.json whose other tables a rewrite would lose); fix it first.
 * @throws the state DB's errors when a write fails (the file already holds the new intent).
 */
export async function setChassisDrain(db: StateDb, configFile: string, tsaEnabled: boolean): Promise<DrainConfig> {
  const previous = loadDrainConfig(configFile);
  const saved = saveDrainConfig(configFile, tsaEnabled, previous?.document);
  await write(db, tsaEnabled);
  return saved;
}

/** The chassis scope as the supervisor sees it: its file, its CONFIG_DB, CHASSIS_APP_DB. Never throws for the DB. */
export async function readChassisDrain(
  db: StateDb,
  configFile: string | undefined,
): Promise<{ file?: DrainConfig | DrainFileError; config: TsaReading; published: TsaReading }> {
  const { config, chassis } = dbs(db);
  let file: DrainConfig | DrainFileError | undefined;
  if (configFile !== undefined) {
    try {
      file = loadDrainConfig(configFile);
    } catch (e) {
      if (!(e instanceof DrainFileError)) throw e;
      file = e;
    }
  }
  const [c, p] = await Promise.all([readScope(config), readScope(chassis)]);
  return { file, config: c, published: p };
}
