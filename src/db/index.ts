/**
 * The state DB: SONiC-style databases (APPL_DB 0, CONFIG_DB 4, STATE_DB 6, CHASSIS_APP_DB 12,
 * CHASSIS_STATE_DB 13) of hashes keyed `TABLE|key`, a namespace per instance plus the global one,
 * over an embedded in-memory backend (the default) or Redis. Knows nothing of the store or agent.
 */
export type { Database, StateDb, Row, TableChange, TableListener, Subscription, DbEvent } from './types.js';
export { DATABASES, DB_NAMES, GLOBAL_NAMESPACE, type DbName } from './names.js';
export {
  DbUrlError,
  DbConnectionError,
  DbValueError,
  DbCommandError,
  isStateDbError,
  formatDbPlace,
  type DbPlace,
  type DbConnectionReason,
  type StateDbError,
} from './errors.js';
export { EmbeddedStateDb, type EmbeddedStateDbOptions, type StoredRow } from './embedded.js';
export { RedisStateDb, type RedisStateDbOptions } from './redis/redis-state-db.js';
export type { RedisLayout } from './redis/backend.js';
export type { RedisRetryOptions } from './redis/endpoint.js';
export { openStateDb, EMBEDDED_DB, type OpenStateDbOptions } from './open.js';
export { DbWriteQueue, type WriteFailure } from './write-queue.js';
export { parseRow } from './row-schema.js';
