/**
 * Warm shutdown and warm boot by the SAI protocol, in one process: PRE_SHUTDOWN, RESTART_WARM,
 * remove_switch (libsaivs writes SAI_WARM_BOOT_WRITE_FILE), sai_api_uninitialize; then a new
 * adapter with SAI_BOOT_TYPE=1 and SAI_WARM_BOOT_READ_FILE gets the same switch id, and every object
 * keeps its id and attributes, with no write.
 */
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import { FakeSaiAdapter } from '../../src/adapter/fake/fake-adapter.js';
import { isSaiStatusError } from '../../src/sai/errors.js';
import type { AdapterKey } from '../../src/sai/entry.js';
import { SAI_OBJECT_TYPES, type SaiObjectType } from '../../src/sai/object-type.js';
import type { SaiValue } from '../../src/sai/value.js';
import { ALL_TRAITS } from '../../src/traits/index.js';
import {
  NeighborEntryTraits,
  NextHopGroupMemberTraits,
  NextHopGroupTraits,
  NextHopTraits,
  RouteEntryTraits,
  RouterInterfaceTraits,
} from '../../src/traits/index.js';
import { formatIpv4 } from '../../src/sai/address.js';
import { attrs } from './attrs.js';
import { describeWithNeed, needLibsaivs } from '../helpers/need.js';
import { openVs, scratchDir } from './libsaivs.js';

/** Every live object: type -> key string -> readable (non-list-order-sensitive) attribute values. */
function snapshot(a: FfiSaiAdapter): Map<string, (SaiValue | undefined)[]> {
  const out = new Map<string, (SaiValue | undefined)[]>();
  for (const type of SAI_OBJECT_TYPES as SaiObjectType[]) {
    if (type === 'SWITCH') continue;
    const traits = ALL_TRAITS[type] as unknown as { attrList: readonly { id: number }[] };
    const attrIds = traits.attrList.map((m) => m.id);
    for (const key of a.getObjectKeys(type)) {
      const values = a.get(type, key, attrIds).map((v) => (Array.isArray(v) ? [...v].map(String).sort() : v));
      out.set(`${type} ${keyText(key)}`, values as (SaiValue | undefined)[]);
    }
  }
  return out;
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

function keyText(key: AdapterKey): string {
  return typeof key === 'bigint'
    ? key.toString(16)
    : JSON.stringify(key, (_k, v) => (typeof v === 'bigint' ? v.toString(16) : v));
}

describeWithNeed(needLibsaivs(), 'warm restart through the SAI protocol', () => {
  const scratch = scratchDir();
  afterAll(() => scratch.cleanup());

  it('keeps the switch id, every object id and every attribute', () => {
    const writeFile = join(scratch.dir, 'warm-1.bin');
    const cold = openVs({ ports: 6, profile: { SAI_WARM_BOOT_WRITE_FILE: writeFile } });
    const d = cold.switchDefaults();
    const sw = cold.switchId;
    const rif = cold.create(
      'ROUTER_INTERFACE',
      undefined,
      attrs(RouterInterfaceTraits, {
        virtualRouterId: d.defaultVirtualRouterId,
        type: 'PORT',
        portId: d.portList[3],
        mtu: 9000,
      }),
    );
    const nh1 = cold.create(
      'NEXT_HOP',
      undefined,
      attrs(NextHopTraits, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rif }),
    );
    const nh2 = cold.create(
      'NEXT_HOP',
      undefined,
      attrs(NextHopTraits, { type: 'IP', ip: 'fe80::1:2', routerInterfaceId: rif }),
    );
    const group = cold.create(
      'NEXT_HOP_GROUP',
      undefined,
      attrs(NextHopGroupTraits, { type: 'DYNAMIC_UNORDERED_ECMP', label: 'g1' }),
    );
    const members = [nh1, nh2].map((nh, k) =>
      cold.create(
        'NEXT_HOP_GROUP_MEMBER',
        undefined,
        attrs(NextHopGroupMemberTraits, { nextHopGroupId: group, nextHopId: nh, weight: k + 1 }),
      ),
    );
    cold.create(
      'NEIGHBOR_ENTRY',
      { switchId: sw, rifId: rif, ipAddress: '10.0.0.2' },
      attrs(NeighborEntryTraits, { dstMacAddress: '00:aa:00:00:00:02' }),
    );
    const routes = Array.from({ length: 5000 }, (_, k) => ({
      key: { switchId: sw, vrId: d.defaultVirtualRouterId, destination: `${formatIpv4((100 << 24) + k * 256)}/24` },
      attrs: attrs(RouteEntryTraits, { nextHopId: k % 2 ? group : nh1 }),
    }));
    expect(cold.bulkCreate('ROUTE_ENTRY', routes, 'stopOnError').statuses.every((s) => s === 0)).toBe(true);
    const before = snapshot(cold);
    expect(before.size).toBeGreaterThan(5000);

    cold.shutdown({ warm: true });
    expect(cold.isOpen).toBe(false);
    expect(() => cold.get('NEXT_HOP', nh1, [0])).toThrow(/UNINITIALIZED/);
    expect(existsSync(writeFile)).toBe(true);
    expect(statSync(writeFile).size).toBeGreaterThan(0);

    // Read from a copy: the state comes from the file, not from memory the library kept.
    const readFile = join(scratch.dir, 'warm-1-copy.bin');
    copyFileSync(writeFile, readFile);
    const warm = openVs({
      bootType: 'warm',
      ports: 6,
      profile: { SAI_WARM_BOOT_READ_FILE: readFile, SAI_WARM_BOOT_WRITE_FILE: join(scratch.dir, 'warm-2.bin') },
    });
    try {
      expect(warm.switchId).toBe(sw);
      expect(warm.switchDefaults()).toEqual(d);
      expect(warm.objectTypeQuery(members[1])).toBe('NEXT_HOP_GROUP_MEMBER');
      const after = snapshot(warm);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [k, v] of before) expect(after.get(k), k).toEqual(v);
      expect(warm.writes().total).toBe(0);
      // The warm switch is fully usable: remove a route, create a next hop.
      warm.remove('ROUTE_ENTRY', routes[0].key);
      const nh3 = warm.create(
        'NEXT_HOP',
        undefined,
        attrs(NextHopTraits, { type: 'IP', ip: '10.0.0.3', routerInterfaceId: rif }),
      );
      expect([nh1, nh2, group, rif, ...members]).not.toContain(nh3);
    } finally {
      warm.shutdown({ warm: false });
    }
  });

  it('a second warm cycle from the warm-booted switch', () => {
    const f1 = join(scratch.dir, 'c-1.bin');
    const f2 = join(scratch.dir, 'c-2.bin');
    const a = openVs({ ports: 2, profile: { SAI_WARM_BOOT_WRITE_FILE: f1 } });
    const sw = a.switchId;
    const vr = a.switchDefaults().defaultVirtualRouterId;
    a.create(
      'ROUTE_ENTRY',
      { switchId: sw, vrId: vr, destination: '0.0.0.0/0' },
      attrs(RouteEntryTraits, { packetAction: 'DROP' }),
    );
    a.shutdown({ warm: true });
    const b = openVs({
      bootType: 'warm',
      ports: 2,
      profile: { SAI_WARM_BOOT_READ_FILE: f1, SAI_WARM_BOOT_WRITE_FILE: f2 },
    });
    b.shutdown({ warm: true });
    const c = openVs({ bootType: 'warm', ports: 2, profile: { SAI_WARM_BOOT_READ_FILE: f2 } });
    try {
      expect(c.switchId).toBe(sw);
      expect(c.getObjectKeys('ROUTE_ENTRY')).toEqual([{ switchId: sw, vrId: vr, destination: '0.0.0.0/0' }]);
    } finally {
      c.shutdown({ warm: false });
    }
  });

  it('a warm shutdown that cannot write its file leaves the adapter open and the switch intact', () => {
    const a = openVs({ ports: 2 });
    const route = { switchId: a.switchId, vrId: a.switchDefaults().defaultVirtualRouterId, destination: '10.0.0.0/8' };
    a.create('ROUTE_ENTRY', route, attrs(RouteEntryTraits, { packetAction: 'DROP' }));
    expect(() => a.shutdown({ warm: true })).toThrow(/remove_switch/);
    expect(a.isOpen).toBe(true);
    expect(a.getObjectKeys('ROUTE_ENTRY')).toEqual([route]);
    a.shutdown({ warm: false });
    expect(a.isOpen).toBe(false);
  });

  it('a missing warm boot file is INVALID_NV_STORAGE, as in the fake', () => {
    const profile = { SAI_BOOT_TYPE: '1', SAI_WARM_BOOT_READ_FILE: join(scratch.dir, 'missing.bin') };
    const onFake = statusOf(() => new FakeSaiAdapter({ profile }));
    expect(onFake).toBe('INVALID_NV_STORAGE');
    expect(statusOf(() => openVs({ bootType: 'warm', profile }))).toBe(onFake);
  });

  it('a warm shutdown without SAI_WARM_BOOT_WRITE_FILE is INVALID_PARAMETER, as in the fake', () => {
    const a = openVs({ ports: 2 });
    try {
      expect(statusOf(() => a.shutdown({ warm: true }))).toBe(
        statusOf(() => new FakeSaiAdapter({ ports: 2 }).shutdown({ warm: true })),
      );
    } finally {
      a.shutdown({ warm: false });
    }
  });

  it('a warm boot from a missing file fails cleanly and a cold boot still works after it', () => {
    expect(() =>
      openVs({ bootType: 'warm', profile: { SAI_WARM_BOOT_READ_FILE: join(scratch.dir, 'missing.bin') } }),
    ).toThrow(/SAI initialize SWITCH/);
    const a = openVs();
    expect(a.getObjectKeys('ROUTE_ENTRY')).toEqual([]);
    a.shutdown({ warm: false });
  });
});
