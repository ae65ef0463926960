import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const nativeDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../native');

describe('libsaivs C tests (make -C native test)', () => {
  it('build, then every C test passes', () => {
    const run = spawnSync('make', ['--no-print-directory', '-C', nativeDir, 'test'], {
      encoding: 'utf8',
      // 1M routes is the C suite's default scale test; a few seconds of C time.
      env: { ...process.env, SAIVS_TEST_ROUTES: process.env.SAIVS_TEST_ROUTES ?? '1000000' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    if (run.error) throw run.error;
    expect(run.status, output).toBe(0);
    const lines = (run.stdout ?? '').trim().split('\n');
    const last = lines[lines.length - 1].trim();
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(last.split(' ')[0])).toBeGreaterThan(1000);
    // The scale test printed its timings.
    expect(output).toMatch(/perf: create_route_entry\s+1000000 routes/);
  }, 180_000);
});
