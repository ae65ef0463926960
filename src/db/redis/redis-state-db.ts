/** The state DB over Redis (see `backend.ts` for the key layout). */
import { StateDbOverBackend } from '../database.js';
import { DbConnectionError } from '../errors.js';
import type { DbEvent } from '../types.js';
import { RedisBackend, type RedisLayout } from './backend.js';
import type { RedisRetryOptions } from './endpoint.js';

/** Options of the Redis state DB: the layout, the retry bound, and who hears about connections. */
export interface RedisStateDbOptions extends RedisLayout, RedisRetryOptions {
  /** Connection losses, each reconnect attempt, recoveries, give-ups, failing listeners. */
  readonly onEvent?: (event: DbEvent) => void;
}

/**
 * The state DB on one or more Redis servers. Construction checks the URLs (`DbUrlError`) and
 * connects nothing; `connect()` reaches the global server once (`DbConnectionError` when the
 * bounded attempts fail).
 */
export class RedisStateDb extends StateDbOverBackend {
  constructor(options: RedisStateDbOptions) {
    super(new RedisBackend(options, options, options.onEvent ?? (() => undefined)));
  }

  /** Reaches the global server's STATE_DB (a harmless read), so a bad server is reported now. */
  async connect(): Promise<void> {
    try {
      await this.database('STATE_DB').getField('SAISTORE_PING', 'probe', 'x');
    } catch (e) {
      // The probe's key means nothing to the reader: name the database only.
      if (e instanceof DbConnectionError)
        throw new DbConnectionError(e.url, { db: 'STATE_DB', namespace: '' }, e.reason, e.attempts, e.detail);
      throw e;
    }
  }
}
