/** Opens the state DB a `--db` option names. */
import { EmbeddedStateDb } from './embedded.js';
import { RedisStateDb, type RedisStateDbOptions } from './redis/redis-state-db.js';
import type { StateDb } from './types.js';

/** `--db` values meaning the embedded backend. */
export const EMBEDDED_DB = 'embedded';

/** What `openStateDb` needs: no URL (or `embedded`) for the embedded backend, else a Redis URL. */
export type OpenStateDbOptions = Omit<RedisStateDbOptions, 'url'> & { readonly url?: string };

/**
 * The embedded state DB (no URL, or `embedded`), or a Redis one reached once before this resolves.
 * Errors: `DbUrlError` (bad URL), `DbConnectionError` (server unreachable within the retry bound).
 */
export async function openStateDb(options: OpenStateDbOptions = {}): Promise<StateDb> {
  const { url } = options;
  if (url === undefined || url === EMBEDDED_DB || url === `${EMBEDDED_DB}:`) {
    return new EmbeddedStateDb(options.onEvent ? { onEvent: options.onEvent } : {});
  }
  const db = new RedisStateDb({ ...options, url });
  try {
    await db.connect();
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
