/**
 * What `saistore drain show` prints, as plain data: every scope's intent, each instance's published
 * operational state with the hold's remaining time, and the system mode over all instances (SONiC
 * TSC's `System Mode: Normal | Maintenance | Not consistent`). Read live from the state DB, or, for
 * an instance on the embedded DB (whose DB lives in its daemon), from its drain files.
 */
import type { StateDb } from '../../db/types.js';
import { readChassisDrain } from './chassis.js';
import { loadDrainConfig } from './config-file.js';
import { DrainFileError } from './errors.js';
import { holdStatus } from './hold.js';
import { BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, readingWord } from './intent.js';
import { drainFiles } from './paths.js';
import { readScope, whereOf } from './read-scope.js';
import { loadDrainState } from './state-file.js';
import { DRAIN_STATE_FIELDS } from './state-row.js';

/** `true` / `false` / `unknown`, with why when unknown. */
export interface IntentView {
  readonly value: 'true' | 'false' | 'unknown';
  readonly detail?: string;
}

/** The startup hold as shown. */
export interface HoldView {
  readonly state: 'none' | 'running' | 'expired' | 'ended';
  readonly deadline?: string;
  /** Whole seconds left (rounded up), when running. */
  readonly remainingSeconds?: number;
}

/** One instance. */
export interface InstanceView {
  readonly namespace: string;
  /** Where the operational state comes from: the live STATE_DB row, or the drain files of `--state-dir`. */
  readonly source: string;
  readonly intent: IntentView;
  /** Undefined when nothing was published (the agent never ran on this DB). */
  readonly operational?: {
    readonly drained: boolean;
    readonly mode: 'Maintenance' | 'Normal';
    readonly reasons: readonly string[];
    readonly basis?: string;
    readonly chassis?: string;
    readonly unknown?: readonly string[];
    readonly updatedAt?: string;
  };
  readonly hold: HoldView;
  /** A row or file that could not be read as expected. */
  readonly problem?: string;
}

/** Everything `drain show` prints. */
export interface DrainView {
  readonly chassis: {
    readonly config: IntentView;
    readonly published: IntentView;
    readonly saved?: { readonly path: string; readonly value?: 'true' | 'false'; readonly error?: string };
  };
  readonly instances: readonly InstanceView[];
  /** SONiC TSC's words; `Unknown` when no instance has an operational state. */
  readonly systemMode: 'Normal' | 'Maintenance' | 'Not consistent' | 'Unknown';
}

function intentOf(r: Awaited<ReturnType<typeof readScope>>): IntentView {
  return r.kind === 'known' ? { value: readingWord(r) } : { value: 'unknown', detail: r.detail };
}

function holdOf(state: string, deadlineIso: string | undefined, now: number): HoldView {
  const deadline = deadlineIso && deadlineIso !== 'none' ? Date.parse(deadlineIso) : Number.NaN;
  if (state === 'running' && Number.isFinite(deadline)) {
    const left = deadline - now;
    if (left <= 0) return { state: 'expired', deadline: deadlineIso };
    return { state: 'running', deadline: deadlineIso, remainingSeconds: Math.ceil(left / 1000) };
  }
  if (state === 'none' || state === 'expired' || state === 'ended' || state === 'running')
    return Number.isFinite(deadline) ? { state, deadline: deadlineIso } : { state };
  return { state: 'none' };
}

const list = (s: string | undefined) => (s === undefined || s === 'none' ? [] : s.split(','));

/** One instance from the live state DB: its CONFIG_DB intent and its STATE_DB row. */
async function instanceFromDb(db: StateDb, namespace: string, now: number): Promise<InstanceView> {
  const configDb = db.database('CONFIG_DB', namespace);
  const stateDb = db.database('STATE_DB', namespace);
  const intent = intentOf(await readScope(configDb));
  const source = whereOf(stateDb);
  let row: Readonly<Record<string, string>> | undefined;
  try {
    row = await stateDb.get(BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY);
  } catch (e) {
    return { namespace, source, intent, hold: { state: 'none' }, problem: (e as Error).message };
  }
  if (row === undefined) return { namespace, source, intent, hold: { state: 'none' } };
  const missing = DRAIN_STATE_FIELDS.filter((f) => row[f] === undefined);
  const op = row.tsa_enabled;
  if (op !== 'true' && op !== 'false') {
    return {
      namespace,
      source,
      intent,
      hold: { state: 'none' },
      problem: `${source}: tsa_enabled=${JSON.stringify(op)}`,
    };
  }
  return {
    namespace,
    source,
    intent,
    operational: {
      drained: op === 'true',
      mode: op === 'true' ? 'Maintenance' : 'Normal',
      reasons: list(row.reasons),
      basis: row.basis,
      chassis: row.chassis_tsa_enabled,
      unknown: list(row.unknown),
      updatedAt: row.updated_at,
    },
    hold: holdOf(row.startup_hold ?? 'none', row.startup_hold_deadline, now),
    ...(missing.length > 0 ? { problem: `${source}: fields missing: ${missing.join(', ')}` } : {}),
  };
}

/** One instance from its drain files (`--state-dir`): its saved intent, last state and hold. */
export function instanceFromFiles(stateDir: string, now: number): InstanceView {
  const files = drainFiles(stateDir);
  const source = `${files.state} (saved by the agent)`;
  let intent: IntentView = { value: 'unknown', detail: `${files.config}: not saved yet` };
  let problem: string | undefined;
  try {
    const c = loadDrainConfig(files.config);
    if (c) intent = { value: c.tsaEnabled ? 'true' : 'false' };
  } catch (e) {
    if (!(e instanceof DrainFileError)) throw e;
    intent = { value: 'unknown', detail: e.message };
  }
  try {
    const s = loadDrainState(files.state);
    const status = holdStatus(s?.hold, now);
    const deadline = s?.hold ? new Date(s.hold.deadline).toISOString() : undefined;
    const hold = holdOf(status.state, deadline, now);
    if (!s?.last) return { namespace: stateDir, source, intent, hold };
    return {
      namespace: stateDir,
      source,
      intent,
      hold,
      operational: {
        drained: s.last.drained,
        mode: s.last.drained ? 'Maintenance' : 'Normal',
        reasons: s.last.reasons,
        updatedAt: new Date(s.last.at).toISOString(),
      },
    };
  } catch (e) {
    if (!(e instanceof DrainFileError)) throw e;
    problem = e.message;
  }
  return { namespace: stateDir, source, intent, hold: { state: 'none' }, problem };
}

/** The chassis scope without a DB: its saved file only. */
function fileOnly(configFile: string | undefined): {
  file?: ReturnType<typeof loadDrainConfig> | DrainFileError;
  config?: undefined;
  published?: undefined;
} {
  if (configFile === undefined) return {};
  try {
    return { file: loadDrainConfig(configFile) };
  } catch (e) {
    if (!(e instanceof DrainFileError)) throw e;
    return { file: e };
  }
}

/** SONiC TSC's system mode over the instances that have an operational state. */
export function systemModeOf(instances: readonly InstanceView[]): DrainView['systemMode'] {
  const modes = new Set(instances.flatMap((i) => (i.operational ? [i.operational.mode] : [])));
  if (modes.size === 0) return 'Unknown';
  if (modes.size > 1) return 'Not consistent';
  return [...modes][0];
}

/**
 * The view from the state DB: the chassis scope (the supervisor's CONFIG_DB, CHASSIS_APP_DB and,
 * with `configFile`, its saved file) and the instances of `namespaces` (default: every namespace
 * the DB holds rows for), plus those of `stateDirs`, read from their drain files.
 */
export async function readDrainView(
  db: StateDb | undefined,
  options: {
    readonly namespaces?: readonly string[];
    readonly stateDirs?: readonly string[];
    readonly configFile?: string;
    readonly now: number;
  },
): Promise<DrainView> {
  const notRead: IntentView = { value: 'unknown', detail: 'no state DB given' };
  const c = db ? await readChassisDrain(db, options.configFile) : { ...fileOnly(options.configFile) };
  const saved =
    options.configFile === undefined
      ? undefined
      : c.file instanceof DrainFileError
        ? { path: options.configFile, error: c.file.message }
        : c.file === undefined
          ? { path: options.configFile, error: 'not saved yet' }
          : { path: options.configFile, value: c.file.tsaEnabled ? ('true' as const) : ('false' as const) };
  const namespaces = !db ? [] : (options.namespaces ?? (options.stateDirs?.length ? [] : await db.namespaces()));
  const instances = [
    ...(await Promise.all(namespaces.map((ns) => instanceFromDb(db!, ns, options.now)))),
    ...(options.stateDirs ?? []).map((d) => instanceFromFiles(d, options.now)),
  ];
  return {
    chassis: {
      config: c.config ? intentOf(c.config) : notRead,
      published: c.published ? intentOf(c.published) : notRead,
      ...(saved ? { saved } : {}),
    },
    instances,
    systemMode: systemModeOf(instances),
  };
}
