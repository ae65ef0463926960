/**
 * The state DB's errors: classes with fields and a `kind` tag. Every error about a row names where
 * it happened: the database (name and number), the namespace, the `TABLE|key` and the field.
 */
import { DATABASES, GLOBAL_NAMESPACE, type DbName } from './names.js';

/** Where in the state DB something happened. `key` is the full `TABLE|key` name. */
export interface DbPlace {
  readonly db: DbName;
  readonly namespace: string;
  readonly key?: string;
  readonly field?: string;
}

/** `STATE_DB (6) asic0 "WARM_RESTART_TABLE|orchagent" field restore_count`. */
export function formatDbPlace(place: DbPlace): string {
  const parts = [`${place.db} (${DATABASES[place.db].id})`];
  if (place.namespace !== GLOBAL_NAMESPACE) parts.push(`namespace ${place.namespace}`);
  if (place.key !== undefined) parts.push(JSON.stringify(place.key));
  if (place.field !== undefined) parts.push(`field ${JSON.stringify(place.field)}`);
  return parts.join(' ');
}

/** A DB location (`--db`) that cannot be used: wrong scheme, bad port, a path where none belongs. */
export class DbUrlError extends Error {
  readonly kind = 'DbUrlError' as const;
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`state DB URL ${JSON.stringify(url)}: ${reason}`);
    this.name = 'DbUrlError';
  }
}

/** Why a Redis connection failed. */
export type DbConnectionReason =
  /** Could not connect within the retry bound. */
  | 'unreachable'
  /** Was connected, lost the connection, and the bounded retries did not bring it back. */
  | 'lost'
  /** The server did not answer within the command timeout. */
  | 'timeout'
  /** The handle was closed by its owner. */
  | 'closed';

/**
 * The server behind `url` could not be reached for an operation on `place`. `attempts` is how many
 * connection attempts were made (the bound is the DB's `maxRetries` + 1). Nothing was written by
 * the failed operation unless the server applied it before the connection dropped (Redis commands
 * are atomic: all of it or none).
 */
export class DbConnectionError extends Error {
  readonly kind = 'DbConnectionError' as const;
  constructor(
    readonly url: string,
    readonly place: DbPlace,
    readonly reason: DbConnectionReason,
    readonly attempts: number,
    readonly detail: string,
  ) {
    super(
      `${formatDbPlace(place)} at ${url}: ${reason} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${detail}`,
    );
    this.name = 'DbConnectionError';
  }
}

/**
 * A value of the wrong shape: a bad table, key or field name, a value that is not a string, a key
 * holding something other than a hash (Redis WRONGTYPE), or a row a schema rejects (a timer out of
 * range, an unknown field). Nothing was written.
 */
export class DbValueError extends Error {
  readonly kind = 'DbValueError' as const;
  constructor(
    readonly place: DbPlace,
    readonly reason: string,
  ) {
    super(`${formatDbPlace(place)}: ${reason}`);
    this.name = 'DbValueError';
  }
}

/** The server refused a command for another reason (out of memory, CONFIG disabled, ...). */
export class DbCommandError extends Error {
  readonly kind = 'DbCommandError' as const;
  constructor(
    readonly url: string,
    readonly place: DbPlace,
    readonly detail: string,
  ) {
    super(`${formatDbPlace(place)} at ${url}: ${detail}`);
    this.name = 'DbCommandError';
  }
}

/** Any state DB error. */
export type StateDbError = DbUrlError | DbConnectionError | DbValueError | DbCommandError;

const KINDS = new Set(['DbUrlError', 'DbConnectionError', 'DbValueError', 'DbCommandError']);

/** True for the state DB's own errors (by `kind`, so it holds across bundles). */
export function isStateDbError(e: unknown): e is StateDbError {
  return typeof e === 'object' && e !== null && KINDS.has((e as { kind?: unknown }).kind as string);
}
