/**
 * `saistore drain show | on | off`: the drain (Reliable TSA) from the command line.
 *
 * - `drain show [--db URL] [--asic K] [--config FILE] [--state-dir DIR] [--json]`: every scope's
 *   intent, each instance's operational state and why, the startup hold's remaining time, and
 *   `System Mode: Normal | Maintenance | Not consistent` over all instances.
 * - `drain on|off --scope chassis --config FILE [--db URL]`: TSA / TSB on the supervisor: saved to
 *   FILE, then its CONFIG_DB and CHASSIS_APP_DB.
 * - `drain on|off --scope instance [--asic K] [--db URL]`: TSA / TSB of one instance (`--asic K`)
 *   or of every instance the DB holds: its CONFIG_DB `BGP_DEVICE_GLOBAL|STATE` `tsa_enabled`; its
 *   agent saves it. On the embedded DB (no `--db`), `--state-dir DIR` writes the instance's saved
 *   config and asks its running agent (SIGHUP) to reload it.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { openStateDb } from '../db/open.js';
import type { StateDb } from '../db/types.js';
import { restoreChassisDrain, setChassisDrain } from '../system/drain/chassis.js';
import { loadDrainConfig, saveDrainConfig } from '../system/drain/config-file.js';
import {
  BGP_DEVICE_GLOBAL,
  BGP_DEVICE_GLOBAL_KEY,
  readingWord,
  TSA_ENABLED,
  tsaValue,
} from '../system/drain/intent.js';
import { drainFiles } from '../system/drain/paths.js';
import { readScope } from '../system/drain/read-scope.js';
import { readDrainView } from '../system/drain/view.js';
import { isRunning, readAgentPid } from './agent-files.js';
import { formatDrainView } from './drain-format.js';
import { CliError } from './errors.js';

/** Options of `drain show`. */
export interface DrainShowOptions {
  db?: string;
  chassisDb?: string;
  asic?: number;
  config?: string;
  stateDir: string[];
  json: boolean;
}

/** Options of `drain on|off`. */
export interface DrainSetOptions {
  scope: 'chassis' | 'instance';
  db?: string;
  chassisDb?: string;
  asic?: number;
  config?: string;
  stateDir?: string;
  json: boolean;
}

function asicNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected an ASIC number (0, 1, ...)');
  return n;
}

const collect = (value: string, previous: string[]) => [...previous, value];

async function withDb<T>(url: string, chassis: string | undefined, fn: (db: StateDb) => Promise<T>): Promise<T> {
  const db = await openStateDb({ url, maxRetries: 2, ...(chassis === undefined ? {} : { chassis }) });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** `drain show`. */
export async function runDrainShow(o: DrainShowOptions): Promise<void> {
  const options = {
    namespaces: o.asic === undefined ? undefined : [`asic${o.asic}`],
    stateDirs: o.stateDir,
    configFile: o.config,
    now: Date.now(),
  };
  if (o.db === undefined && o.stateDir.length === 0 && o.config === undefined)
    throw new CliError('drain show needs --db URL, or --state-dir DIR / --config FILE to read saved drain files', 2);
  const view =
    o.db === undefined
      ? await readDrainView(undefined, options)
      : await withDb(o.db, o.chassisDb, (db) => readDrainView(db, options));
  process.stdout.write(o.json ? `${JSON.stringify(view)}\n` : formatDrainView(view));
}

/** `drain on` (TSA, `tsaEnabled` true) and `drain off` (TSB). */
export async function runDrainSet(tsaEnabled: boolean, o: DrainSetOptions): Promise<void> {
  const value = tsaValue(tsaEnabled);
  if (o.scope === 'chassis') {
    if (o.config === undefined)
      throw new CliError("--scope chassis needs --config FILE (the supervisor's saved drain config)", 2);
    if (o.asic !== undefined) throw new CliError('--asic goes with --scope instance', 2);
    if (o.db === undefined) {
      const previous = loadDrainConfig(o.config);
      saveDrainConfig(o.config, tsaEnabled, previous?.document);
      const prev = previous ? tsaValue(previous.tsaEnabled) : 'unknown';
      process.stdout.write(
        o.json
          ? `${JSON.stringify({ scope: 'chassis', previous: prev, tsa_enabled: value, saved: o.config, db: null })}\n`
          : `Chassis tsa_enabled: ${prev} -> ${value} (saved to ${o.config}; no --db: published at the supervisor's next \`drain restore\`)\n`,
      );
      return;
    }
    const result = await withDb(o.db, o.chassisDb, async (db) => {
      const before = await readScope(db.database('CHASSIS_APP_DB'));
      await setChassisDrain(db, o.config!, tsaEnabled);
      return { scope: 'chassis', previous: readingWord(before), tsa_enabled: value, saved: o.config, db: db.location };
    });
    process.stdout.write(
      o.json
        ? `${JSON.stringify(result)}\n`
        : `Chassis tsa_enabled: ${result.previous} -> ${value} (saved to ${o.config}; CONFIG_DB and CHASSIS_APP_DB at ${result.db})\n`,
    );
    return;
  }
  if (o.config !== undefined) throw new CliError('--config goes with --scope chassis', 2);
  if (o.db === undefined) {
    if (o.stateDir === undefined)
      throw new CliError('--scope instance needs --db URL, or --state-dir DIR for an agent on the embedded DB', 2);
    return setInstanceFile(tsaEnabled, o.stateDir, o.json);
  }
  const changes = await withDb(o.db, o.chassisDb, async (db) => {
    const namespaces = o.asic !== undefined ? [`asic${o.asic}`] : await db.namespaces();
    if (namespaces.length === 0)
      throw new CliError(`no instance namespace in the state DB at ${db.location}: give --asic K`);
    const out: { namespace: string; previous: string; tsa_enabled: string }[] = [];
    for (const ns of namespaces) {
      const config = db.database('CONFIG_DB', ns);
      const before = await readScope(config);
      await config.set(BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, { [TSA_ENABLED]: value });
      out.push({ namespace: ns, previous: readingWord(before), tsa_enabled: value });
    }
    return out;
  });
  process.stdout.write(
    o.json
      ? `${JSON.stringify({ scope: 'instance', changes })}\n`
      : changes.map((c) => `${c.namespace} instance tsa_enabled: ${c.previous} -> ${c.tsa_enabled}\n`).join(''),
  );
}

/** Options of `drain restore`. */
export interface DrainRestoreOptions {
  db: string;
  chassisDb?: string;
  config: string;
  json: boolean;
}

/** `drain restore`: the supervisor's boot or config reload: its saved config into CONFIG_DB and CHASSIS_APP_DB. */
export async function runDrainRestore(o: DrainRestoreOptions): Promise<void> {
  const r = await withDb(o.db, o.chassisDb, (db) => restoreChassisDrain(db, o.config));
  if (r.kind === 'bad-file')
    throw new CliError(`${r.error.message} (nothing written: CONFIG_DB and CHASSIS_APP_DB keep their values)`);
  process.stdout.write(
    o.json
      ? `${JSON.stringify(r)}\n`
      : r.kind === 'restored'
        ? `Chassis tsa_enabled: ${tsaValue(r.tsaEnabled)} restored from ${r.path}\n`
        : `${r.path}: no saved chassis drain config: nothing restored (instances read the chassis scope as unknown)\n`,
  );
}

/** Embedded DB: the instance's saved config, then SIGHUP to its agent so it reloads it. */
function setInstanceFile(tsaEnabled: boolean, stateDir: string, json: boolean): void {
  const path = drainFiles(stateDir).config;
  const previous = loadDrainConfig(path); // a bad file stops here, untouched
  saveDrainConfig(path, tsaEnabled, previous?.document);
  const pid = readAgentPid(stateDir);
  const signalled = pid !== undefined && isRunning(pid);
  if (signalled) process.kill(pid, 'SIGHUP');
  const prev = previous ? tsaValue(previous.tsaEnabled) : 'unknown';
  process.stdout.write(
    json
      ? `${JSON.stringify({ scope: 'instance', stateDir, previous: prev, tsa_enabled: tsaValue(tsaEnabled), saved: path, signalled: signalled ? pid : null })}\n`
      : `${stateDir} instance tsa_enabled: ${prev} -> ${tsaValue(tsaEnabled)} (saved to ${path}; ${signalled ? `agent pid ${pid} asked to reload` : 'no agent running: applied at its next start'})\n`,
  );
}

/** Adds `drain show | on | off` to `program`. */
export function addDrainCommands(program: Command): void {
  const drain = program
    .command('drain')
    .description('traffic shift away (TSA, drain) / back (TSB): SONiC Reliable TSA over the state DB');
  const dbOption = () => new Option('--db <url>', 'state DB: redis://HOST:PORT (default: the embedded one)');
  const chassisDbOption = () =>
    new Option('--chassis-db <url>', "the chassis DB's server (SONiC's redis_chassis), when not the --db one");
  const asicOption = () => new Option('--asic <k>', 'the instance asicK only').argParser(asicNumber);

  drain
    .command('show')
    .description("every scope's intent, each instance's operational state and why, the startup hold's time left")
    .addOption(dbOption())
    .addOption(chassisDbOption())
    .addOption(asicOption())
    .option('--config <file>', "the supervisor's saved drain config, to show beside the DB")
    .option(
      '--state-dir <dir>',
      "an instance's state dir (embedded DB: its saved drain files); repeatable",
      collect,
      [],
    )
    .option('--json', 'print the view as JSON', false)
    .action((o: DrainShowOptions) => runDrainShow(o));

  drain
    .command('restore')
    .description(
      "the supervisor's boot or config reload: its saved chassis drain config into its CONFIG_DB and CHASSIS_APP_DB",
    )
    .requiredOption('--db <url>', 'state DB: redis://HOST:PORT')
    .addOption(chassisDbOption())
    .requiredOption('--config <file>', "the supervisor's saved drain config")
    .option('--json', 'print the result as JSON', false)
    .action((o: DrainRestoreOptions) => runDrainRestore(o));

  for (const [name, tsa] of [
    ['on', true],
    ['off', false],
  ] as const) {
    drain
      .command(name)
      .description(tsa ? 'TSA: shift traffic away (drain) in one scope' : 'TSB: shift traffic back in one scope')
      .addOption(
        new Option('--scope <scope>', 'chassis (the supervisor) or instance')
          .choices(['chassis', 'instance'])
          .makeOptionMandatory(),
      )
      .addOption(dbOption())
      .addOption(chassisDbOption())
      .addOption(asicOption())
      .option('--config <file>', "--scope chassis: the supervisor's saved drain config (config_db.json shape)")
      .option('--state-dir <dir>', "--scope instance on the embedded DB: the instance's state dir")
      .option('--json', 'print the change as JSON', false)
      .action((o: DrainSetOptions) => runDrainSet(tsa, o));
  }
}
