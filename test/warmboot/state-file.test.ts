import { existsSync, readFileSync, writeFileSync } from 'node:fs';
/**
 * The warm boot state file on each adapter under test (fake, and the FFI adapter on libsaivs):
 * round trip, a missing or damaged file gives a cold boot with the reason, another switch's state,
 * a crash while writing.
 */
import { describe, expect, it } from 'vitest';
import { SwitchAgent, syntheticTopology, stateFiles } from '../../src/agent/index.js';
import {
  loadWarmBootState,
  writeWarmBootState,
  WarmBootStateError,
  encodeWarmBootState,
  decodeWarmBootState,
} from '../../src/warmboot/index.js';
import { describeEachAdapter } from '../helpers/adapters.js';
import { coldThenShutdown, stateDir } from '../helpers/agent.js';

const desired = syntheticTopology(
  Array.from({ length: 200 }, (_, i) => ({ prefix: `10.${i}.0.0/16` })),
  undefined,
  { rifs: 2, neighborsPerRif: 2, groups: 3 },
);

function corrupt(path: string, f: (text: string) => string): void {
  writeFileSync(path, f(readFileSync(path, 'utf8')));
}

describeEachAdapter('state file', (under) => {
  describe('warm boot state file', () => {
    it('round-trips: adapter keys, saved host keys, ShutdownState', () => {
      const dir = stateDir();
      coldThenShutdown(desired, dir, under.createAdapter());
      const loaded = loadWarmBootState(stateFiles(dir).state);
      expect(loaded.kind).toBe('state');
      if (loaded.kind !== 'state') return;
      const again = decodeWarmBootState('x', encodeWarmBootState(loaded.state));
      expect(again.adapterKeys).toEqual(loaded.state.adapterKeys);
      expect(again.hostKeys).toEqual(loaded.state.hostKeys);
      expect(again.shutdownState).toEqual(loaded.state.shutdownState);
      expect(loaded.state.adapterKeys.get('ROUTE_ENTRY')).toMatchObject({ kind: 'entry' });
      expect(loaded.state.hostKeys.get('NEXT_HOP_GROUP')!.size).toBe(3);
    });

    it('a missing file says "no warm state" and the boot is cold', () => {
      const dir = stateDir();
      expect(loadWarmBootState(stateFiles(dir).state)).toEqual({ kind: 'none', path: stateFiles(dir).state });
      const { report } = SwitchAgent.boot({ createAdapter: under.createAdapter(), desired, stateDir: dir });
      expect(report).toMatchObject({ bootType: 'cold', coldReason: 'no warm state' });
    });

    const damaged: [string, (t: string) => string, RegExp][] = [
      ['corrupted (a byte flipped)', (t) => t.replace('"ROUTE_ENTRY"', '"ROUTE_ENTRX"'), /checksum mismatch/],
      ['truncated', (t) => t.slice(0, Math.floor(t.length * 0.6)), /truncated/],
      ['no header', () => 'garbage', /truncated: no header line/],
      ['corrupted header', (t) => `{${t}`, /corrupted header/],
      ['wrong version', (t) => t.replace('"version":1', '"version":99'), /format version 99, this build reads 1/],
      ['bytes appended', (t) => `${t}xx`, /2 bytes past the end/],
    ];

    it.each(damaged)('%s: WarmBootStateError with the reason, and a cold boot that says it', (_name, f, reason) => {
      const dir = stateDir();
      coldThenShutdown(desired, dir, under.createAdapter());
      corrupt(stateFiles(dir).state, f);
      expect(() => loadWarmBootState(stateFiles(dir).state)).toThrow(WarmBootStateError);
      expect(() => loadWarmBootState(stateFiles(dir).state)).toThrow(reason);
      const { agent, report } = SwitchAgent.boot({ createAdapter: under.createAdapter(), desired, stateDir: dir });
      expect(report.bootType).toBe('cold');
      expect(report.coldReason).toMatch(reason);
      expect(agent.counts.routes).toBe(200);
    });

    it("another switch's state: a cold boot naming both switch ids", () => {
      const dir = stateDir();
      coldThenShutdown(desired, dir, under.createAdapter());
      const loaded = loadWarmBootState(stateFiles(dir).state);
      if (loaded.kind !== 'state') throw new Error('no state');
      writeWarmBootState(stateFiles(dir).state, { ...loaded.state, switchId: 0x2121000000000099n });
      expect(() => loadWarmBootState(stateFiles(dir).state, loaded.state.switchId)).toThrow(
        `saved for switch 0x2121000000000099, the adapter came up as 0x${loaded.state.switchId.toString(16)}`,
      );
      const { report } = SwitchAgent.boot({ createAdapter: under.createAdapter(), desired, stateDir: dir });
      expect(report.bootType).toBe('cold');
      expect(report.coldReason).toMatch(/saved for switch 0x2121000000000099/);
    });

    it('a crash in the middle of writing leaves the previous file valid', () => {
      const dir = stateDir();
      coldThenShutdown(desired, dir, under.createAdapter());
      const path = stateFiles(dir).state;
      const before = readFileSync(path, 'utf8');
      const loaded = loadWarmBootState(path);
      if (loaded.kind !== 'state') throw new Error('no state');
      expect(() =>
        writeWarmBootState(path, { ...loaded.state, shutdownState: { other: true } }, { simulateCrashAfterBytes: 100 }),
      ).toThrow(/simulated crash/);
      expect(readFileSync(path, 'utf8')).toBe(before);
      expect(loadWarmBootState(path).kind).toBe('state');
      const { report } = SwitchAgent.boot({ createAdapter: under.createAdapter(), desired, stateDir: dir });
      expect(report.bootType).toBe('warm');
      expect(report.ops).toEqual({ create: 0, set: 0, remove: 0 });
      expect(existsSync(`${path}.tmp-${process.pid}`)).toBe(true);
    });
  });
});
