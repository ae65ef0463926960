/**
 * What each vendor quirk of libsaivs asks of the store, beyond the suites that run in every mode
 * (`describeEachMode`): attributes a libsai cannot read are unknown (written on a cold boot,
 * adopted by a warm boot's replay, counted in the reload report, never a default); a cold boot
 * without enumeration; `enumerate` saying it cannot; a bulk STOP_ON_ERROR that checks the batch
 * first; the warm file written at `sai_api_uninitialize` (and truncated by a process that exits
 * after a failed warm start); required vendor profile keys; member lists not maintained.
 * Built from the store's primitives (reload, replay under policy `fail`, exitForWarmBoot), so they
 * hold whatever boots them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import { InstrumentedAdapter } from '../../src/adapter/index.js';
import { encodeSwitchState, SwitchAgent, syntheticTopology, type SwitchState } from '../../src/agent/index.js';
import { isSaiStatusError, NOT_READ, type RouteEntryKey } from '../../src/sai/index.js';
import { SaiStore } from '../../src/store/index.js';
import { exitForWarmBoot, releaseUnclaimed, reload } from '../../src/warmboot/index.js';
import type { WarmBootState } from '../../src/warmboot/state.js';
import { modeProfile, VS_LIBRARY, type VsMode } from '../helpers/adapter-factories.js';
import { stateDir } from '../helpers/agent.js';
import { describeWithNeed, needLibsaivs } from '../helpers/need.js';
import { snapshot } from '../helpers/snapshot.js';

const open: FfiSaiAdapter[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function vs(mode: VsMode, profile: Record<string, string> = {}, bootType: 'cold' | 'warm' = 'cold') {
  const ffi = FfiSaiAdapter.open({
    libPath: VS_LIBRARY,
    bootType,
    profile: { SAI_VS_PORT_COUNT: '8', ...modeProfile(mode), ...profile },
  });
  open.push(ffi);
  return { ffi, adapter: new InstrumentedAdapter(ffi) };
}

function table(n: number): SwitchState {
  const routes = Array.from({ length: n }, (_, i) => ({ prefix: `10.${(i >> 8) & 255}.${i & 255}.0/24` }));
  const s = syntheticTopology(routes, undefined, { rifs: 2, neighborsPerRif: 2, groups: 3 });
  // Port settings too: ports are the adapter's own objects.
  return { ...s, ports: new Map([[0, { adminState: true, mtu: 9100, speed: 100000 }]]) };
}

/** Cold boot, then warm exit; answers what a warm boot needs. */
function coldAndExit(mode: VsMode, desired: SwitchState, dir: string) {
  const write = join(dir, 'adapter.bin');
  const { adapter } = vs(mode, { SAI_WARM_BOOT_WRITE_FILE: write });
  const agent = new SwitchAgent(adapter);
  reload(agent.store, { cold: true });
  agent.apply(desired);
  const coldWrites = adapter.writes();
  const before = snapshot(agent.store);
  const state = exitForWarmBoot(agent.store, encodeSwitchState(agent.state));
  adapter.shutdown({ warm: true });
  return { state, file: write, coldWrites, before };
}

/** Warm boot from `state`: reload, replay `desired` under policy fail, release the unclaimed. */
function warmBoot(mode: VsMode, state: WarmBootState, desired: SwitchState, file: string, enumerate = false) {
  const { adapter, ffi } = vs(mode, { SAI_WARM_BOOT_READ_FILE: file }, 'warm');
  const store = new SaiStore(adapter);
  const report = reload(store, { state, enumerate });
  const agent = new SwitchAgent(store);
  store.withWritePolicy('fail', () => agent.apply(desired));
  releaseUnclaimed(store);
  return { agent, report, adapter, ffi };
}

describeWithNeed(needLibsaivs(), 'vendor quirks of libsaivs', () => {
  it('get-plain-status: unread attributes are written on a cold boot, adopted on a warm one (zero writes), and reported', () => {
    const desired = table(300);
    const dir = stateDir();
    const { state, file, coldWrites, before } = coldAndExit('get-plain-status', desired, dir);
    // The ports' attributes never set could not be read: unknown, so the cold boot wrote them.
    const strict = (() => {
      const { adapter, ffi } = vs('strict');
      const agent = new SwitchAgent(adapter);
      reload(agent.store, { cold: true });
      agent.apply(desired);
      ffi.close();
      return adapter.writes();
    })();
    expect(coldWrites.create).toBe(strict.create);
    expect(coldWrites.set).toBeGreaterThan(strict.set);

    const { agent, report, adapter } = warmBoot('get-plain-status', state, desired, file);
    expect(adapter.writes().total).toBe(0);
    expect(report.notRead.ROUTE_ENTRY?.SAI_ROUTE_ENTRY_ATTR_PACKET_ACTION).toBe(desired.routes.v4.size + 8);
    expect(report.notRead.ROUTE_ENTRY?.SAI_ROUTE_ENTRY_ATTR_NEXT_HOP_ID).toBeUndefined();
    // Replay adopted every unread attribute of what it claimed: the store is the cold one, and knows
    // no NOT_READ but on objects replay did not name.
    expect(snapshot(agent.store)).toEqual(before);
    const port0 = agent.adapter.switchDefaults().portList[0];
    for (const os of agent.store.stores()) {
      for (const o of os) {
        if (o.adapterOwned && o.oid !== port0) continue;
        expect(Object.values(o.attributes as object), `${os.objectType} ${o.keyString}`).not.toContain(NOT_READ);
      }
    }
    // A change after the warm boot writes exactly it.
    const changed = { ...desired, ports: new Map([[0, { adminState: true, mtu: 1500, speed: 100000 }]]) };
    agent.apply(changed);
    expect(adapter.writes()).toMatchObject({ create: 0, set: 1, remove: 0 });
  });

  it('no-object-keys: a cold boot reloads the default objects only; enumerate says it cannot; without a state reload refuses', () => {
    const desired = table(50);
    const dir = stateDir();
    const { state, file } = coldAndExit('no-object-keys', desired, dir);
    const { report, adapter } = warmBoot('no-object-keys', state, desired, file, true);
    expect(report.keysFrom).toBe('state');
    expect(report.enumeration?.reason).toMatch(
      /^enumerateAdapter: the adapter cannot enumerate .*sai_get_object_count/,
    );
    expect(adapter.writes().total).toBe(0);
    const cold = new SaiStore(adapter);
    expect(reload(cold, { cold: true }).keysFrom).toBe('none');
    expect(() => reload(new SaiStore(adapter))).toThrow(/cannot enumerate objects .*no saved state was given/);
  });

  it('bulk-validate-first: a bulk create failing at entry k creates nothing, names entry k, and a retry converges', () => {
    const { adapter } = vs('bulk-validate-first');
    const agent = new SwitchAgent(adapter);
    reload(agent.store, { cold: true });
    const vrId = adapter.switchDefaults().defaultVirtualRouterId;
    const prefixes = Array.from({ length: 10 }, (_, i) => `10.${i}.0.0/16`);
    // Entry 6 exists in the adapter already (made behind the store's back).
    const taken: RouteEntryKey = { switchId: adapter.switchId, vrId, destination: prefixes[6] };
    adapter.create('ROUTE_ENTRY', taken, [{ id: 0, value: 0 }]);
    const routes = agent.store.get('ROUTE_ENTRY');
    let error: unknown;
    try {
      routes.setObjects(prefixes.map((prefix) => [{ vrId, prefix }, { packetAction: 'DROP' }] as const));
    } catch (e) {
      error = e;
    }
    expect(isSaiStatusError(error) && [error.statusName, error.bulkIndex]).toEqual(['ITEM_ALREADY_EXISTS', 6]);
    expect(routes.size).toBe(0);
    expect(adapter.getObjectKeys('ROUTE_ENTRY')).toHaveLength(1);
    adapter.remove('ROUTE_ENTRY', taken);
    routes.setObjects(prefixes.map((prefix) => [{ vrId, prefix }, { packetAction: 'DROP' }] as const));
    expect(adapter.getObjectKeys('ROUTE_ENTRY')).toHaveLength(10);
  });

  it('warm-write-at-uninit: the warm file appears when the library is uninitialized, with the last switch of the process', () => {
    const dir = stateDir();
    const desired = table(50);
    const other = vs('strict', { SAI_VS_PORT_COUNT: '1' });
    const { state, file } = coldAndExit('warm-write-at-uninit', desired, dir);
    // Another switch of the library is alive: no sai_api_uninitialize yet, so no file.
    expect(existsSync(file)).toBe(false);
    other.ffi.close();
    expect(statSync(file).size).toBeGreaterThan(0);
    const { adapter } = warmBoot('warm-write-at-uninit', state, desired, file);
    expect(adapter.writes().total).toBe(0);
  });

  it('warm-write-at-uninit: a process that exits after a failed warm start truncates its write file', () => {
    const dir = stateDir();
    const write = join(dir, 'next.bin');
    writeFileSync(write, 'a previous generation');
    // The child keeps a cold switch open, fails a warm start of a second one, and exits without closing.
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve(import.meta.dirname, 'vendor-quirks.child.ts'),
        VS_LIBRARY,
        join(dir, 'missing.bin'),
        write,
      ],
      { cwd: resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
    );
    expect(statSync(write).size).toBe(0);
  });

  it('vendor-keys: without its switch type the switch does not come up, and the error says which library and call', () => {
    let error: unknown;
    try {
      vs('strict', { SAI_VS_QUIRKS: 'vendor-keys' });
    } catch (e) {
      error = e;
    }
    expect(isSaiStatusError(error) && error.statusName).toBe('FAILURE');
    expect((error as Error).message).toContain(`libsai ${VS_LIBRARY}, create_switch`);
    const { adapter } = vs('vendor-keys', { SAI_VS_PORT_COUNT: '2' });
    expect(adapter.switchDefaults().portList).toHaveLength(32);
  });

  it('stale-ro-lists: a group reloaded without a saved key is keyed by its members, not by its stale member list', () => {
    const { adapter } = vs('stale-ro-lists');
    const agent = new SwitchAgent(adapter);
    reload(agent.store, { cold: true });
    agent.apply(table(100));
    expect(adapter.get('NEXT_HOP_GROUP', [...agent.store.get('NEXT_HOP_GROUP')][0].oid, [1])[0]).toEqual([]);
    const again = new SaiStore(adapter);
    reload(again);
    expect(snapshot(again)).toEqual(snapshot(agent.store));
  });
});
