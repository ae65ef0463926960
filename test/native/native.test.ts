/**
 * The C tests of libsaivs (`make -C native test`), asserted suite by suite: the runner prints
 * `suite <name> (t_<name>.c): N passed, M failed` per suite (native/test/t_main.c). Every suite
 * file in native/test must report, with passes and no failure; the suites that exist today must
 * still be there, each with at least about four fifths of the checks it has now (a floor, so new
 * checks or new suites never break this test, and a suite emptied or deleted does).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const nativeDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../native');

/** Suites that must exist, with a floor on their passes (about 80% of the count when written). */
const REQUIRED: Readonly<Record<string, number>> = {
  basics: 240,
  validation: 170,
  lists: 580,
  bulk: 115,
  objects: 105,
  warm: 2800,
  random: 17,
  perf: 34,
};

/** The suite files in native/test (every t_*.c but the runner). */
function suiteFiles(): string[] {
  return readdirSync(resolve(nativeDir, 'test'))
    .filter((f) => /^t_\w+\.c$/.test(f) && f !== 't_main.c')
    .sort();
}

/** `suite NAME (FILE): P passed, F failed` lines of the runner's output. */
function suiteLines(stdout: string): Map<string, { file: string; passed: number; failed: number }> {
  const out = new Map<string, { file: string; passed: number; failed: number }>();
  for (const m of stdout.matchAll(/^suite (\w+) \((t_\w+\.c)\): (\d+) passed, (\d+) failed$/gm)) {
    expect(out.has(m[1]), `suite ${m[1]} reported twice`).toBe(false);
    out.set(m[1], { file: m[2], passed: Number(m[3]), failed: Number(m[4]) });
  }
  return out;
}

describe('libsaivs C tests (make -C native test)', () => {
  it('build, then every suite file reports passes and no failure; the known suites keep their checks', () => {
    const run = spawnSync('make', ['--no-print-directory', '-C', nativeDir, 'test'], {
      encoding: 'utf8',
      // 1M routes is the C suite's default scale test; a few seconds of C time.
      env: { ...process.env, SAIVS_TEST_ROUTES: process.env.SAIVS_TEST_ROUTES ?? '1000000' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    if (run.error) throw run.error;
    expect(run.status, output).toBe(0);
    const suites = suiteLines(run.stdout ?? '');
    const byFile = new Map([...suites].map(([name, s]) => [s.file, { name, ...s }]));

    for (const file of suiteFiles()) {
      const s = byFile.get(file);
      expect(s, `${file} is in native/test but its suite did not run (T_SUITE in t_main.c)`).toBeDefined();
      expect(s!.failed, `${file}: failures`).toBe(0);
      expect(s!.passed, `${file}: passes`).toBeGreaterThan(0);
    }
    for (const [name, floor] of Object.entries(REQUIRED)) {
      const s = suites.get(name);
      expect(s, `suite ${name} (t_${name}.c) did not run`).toBeDefined();
      expect(s!.file).toBe(`t_${name}.c`);
      expect(s!.passed, `suite ${name}: passes`).toBeGreaterThanOrEqual(floor);
    }

    // The last line is the total, equal to the sum of the suites.
    const lines = (run.stdout ?? '').trim().split('\n');
    const total = /^(\d+) passed, (\d+) failed$/.exec(lines[lines.length - 1].trim());
    expect(total, 'last line: N passed, M failed').not.toBeNull();
    expect(Number(total![2])).toBe(0);
    const sum = [...suites.values()].reduce((n, s) => n + s.passed, 0);
    expect(Number(total![1])).toBe(sum);
    // The scale test printed its timings.
    expect(output).toMatch(/perf: create_route_entry\s+1000000 routes/);
  }, 180_000);
});
