/**
 * The `Database` and `StateDb` every backend shares: name and value checks, SONiC key names, the
 * chassis databases' single namespace, and typed errors naming the database, key and field.
 */
import type { DbAddress, DbBackend } from './backend.js';
import { DbValueError, isStateDbError, type DbPlace } from './errors.js';
import {
  DATABASES,
  GLOBAL_NAMESPACE,
  fieldProblem,
  keyProblem,
  namespaceProblem,
  tableProblem,
  valueProblem,
  type DbName,
} from './names.js';
import type { Database, Row, StateDb, Subscription, TableListener } from './types.js';

class DatabaseView implements Database {
  readonly name: DbName;
  readonly id: number;
  readonly separator: '|' | ':';
  private readonly at: DbAddress;

  constructor(
    private readonly backend: DbBackend,
    name: DbName,
    readonly namespace: string,
  ) {
    const info = DATABASES[name];
    this.name = name;
    this.id = info.id;
    this.separator = info.separator;
    this.at = { namespace, name, id: info.id, separator: info.separator };
  }

  keyOf(table: string, key: string): string {
    return `${table}${this.separator}${key}`;
  }

  async get(table: string, key: string): Promise<Row | undefined> {
    const full = this.checkedKey(table, key);
    return this.run({ key: full }, () => this.backend.hgetall(this.at, full));
  }

  async getField(table: string, key: string, field: string): Promise<string | undefined> {
    const full = this.checkedKey(table, key);
    this.check({ key: full, field }, fieldProblem(field));
    return this.run({ key: full, field }, () => this.backend.hget(this.at, full, field));
  }

  async set(table: string, key: string, fields: Row): Promise<void> {
    const full = this.checkedKey(table, key);
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      this.check({ key: full }, 'fields must be an object of string values');
    }
    const entries = Object.entries(fields);
    this.check({ key: full }, entries.length === 0 ? 'a row needs at least one field' : undefined);
    for (const [field, value] of entries) {
      this.check({ key: full, field }, fieldProblem(field) ?? valueProblem(value));
    }
    await this.run({ key: full }, () => this.backend.hset(this.at, full, fields));
  }

  async deleteFields(table: string, key: string, fields: readonly string[]): Promise<number> {
    const full = this.checkedKey(table, key);
    this.check({ key: full }, fields.length === 0 ? 'no field to delete' : undefined);
    for (const field of fields) this.check({ key: full, field }, fieldProblem(field));
    return this.run({ key: full }, () => this.backend.hdel(this.at, full, fields));
  }

  async delete(table: string, key: string): Promise<boolean> {
    const full = this.checkedKey(table, key);
    return this.run({ key: full }, () => this.backend.del(this.at, full));
  }

  async keys(pattern = '*'): Promise<string[]> {
    this.check({ key: String(pattern) }, typeof pattern === 'string' ? undefined : 'pattern must be a string');
    const keys = await this.run({ key: pattern }, () => this.backend.scan(this.at, pattern));
    return keys.sort();
  }

  async tableKeys(table: string): Promise<string[]> {
    this.check({}, tableProblem(table));
    const prefix = `${table}${this.separator}`;
    const keys = await this.keys(`${prefix}*`);
    return keys.map((k) => k.slice(prefix.length));
  }

  async subscribe(table: string, listener: TableListener): Promise<Subscription> {
    this.check({ key: `${table}${this.separator}*` }, tableProblem(table));
    return this.run({ key: `${table}${this.separator}*` }, () => this.backend.subscribe(this.at, table, listener));
  }

  private checkedKey(table: string, key: string): string {
    this.check({ key: `${String(table)}${this.separator}${String(key)}` }, tableProblem(table) ?? keyProblem(key));
    return this.keyOf(table, key);
  }

  private place(extra: { key?: string; field?: string }): DbPlace {
    return { db: this.name, namespace: this.namespace, ...extra };
  }

  private check(extra: { key?: string; field?: string }, problem: string | undefined): void {
    if (problem !== undefined) throw new DbValueError(this.place(extra), problem);
  }

  private async run<T>(extra: { key?: string; field?: string }, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      throw isStateDbError(e) ? e : this.backend.toError(e, this.place(extra));
    }
  }
}

/** A `StateDb` over a backend. */
export class StateDbOverBackend implements StateDb {
  private readonly views = new Map<string, Database>();

  constructor(private readonly backendImpl: DbBackend) {}

  get backend(): 'embedded' | 'redis' {
    return this.backendImpl.kind;
  }

  get location(): string {
    return this.backendImpl.location;
  }

  database(name: DbName, namespace: string = GLOBAL_NAMESPACE): Database {
    const info = DATABASES[name];
    if (info === undefined) {
      throw new DbValueError(
        { db: 'STATE_DB', namespace: GLOBAL_NAMESPACE },
        `unknown database ${JSON.stringify(name)}`,
      );
    }
    const problem = typeof namespace === 'string' ? namespaceProblem(namespace) : 'namespace must be a string';
    if (problem !== undefined) throw new DbValueError({ db: name, namespace: String(namespace) }, problem);
    // SONiC keeps the chassis databases once per chassis (redis_chassis): every namespace sees them.
    const ns = info.chassisWide ? GLOBAL_NAMESPACE : namespace;
    const id = `${ns}\0${name}`;
    let view = this.views.get(id);
    if (view === undefined) {
      view = new DatabaseView(this.backendImpl, name, ns);
      this.views.set(id, view);
    }
    return view;
  }

  async namespaces(): Promise<string[]> {
    return (await this.backendImpl.namespaces()).sort();
  }

  close(): Promise<void> {
    return this.backendImpl.close();
  }
}
