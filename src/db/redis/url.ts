/** The Redis locations the state DB accepts: `redis://HOST:PORT`, `rediss://...` (TLS), `unix:///PATH`. */
import { DbUrlError } from '../errors.js';

/** A checked location and how to give it to the `redis` client. */
export interface RedisLocation {
  /** As given (credentials masked), for messages. */
  readonly display: string;
  readonly clientUrl?: string;
  readonly socketPath?: string;
}

/**
 * Checks a Redis URL. Throws `DbUrlError` for another scheme, a missing host, a port outside
 * 1..65535, or a database number in the path (SONiC's numbers choose the database, so a path would
 * silently mean nothing).
 */
export function parseRedisUrl(url: string): RedisLocation {
  if (typeof url !== 'string' || url.length === 0) throw new DbUrlError(String(url), 'empty');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DbUrlError(url, 'not a URL: expected redis://HOST:PORT, rediss://HOST:PORT or unix:///PATH');
  }
  const display = u.password ? url.replace(`:${u.password}@`, ':***@') : url;
  if (u.protocol === 'unix:') {
    if (!u.pathname || u.pathname === '/')
      throw new DbUrlError(display, 'unix: needs a socket path (unix:///var/run/redis/redis.sock)');
    return { display, socketPath: decodeURIComponent(u.pathname) };
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new DbUrlError(display, `scheme ${u.protocol.replace(/:$/, '')} is not one of redis, rediss, unix`);
  }
  if (!u.hostname) throw new DbUrlError(display, 'no host');
  if (u.port !== '') {
    const port = Number(u.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new DbUrlError(display, `port ${u.port} is not in 1..65535`);
  } else if (/:\d*\/?$/.test(url.replace(/^[a-z]+:\/\//, '')) && !/\]$/.test(u.host)) {
    // `redis://host:` or a port the URL parser dropped (e.g. 99999 makes `new URL` throw; `:0` ends here).
    throw new DbUrlError(display, 'port is not in 1..65535');
  }
  if (u.pathname !== '' && u.pathname !== '/') {
    throw new DbUrlError(display, `path ${u.pathname}: the database is chosen by its SONiC number, leave the path out`);
  }
  if (u.search !== '' || u.hash !== '') throw new DbUrlError(display, 'no query or fragment is understood');
  return { display, clientUrl: url };
}
