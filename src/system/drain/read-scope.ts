/**
 * Reading one scope's `BGP_DEVICE_GLOBAL|STATE` from the state DB as a `TsaReading`, and turning a
 * subscription's change into one. A DB failure is an unknown reading, never an exception and never
 * a `false`.
 */
import type { Database, TableChange } from '../../db/types.js';
import { BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, readTsaEnabled, unknown, type TsaReading } from './intent.js';

/** `CHASSIS_APP_DB BGP_DEVICE_GLOBAL|STATE`, `CONFIG_DB asic0 BGP_DEVICE_GLOBAL|STATE`. */
export function whereOf(db: Database): string {
  const ns = db.namespace === '' ? '' : ` ${db.namespace}`;
  return `${db.name}${ns} ${db.keyOf(BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY)}`;
}

/** The reading for a failed DB operation: a value of the wrong shape, or an unreachable DB. */
export function readingOfError(db: Database, e: unknown): TsaReading {
  const kind = (e as { kind?: unknown } | null)?.kind;
  const msg = e instanceof Error ? e.message : String(e);
  return unknown(kind === 'DbValueError' ? 'invalid-value' : 'unreachable', `${whereOf(db)}: ${msg}`);
}

/** Reads `BGP_DEVICE_GLOBAL|STATE` `tsa_enabled` from `db`; never throws. */
export async function readScope(db: Database): Promise<TsaReading> {
  try {
    return readTsaEnabled(await db.get(BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY), whereOf(db));
  } catch (e) {
    return readingOfError(db, e);
  }
}

/**
 * The reading a change of `BGP_DEVICE_GLOBAL` brings: `undefined` for another key of the table
 * (SONiC's `CONFED`, which bgpcfgd once read as a TSB), unknown after a `GAP` (changes may have
 * been missed: the caller re-reads).
 */
export function readingOfChange(db: Database, change: TableChange): TsaReading | undefined {
  if (change.op === 'GAP')
    return unknown('unreachable', `${whereOf(db)}: changes may have been missed: ${change.reason}`);
  if (change.key !== BGP_DEVICE_GLOBAL_KEY) return undefined;
  return readTsaEnabled(change.op === 'DEL' ? undefined : change.fields, whereOf(db));
}
