/**
 * Running the built command (`node dist/cli.js`, as the README does) in a child process. The
 * build must be there and newer than every source file (`npm test` builds first); otherwise the
 * tests fail and say so, rather than test an old build.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { REPO_ROOT } from '../helpers/need.js';

/** The built command. */
export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    newest = Math.max(newest, f.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Why the build cannot be used (missing or older than src/), or undefined. */
export function distProblem(): string | undefined {
  if (!existsSync(CLI)) return `${CLI} is missing: run \`npm run build\` (\`npm test\` does)`;
  if (statSync(CLI).mtimeMs < newestSource(join(REPO_ROOT, 'src'))) {
    return `${CLI} is older than src/: run \`npm run build\` (\`npm test\` does)`;
  }
  return undefined;
}

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'saistore-readme-'));
  dirs.push(d);
  return d;
}

/** Starts `node dist/cli.js ARGS` in the repository root. */
export function start(args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
}

/** What a finished run printed and its exit code. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Collects a started command's output until it exits. */
export function finished(child: ChildProcessWithoutNullStreams): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

/** Runs `node dist/cli.js ARGS` to its end. */
export function run(args: readonly string[]): Promise<Run> {
  return finished(start(args));
}

/** The first line a started command prints on stdout (rejects if it exits first). */
export function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    const onData = (d: Buffer) => {
      out += d;
      const i = out.indexOf('\n');
      if (i >= 0) {
        child.stdout.off('data', onData);
        res(out.slice(0, i));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => rej(new Error(`exited ${code} before a line; stderr: ${err}`)));
  });
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((f) =>
    f.isDirectory() ? filesUnder(join(dir, f.name)) : [join(dir, f.name)],
  );
}
