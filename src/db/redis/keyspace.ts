/**
 * Table subscriptions on Redis through keyspace notifications, as SONiC's SubscriberStateTable
 * does: PSUBSCRIBE `__keyspace@<db>__:<TABLE><sep>*`, and for each event read the row back (HGETALL)
 * on the database's command connection, so a change written by anyone (another process,
 * `redis-cli`, SONiC tooling) is seen. The server must publish keyspace events for hashes and
 * generic commands (`notify-keyspace-events` with K, h and g, or K and A); when it does not, the
 * flags are added with CONFIG SET (and again after a reconnection, in case the server restarted).
 */
import type { DbAddress } from '../backend.js';
import type { Subscription, TableChange, TableListener, DbEvent } from '../types.js';
import type { RedisClient, RedisEndpoint } from './endpoint.js';

/** Adds K, h and g to the server's `notify-keyspace-events` when they are missing. */
export async function ensureKeyspaceEvents(client: RedisClient): Promise<void> {
  const reply = (await client.configGet('notify-keyspace-events')) as Record<string, string>;
  const flags = reply['notify-keyspace-events'] ?? '';
  const hasK = flags.includes('K');
  const hasAll = flags.includes('A') || (flags.includes('h') && flags.includes('g'));
  if (hasK && hasAll) return;
  const wanted = new Set([...flags, 'K', 'h', 'g']);
  await client.configSet('notify-keyspace-events', [...wanted].join(''));
}

interface Active {
  readonly at: DbAddress;
  readonly prefix: string;
  readonly table: string;
  readonly pattern: string;
  readonly listener: TableListener;
  readonly onMessage: (message: string, channel: string) => void;
  /** Keys whose last reported change was DEL (an HDEL of the last field also raises `del`). */
  readonly deleted: Set<string>;
  chain: Promise<void>;
  open: boolean;
}

/** Every subscription on one server. */
export class KeyspaceWatcher {
  private readonly active = new Set<Active>();

  constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly onEvent: (e: DbEvent) => void,
  ) {}

  async subscribe(at: DbAddress, prefix: string, table: string, listener: TableListener): Promise<Subscription> {
    await ensureKeyspaceEvents(await this.endpoint.client(at.id));
    const sub = await this.endpoint.subscriber(
      (client) => this.afterReconnect(client),
      (detail) => this.endAll(`subscription ended: connection to Redis lost, retries spent (${detail})`),
    );
    const pattern = `__keyspace@${at.id}__:${prefix}${table}${at.separator}*`;
    const entry: Active = {
      at,
      prefix,
      table,
      pattern,
      listener,
      deleted: new Set(),
      chain: Promise.resolve(),
      open: true,
      onMessage: (_event, channel) => this.onMessage(entry, channel),
    };
    await sub.pSubscribe(pattern, entry.onMessage);
    this.active.add(entry);
    return {
      close: async () => {
        if (!entry.open) return;
        entry.open = false;
        this.active.delete(entry);
        if (sub.isOpen) await sub.pUnsubscribe(pattern, entry.onMessage).catch(() => undefined);
      },
    };
  }

  /** The server may have restarted and forgotten its flags; every subscriber may have missed changes. */
  private async afterReconnect(client: RedisClient): Promise<void> {
    void client; // in subscriber mode: CONFIG goes through a command connection
    const first = [...this.active][0];
    if (first !== undefined) await ensureKeyspaceEvents(await this.endpoint.client(first.at.id));
    for (const entry of this.active)
      this.deliver(entry, { op: 'GAP', table: entry.table, reason: 'connection to Redis lost and restored' });
  }

  /** Tells every subscriber its subscription ended (the retry bound was spent). */
  endAll(reason: string): void {
    for (const entry of this.active) {
      entry.chain = entry.chain.then(() => {
        this.deliverNow(entry, { op: 'GAP', table: entry.table, reason });
        entry.open = false;
      });
    }
    this.active.clear();
  }

  private onMessage(entry: Active, channel: string): void {
    const raw = channel.slice(channel.indexOf(':') + 1);
    const full = raw.slice(entry.prefix.length);
    const key = full.slice(entry.table.length + 1);
    entry.chain = entry.chain.then(async () => {
      if (!entry.open) return;
      let fields: Record<string, string>;
      try {
        fields = await (await this.endpoint.client(entry.at.id)).hGetAll(raw);
      } catch (e) {
        this.deliverNow(entry, {
          op: 'GAP',
          table: entry.table,
          reason: `could not read ${full}: ${(e as Error).message}`,
        });
        return;
      }
      if (Object.keys(fields).length === 0) {
        if (entry.deleted.has(key)) return;
        entry.deleted.add(key);
        this.deliverNow(entry, { op: 'DEL', table: entry.table, key });
      } else {
        entry.deleted.delete(key);
        this.deliverNow(entry, { op: 'SET', table: entry.table, key, fields: Object.freeze({ ...fields }) });
      }
    });
  }

  private deliver(entry: Active, change: TableChange): void {
    entry.chain = entry.chain.then(() => this.deliverNow(entry, change));
  }

  private deliverNow(entry: Active, change: TableChange): void {
    if (!entry.open) return;
    try {
      entry.listener(change);
    } catch (error) {
      this.onEvent({ kind: 'listener-failed', table: entry.table, error });
    }
  }
}
