/** Failures of the CLI: non-zero exit, the reason on stderr, no stack trace for expected errors. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoReportSchema } from '../../src/cli/report.js';
import { FIXTURES, runCli } from './run-cli.js';

const bad = join(FIXTURES, 'bad.txt');

describe('saistore failures', () => {
  it('a bad route file: exit 1 and FILE:LINE: REASON on stderr', async () => {
    const r = await runCli(['demo', '--json', '--routes', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:3: `);
    expect(r.stderr).toMatch(/host bits/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--skip-bad: succeeds and reports the bad count', async () => {
    const r = await runCli(['demo', '--json', '--skip-bad', '--routes', bad]);
    expect(r.code).toBe(0);
    const report = demoReportSchema.parse(JSON.parse(r.stdout));
    expect(report.input).toMatchObject({ routes: 2, bad: 1 });
    expect(r.stderr).toContain(`${bad}:3: `);
  });

  it('a missing route file', async () => {
    const r = await runCli(['demo', '--routes', join(FIXTURES, 'no-such-file.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ENOENT.*no-such-file\.txt/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['demo', '--adapter', 'nope'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const both = await runCli(['shutdown', '--warm', '--cold', '--state-dir', '/nonexistent']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/choose one/);
  });
});
