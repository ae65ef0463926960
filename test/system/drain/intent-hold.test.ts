/** Reading `tsa_enabled` from a DB row, and the startup hold's begin / resume / status / end. */
import { describe, expect, it } from 'vitest';
import { endHold, holdForBoot, holdStatus } from '../../../src/system/drain/hold.js';
import { readTsaEnabled } from '../../../src/system/drain/intent.js';

const W = 'CHASSIS_APP_DB BGP_DEVICE_GLOBAL|STATE';

describe('readTsaEnabled', () => {
  it.each([
    [{ tsa_enabled: 'true' }, { kind: 'known', tsaEnabled: true }],
    [{ tsa_enabled: 'false' }, { kind: 'known', tsaEnabled: false }],
    [
      { tsa_enabled: 'false', wcmp_enabled: 'true', idf_isolation_state: 'unisolated' },
      { kind: 'known', tsaEnabled: false },
    ],
  ])('%j', (fields, expected) => {
    expect(readTsaEnabled(fields, W)).toEqual(expected);
  });

  it('a missing key is unknown, never false (SONiC: TSA_DEFAULTS = "false")', () => {
    expect(readTsaEnabled(undefined, W)).toEqual({
      kind: 'unknown',
      cause: 'missing-key',
      detail: `${W}: no such key`,
    });
  });

  it('a key written without tsa_enabled (another field alone, as CONFED or wcmp_enabled) is unknown', () => {
    expect(readTsaEnabled({ wcmp_enabled: 'true' }, W)).toMatchObject({ kind: 'unknown', cause: 'missing-field' });
    expect(readTsaEnabled({}, W)).toMatchObject({ kind: 'unknown', cause: 'missing-field' });
  });

  it.each(['TRUE', 'True', '1', 'yes', '', ' true', 'false '])('%j is an invalid value, named in the detail', (v) => {
    const r = readTsaEnabled({ tsa_enabled: v }, W);
    expect(r).toMatchObject({ kind: 'unknown', cause: 'invalid-value' });
    expect(r.kind === 'unknown' && r.detail).toBe(`${W}: tsa_enabled=${JSON.stringify(v)}, expected "true" or "false"`);
  });

  it('an inherited property is not a field', () => {
    const fields = Object.create({ tsa_enabled: 'true' }) as Record<string, string>;
    expect(readTsaEnabled(fields, W)).toMatchObject({ kind: 'unknown', cause: 'missing-field' });
  });
});

describe('startup hold', () => {
  const T0 = 1_800_000_000_000;

  it('a cold boot begins a hold; a warm boot resumes it with the time left, never a new one', () => {
    const h = holdForBoot(undefined, { type: 'cold', now: T0, durationMs: 600_000 });
    expect(h).toEqual({ startedAt: T0, durationMs: 600_000, deadline: T0 + 600_000 });
    // an agent restart 4 minutes later (warm), configured now for 900 s: the old deadline holds
    const resumed = holdForBoot(h, { type: 'warm', now: T0 + 240_000, durationMs: 900_000 });
    expect(resumed).toBe(h);
    expect(holdStatus(resumed, T0 + 240_000)).toEqual({
      state: 'running',
      startedAt: T0,
      deadline: T0 + 600_000,
      remainingMs: 360_000,
    });
  });

  it('a warm boot without a hold begins none', () => {
    expect(holdForBoot(undefined, { type: 'warm', now: T0, durationMs: 600_000 })).toBeUndefined();
  });

  it('a cold boot replaces the previous hold, running or not; duration 0 = none', () => {
    const old = holdForBoot(undefined, { type: 'cold', now: T0, durationMs: 600_000 });
    expect(holdForBoot(old, { type: 'cold', now: T0 + 60_000, durationMs: 300_000 })?.deadline).toBe(T0 + 360_000);
    expect(holdForBoot(old, { type: 'cold', now: T0 + 60_000, durationMs: 0 })).toBeUndefined();
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('duration %s is refused', (d) => {
    expect(() => holdForBoot(undefined, { type: 'cold', now: T0, durationMs: d })).toThrow(RangeError);
  });

  it('expires at its deadline, exactly', () => {
    const h = holdForBoot(undefined, { type: 'cold', now: T0, durationMs: 1000 });
    expect(holdStatus(h, T0 + 999)).toMatchObject({ state: 'running', remainingMs: 1 });
    expect(holdStatus(h, T0 + 1000)).toEqual({ state: 'expired', deadline: T0 + 1000 });
    expect(holdStatus(h, T0 + 10_000)).toEqual({ state: 'expired', deadline: T0 + 1000 });
  });

  it('a clock that went backwards never lengthens it beyond its duration', () => {
    const h = holdForBoot(undefined, { type: 'cold', now: T0, durationMs: 1000 });
    expect(holdStatus(h, T0 - 3_600_000)).toMatchObject({ state: 'running', remainingMs: 1000 });
  });

  it('the operator ends a running hold; ending an expired one changes nothing', () => {
    const h = holdForBoot(undefined, { type: 'cold', now: T0, durationMs: 1000 });
    const ended = endHold(h, T0 + 10);
    expect(holdStatus(ended, T0 + 20)).toEqual({ state: 'ended', at: T0 + 10, by: 'operator' });
    expect(endHold(h, T0 + 5000)).toBe(h);
    expect(endHold(undefined, T0)).toBeUndefined();
    // a warm boot resumes an ended hold as ended
    expect(holdStatus(holdForBoot(ended, { type: 'warm', now: T0 + 30, durationMs: 1000 }), T0 + 30).state).toBe(
      'ended',
    );
  });
});
