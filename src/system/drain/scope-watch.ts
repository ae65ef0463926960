/**
 * One scope's `BGP_DEVICE_GLOBAL|STATE` kept current: a subscription to the table (renewed after a
 * `GAP`: changes may have been missed, or the subscription ended), the latest reading, and reads
 * that a change arriving meanwhile overtakes (the change carries the row as read after it).
 */
import type { Database, Subscription, TableChange } from '../../db/types.js';
import { BGP_DEVICE_GLOBAL, unknown, type ConfigScope, type TsaReading } from './intent.js';
import { readingOfChange, readingOfError, readScope } from './read-scope.js';

export class ScopeWatch {
  #reading: TsaReading;
  /** Changes received: a read that a change overtook is dropped. */
  #gen = 0;
  #sub: { readonly sub: Subscription; readonly token: object } | undefined;
  #closed = false;

  /**
   * @param onChange called after the reading changed through the subscription (`gap`: re-read).
   * @param onSubscribeFailed called with the error's message when subscribing fails.
   */
  constructor(
    readonly scope: ConfigScope,
    readonly db: Database,
    private readonly onChange: (reading: TsaReading, gap: boolean) => void,
    private readonly onSubscribeFailed: (message: string) => void,
  ) {
    this.#reading = unknown('not-read', `${db.name} not read yet`);
  }

  get reading(): TsaReading {
    return this.#reading;
  }

  /** True while a subscription is live (made, and no GAP since). */
  get subscribed(): boolean {
    return this.#sub !== undefined;
  }

  /** Sets the reading (a write of our own, e.g. the saved config restored into CONFIG_DB). */
  set reading(r: TsaReading) {
    this.#reading = r;
    this.#gen++;
  }

  /** Subscribes when there is no live subscription; a failure makes the reading unknown. */
  async ensureSubscribed(): Promise<void> {
    if (this.#sub !== undefined || this.#closed) return;
    const token = {};
    try {
      const sub = await this.db.subscribe(BGP_DEVICE_GLOBAL, (change) => {
        if (this.#sub?.token === token) this.#onChange(change);
      });
      this.#sub = { sub, token };
    } catch (e) {
      this.reading = readingOfError(this.db, e);
      this.onSubscribeFailed((e as Error).message);
    }
  }

  /** Reads the row; kept unless a change arrived while reading. Never throws. */
  async read(): Promise<void> {
    const gen = this.#gen;
    const r = await readScope(this.db);
    if (this.#gen === gen) this.#reading = r;
  }

  /** Stops the subscription. */
  async close(): Promise<void> {
    this.#closed = true;
    const s = this.#sub;
    this.#sub = undefined;
    await s?.sub.close().catch(() => {});
  }

  #onChange(change: TableChange): void {
    const r = readingOfChange(this.db, change);
    if (r === undefined) return; // another key of the table (CONFED, ...)
    this.reading = r;
    if (change.op === 'GAP') {
      const old = this.#sub;
      this.#sub = undefined;
      void old?.sub.close().catch(() => {});
    }
    this.onChange(r, change.op === 'GAP');
  }
}
