/**
 * The drain's files: a scope's config file (config_db.json fragment, requirements 9-10) and an
 * instance's drain state file (hold deadline, last operational state). Saved atomically; a bad
 * file is a DrainFileError naming file and field, and is left as it was.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDrainConfig, saveDrainConfig } from '../../../src/system/drain/config-file.js';
import { DrainFileError } from '../../../src/system/drain/errors.js';
import { loadDrainState, saveDrainState } from '../../../src/system/drain/state-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'drain-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function expectFileError(fn: () => unknown, path: string, field: string, reason: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DrainFileError);
    const err = e as DrainFileError;
    expect(err.kind).toBe('DrainFileError');
    expect(err.path).toBe(path);
    expect(err.field).toBe(field);
    expect(err.reason).toMatch(reason);
    expect(err.message).toBe(`${path}: ${field}: ${err.reason}`);
    return;
  }
  throw new Error('expected a DrainFileError');
}

describe('drain config file', () => {
  it('none until saved; saved and loaded back', () => {
    const path = join(dir, 'drain-config.json');
    expect(loadDrainConfig(path)).toBeUndefined();
    saveDrainConfig(path, true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ BGP_DEVICE_GLOBAL: { STATE: { tsa_enabled: 'true' } } });
    const c = loadDrainConfig(path)!;
    expect(c.tsaEnabled).toBe(true);
    expect(c.fields).toEqual({ tsa_enabled: 'true' });
    saveDrainConfig(path, false, c.document);
    expect(loadDrainConfig(path)!.tsaEnabled).toBe(false);
    expect(readdirSync(dir)).toEqual(['drain-config.json']); // no temporary file left
  });

  it("a whole config_db.json: other tables and STATE's other fields are kept on save", () => {
    const path = join(dir, 'config_db.json');
    const doc = {
      DEVICE_METADATA: { localhost: { hostname: 'sup0', type: 'SpineRouter' } },
      BGP_DEVICE_GLOBAL: {
        CONFED: { asn: '65100', peers: '65300' },
        STATE: { idf_isolation_state: 'unisolated', tsa_enabled: 'false', wcmp_enabled: 'false' },
      },
    };
    writeFileSync(path, JSON.stringify(doc));
    const c = loadDrainConfig(path)!;
    expect(c.tsaEnabled).toBe(false);
    saveDrainConfig(path, true, c.document);
    const after = JSON.parse(readFileSync(path, 'utf8'));
    expect(after).toEqual({
      ...doc,
      BGP_DEVICE_GLOBAL: { ...doc.BGP_DEVICE_GLOBAL, STATE: { ...doc.BGP_DEVICE_GLOBAL.STATE, tsa_enabled: 'true' } },
    });
  });

  it.each([
    [
      '{"BGP_DEVICE_GLOBAL":{"STATE":{"tsa_enabled":"yes"}}}',
      'BGP_DEVICE_GLOBAL.STATE.tsa_enabled',
      /"true".*"false".*\(got "yes"\)/,
    ],
    ['{"BGP_DEVICE_GLOBAL":{"STATE":{"tsa_enabled":true}}}', 'BGP_DEVICE_GLOBAL.STATE.tsa_enabled', /\(got true\)/],
    ['{"BGP_DEVICE_GLOBAL":{"STATE":{"wcmp_enabled":"false"}}}', 'BGP_DEVICE_GLOBAL.STATE.tsa_enabled', /\(missing\)/],
    [
      '{"BGP_DEVICE_GLOBAL":{"STATE":{"tsa_enabled":"true","wcmp_enabled":1}}}',
      'BGP_DEVICE_GLOBAL.STATE.wcmp_enabled',
      /string/,
    ],
    ['{"BGP_DEVICE_GLOBAL":{}}', 'BGP_DEVICE_GLOBAL.STATE', /\(missing\)/],
    ['{}', 'BGP_DEVICE_GLOBAL', /\(missing\)/],
    ['[]', '(top level)', /object/],
    ['{"BGP_DEVICE_GLOBAL":\n{"STATE":\n{"tsa_enabled": "true",}}}', 'line 3', /not JSON/],
    ['', 'line 1', /empty file/],
  ])('%j is refused, naming the field', (text, field, reason) => {
    const path = join(dir, 'drain-config.json');
    writeFileSync(path, text);
    expectFileError(() => loadDrainConfig(path), path, field, reason);
    expect(readFileSync(path, 'utf8')).toBe(text); // left as it was
  });

  it('a file cut short by a crash of another writer is refused by line', () => {
    const path = join(dir, 'drain-config.json');
    saveDrainConfig(path, true);
    const full = readFileSync(path, 'utf8');
    writeFileSync(path, full.slice(0, full.length - 8));
    expect(() => loadDrainConfig(path)).toThrow(DrainFileError);
  });

  it('an unreadable path (a directory) is a DrainFileError, not a crash', () => {
    expectFileError(() => loadDrainConfig(dir), dir, '(file)', /cannot read: EISDIR/);
  });
});

describe('drain state file', () => {
  const T0 = 1_800_000_000_000;

  it('round trip: hold and last state; none when absent', () => {
    const path = join(dir, 'drain-state.json');
    expect(loadDrainState(path)).toBeUndefined();
    const rec = {
      hold: { startedAt: T0, durationMs: 600_000, deadline: T0 + 600_000 },
      last: { drained: true, at: T0, reasons: ['startup hold until ...'] },
    };
    saveDrainState(path, rec);
    expect(loadDrainState(path)).toEqual(rec);
    saveDrainState(path, { hold: { ...rec.hold, endedEarly: { at: T0 + 5, by: 'operator' } } });
    expect(loadDrainState(path)).toEqual({
      hold: { ...rec.hold, endedEarly: { at: T0 + 5, by: 'operator' } },
      last: undefined,
    });
  });

  it.each([
    [{ version: 2, hold: null, last: null }, 'version'],
    [{ version: 1, hold: { startedAt: 1, durationMs: 10, deadline: 12 }, last: null }, 'hold.deadline'],
    [{ version: 1, hold: { startedAt: 1, durationMs: 0, deadline: 1 }, last: null }, 'hold.durationMs'],
    [{ version: 1, hold: null, last: { drained: 'yes', at: 1, reasons: [] } }, 'last.drained'],
    [{ version: 1, hold: null, last: null, tsa_enabled: 'true' }, '(top level)'],
  ])('%j is refused at %s', (doc, field) => {
    const path = join(dir, 'drain-state.json');
    writeFileSync(path, JSON.stringify(doc));
    expectFileError(() => loadDrainState(path), path, field, /./);
  });
});
