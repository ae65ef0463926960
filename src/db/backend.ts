/**
 * What a state DB backend implements: raw hash operations on `TABLE|key` names within one
 * database of one namespace. Names and values arrive already validated (`database.ts`).
 */
import type { DbPlace } from './errors.js';
import type { DbName } from './names.js';
import type { Row, Subscription, TableListener } from './types.js';

/** One database of one namespace, resolved. */
export interface DbAddress {
  readonly namespace: string;
  readonly name: DbName;
  readonly id: number;
  readonly separator: '|' | ':';
}

/** The raw operations; every key is the namespace-relative `TABLE|key`. */
export interface DbBackend {
  readonly kind: 'embedded' | 'redis';
  readonly location: string;
  hgetall(at: DbAddress, key: string): Promise<Record<string, string> | undefined>;
  hget(at: DbAddress, key: string, field: string): Promise<string | undefined>;
  hset(at: DbAddress, key: string, fields: Row): Promise<void>;
  hdel(at: DbAddress, key: string, fields: readonly string[]): Promise<number>;
  del(at: DbAddress, key: string): Promise<boolean>;
  /** Keys matching the glob, in any order. */
  scan(at: DbAddress, pattern: string): Promise<string[]>;
  subscribe(at: DbAddress, table: string, listener: TableListener): Promise<Subscription>;
  namespaces(): Promise<string[]>;
  close(): Promise<void>;
  /** The typed error for a failure at `place` (state DB errors pass through unchanged). */
  toError(e: unknown, place: DbPlace): Error;
}
