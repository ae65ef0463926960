/**
 * The state DB's interface: SONiC-style databases of hashes of string fields keyed `TABLE|key`, one
 * set per namespace, behind two backends (embedded in memory, Redis). Everything is asynchronous:
 * the embedded backend answers at once but through the same promises, so code written against one
 * runs against the other.
 */
import type { DbName } from './names.js';

/** A row: a hash of string fields. */
export type Row = Readonly<Record<string, string>>;

/**
 * A change to one row of a subscribed table, as SONiC's SubscriberStateTable reports it: `SET` with
 * the row as read after the change (every field, not only those written; several quick changes may
 * each show the latest row), `DEL` when the row is gone. `GAP` says changes may have been missed
 * (the connection to Redis was lost and came back): re-read what matters. Keys are the part after
 * the table (`orchagent`, not `WARM_RESTART_TABLE|orchagent`).
 */
export type TableChange =
  | { readonly op: 'SET'; readonly table: string; readonly key: string; readonly fields: Row }
  | { readonly op: 'DEL'; readonly table: string; readonly key: string }
  | { readonly op: 'GAP'; readonly table: string; readonly reason: string };

/** Called once per change, in order, never while a write is in progress. */
export type TableListener = (change: TableChange) => void;

/** An active subscription; `close()` stops it (idempotent). */
export interface Subscription {
  close(): Promise<void>;
}

/**
 * One SONiC database of one namespace. Keys are SONiC's: `TABLE|key` with the database's separator
 * (`|`, APPL_DB `:`). Errors: `DbValueError` for a bad name or value (nothing written),
 * `DbConnectionError` when the server cannot be reached, `DbCommandError` when it refuses.
 */
export interface Database {
  readonly name: DbName;
  /** SONiC's database number. */
  readonly id: number;
  /** `''` for the global namespace. */
  readonly namespace: string;
  readonly separator: '|' | ':';
  /** `TABLE` + separator + `key`. */
  keyOf(table: string, key: string): string;
  /** Every field of the row, or undefined when the row does not exist (Redis HGETALL). */
  get(table: string, key: string): Promise<Row | undefined>;
  /** One field, or undefined (HGET). */
  getField(table: string, key: string, field: string): Promise<string | undefined>;
  /** Writes the given fields, keeping the others (HSET, atomic). At least one field. */
  set(table: string, key: string, fields: Row): Promise<void>;
  /** Removes fields; the row goes when its last field does (HDEL). Answers how many were there. */
  deleteFields(table: string, key: string, fields: readonly string[]): Promise<number>;
  /** Removes the row; answers whether it existed (DEL). */
  delete(table: string, key: string): Promise<boolean>;
  /** Full key names (`TABLE|key`) matching a Redis glob pattern (`*`, `?`, `[a-z]`, `\`), sorted. */
  keys(pattern?: string): Promise<string[]>;
  /** The keys of one table (the part after the separator), sorted. */
  tableKeys(table: string): Promise<string[]>;
  /**
   * Reports every later change of `table`'s rows to `listener`. Resolves once changes made after it
   * resolves are certain to be seen. Existing rows are not replayed: read them after subscribing.
   */
  subscribe(table: string, listener: TableListener): Promise<Subscription>;
}

/** What a backend reports about its connections (Redis) and listeners (both). */
export type DbEvent =
  | { readonly kind: 'connection-lost'; readonly url: string; readonly detail: string }
  | { readonly kind: 'reconnecting'; readonly url: string; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: 'reconnected'; readonly url: string }
  | { readonly kind: 'gave-up'; readonly url: string; readonly attempts: number; readonly detail: string }
  | { readonly kind: 'listener-failed'; readonly table: string; readonly error: unknown };

/**
 * Every database of every namespace. `database(name, namespace)` is cheap (no I/O); connections are
 * made on first use. The chassis databases (CHASSIS_APP_DB, CHASSIS_STATE_DB) are one per chassis,
 * as in SONiC: asked for from any namespace, they are the same database.
 */
export interface StateDb {
  readonly backend: 'embedded' | 'redis';
  /** `embedded` or the Redis URL of the global namespace. */
  readonly location: string;
  /** One database of a namespace (`''` or omitted: the global one). Throws `DbValueError` for a bad namespace. */
  database(name: DbName, namespace?: string): Database;
  /** Namespaces other than the global one that hold at least one row, sorted. */
  namespaces(): Promise<string[]>;
  /** Closes every connection and subscription; later calls fail with `DbConnectionError` (`closed`). */
  close(): Promise<void>;
}
