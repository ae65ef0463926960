/**
 * `saistore warm-restart config|state|enable|disable`: SONiC's `show warm_restart config|state` and
 * `config warm_restart enable|disable` over our state DB.
 *
 * Where the rows are: with `--db redis://HOST:PORT` every process sees the same tables live. On the
 * embedded default the DB lives in the daemon's process: `--state-dir DIR` reads what the daemon
 * keeps there (its snapshot of its rows), and `enable|disable` leave intent there that the daemon
 * loads at its next start.
 */
import { join } from 'node:path';
import { EMBEDDED_DB, isStateDbError, openStateDb, type StateDb } from '../db/index.js';
import { isEnableName, MODULE_NAMES } from '../system/warm-restart/config-schema.js';
import { readConfigLines, readStateLines } from '../system/warm-restart/read-tables.js';
import {
  StateDirFileError,
  WARM_RESTART_INTENT_FILE,
  encodeIntent,
  loadStateDir,
  readIntent,
  withEnable,
} from '../system/warm-restart/state-dir.js';
import { STATE_WARM_RESTART_ENABLE_TABLE, SYSTEM } from '../system/warm-restart/tables.js';
import { writeFileAtomic } from './agent-files.js';
import { CliError } from './errors.js';
import { namespaceBlocks, tabulate } from './warm-restart-format.js';

/** Options every warm-restart command takes. */
export interface WarmRestartCliOptions {
  readonly db?: string;
  readonly stateDir?: string;
  readonly namespace?: string;
  readonly json?: boolean;
}

interface Source {
  readonly db: StateDb;
  /** Where the rows come from, for messages. */
  readonly from: string;
  readonly close: () => Promise<void>;
}

/** Turns the state DB's and the state directory's own errors into messages without a stack. */
async function expected<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isStateDbError(e) || e instanceof StateDirFileError) throw new CliError((e as Error).message);
    throw e;
  }
}

function needSource(o: WarmRestartCliOptions): void {
  if (o.db !== undefined && o.stateDir !== undefined) throw new CliError('give --db or --state-dir, not both', 2);
  if (o.db === EMBEDDED_DB || (o.db === undefined && o.stateDir === undefined)) {
    throw new CliError(
      "the embedded state DB lives in the daemon's process: give --state-dir DIR (the daemon's state directory) or --db redis://HOST:PORT",
      2,
    );
  }
}

async function openSource(o: WarmRestartCliOptions): Promise<Source> {
  needSource(o);
  if (o.db !== undefined) {
    const db = await openStateDb({ url: o.db, maxRetries: 2 });
    return { db, from: o.db, close: () => db.close() };
  }
  const dir = o.stateDir!;
  const loaded = await loadStateDir(dir);
  if (loaded === undefined) {
    throw new CliError(
      `${dir} holds no state DB snapshot (state-db.json) nor warm restart intent: no daemon with warm restart bookkeeping has run there`,
    );
  }
  return { db: loaded.db, from: dir, close: () => loaded.db.close() };
}

/** The namespaces to show: the one asked for, else the global one and every other that has rows. */
async function namespacesOf(db: StateDb, o: WarmRestartCliOptions): Promise<string[]> {
  if (o.namespace !== undefined) return [o.namespace === 'global' ? '' : o.namespace];
  return ['', ...(await db.namespaces())];
}

/** `saistore warm-restart state`: `name restore_count state` per namespace (SONiC's columns). */
export async function runWarmRestartState(o: WarmRestartCliOptions): Promise<void> {
  await expected(async () => {
    const src = await openSource(o);
    try {
      const blocks = [];
      for (const ns of await namespacesOf(src.db, o))
        blocks.push({ namespace: ns, lines: await readStateLines(src.db, ns) });
      if (o.json) {
        const out = Object.fromEntries(
          blocks.map((b) => [b.namespace || 'global', b.lines.map((l) => ({ name: l.name, ...l.fields }))]),
        );
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        namespaceBlocks(
          blocks.map((b) => ({
            namespace: b.namespace,
            table: tabulate(
              ['name', 'restore_count', 'state'],
              b.lines.map((l) => [l.name, l.restore_count, l.state]),
            ),
          })),
        ),
      );
    } finally {
      await src.close();
    }
  });
}

/** `saistore warm-restart config`: `name enable timer_name timer_duration eoiu_enable` (SONiC's columns). */
export async function runWarmRestartConfig(o: WarmRestartCliOptions): Promise<void> {
  await expected(async () => {
    const src = await openSource(o);
    try {
      const blocks = [];
      for (const ns of await namespacesOf(src.db, o))
        blocks.push({ namespace: ns, lines: await readConfigLines(src.db, ns) });
      if (o.json) {
        process.stdout.write(
          `${JSON.stringify(Object.fromEntries(blocks.map((b) => [b.namespace || 'global', b.lines])), null, 2)}\n`,
        );
        return;
      }
      const headers = ['name', 'enable', 'timer_name', 'timer_duration', 'eoiu_enable'] as const;
      process.stdout.write(
        namespaceBlocks(
          blocks.map((b) => ({
            namespace: b.namespace,
            table: tabulate(
              headers,
              b.lines.map((l) => headers.map((h) => l[h])),
            ),
          })),
        ),
      );
    } finally {
      await src.close();
    }
  });
}

/**
 * `saistore warm-restart enable|disable [module]` (default `system`, as SONiC's): with --db, the
 * STATE_DB `WARM_RESTART_ENABLE_TABLE|<module>` row of the namespace asked for, else of the global
 * namespace and every other that has rows (as SONiC writes every namespace); with --state-dir, the
 * daemon's intent file.
 */
export async function runWarmRestartEnable(
  enable: boolean,
  module: string | undefined,
  o: WarmRestartCliOptions,
): Promise<void> {
  const name = module ?? SYSTEM;
  if (!isEnableName(name))
    throw new CliError(`unknown module ${JSON.stringify(name)} (known: ${SYSTEM}, ${MODULE_NAMES.join(', ')})`, 2);
  await expected(async () => {
    needSource(o);
    if (o.stateDir !== undefined) {
      const dir = o.stateDir;
      if (o.namespace !== undefined && o.namespace !== 'global') {
        throw new CliError('--namespace with --state-dir: a daemon on the embedded DB keeps one namespace', 2);
      }
      writeFileAtomic(join(dir, WARM_RESTART_INTENT_FILE), encodeIntent(withEnable(readIntent(dir), name, enable)));
      process.stdout.write(
        `warm restart ${name}: enable=${enable} (pending: the daemon on ${dir} loads it at its next start)\n`,
      );
      return;
    }
    const db = await openStateDb({ url: o.db!, maxRetries: 2 });
    try {
      for (const ns of await namespacesOf(db, o)) {
        await db.database('STATE_DB', ns).set(STATE_WARM_RESTART_ENABLE_TABLE, name, { enable: String(enable) });
      }
      process.stdout.write(`warm restart ${name}: enable=${enable}\n`);
    } finally {
      await db.close();
    }
  });
}
