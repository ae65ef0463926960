/**
 * Several switches in one process (issue 10 item 4): two switches of the C virtual switch share one
 * library session (`sai_api_initialize` once), each with its own profile id, object space and warm
 * file; each is cold booted, warm shut down and warm booted with zero writes, independently of the
 * other. A failed open leaves nothing initialized, so a retry in the same process works, and an
 * adapter can be closed after a failure.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import { InstrumentedAdapter, type SaiAdapter } from '../../src/adapter/index.js';
import { SwitchAgent, syntheticTopology, type SwitchState } from '../../src/agent/index.js';
import { isSaiStatusError } from '../../src/sai/errors.js';
import { adapterDump } from '../helpers/adapter-dump.js';
import { stateDir } from '../helpers/agent.js';
import { describeWithNeed, needLibsaivs } from '../helpers/need.js';
import { LIBSAIVS, scratchDir } from './libsaivs.js';

const open: FfiSaiAdapter[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

/** A `SwitchAgent.boot` adapter factory over libsaivs, remembering what it opened. */
function factory(ports: number, extra: Record<string, string> = {}) {
  return (bootType: 'cold' | 'warm', profile: Record<string, string>): SaiAdapter => {
    const a = FfiSaiAdapter.open({
      libPath: LIBSAIVS,
      bootType,
      profile: { SAI_VS_PORT_COUNT: String(ports), ...extra, ...profile },
    });
    open.push(a);
    return new InstrumentedAdapter(a);
  };
}

function table(first: number, n: number): SwitchState {
  return syntheticTopology(
    Array.from({ length: n }, (_, i) => ({ prefix: `${first + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24` })),
    undefined,
    { rifs: 2, neighborsPerRif: 2, groups: 3 },
  );
}

function statusOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isSaiStatusError(e)) return e.statusName;
    throw e;
  }
  return 'SUCCESS';
}

describeWithNeed(needLibsaivs(), 'two switches of the C virtual switch in one process', () => {
  it('each cold boots, shuts down warm and warm boots with zero writes, independently of the other', () => {
    const dirA = stateDir();
    const dirB = stateDir();
    const desiredA = table(10, 500);
    const desiredB = table(20, 300);
    const a = SwitchAgent.boot({ createAdapter: factory(8), desired: desiredA, stateDir: dirA });
    const b = SwitchAgent.boot({ createAdapter: factory(4), desired: desiredB, stateDir: dirB });
    expect(a.report.bootType).toBe('cold');
    expect(b.report.bootType).toBe('cold');
    const [ffiA, ffiB] = open;
    // One session, two profiles, two switches with their own ids and objects.
    expect([ffiA.profileId, ffiB.profileId]).toEqual([0, 1]);
    expect(ffiA.switchId).not.toBe(ffiB.switchId);
    expect(a.agent.adapter.switchDefaults().portList).toHaveLength(8);
    expect(b.agent.adapter.switchDefaults().portList).toHaveLength(4);
    // 2 interfaces x 2 families x (subnet + address) connected routes besides the table
    expect(a.agent.adapter.getObjectKeys('ROUTE_ENTRY')).toHaveLength(desiredA.routes.v4.size + 8);
    expect(b.agent.adapter.getObjectKeys('ROUTE_ENTRY')).toHaveLength(desiredB.routes.v4.size + 8);
    const dumpA = adapterDump(a.agent.adapter);
    const dumpB = adapterDump(b.agent.adapter);

    // A restarts warm while B runs on.
    a.agent.warmShutdown(dirA);
    expect(ffiA.isOpen).toBe(false);
    expect(ffiB.isOpen).toBe(true);
    const a2 = SwitchAgent.boot({ createAdapter: factory(8), desired: desiredA, stateDir: dirA });
    expect(a2.report.bootType).toBe('warm');
    expect(a2.report.ops).toEqual({ create: 0, set: 0, remove: 0 });
    expect(a2.report.applyOps).toEqual({ create: 0, set: 0, remove: 0 });
    expect(a2.agent.adapter.switchId).toBe(ffiA.switchId);
    expect(adapterDump(a2.agent.adapter)).toEqual(dumpA);
    expect(adapterDump(b.agent.adapter)).toEqual(dumpB);

    // Then B, while A runs on.
    b.agent.warmShutdown(dirB);
    expect(a2.agent.adapter.getObjectKeys('ROUTE_ENTRY')).toHaveLength(desiredA.routes.v4.size + 8);
    const b2 = SwitchAgent.boot({ createAdapter: factory(4), desired: desiredB, stateDir: dirB });
    expect(b2.report.bootType).toBe('warm');
    expect(b2.report.ops).toEqual({ create: 0, set: 0, remove: 0 });
    expect(b2.agent.adapter.switchId).toBe(ffiB.switchId);
    expect(adapterDump(b2.agent.adapter)).toEqual(dumpB);
    expect(adapterDump(a2.agent.adapter)).toEqual(dumpA);
    expect((a2.agent.adapter as InstrumentedAdapter).writes().total).toBe(0);
    expect((b2.agent.adapter as InstrumentedAdapter).writes().total).toBe(0);

    // Both restart warm once more, now in the other order.
    b2.agent.warmShutdown(dirB);
    a2.agent.warmShutdown(dirA);
    const b3 = SwitchAgent.boot({ createAdapter: factory(4), desired: desiredB, stateDir: dirB });
    const a3 = SwitchAgent.boot({ createAdapter: factory(8), desired: desiredA, stateDir: dirA });
    expect([a3.report.bootType, b3.report.bootType]).toEqual(['warm', 'warm']);
    expect(a3.report.ops).toEqual({ create: 0, set: 0, remove: 0 });
    expect(b3.report.ops).toEqual({ create: 0, set: 0, remove: 0 });
    expect(adapterDump(a3.agent.adapter)).toEqual(dumpA);
    expect(adapterDump(b3.agent.adapter)).toEqual(dumpB);
  });

  it('SAI_SWITCH_INDEX pins a switch to its slot: distinct switch ids across processes', () => {
    const x = FfiSaiAdapter.open({ libPath: LIBSAIVS, profile: { SAI_SWITCH_INDEX: '3', SAI_VS_PORT_COUNT: '1' } });
    open.push(x);
    const y = FfiSaiAdapter.open({ libPath: LIBSAIVS, profile: { SAI_SWITCH_INDEX: '1', SAI_VS_PORT_COUNT: '1' } });
    open.push(y);
    expect((x.switchId >> 40n) & 0xffn).toBe(3n);
    expect((y.switchId >> 40n) & 0xffn).toBe(1n);
    // The same slot twice is refused, and the refused open leaves the others as they were.
    expect(statusOf(() => FfiSaiAdapter.open({ libPath: LIBSAIVS, profile: { SAI_SWITCH_INDEX: '3' } }))).toBe(
      'ITEM_ALREADY_EXISTS',
    );
    expect(x.objectTypeQuery(x.switchId)).toBe('SWITCH');
    expect(y.objectTypeQuery(y.switchId)).toBe('SWITCH');
  });

  it('a create_switch refusing a warm start leaves nothing initialized: a retry in the same process works', () => {
    const s = scratchDir();
    try {
      const missing = join(s.dir, 'missing.bin');
      let error: unknown;
      try {
        FfiSaiAdapter.open({ libPath: LIBSAIVS, bootType: 'warm', profile: { SAI_WARM_BOOT_READ_FILE: missing } });
      } catch (e) {
        error = e;
      }
      expect(isSaiStatusError(error) && error.statusName).toBe('INVALID_NV_STORAGE');
      // The message names the library and the call.
      expect((error as Error).message).toContain(LIBSAIVS);
      expect((error as Error).message).toContain('create_switch');
      // Nothing stayed initialized: a cold open of the same library in this process works.
      const cold = FfiSaiAdapter.open({ libPath: LIBSAIVS, profile: { SAI_VS_PORT_COUNT: '2' } });
      open.push(cold);
      expect(cold.profileId).toBe(0);
      // With a switch alive, a second failed warm open leaves it working, and a retry works too.
      expect(
        statusOf(() =>
          FfiSaiAdapter.open({ libPath: LIBSAIVS, bootType: 'warm', profile: { SAI_WARM_BOOT_READ_FILE: missing } }),
        ),
      ).toBe('INVALID_NV_STORAGE');
      expect(cold.switchDefaults().portList).toHaveLength(2);
      const again = FfiSaiAdapter.open({ libPath: LIBSAIVS, profile: { SAI_VS_PORT_COUNT: '1' } });
      open.push(again);
      expect(again.profileId).toBe(1);
    } finally {
      s.cleanup();
    }
  });

  it('an adapter is closable after a failed warm shutdown, and the library opens again', () => {
    const s = scratchDir();
    try {
      const a = FfiSaiAdapter.open({ libPath: LIBSAIVS, profile: { SAI_VS_PORT_COUNT: '1' } });
      // No SAI_WARM_BOOT_WRITE_FILE: remove_switch refuses the warm shutdown, the switch stays.
      expect(statusOf(() => a.shutdown({ warm: true }))).toBe('INVALID_PARAMETER');
      expect(a.isOpen).toBe(true);
      a.close();
      expect(a.isOpen).toBe(false);
      a.close();
      const write = join(s.dir, 'w.bin');
      const b = FfiSaiAdapter.open({
        libPath: LIBSAIVS,
        profile: { SAI_VS_PORT_COUNT: '1', SAI_WARM_BOOT_WRITE_FILE: write },
      });
      b.shutdown({ warm: true });
      expect(existsSync(write)).toBe(true);
    } finally {
      s.cleanup();
    }
  });
});
