/**
 * The `redis` client package, loaded on first use: it takes a few hundred milliseconds to load, and
 * most runs (the embedded default) never need it.
 */
type RedisModule = typeof import('redis');

let loaded: RedisModule | undefined;
let loading: Promise<RedisModule> | undefined;

/** The package, loading it the first time. */
export function loadRedisModule(): Promise<RedisModule> {
  loading ??= import('redis').then((m) => (loaded = m));
  return loading;
}

/** The package if it was loaded (every client error comes after it was). */
export function loadedRedisModule(): RedisModule | undefined {
  return loaded;
}
