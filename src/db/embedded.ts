/**
 * The embedded backend: every namespace's databases in this process's memory, the default (`npm
 * start`, unit tests, several instances in one process sharing one `EmbeddedStateDb`). Changes are
 * delivered to subscribers on a microtask after the write, in write order, never during it.
 */
import type { DbAddress, DbBackend } from './backend.js';
import { StateDbOverBackend } from './database.js';
import { DbCommandError, DbConnectionError, type DbPlace } from './errors.js';
import { globMatch } from './glob.js';
import { DATABASES, DB_NAMES, GLOBAL_NAMESPACE, type DbName } from './names.js';
import type { Row, Subscription, TableChange, TableListener, DbEvent } from './types.js';

/** One row as plain data: the unit of a snapshot. */
export interface StoredRow {
  readonly namespace: string;
  readonly db: DbName;
  /** `TABLE|key`. */
  readonly key: string;
  readonly fields: Row;
}

class ClosedMarker extends Error {}

class EmbeddedBackend implements DbBackend {
  readonly kind = 'embedded' as const;
  readonly location = 'embedded';
  /** `namespace \0 dbName` -> key -> fields. */
  readonly data = new Map<string, Map<string, Map<string, string>>>();
  private readonly listeners = new Map<string, Set<TableListener>>();
  private closed = false;

  constructor(private readonly onEvent: ((e: DbEvent) => void) | undefined) {}

  private space(
    at: { namespace: string; name: DbName },
    create: boolean,
  ): Map<string, Map<string, string>> | undefined {
    const id = `${at.namespace}\0${at.name}`;
    let space = this.data.get(id);
    if (space === undefined && create) {
      space = new Map();
      this.data.set(id, space);
    }
    return space;
  }

  private open(): void {
    if (this.closed) throw new ClosedMarker();
  }

  async hgetall(at: DbAddress, key: string): Promise<Record<string, string> | undefined> {
    this.open();
    const row = this.space(at, false)?.get(key);
    return row === undefined ? undefined : Object.fromEntries(row);
  }

  async hget(at: DbAddress, key: string, field: string): Promise<string | undefined> {
    this.open();
    return this.space(at, false)?.get(key)?.get(field);
  }

  async hset(at: DbAddress, key: string, fields: Row): Promise<void> {
    this.open();
    const space = this.space(at, true)!;
    let row = space.get(key);
    if (row === undefined) {
      row = new Map();
      space.set(key, row);
    }
    for (const [f, v] of Object.entries(fields)) row.set(f, v);
    this.notify(at, key, row);
  }

  async hdel(at: DbAddress, key: string, fields: readonly string[]): Promise<number> {
    this.open();
    const space = this.space(at, false);
    const row = space?.get(key);
    if (row === undefined) return 0;
    let removed = 0;
    for (const f of new Set(fields)) if (row.delete(f)) removed++;
    if (removed === 0) return 0;
    if (row.size === 0) space!.delete(key);
    this.notify(at, key, row.size === 0 ? undefined : row);
    return removed;
  }

  async del(at: DbAddress, key: string): Promise<boolean> {
    this.open();
    const existed = this.space(at, false)?.delete(key) ?? false;
    if (existed) this.notify(at, key, undefined);
    return existed;
  }

  async scan(at: DbAddress, pattern: string): Promise<string[]> {
    this.open();
    const space = this.space(at, false);
    if (space === undefined) return [];
    return [...space.keys()].filter((k) => globMatch(pattern, k));
  }

  async subscribe(at: DbAddress, table: string, listener: TableListener): Promise<Subscription> {
    this.open();
    const id = `${at.namespace}\0${at.name}\0${table}`;
    let set = this.listeners.get(id);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(id, set);
    }
    // One entry per subscription, even when the same function subscribes twice.
    const entry: TableListener = (c) => listener(c);
    set.add(entry);
    return {
      close: async () => {
        set.delete(entry);
      },
    };
  }

  async namespaces(): Promise<string[]> {
    this.open();
    const names = new Set<string>();
    for (const [id, space] of this.data) {
      const ns = id.slice(0, id.indexOf('\0'));
      if (ns !== GLOBAL_NAMESPACE && space.size > 0) names.add(ns);
    }
    return [...names];
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  toError(e: unknown, place: DbPlace): Error {
    if (e instanceof ClosedMarker)
      return new DbConnectionError(this.location, place, 'closed', 0, 'the state DB was closed');
    return new DbCommandError(this.location, place, e instanceof Error ? e.message : String(e));
  }

  private notify(at: DbAddress, fullKey: string, row: Map<string, string> | undefined): void {
    const sep = fullKey.indexOf(at.separator);
    const table = fullKey.slice(0, sep);
    const set = this.listeners.get(`${at.namespace}\0${at.name}\0${table}`);
    if (set === undefined || set.size === 0) return;
    const key = fullKey.slice(sep + 1);
    const change: TableChange =
      row === undefined
        ? { op: 'DEL', table, key }
        : { op: 'SET', table, key, fields: Object.freeze(Object.fromEntries(row)) };
    for (const listener of [...set]) {
      queueMicrotask(() => {
        if (!set.has(listener)) return;
        try {
          listener(change);
        } catch (error) {
          this.onEvent?.({ kind: 'listener-failed', table, error });
        }
      });
    }
  }
}

/** Options of the embedded state DB. */
export interface EmbeddedStateDbOptions {
  /** Told when a subscriber's listener throws (the failure goes no further). */
  readonly onEvent?: (event: DbEvent) => void;
}

/**
 * The in-memory state DB. Several instances of the switch share one by using their own namespaces.
 * `rows()` and `load()` move its content to and from plain data (the daemon's snapshot of its rows).
 */
export class EmbeddedStateDb extends StateDbOverBackend {
  private readonly impl: EmbeddedBackend;

  constructor(options: EmbeddedStateDbOptions = {}) {
    const impl = new EmbeddedBackend(options.onEvent);
    super(impl);
    this.impl = impl;
  }

  /** Every row, ordered by namespace, database number and key. */
  rows(): StoredRow[] {
    const out: StoredRow[] = [];
    for (const [id, space] of this.impl.data) {
      const sep = id.indexOf('\0');
      const namespace = id.slice(0, sep);
      const db = id.slice(sep + 1) as DbName;
      for (const [key, row] of space) out.push({ namespace, db, key, fields: Object.fromEntries(row) });
    }
    const order = (r: StoredRow) => DATABASES[r.db].id;
    return out.sort(
      (a, b) =>
        (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0) ||
        order(a) - order(b) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  }

  /** Writes rows (validated like any write: a bad one is a `DbValueError`, rows before it stay). */
  async load(rows: readonly StoredRow[]): Promise<void> {
    for (const r of rows) {
      if (!DB_NAMES.includes(r.db))
        throw new DbCommandError('embedded', { db: 'STATE_DB', namespace: r.namespace }, `unknown database ${r.db}`);
      const sep = r.key.indexOf(DATABASES[r.db].separator);
      await this.database(r.db, r.namespace).set(
        r.key.slice(0, sep < 0 ? r.key.length : sep),
        sep < 0 ? '' : r.key.slice(sep + 1),
        r.fields,
      );
    }
  }
}
