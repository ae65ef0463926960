/**
 * One Redis server: a command connection per SONiC database number (each SELECTs its number once),
 * made on first use, with a bounded reconnect policy whose every step is reported. After the bound
 * is spent the connection is dropped: the operations waiting on it fail with `DbConnectionError`,
 * and the next operation starts a fresh bounded attempt.
 */
import type { createClient } from 'redis';
import { loadRedisModule } from './client-module.js';
import type { DbEvent } from '../types.js';
import type { RedisLocation } from './url.js';

/** The client as this file creates it (the `redis` package's defaults: RESP3, no modules). */
export type RedisClient = ReturnType<typeof newClient>;

function newClient(create: typeof createClient, options: NonNullable<Parameters<typeof createClient>[0]>) {
  return create({ ...options, RESP: 3 });
}

/** How hard to try. */
export interface RedisRetryOptions {
  /** Per connection attempt, ms (default 2000). */
  readonly connectTimeoutMs?: number;
  /** How long one operation may take, waiting for a reconnection included, ms (default 5000). */
  readonly commandTimeoutMs?: number;
  /** Reconnect attempts after a failure before giving up (default 5). */
  readonly maxRetries?: number;
  /** Delay before reconnect attempt `n` (1-based), ms (default 50 * 2^(n-1), at most 1000). */
  readonly retryDelayMs?: (attempt: number) => number;
}

const defaultDelay = (attempt: number) => Math.min(50 * 2 ** (attempt - 1), 1000);

/** A client that gave up, with how many attempts it made and why. */
export interface ConnectionHistory {
  /** Attempts of the last connection effort (1 = the first try). */
  attempts: number;
  /** Whether the server was ever reached by this endpoint. */
  everReady: boolean;
  /** The last connection failure, if any. */
  lastError?: string;
}

export class RedisEndpoint {
  private readonly clients = new Map<number, Promise<RedisClient>>();
  private subscriberClient: Promise<RedisClient> | undefined;
  private closed = false;
  readonly history: ConnectionHistory = { attempts: 0, everReady: false };

  constructor(
    readonly location: RedisLocation,
    private readonly options: RedisRetryOptions,
    private readonly onEvent: (e: DbEvent) => void,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** The connected command client for database `id`. Rejects when the retry bound is spent. */
  client(id: number): Promise<RedisClient> {
    if (this.closed) return Promise.reject(new EndpointClosed());
    let p = this.clients.get(id);
    if (p === undefined) {
      p = this.connect(id, false);
      this.clients.set(id, p);
      p.catch(() => {
        if (this.clients.get(id) === p) this.clients.delete(id);
      });
    }
    return p;
  }

  /**
   * The connection for keyspace notifications (one per server: PSUBSCRIBE patterns name the
   * database number). `onReconnect` runs after every reconnection, before `reconnected` is
   * reported; `onTerminated` when the retry bound is spent.
   */
  subscriber(
    onReconnect: (client: RedisClient) => Promise<void>,
    onTerminated: (detail: string) => void,
  ): Promise<RedisClient> {
    if (this.closed) return Promise.reject(new EndpointClosed());
    if (this.subscriberClient === undefined) {
      const p = this.connect(undefined, true, onReconnect, onTerminated);
      this.subscriberClient = p;
      p.catch(() => {
        if (this.subscriberClient === p) this.subscriberClient = undefined;
      });
    }
    return this.subscriberClient;
  }

  private async connect(
    database: number | undefined,
    subscriber: boolean,
    onReconnect?: (client: RedisClient) => Promise<void>,
    onTerminated?: (detail: string) => void,
  ): Promise<RedisClient> {
    const maxRetries = this.options.maxRetries ?? 5;
    const delay = this.options.retryDelayMs ?? defaultDelay;
    const display = this.location.display;
    let wasReady = false;
    let lost = false;
    const { createClient: create } = await loadRedisModule();
    const client = newClient(create, {
      ...(this.location.clientUrl !== undefined ? { url: this.location.clientUrl } : {}),
      ...(database !== undefined ? { database } : {}),
      socket: {
        ...(this.location.socketPath !== undefined ? { path: this.location.socketPath, tls: false as const } : {}),
        connectTimeout: this.options.connectTimeoutMs ?? 2000,
        reconnectStrategy: (retries: number, cause: Error) => {
          this.history.attempts = retries + 1;
          this.history.lastError = cause.message;
          if (this.closed) return false;
          if (retries >= maxRetries) {
            this.onEvent({ kind: 'gave-up', url: display, attempts: retries + 1, detail: describeCause(cause) });
            return new Error(`gave up after ${retries + 1} attempts: ${describeCause(cause)}`);
          }
          const ms = delay(retries + 1);
          this.onEvent({ kind: 'reconnecting', url: display, attempt: retries + 1, delayMs: ms });
          return ms;
        },
      },
      // No client-side timeout: it covers only the wait to be sent; the backend times each operation.
      commandOptions: { timeout: 0 },
    });
    // The client emits 'error' for every socket failure; without a listener Node would throw it.
    client.on('error', (e: Error) => {
      this.history.lastError = describeCause(e);
      if (wasReady && !lost) {
        lost = true;
        this.onEvent({ kind: 'connection-lost', url: display, detail: describeCause(e) });
      }
    });
    client.on('ready', () => {
      this.history.everReady = true;
      if (lost) {
        lost = false;
        const done = onReconnect ? onReconnect(client) : Promise.resolve();
        done.then(
          () => this.onEvent({ kind: 'reconnected', url: display }),
          (e) =>
            this.onEvent({ kind: 'connection-lost', url: display, detail: `after reconnecting: ${describeCause(e)}` }),
        );
      }
      wasReady = true;
    });
    client.on('terminated', () => {
      // The bound is spent: forget this client so the next operation starts afresh.
      if (database !== undefined && this.clients.get(database) !== undefined) {
        void this.clients.get(database)!.then(
          (c) => c === client && this.clients.delete(database),
          () => undefined,
        );
      }
      if (subscriber && this.subscriberClient !== undefined) {
        void this.subscriberClient.then(
          (c) => c === client && (this.subscriberClient = undefined),
          () => undefined,
        );
      }
      if (wasReady && !this.closed) onTerminated?.(this.history.lastError ?? 'connection lost');
    });
    this.history.attempts = 1;
    await client.connect();
    if (this.closed) {
      client.destroy();
      throw new EndpointClosed();
    }
    return client;
  }

  /** Closes every connection (pending commands fail). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const all = [...this.clients.values(), ...(this.subscriberClient ? [this.subscriberClient] : [])];
    this.clients.clear();
    this.subscriberClient = undefined;
    await Promise.all(
      all.map((p) =>
        p.then(
          (c) => {
            if (c.isOpen) c.destroy();
          },
          () => undefined,
        ),
      ),
    );
  }
}

/** Raised for operations on a closed endpoint. */
export class EndpointClosed extends Error {
  constructor() {
    super('the state DB was closed');
  }
}

/** A short description of a connection failure (`connect ECONNREFUSED 127.0.0.1:1`). */
export function describeCause(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) return describeCause(e.errors[0]);
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
