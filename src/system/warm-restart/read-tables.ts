/**
 * What `saistore warm-restart state|config` show, read from a state DB the way sonic-utilities'
 * `show warm_restart` reads SONiC's (show/warm_restart.py), with our checks on top.
 */
import type { Row, StateDb } from '../../db/index.js';
import { isEnableName, parseEnableRow, parseWarmRestartConfig } from './config-schema.js';
import { CFG_WARM_RESTART_TABLE, STATE_WARM_RESTART_ENABLE_TABLE, STATE_WARM_RESTART_TABLE } from './tables.js';

/** One `WARM_RESTART_TABLE` row: SONiC's columns, and every field for `--json`. */
export interface StateLine {
  readonly name: string;
  /** `''` when the row has none (SONiC prints an empty cell). */
  readonly restore_count: string;
  readonly state: string;
  readonly fields: Row;
}

/** Every component's row of a namespace, by name. Rows are shown as they are (SONiC writes some). */
export async function readStateLines(db: StateDb, namespace = ''): Promise<StateLine[]> {
  const state = db.database('STATE_DB', namespace);
  const out: StateLine[] = [];
  for (const name of await state.tableKeys(STATE_WARM_RESTART_TABLE)) {
    const fields = (await state.get(STATE_WARM_RESTART_TABLE, name)) ?? {};
    out.push({ name, restore_count: fields.restore_count ?? '', state: fields.state ?? '', fields });
  }
  return out;
}

/** One line of `show warm_restart config`: SONiC's columns (`NULL` where SONiC prints it). */
export interface ConfigLine {
  readonly name: string;
  readonly enable: string;
  readonly timer_name: string;
  readonly timer_duration: string;
  readonly eoiu_enable: string;
}

/**
 * SONiC's table: every module of CONFIG_DB `WARM_RESTART` or STATE_DB `WARM_RESTART_ENABLE_TABLE`;
 * `enable` from the latter (`false` when absent); the module's timer (a line per timer when it has
 * several: SONiC's modules have one, our `swss` may have two); `eoiu_enable` from `bgp_eoiu`.
 * Modules in CONFIG_DB order first, then enable-only ones, as SONiC lists them.
 * @throws DbValueError naming the database, key and field of a row that breaks the schema.
 */
export async function readConfigLines(db: StateDb, namespace = ''): Promise<ConfigLine[]> {
  const config = db.database('CONFIG_DB', namespace);
  const state = db.database('STATE_DB', namespace);
  const modules = await config.tableKeys(CFG_WARM_RESTART_TABLE);
  const timers = new Map<string, Record<string, string | number | undefined>>();
  for (const m of modules) {
    timers.set(
      m,
      parseWarmRestartConfig(m, (await config.get(CFG_WARM_RESTART_TABLE, m)) ?? {}, namespace) as Record<
        string,
        string | number | undefined
      >,
    );
  }
  const enables = new Map<string, boolean>();
  for (const name of await state.tableKeys(STATE_WARM_RESTART_ENABLE_TABLE)) {
    enables.set(name, parseEnableRow(name, (await state.get(STATE_WARM_RESTART_ENABLE_TABLE, name)) ?? {}, namespace));
  }
  const names = [...modules, ...[...enables.keys()].filter((n) => !modules.includes(n))];
  const lines: ConfigLine[] = [];
  for (const name of names) {
    const enable = enables.has(name) ? String(enables.get(name)) : 'false';
    const t = timers.get(name) ?? {};
    const eoiu = t.bgp_eoiu !== undefined ? String(t.bgp_eoiu) : 'NULL';
    const timerFields = Object.keys(t).filter((f) => f.endsWith('_timer') && t[f] !== undefined);
    if (timerFields.length === 0) {
      lines.push({ name, enable, timer_name: 'NULL', timer_duration: 'NULL', eoiu_enable: eoiu });
    }
    for (const f of timerFields)
      lines.push({ name, enable, timer_name: f, timer_duration: String(t[f]), eoiu_enable: eoiu });
  }
  return lines;
}

/**
 * Whether warm restart is on for `module`, as SONiC's `checkWarmStart` decides: on when the
 * `system` row or the module's row says `true`; off when one of them is set and none says `true`;
 * undefined when neither is set. `by` names the row that decided.
 * @throws DbValueError for a malformed row.
 */
export async function readEnable(
  db: StateDb,
  module: string,
  namespace = '',
): Promise<{ enabled: boolean | undefined; by?: string }> {
  const state = db.database('STATE_DB', namespace);
  let off: string | undefined;
  for (const name of ['system', module]) {
    if (!isEnableName(name)) continue;
    const row = await state.get(STATE_WARM_RESTART_ENABLE_TABLE, name);
    if (row === undefined) continue;
    const by = `${STATE_WARM_RESTART_ENABLE_TABLE}|${name}`;
    if (parseEnableRow(name, row, namespace)) return { enabled: true, by };
    off ??= by;
  }
  return off !== undefined ? { enabled: false, by: off } : { enabled: undefined };
}

/**
 * A module's timer in seconds (SONiC's `getWarmStartTimer(app, docker)`: CONFIG_DB
 * `WARM_RESTART|<module>` `<timer>`), or undefined when not configured. Part 3 reads `bgp_timer`
 * (the stale routes' upper bound) and `orchagent_timer` through it.
 * @throws DbValueError when the row breaks the schema (SONiC would silently use no timer).
 */
export async function readWarmStartTimer(
  db: StateDb,
  module: string,
  timer: string,
  namespace = '',
): Promise<number | undefined> {
  const row = await db.database('CONFIG_DB', namespace).get(CFG_WARM_RESTART_TABLE, module);
  if (row === undefined) return undefined;
  const value = (parseWarmRestartConfig(module, row, namespace) as Record<string, unknown>)[timer];
  return typeof value === 'number' ? value : undefined;
}
