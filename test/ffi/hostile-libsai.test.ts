/**
 * Nothing a libsai returns may crash the process: a deliberately wrong libsai
 * (fixtures/hostile-sai.c, built here with cc) answers overflowing counts, foreign pointers,
 * malformed addresses, NULL method slots and whole-call failures; the adapter turns each into a
 * SaiStatusError or a per-entry status.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import koffi from 'koffi';
import { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import { isSaiStatusError } from '../../src/sai/errors.js';
import { describeWithNeed, needCc } from '../helpers/need.js';
import { scratchDir } from './libsaivs.js';

const SOURCE = resolve(import.meta.dirname, 'fixtures/hostile-sai.c');

/** The status (and index) a call throws with, or SUCCESS. */
function statusOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isSaiStatusError(e)) return e.attrIndex === undefined ? e.statusName : `${e.statusName}[${e.attrIndex}]`;
    throw e;
  }
  return 'SUCCESS';
}

describeWithNeed(needCc(), 'a hostile libsai', () => {
  const scratch = scratchDir();
  let lib = '';
  beforeAll(() => {
    lib = join(scratch.dir, 'libhostile.so');
    execFileSync('cc', ['-shared', '-fPIC', '-O1', '-fvisibility=hidden', '-o', lib, SOURCE]);
  });
  afterAll(() => scratch.cleanup());

  function withMode<T>(mode: string, fn: (a: FfiSaiAdapter) => T): T {
    const a = FfiSaiAdapter.open({ libPath: lib, profile: { HOSTILE_MODE: mode } });
    try {
      return fn(a);
    } finally {
      a.shutdown({ warm: false });
    }
  }

  const SWITCH_ID = 0x2100000000000001n;
  const NH_ID = 0x2104000000000002n;
  const PORT_LIST = 2;

  it('serves the profile through both service functions', () => {
    withMode('none', (a) => {
      expect(a.switchId).toBe(SWITCH_ID);
      expect(a.profileLookups).toEqual(['HOSTILE_MODE']);
    });
  });

  it('a list that keeps overflowing ends in BUFFER_OVERFLOW', () => {
    withMode('overflow-forever', (a) =>
      expect(statusOf(() => a.get('SWITCH', SWITCH_ID, [PORT_LIST]))).toBe('BUFFER_OVERFLOW'),
    );
    withMode('overflow-same', (a) =>
      expect(statusOf(() => a.get('SWITCH', SWITCH_ID, [PORT_LIST]))).toBe('BUFFER_OVERFLOW'),
    );
  });

  it('an absurd needed count is refused, not allocated', () => {
    withMode('huge-count', (a) => expect(statusOf(() => a.get('SWITCH', SWITCH_ID, [PORT_LIST]))).toBe('FAILURE'));
  });

  it('SUCCESS with a count beyond the buffer, or a pointer it was not given, is never read', () => {
    withMode('count-beyond', (a) => expect(statusOf(() => a.get('SWITCH', SWITCH_ID, [PORT_LIST]))).toBe('FAILURE'));
    withMode('bad-pointer', (a) => expect(statusOf(() => a.switchDefaults())).toBe('FAILURE'));
    withMode('bad-pointer', (a) => expect(statusOf(() => a.get('SWITCH', SWITCH_ID, [PORT_LIST]))).toBe('FAILURE'));
  });

  it('a malformed address or a changed attribute id is an error', () => {
    withMode('bad-family', (a) => expect(statusOf(() => a.get('NEXT_HOP', NH_ID, [1]))).toBe('FAILURE'));
    withMode('changed-id', (a) => expect(statusOf(() => a.get('NEXT_HOP', NH_ID, [0]))).toBe('FAILURE'));
  });

  it('SUCCESS without an object id is an error', () => {
    withMode('null-id', (a) => expect(statusOf(() => a.create('NEXT_HOP', undefined, []))).toBe('FAILURE'));
  });

  it('NULL slots, a missing API and an absent function answer NOT_IMPLEMENTED', () => {
    withMode('null-slots', (a) => expect(statusOf(() => a.create('NEXT_HOP', undefined, []))).toBe('NOT_IMPLEMENTED'));
    withMode('none', (a) => expect(statusOf(() => a.remove('NEXT_HOP', NH_ID))).toBe('NOT_IMPLEMENTED'));
    withMode('none', (a) => expect(statusOf(() => a.get('VLAN', 1n, [0]))).toBe('NOT_IMPLEMENTED'));
    withMode('no-route-api', (a) => {
      expect(a.supportsBulk('ROUTE_ENTRY')).toBe(false);
      expect(statusOf(() => a.bulkCreate('ROUTE_ENTRY', [], 'stopOnError'))).toBe('NOT_IMPLEMENTED');
    });
  });

  it('a bulk call that fails as a whole gives every entry its status', () => {
    withMode('none', (a) => {
      const key = (k: number) => ({ switchId: SWITCH_ID, vrId: 1n, destination: `10.${k}.0.0/16` });
      const r = a.bulkCreate(
        'ROUTE_ENTRY',
        [0, 1, 2].map((k) => ({ key: key(k), attrs: [] })),
        'ignoreError',
      );
      expect([...r.statuses]).toEqual([-2, -2, -2]);
      expect([...a.bulkRemove('ROUTE_ENTRY', [0, 1, 2].map(key), 'ignoreError')]).toEqual([0, -7, 0]);
      expect(a.countersOf('ROUTE_ENTRY')).toEqual({ create: 0, remove: 2, set: 0, get: 0 });
    });
  });

  it('slots newer than the libsai version are not read', () => {
    withMode('old-version', (a) => {
      expect(a.apiVersionText).toBe('1.9.0');
      expect(a.supportsBulk('NEIGHBOR_ENTRY')).toBe(false);
      expect(statusOf(() => a.bulkRemove('NEIGHBOR_ENTRY', [], 'stopOnError'))).toBe('NOT_IMPLEMENTED');
    });
    withMode('none', (a) => expect(a.supportsBulk('NEIGHBOR_ENTRY')).toBe(true));
  });

  it('object keys: NOT_IMPLEMENTED passes through, an impossible count is refused', () => {
    withMode('keys-not-impl', (a) => expect(statusOf(() => a.getObjectKeys('ROUTE_ENTRY'))).toBe('NOT_IMPLEMENTED'));
    withMode('keys-beyond', (a) => expect(statusOf(() => a.getObjectKeys('NEXT_HOP'))).toBe('FAILURE'));
    withMode('keys-overflow-same', (a) => expect(statusOf(() => a.getObjectKeys('NEXT_HOP'))).toBe('BUFFER_OVERFLOW'));
  });

  it('a failed create_switch releases the library, and it opens again', () => {
    expect(() => FfiSaiAdapter.open({ libPath: lib, profile: { HOSTILE_MODE: 'switch-fail' } })).toThrow(
      /create_switch/,
    );
    withMode('none', (a) => expect(a.isOpen).toBe(true));
  });

  it('switches of one library share one session: initialized once, uninitialized with the last; calls after shutdown are UNINITIALIZED', () => {
    const counts = koffi.load(lib);
    const inits = counts.func('int hostile_initialize_calls()') as () => number;
    const uninits = counts.func('int hostile_uninitialize_calls()') as () => number;
    const [i0, u0] = [inits(), uninits()];
    const a = FfiSaiAdapter.open({ libPath: lib, profile: {} });
    const b = FfiSaiAdapter.open({ libPath: lib, profile: {} });
    expect([a.profileId, b.profileId]).toEqual([0, 1]);
    expect(inits() - i0).toBe(1);
    a.shutdown({ warm: false });
    a.shutdown({ warm: false });
    expect(uninits() - u0).toBe(0);
    expect(statusOf(() => a.get('NEXT_HOP', NH_ID, [0]))).toBe('UNINITIALIZED');
    expect(a.supportsBulk('ROUTE_ENTRY')).toBe(false);
    expect(b.isOpen).toBe(true);
    expect(b.objectTypeQuery(NH_ID)).toBe('NEXT_HOP');
    b.close();
    b.close();
    expect(uninits() - u0).toBe(1);
    counts.unload();
  });

  it('a path that is not a libsai', () => {
    expect(() => FfiSaiAdapter.open({ libPath: join(scratch.dir, 'nope.so') })).toThrow(/cannot load/);
    expect(() => FfiSaiAdapter.open({ libPath: 'libc.so.6' })).toThrow(/missing entry point/);
  });
});
