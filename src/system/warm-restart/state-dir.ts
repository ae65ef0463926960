/**
 * The embedded DB lives in the daemon's process, so other processes read what the daemon keeps in
 * its state directory, and leave intent there for its next start:
 *
 *   DIR/state-db.json              a snapshot of the daemon's rows, rewritten (atomically) after
 *                                  each bookkeeping flush: {format, version, writtenAt, rows}
 *   DIR/warm-restart-intent.json   `saistore warm-restart enable|disable` without --db: the enable
 *                                  knobs (and timers) the daemon loads into its DB at its next start
 *
 * This file encodes, parses and validates them; the callers write them with the project's atomic
 * write. A bad file is a `StateDirFileError` naming the file and what is wrong; nothing is loaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DB_NAMES, EmbeddedStateDb, type StateDb, type StoredRow } from '../../db/index.js';
import { MODULE_NAMES, isEnableName, parseWarmRestartConfig } from './config-schema.js';
import { CFG_WARM_RESTART_TABLE, STATE_WARM_RESTART_ENABLE_TABLE, SYSTEM } from './tables.js';

export const STATE_DB_SNAPSHOT_FILE = 'state-db.json';
export const WARM_RESTART_INTENT_FILE = 'warm-restart-intent.json';

/** A state directory file that cannot be used. */
export class StateDirFileError extends Error {
  readonly kind = 'StateDirFileError' as const;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'StateDirFileError';
  }
}

const snapshotSchema = z.strictObject({
  format: z.literal('saistore-state-db'),
  version: z.literal(1),
  writtenAt: z.string(),
  rows: z.array(
    z.strictObject({
      namespace: z.string(),
      db: z.enum(DB_NAMES as [string, ...string[]]),
      key: z.string(),
      fields: z.record(z.string(), z.string()),
    }),
  ),
});

/** The snapshot file's text for `rows`. */
export function encodeSnapshot(rows: readonly StoredRow[], now: Date = new Date()): string {
  return `${JSON.stringify({ format: 'saistore-state-db', version: 1, writtenAt: now.toISOString(), rows }, null, 1)}\n`;
}

/** The intent the CLI leaves for the daemon. */
export interface WarmRestartIntent {
  /** `system` or a module -> enable. */
  readonly enable: Readonly<Record<string, boolean>>;
  /** module -> CONFIG_DB `WARM_RESTART` fields (checked by the schema when loaded). */
  readonly config: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const intentSchema = z.strictObject({
  format: z.literal('saistore-warm-restart-intent'),
  version: z.literal(1),
  enable: z.record(z.string(), z.boolean()),
  config: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});

/** The intent file's text. */
export function encodeIntent(intent: WarmRestartIntent): string {
  return `${JSON.stringify({ format: 'saistore-warm-restart-intent', version: 1, ...intent }, null, 1)}\n`;
}

function readJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new StateDirFileError(path, `not JSON (${(e as Error).message}); ${text.length} bytes`);
  }
}

function check<T>(schema: z.ZodType<T>, path: string, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new StateDirFileError(path, `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
}

/** The daemon's snapshot of its rows, or undefined when it wrote none. @throws StateDirFileError */
export function readSnapshot(dir: string): StoredRow[] | undefined {
  const path = join(dir, STATE_DB_SNAPSHOT_FILE);
  if (!existsSync(path)) return undefined;
  return check(snapshotSchema, path, readJson(path)).rows as StoredRow[];
}

/** The pending intent, or undefined. @throws StateDirFileError (also for an unknown module). */
export function readIntent(dir: string): WarmRestartIntent | undefined {
  const path = join(dir, WARM_RESTART_INTENT_FILE);
  if (!existsSync(path)) return undefined;
  const intent = check(intentSchema, path, readJson(path));
  for (const name of Object.keys(intent.enable)) {
    if (!isEnableName(name))
      throw new StateDirFileError(
        path,
        `enable.${name}: unknown module (known: ${SYSTEM}, ${MODULE_NAMES.join(', ')})`,
      );
  }
  for (const [module, row] of Object.entries(intent.config)) {
    try {
      parseWarmRestartConfig(module, row);
    } catch (e) {
      throw new StateDirFileError(path, `config.${module}: ${(e as Error).message}`);
    }
  }
  return { enable: intent.enable, config: intent.config };
}

/** `intent` with `name`'s enable set. */
export function withEnable(intent: WarmRestartIntent | undefined, name: string, enable: boolean): WarmRestartIntent {
  return { enable: { ...(intent?.enable ?? {}), [name]: enable }, config: intent?.config ?? {} };
}

/**
 * Writes the intent into a namespace's databases: STATE_DB `WARM_RESTART_ENABLE_TABLE` rows and
 * CONFIG_DB `WARM_RESTART` rows (checked: `DbValueError` naming the field when one is bad).
 */
export async function applyIntent(db: StateDb, intent: WarmRestartIntent, namespace = ''): Promise<void> {
  for (const [module, row] of Object.entries(intent.config)) {
    parseWarmRestartConfig(module, row, namespace);
    await db.database('CONFIG_DB', namespace).set(CFG_WARM_RESTART_TABLE, module, row);
  }
  for (const [name, enable] of Object.entries(intent.enable)) {
    await db.database('STATE_DB', namespace).set(STATE_WARM_RESTART_ENABLE_TABLE, name, { enable: String(enable) });
  }
}

/**
 * What a daemon on the embedded DB shows to other processes: its last snapshot with the pending
 * intent applied over it (the intent is what its next start will load). Undefined when the
 * directory has neither. @throws StateDirFileError
 */
export async function loadStateDir(
  dir: string,
): Promise<{ db: EmbeddedStateDb; snapshot: boolean; intent: WarmRestartIntent | undefined } | undefined> {
  const rows = readSnapshot(dir);
  const intent = readIntent(dir);
  if (rows === undefined && intent === undefined) return undefined;
  const db = new EmbeddedStateDb();
  if (rows) await db.load(rows);
  if (intent) await applyIntent(db, intent);
  return { db, snapshot: rows !== undefined, intent };
}
