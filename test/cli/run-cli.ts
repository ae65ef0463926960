/**
 * Running the saistore CLI from its source (`node --import tsx src/cli/main.ts`) in a child
 * process, so the tests need no build; temporary directories removed after each test.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The CLI fixtures. */
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'saistore-cli-'));
  dirs.push(d);
  return d;
}

/** Starts the CLI with `args` (and `env` added to the environment). */
export function startCli(args: readonly string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
}

/** What a finished CLI run printed and its exit code. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Collects a started CLI's output until it exits. */
export function finished(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

/** Runs the CLI to its end (with `env` added to the environment). */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return finished(startCli(args, env));
}

/** The first line a started CLI prints on stdout (rejects if it exits first). */
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
