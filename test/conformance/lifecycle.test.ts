/**
 * Switch lifecycle through the `SaiAdapter` interface, the same on each adapter: default objects,
 * what may not be removed, a warm shutdown refused without SAI_WARM_BOOT_WRITE_FILE (the adapter
 * stays usable), and single calls after shutdown answering UNINITIALIZED.
 */
import { expect, it } from 'vitest';
import { isSaiStatusError, type RouteEntryKey } from '../../src/sai/index.js';
import { describeEachMode } from '../helpers/adapters.js';

function statusOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isSaiStatusError(e)) return e.statusName;
    throw e;
  }
  return 'SUCCESS';
}

// Checks of what the adapter holds go through enumeration, which the no-object-keys quirk does not have.
const ENUMERATES = { except: ['no-object-keys'], why: 'reads what the adapter holds by enumeration' } as const;

describeEachMode('switch lifecycle', ENUMERATES, (under) => {
  it('default objects: the switch, CPU port and front-panel ports, default virtual router and 1Q bridge', () => {
    const a = under.open({ ports: 4 });
    const d = a.switchDefaults();
    // A vendor-keys switch takes its port count from its switch type, not from the profile.
    expect(d.portList).toHaveLength(under.quirks.has('vendor-keys') ? 32 : 4);
    expect(a.getObjectKeys('SWITCH')).toEqual([a.switchId]);
    expect(new Set(a.getObjectKeys('PORT'))).toEqual(new Set([d.cpuPort, ...d.portList]));
    expect(a.getObjectKeys('VIRTUAL_ROUTER')).toEqual([d.defaultVirtualRouterId]);
    expect(a.getObjectKeys('BRIDGE')).toEqual([d.default1qBridgeId]);
    expect(a.objectTypeQuery(a.switchId)).toBe('SWITCH');
    expect(a.objectTypeQuery(d.cpuPort)).toBe('PORT');
    expect(a.objectTypeQuery(d.defaultVirtualRouterId)).toBe('VIRTUAL_ROUTER');
    expect(a.objectTypeQuery(0n)).toBeUndefined();
    expect(statusOf(() => a.remove('PORT', d.cpuPort))).toBe('INVALID_PARAMETER');
    expect(statusOf(() => a.remove('VIRTUAL_ROUTER', d.defaultVirtualRouterId))).toBe('INVALID_PARAMETER');
    expect(statusOf(() => a.remove('SWITCH', a.switchId))).toBe('INVALID_PARAMETER');
    // Front-panel ports may go (breakout).
    expect(statusOf(() => a.remove('PORT', d.portList[3]))).toBe('SUCCESS');
    expect(a.objectTypeQuery(d.portList[3])).toBeUndefined();
    expect(a.get('SWITCH', a.switchId, [2])[0]).toEqual(d.portList.filter((p) => p !== d.portList[3]));
    expect(a.supportsBulk('ROUTE_ENTRY')).toBe(true);
    expect(a.supportsBulk('NEXT_HOP')).toBe(false);
    expect(statusOf(() => a.bulkCreate('NEXT_HOP', [], 'ignoreError'))).toBe('NOT_IMPLEMENTED');
  });

  it('a warm shutdown without SAI_WARM_BOOT_WRITE_FILE is refused and the switch stays; calls after shutdown answer UNINITIALIZED', () => {
    const a = under.open({ ports: 2 });
    const d = a.switchDefaults();
    const key: RouteEntryKey = { switchId: a.switchId, vrId: d.defaultVirtualRouterId, destination: '10.0.0.0/8' };
    expect(statusOf(() => a.shutdown({ warm: true }))).toBe('INVALID_PARAMETER');
    expect(a.isShutDown).toBe(false);
    expect(statusOf(() => a.create('ROUTE_ENTRY', key, [{ id: 0, value: 0 }]))).toBe('SUCCESS');
    expect(a.objectCount('ROUTE_ENTRY')).toBe(1);
    a.shutdown({ warm: false });
    expect(a.isShutDown).toBe(true);
    expect(statusOf(() => a.create('ROUTE_ENTRY', key, [{ id: 0, value: 0 }]))).toBe('UNINITIALIZED');
    expect(statusOf(() => a.get('ROUTE_ENTRY', key, [0]))).toBe('UNINITIALIZED');
    expect(statusOf(() => a.remove('ROUTE_ENTRY', key))).toBe('UNINITIALIZED');
    expect(statusOf(() => a.set('ROUTE_ENTRY', key, { id: 0, value: 1 }))).toBe('UNINITIALIZED');
    expect(a.writes()).toMatchObject({ create: 1, total: 1 });
    // A second shutdown does nothing.
    expect(statusOf(() => a.shutdown({ warm: false }))).toBe('SUCCESS');
  });
});
