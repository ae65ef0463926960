/**
 * Suites that need something outside the TypeScript sources: the shared data beside the project
 * (`../shared`: SAI metadata, real route tables), a C compiler, the built libsaivs, a
 * redis-server, Linux's `/proc`. Such a suite runs when its need is there. When it is not, under CI (`CI` set) the
 * suite FAILS, with one test saying what is missing; elsewhere it is skipped with a warning.
 *
 * Every guard in test/ goes through `describeWithNeed` / `itWithNeed` (test/meta/guards.test.ts
 * checks that no other `skipIf` / `.skip` exists, and that each guarded file fails under CI when
 * its need is missing). The paths honour `SAISTORE_SHARED`, `SAISTORE_LIBSAIVS` and
 * `SAISTORE_PROC`, so that test can point them at nothing.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';

/** Something a suite needs. */
export interface Need {
  /** What it is, for the messages: `../shared/sai/attributes.tsv`, `a C compiler (cc)`. */
  readonly what: string;
  /** Whether it is there. */
  readonly have: boolean;
  /** How to get it. */
  readonly hint: string;
}

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** The shared directory beside the project (`SAISTORE_SHARED` overrides it). */
export const SHARED_DIR = process.env.SAISTORE_SHARED
  ? resolve(process.env.SAISTORE_SHARED)
  : resolve(REPO_ROOT, '..', 'shared');

/** The built libsaivs (`SAISTORE_LIBSAIVS` overrides it). */
export const LIBSAIVS_PATH = process.env.SAISTORE_LIBSAIVS
  ? resolve(process.env.SAISTORE_LIBSAIVS)
  : join(REPO_ROOT, 'native', 'build', 'libsaivs.so');

/** Linux's `/proc` (`SAISTORE_PROC` overrides it). */
export const PROC_DIR = process.env.SAISTORE_PROC ? resolve(process.env.SAISTORE_PROC) : '/proc';

/** True under CI: a missing need fails instead of skipping. */
export const UNDER_CI = Boolean(process.env.CI);

/** Files under `../shared` (paths relative to it). */
export function needShared(...files: string[]): Need {
  const missing = files.filter((f) => !existsSync(join(SHARED_DIR, f)));
  return {
    what: files.map((f) => join(SHARED_DIR, f)).join(', '),
    have: missing.length === 0,
    hint: `check out the shared data beside the project (missing: ${missing.join(', ')})`,
  };
}

/** The built libsaivs. */
export function needLibsaivs(): Need {
  return { what: LIBSAIVS_PATH, have: existsSync(LIBSAIVS_PATH), hint: '`npm ci` builds it (`make -C native`)' };
}

/** A C compiler on the PATH as `cc`. */
export function needCc(): Need {
  let have = true;
  try {
    execFileSync('cc', ['--version'], { stdio: 'ignore' });
  } catch {
    have = false;
  }
  return { what: 'a C compiler (cc)', have, hint: 'install gcc (apt-get install gcc)' };
}

/** The first executable `name` on the PATH, or undefined. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir === '') continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A `redis-server` on the PATH (`.ci/run` installs Debian's package). */
export function needRedisServer(): Need {
  return {
    what: 'redis-server',
    have: onPath('redis-server') !== undefined,
    hint: 'install it (apt-get install redis-server; `.ci/run` does)',
  };
}

/** A file or directory of the machine (e.g. `/proc/self/fd`). */
export function needPath(path: string, hint: string): Need {
  return { what: path, have: existsSync(path), hint };
}

function missingMessage(need: Need): string {
  return `needs ${need.what}, which is missing: ${need.hint}`;
}

/**
 * `describe(title, body)` when `need` is there; otherwise, under CI, a suite with one failing
 * test naming the need, and elsewhere a skipped suite with a warning.
 */
export function describeWithNeed(need: Need, title: string, body: () => void): void {
  if (need.have) {
    describe(title, body);
  } else if (UNDER_CI) {
    describe(title, () => {
      it(`requires ${need.what} under CI`, () => {
        throw new Error(`${title}: ${missingMessage(need)}`);
      });
    });
  } else {
    console.warn(`${title}: skipped, ${missingMessage(need)}`);
    describe.skip(title, body);
  }
}

/** `it(title, fn, timeout)` with the same rule as `describeWithNeed`. */
export function itWithNeed(need: Need, title: string, fn: () => unknown, timeout?: number): void {
  if (need.have) {
    it(title, fn, timeout);
  } else if (UNDER_CI) {
    it(`${title}: requires ${need.what} under CI`, () => {
      throw new Error(`${title}: ${missingMessage(need)}`);
    });
  } else {
    console.warn(`${title}: skipped, ${missingMessage(need)}`);
    it.skip(title, fn);
  }
}
