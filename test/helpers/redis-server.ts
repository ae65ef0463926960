/**
 * A real redis-server for tests: started on a free port in a temporary directory, stopped after.
 * Without `redis-server` on the PATH the tests that need it are skipped, except under CI (`CI`
 * set), where that is a failure: `.ci/run` installs Debian's `redis-server` package.
 *
 *   describeWithNeed(needRedisServer(), '...', () => {   // test/helpers/need.ts
 *     let server: RedisServer;
 *     beforeAll(async () => { server = await startRedisServer(); });
 *     afterAll(() => server.stop());
 *   });
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The redis-server binary, or undefined when there is none. */
export function redisServerPath(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path !== '' ? path : undefined;
}

/**
 * Whether tests needing a redis-server can run. Under CI a missing redis-server is an error, never a
 * skip: this throws.
 */
export function redisServerAvailable(): boolean {
  if (redisServerPath() !== undefined) return true;
  if (process.env.CI) {
    throw new Error(
      'redis-server is not installed, and CI is set: a missing redis-server fails (`.ci/run` installs it with apt-get)',
    );
  }
  return false;
}

/** A running redis-server owned by the test. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:PORT`. */
  readonly url: string;
  readonly dir: string;
  readonly pid: number;
  /** Runs `redis-cli -p PORT ARGS...` and answers its stdout (for checks that SONiC's tools read our rows). */
  cli(...args: string[]): string;
  /** SIGKILL, as a crash would: no save, connections cut. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (after `kill` or `stop`). */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: a server that stops answering without closing connections. */
  pause(): void;
  resume(): void;
  /** Shuts it down and removes its directory. Idempotent. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A port that was free a moment ago (the start retries when another process takes it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function launch(port: number, dir: string, extraArgs: readonly string[]): Promise<ChildProcess> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'no',
    '--protected-mode',
    'no',
    '--logfile',
    '',
    ...extraArgs,
  ];
  const child = spawn(redisServerPath() ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  // A test runner may end its workers without an 'exit' event: a watchdog kills the server within a
  // second of this process's death, so no redis-server outlives the tests.
  spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 1; done; kill -9 ${child.pid} 2>/dev/null`,
    ],
    {
      stdio: 'ignore',
      detached: true,
    },
  ).unref();
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server on port ${port} did not start in 10 s:\n${out}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server on port ${port} exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a redis-server on a free port in a new temporary directory. `args` are extra config. */
export async function startRedisServer(args: readonly string[] = []): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'saistore-redis-'));
  let child: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await launch(port, dir, args);
    } catch (e) {
      if (attempt >= 4) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  let current: ChildProcess | undefined = child;
  let stopped = false;
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    get pid() {
      return current?.pid ?? -1;
    },
    cli(...cliArgs: string[]) {
      const r = spawnSync('redis-cli', ['-p', String(port), ...cliArgs], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`redis-cli ${cliArgs.join(' ')}: ${r.stderr}`);
      return r.stdout;
    },
    async kill() {
      if (current === undefined) return;
      const c = current;
      current = undefined;
      c.kill('SIGKILL');
      await waitExit(c);
    },
    async restart() {
      if (current !== undefined) await server.kill();
      // The port was ours a moment ago; a few tries cover a slow release.
      for (let attempt = 0; ; attempt++) {
        try {
          current = await launch(port, dir, args);
          return;
        } catch (e) {
          if (attempt >= 10) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    pause() {
      current?.kill('SIGSTOP');
    },
    resume() {
      current?.kill('SIGCONT');
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (current !== undefined) {
        const c = current;
        current = undefined;
        c.kill('SIGCONT');
        c.kill('SIGTERM');
        const killer = setTimeout(() => c.kill('SIGKILL'), 5_000);
        await waitExit(c);
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
