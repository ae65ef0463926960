/**
 * The suite's guards: a test that needs something outside the TypeScript sources (../shared, cc,
 * libsaivs, /proc) is guarded only through test/helpers/need.ts, and under CI every guarded suite
 * FAILS when its need is missing. The second check runs vitest in a child process with `CI=true`,
 * `SAISTORE_SHARED`, `SAISTORE_LIBSAIVS` and `SAISTORE_PROC` pointing at nothing and no `cc` on the PATH, on every
 * test file that uses a guard, and asserts each of them fails with "requires ... under CI".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/need.js';

const TEST_DIR = join(REPO_ROOT, 'test');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'fixtures' ? [] : tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

const files = tsFiles(TEST_DIR).map((p) => ({ path: relative(REPO_ROOT, p), text: readFileSync(p, 'utf8') }));

/** Guards other than need.ts's: vitest's own skip / skipIf / runIf / todo / only. */
const FORBIDDEN = /\b(?:describe|it|test|suite)\s*\.\s*(?:skip|skipIf|runIf|todo|only)\b/;

/** Test files whose suites carry a guard: `describeWithNeed` / `itWithNeed` or `describeEachAdapter` (vs). */
const guarded = files
  .filter((f) => f.path.endsWith('.test.ts'))
  .filter((f) => /\b(?:describeWithNeed|itWithNeed|describeEachAdapter)\(/.test(f.text))
  .map((f) => f.path)
  .sort();

interface JsonReport {
  testResults: {
    name: string;
    assertionResults: { title: string; fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

describe('skip guards', () => {
  it('every guard goes through test/helpers/need.ts', () => {
    const offenders = files
      .filter((f) => f.path !== join('test', 'helpers', 'need.ts') && f.path !== join('test', 'meta', 'guards.test.ts'))
      .filter((f) => FORBIDDEN.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
    expect(guarded.length).toBeGreaterThanOrEqual(15);
  });

  it('under CI, with ../shared, libsaivs and cc missing, every guarded file fails and says what it needs', () => {
    const work = mkdtempSync(join(tmpdir(), 'saistore-guards-'));
    try {
      const out = join(work, 'report.json');
      const run = spawnSync(
        process.execPath,
        [
          join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
          'run',
          '--reporter=json',
          `--outputFile=${out}`,
          '--typecheck.enabled=false',
          '-t',
          'requires .* under CI',
          ...guarded,
        ],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          // No cc on this PATH (an empty directory); node is run by its absolute path.
          env: {
            ...process.env,
            CI: 'true',
            SAISTORE_SHARED: join(work, 'no-shared'),
            SAISTORE_LIBSAIVS: join(work, 'no-libsaivs.so'),
            SAISTORE_PROC: join(work, 'no-proc'),
            PATH: work,
          },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      expect(run.status, `${run.stdout}\n${run.stderr}`).not.toBe(0);
      const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
      const failedBy = new Map<string, string[]>();
      for (const r of report.testResults) {
        failedBy.set(
          relative(REPO_ROOT, r.name),
          r.assertionResults.filter((a) => a.status === 'failed').map((a) => `${a.fullName}: ${a.failureMessages[0]}`),
        );
      }
      for (const file of guarded) {
        const failed = failedBy.get(file) ?? [];
        expect(failed.length, `${file}: no suite failed under CI with its need missing`).toBeGreaterThan(0);
        for (const f of failed) expect(f).toMatch(/requires .* under CI.*which is missing/s);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
