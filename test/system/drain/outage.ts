/**
 * Fault injection for the embedded state DB: CHASSIS_APP_DB (the supervisor's redis_chassis) made
 * unreachable while the instances' own databases stay up, as the Redis backend reports it: every
 * operation fails with `DbConnectionError` (`unreachable`), and when it comes back subscribers get a
 * `GAP` (changes may have been missed). The data underneath is the real embedded DB's.
 */
import { DbConnectionError } from '../../../src/db/errors.js';
import type { Database, StateDb, Subscription, TableListener } from '../../../src/db/types.js';
import type { DbName } from '../../../src/db/names.js';

export class ChassisOutageDb implements StateDb {
  #down = false;
  /** Subscriptions refused while reads and writes work (a server coming back between the two). */
  refuseSubscriptions = false;
  readonly #listeners = new Set<TableListener>();
  #wrapped: Database | undefined;

  constructor(readonly inner: StateDb) {}

  get backend(): 'embedded' | 'redis' {
    return this.inner.backend;
  }

  get location(): string {
    return this.inner.location;
  }

  get down(): boolean {
    return this.#down;
  }

  /** CHASSIS_APP_DB stops answering. */
  goDown(): void {
    this.#down = true;
  }

  /** CHASSIS_APP_DB answers again; its subscribers get a GAP. */
  comeBack(): void {
    this.#down = false;
    for (const l of this.#listeners)
      queueMicrotask(() => l({ op: 'GAP', table: 'BGP_DEVICE_GLOBAL', reason: 'reconnected' }));
  }

  database(name: DbName, namespace?: string): Database {
    const d = this.inner.database(name, namespace);
    if (name !== 'CHASSIS_APP_DB') return d;
    this.#wrapped ??= this.#wrap(d);
    return this.#wrapped;
  }

  namespaces(): Promise<string[]> {
    return this.inner.namespaces();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  #wrap(d: Database): Database {
    const gate = <T>(fn: () => Promise<T>): Promise<T> =>
      this.#down
        ? Promise.reject(
            new DbConnectionError(
              'embedded',
              { db: d.name, namespace: d.namespace },
              'unreachable',
              1,
              'injected outage',
            ),
          )
        : fn();
    return {
      name: d.name,
      id: d.id,
      namespace: d.namespace,
      separator: d.separator,
      keyOf: (t, k) => d.keyOf(t, k),
      get: (t, k) => gate(() => d.get(t, k)),
      getField: (t, k, f) => gate(() => d.getField(t, k, f)),
      set: (t, k, f) => gate(() => d.set(t, k, f)),
      deleteFields: (t, k, f) => gate(() => d.deleteFields(t, k, f)),
      delete: (t, k) => gate(() => d.delete(t, k)),
      keys: (p) => gate(() => d.keys(p)),
      tableKeys: (t) => gate(() => d.tableKeys(t)),
      subscribe: (table, listener) =>
        gate(async (): Promise<Subscription> => {
          if (this.refuseSubscriptions) {
            throw new DbConnectionError(
              'embedded',
              { db: d.name, namespace: d.namespace },
              'lost',
              2,
              'injected: subscribe refused',
            );
          }
          const mine: TableListener = (c) => {
            if (!this.#down) listener(c);
          };
          this.#listeners.add(mine);
          const sub = await d.subscribe(table, mine);
          return {
            close: async () => {
              this.#listeners.delete(mine);
              await sub.close();
            },
          };
        }),
    };
  }
}
