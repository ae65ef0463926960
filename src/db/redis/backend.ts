/**
 * The Redis backend. Layout (SONiC's multi-ASIC layout as far as one server allows):
 * - the global namespace uses SONiC's database numbers and keys as they are:
 *   `redis-cli -n 6 hgetall "WARM_RESTART_TABLE|orchagent"` reads our row;
 * - a namespace given its own server (`namespaces: { asic0: 'redis://...' }`) uses it the same way,
 *   exactly as SONiC runs one redis per namespace (`/var/run/redis0/redis.sock`);
 * - any other namespace shares the global server with its keys prefixed `<namespace>/`:
 *   `redis-cli -n 6 hgetall "asic0/WARM_RESTART_TABLE|orchagent"` (table names never hold `/`, so
 *   a global scan can tell the two apart);
 * - CHASSIS_APP_DB and CHASSIS_STATE_DB are one per chassis (SONiC's redis_chassis): on the
 *   `chassis` server when one is given, else on the global server, unprefixed.
 */
import type { DbAddress, DbBackend } from '../backend.js';
import { DbCommandError, DbConnectionError, DbValueError, type DbPlace } from '../errors.js';
import { DATABASES, DB_NAMES, GLOBAL_NAMESPACE, isNamespacedRawKey, rawKeyNamespace } from '../names.js';
import type { DbEvent, Row, Subscription, TableListener } from '../types.js';
import { loadedRedisModule } from './client-module.js';
import { EndpointClosed, RedisEndpoint, describeCause, type RedisRetryOptions } from './endpoint.js';
import { KeyspaceWatcher } from './keyspace.js';
import { parseRedisUrl } from './url.js';

/** Where the Redis backend's namespaces live. */
export interface RedisLayout {
  /** The global namespace's server (and every namespace's without one of its own). */
  readonly url: string;
  /** Namespaces with a server of their own (SONiC's layout): their keys carry no prefix. */
  readonly namespaces?: Readonly<Record<string, string>>;
  /** The chassis databases' server (SONiC's redis_chassis), default `url`. */
  readonly chassis?: string;
}

class CommandTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

interface Resolved {
  readonly endpoint: RedisEndpoint;
  readonly watcher: KeyspaceWatcher;
  readonly prefix: string;
}

export class RedisBackend implements DbBackend {
  readonly kind = 'redis' as const;
  readonly location: string;
  private readonly servers = new Map<string, { endpoint: RedisEndpoint; watcher: KeyspaceWatcher }>();
  private readonly global: { endpoint: RedisEndpoint; watcher: KeyspaceWatcher };
  private readonly chassis: { endpoint: RedisEndpoint; watcher: KeyspaceWatcher };
  private readonly own = new Map<string, { endpoint: RedisEndpoint; watcher: KeyspaceWatcher }>();

  /** Checks every URL first (`DbUrlError`); connects on first use. */
  constructor(
    layout: RedisLayout,
    private readonly retry: RedisRetryOptions,
    private readonly onEvent: (e: DbEvent) => void,
  ) {
    this.global = this.server(layout.url);
    this.location = this.global.endpoint.location.display;
    this.chassis = layout.chassis !== undefined ? this.server(layout.chassis) : this.global;
    for (const [ns, url] of Object.entries(layout.namespaces ?? {})) this.own.set(ns, this.server(url));
  }

  private server(url: string): { endpoint: RedisEndpoint; watcher: KeyspaceWatcher } {
    const location = parseRedisUrl(url);
    let s = this.servers.get(location.display);
    if (s === undefined) {
      const endpoint = new RedisEndpoint(location, this.retry, this.onEvent);
      s = { endpoint, watcher: new KeyspaceWatcher(endpoint, this.onEvent) };
      this.servers.set(location.display, s);
    }
    return s;
  }

  private resolve(at: DbAddress): Resolved {
    if (DATABASES[at.name].chassisWide) return { ...this.chassis, prefix: '' };
    if (at.namespace === GLOBAL_NAMESPACE) return { ...this.global, prefix: '' };
    const own = this.own.get(at.namespace);
    if (own !== undefined) return { ...own, prefix: '' };
    return { ...this.global, prefix: `${at.namespace}/` };
  }

  /**
   * Runs `op` within the command timeout. The `redis` client times a command out only while it
   * waits to be sent; a server that stops answering (SIGSTOP, a hung host) would hold it forever.
   * A write that timed out may still be applied if the server wakes up.
   */
  private timed<T>(op: () => Promise<T>): Promise<T> {
    const ms = this.retry.commandTimeoutMs ?? 5000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new CommandTimeout(ms)), ms);
      op().then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }

  hgetall(at: DbAddress, key: string): Promise<Record<string, string> | undefined> {
    const r = this.resolve(at);
    return this.timed(async () => {
      const row = await (await r.endpoint.client(at.id)).hGetAll(r.prefix + key);
      return Object.keys(row).length === 0 ? undefined : { ...row };
    });
  }

  hget(at: DbAddress, key: string, field: string): Promise<string | undefined> {
    const r = this.resolve(at);
    return this.timed(async () => (await (await r.endpoint.client(at.id)).hGet(r.prefix + key, field)) ?? undefined);
  }

  hset(at: DbAddress, key: string, fields: Row): Promise<void> {
    const r = this.resolve(at);
    return this.timed(async () => {
      await (await r.endpoint.client(at.id)).hSet(r.prefix + key, { ...fields });
    });
  }

  hdel(at: DbAddress, key: string, fields: readonly string[]): Promise<number> {
    const r = this.resolve(at);
    return this.timed(async () =>
      Number(await (await r.endpoint.client(at.id)).hDel(r.prefix + key, [...new Set(fields)])),
    );
  }

  del(at: DbAddress, key: string): Promise<boolean> {
    const r = this.resolve(at);
    return this.timed(async () => Number(await (await r.endpoint.client(at.id)).del(r.prefix + key)) > 0);
  }

  scan(at: DbAddress, pattern: string): Promise<string[]> {
    return this.timed(() => this.scanAll(at, pattern));
  }

  private async scanAll(at: DbAddress, pattern: string): Promise<string[]> {
    const r = this.resolve(at);
    const shared = r.prefix === '' && r.endpoint === this.global.endpoint;
    const found = new Set<string>(); // SCAN may return a key twice
    const client = await r.endpoint.client(at.id);
    for await (const batch of client.scanIterator({ MATCH: r.prefix + pattern, COUNT: 1000 })) {
      for (const raw of batch) {
        if (shared && isNamespacedRawKey(raw)) continue;
        found.add(raw.slice(r.prefix.length));
      }
    }
    return [...found];
  }

  subscribe(at: DbAddress, table: string, listener: TableListener): Promise<Subscription> {
    const r = this.resolve(at);
    return r.watcher.subscribe(at, r.prefix, table, listener);
  }

  async namespaces(): Promise<string[]> {
    const names = new Set<string>();
    const client = (id: number) => this.global.endpoint.client(id);
    for (const name of DB_NAMES) {
      if (DATABASES[name].chassisWide) continue;
      for await (const batch of (await client(DATABASES[name].id)).scanIterator({ MATCH: '*/*', COUNT: 1000 })) {
        for (const raw of batch) {
          const ns = rawKeyNamespace(raw);
          if (ns !== undefined) names.add(ns);
        }
      }
    }
    for (const [ns, s] of this.own) {
      for (const name of DB_NAMES) {
        if (DATABASES[name].chassisWide || names.has(ns)) continue;
        if (Number(await (await s.endpoint.client(DATABASES[name].id)).dbSize()) > 0) names.add(ns);
      }
    }
    return [...names];
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.values()].map((s) => s.endpoint.close()));
  }

  toError(e: unknown, place: DbPlace): Error {
    const r = this.resolve({ ...DATABASES[place.db], name: place.db, namespace: place.namespace });
    const url = r.endpoint.location.display;
    const history = r.endpoint.history;
    const message = describeCause(e);
    const m = loadedRedisModule();
    const is = (cls: (new (...args: never[]) => Error) | undefined) => cls !== undefined && e instanceof cls;
    if (e instanceof EndpointClosed || (r.endpoint.isClosed && is(m?.ClientClosedError))) {
      return new DbConnectionError(url, place, 'closed', history.attempts, 'the state DB was closed');
    }
    if (e instanceof CommandTimeout || is(m?.TimeoutError)) {
      return new DbConnectionError(
        url,
        place,
        'timeout',
        history.attempts,
        `no answer within ${this.retry.commandTimeoutMs ?? 5000} ms`,
      );
    }
    if (/^WRONGTYPE/.test(message)) {
      return new DbValueError(place, 'holds a Redis value that is not a hash (WRONGTYPE)');
    }
    if (is(m?.ErrorReply)) {
      return new DbCommandError(url, place, message);
    }
    const reason = history.everReady ? 'lost' : 'unreachable';
    return new DbConnectionError(url, place, reason, Math.max(history.attempts, 1), history.lastError ?? message);
  }
}
