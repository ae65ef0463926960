/**
 * The same invalid calls on FakeSaiAdapter and on FfiSaiAdapter over libsaivs answer the same
 * status (name and attribute index), table driven. Each scenario runs on a fresh base topology
 * built the same way on both adapters; ids differ, statuses must not.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SaiAdapter, SwitchDefaults } from '../../src/adapter/adapter.js';
import { FakeSaiAdapter } from '../../src/adapter/fake/fake-adapter.js';
import type { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import { isSaiStatusError } from '../../src/sai/errors.js';
import type { AdapterKey, RouteEntryKey } from '../../src/sai/entry.js';
import {
  ALL_TRAITS,
  NeighborEntryTraits,
  NextHopGroupMemberTraits,
  NextHopGroupTraits,
  NextHopTraits,
  PortTraits,
  RouteEntryTraits,
  RouterInterfaceTraits,
} from '../../src/traits/index.js';
import { attr, attrs, ids } from './attrs.js';
import { describeWithNeed, needLibsaivs } from '../helpers/need.js';
import { openVs } from './libsaivs.js';

/** The base objects every scenario may use. */
interface Env {
  readonly a: SaiAdapter;
  readonly d: SwitchDefaults;
  readonly sw: bigint;
  readonly rif: bigint;
  readonly nh: bigint;
  readonly group: bigint;
  readonly member: bigint;
  /** An id that named a router interface which was removed. */
  readonly deadRif: bigint;
  readonly route: RouteEntryKey;
  /** A unique number per scenario, for fresh prefixes. */
  readonly n: number;
}

let counter = 0;

function baseEnv(a: SaiAdapter, fixedN?: number): Env {
  const d = a.switchDefaults();
  const n = fixedN ?? ++counter;
  const vr = d.defaultVirtualRouterId;
  const rifAttrs = (port: bigint) => attrs(RouterInterfaceTraits, { virtualRouterId: vr, type: 'PORT', portId: port });
  const rif = a.create('ROUTER_INTERFACE', undefined, rifAttrs(d.portList[0]));
  const deadRif = a.create('ROUTER_INTERFACE', undefined, rifAttrs(d.portList[1]));
  a.remove('ROUTER_INTERFACE', deadRif);
  const nh = a.create(
    'NEXT_HOP',
    undefined,
    attrs(NextHopTraits, { type: 'IP', ip: `10.${n}.0.2`, routerInterfaceId: rif }),
  );
  const group = a.create('NEXT_HOP_GROUP', undefined, attrs(NextHopGroupTraits, { type: 'DYNAMIC_UNORDERED_ECMP' }));
  const member = a.create(
    'NEXT_HOP_GROUP_MEMBER',
    undefined,
    attrs(NextHopGroupMemberTraits, { nextHopGroupId: group, nextHopId: nh }),
  );
  const route = { switchId: a.switchId, vrId: vr, destination: `172.${n}.0.0/16` };
  a.create('ROUTE_ENTRY', route, attrs(RouteEntryTraits, { nextHopId: nh }));
  a.create(
    'NEIGHBOR_ENTRY',
    { switchId: a.switchId, rifId: rif, ipAddress: `10.${n}.0.2` },
    attrs(NeighborEntryTraits, { dstMacAddress: '00:00:00:00:00:02' }),
  );
  return { a, d, sw: a.switchId, rif, nh, group, member, deadRif, route, n };
}

/** A scenario: a call that must fail, and the status expected. */
interface Scenario {
  readonly name: string;
  readonly expected: string;
  run(env: Env): unknown;
}

const nhAttrs = (e: Env, extra: Record<string, unknown> = {}) =>
  attrs(NextHopTraits, { type: 'IP', ip: `10.${e.n}.0.9`, routerInterfaceId: e.rif, ...extra });

const scenarios: Scenario[] = [
  {
    name: 'unknown attribute on create, with its index',
    expected: 'UNKNOWN_ATTRIBUTE[3]',
    run: (e) => e.a.create('NEXT_HOP', undefined, [...nhAttrs(e), { id: 999, value: 1 }]),
  },
  {
    name: 'unknown attribute on set',
    expected: 'UNKNOWN_ATTRIBUTE[0]',
    run: (e) => e.a.set('NEXT_HOP', e.nh, { id: 999, value: 1 }),
  },
  {
    name: 'unknown attribute on get, with its index',
    expected: 'UNKNOWN_ATTRIBUTE[1]',
    run: (e) => e.a.get('NEXT_HOP', e.nh, [0, 999]),
  },
  {
    name: 'READ_ONLY attribute on create',
    expected: 'INVALID_ATTRIBUTE[1]',
    run: (e) =>
      e.a.create(
        'ROUTE_ENTRY',
        { switchId: e.sw, vrId: e.d.defaultVirtualRouterId, destination: `173.${e.n}.0.0/16` },
        [attr(RouteEntryTraits, 'nextHopId', e.nh), { id: ids(RouteEntryTraits, 'ipAddrFamily')[0], value: 0 }],
      ),
  },
  {
    name: 'CREATE_ONLY attribute on set',
    expected: 'INVALID_ATTRIBUTE[0]',
    run: (e) => e.a.set('NEXT_HOP', e.nh, attr(NextHopTraits, 'routerInterfaceId', e.rif)),
  },
  {
    name: 'the same attribute twice',
    expected: 'INVALID_ATTRIBUTE[3]',
    run: (e) => e.a.create('NEXT_HOP', undefined, [...nhAttrs(e), attr(NextHopTraits, 'type', 'IP')]),
  },
  {
    name: 'a conditional attribute whose condition does not hold',
    expected: 'INVALID_ATTRIBUTE[2]',
    run: (e) =>
      e.a.create(
        'ROUTER_INTERFACE',
        undefined,
        attrs(RouterInterfaceTraits, {
          virtualRouterId: e.d.defaultVirtualRouterId,
          type: 'LOOPBACK',
          portId: e.d.portList[2],
        }),
      ),
  },
  {
    name: 'an enum value that is not in the enum',
    expected: 'INVALID_ATTR_VALUE[1]',
    run: (e) =>
      e.a.create(
        'ROUTE_ENTRY',
        { switchId: e.sw, vrId: e.d.defaultVirtualRouterId, destination: `174.${e.n}.0.0/16` },
        [attr(RouteEntryTraits, 'nextHopId', e.nh), { id: ids(RouteEntryTraits, 'packetAction')[0], value: 99 }],
      ),
  },
  {
    name: 'a value of the wrong kind (never reaches the libsai)',
    expected: 'INVALID_ATTR_VALUE[0]',
    run: (e) => e.a.set('NEXT_HOP', e.nh, { id: ids(NextHopTraits, 'metaData')[0], value: 'seven' }),
  },
  {
    name: 'a non-canonical address value',
    expected: 'INVALID_ATTR_VALUE[1]',
    run: (e) =>
      e.a.create('NEXT_HOP', undefined, [
        attr(NextHopTraits, 'type', 'IP'),
        { id: 1, value: '10.0.0.09' },
        attr(NextHopTraits, 'routerInterfaceId', e.rif),
      ]),
  },
  {
    name: 'NULL where the attribute has no NULL default',
    expected: 'INVALID_ATTR_VALUE[2]',
    run: (e) => e.a.create('NEXT_HOP', undefined, nhAttrs(e, { routerInterfaceId: 0n })),
  },
  {
    name: 'a missing mandatory attribute',
    expected: 'MANDATORY_ATTRIBUTE_MISSING',
    run: (e) => e.a.create('NEXT_HOP', undefined, attrs(NextHopTraits, { type: 'IP', ip: '10.0.0.3' })),
  },
  {
    name: 'a missing conditional mandatory attribute',
    expected: 'MANDATORY_ATTRIBUTE_MISSING',
    run: (e) =>
      e.a.create(
        'ROUTER_INTERFACE',
        undefined,
        attrs(RouterInterfaceTraits, { virtualRouterId: e.d.defaultVirtualRouterId, type: 'PORT' }),
      ),
  },
  {
    name: 'a dangling object id',
    expected: 'INVALID_OBJECT_ID',
    run: (e) => e.a.create('NEXT_HOP', undefined, nhAttrs(e, { routerInterfaceId: e.deadRif })),
  },
  {
    name: 'an object id of a type the attribute does not allow',
    expected: 'INVALID_OBJECT_ID',
    run: (e) => e.a.set('ROUTE_ENTRY', e.route, attr(RouteEntryTraits, 'nextHopId', e.d.defaultVirtualRouterId)),
  },
  {
    name: 'a duplicate route',
    expected: 'ITEM_ALREADY_EXISTS',
    run: (e) => e.a.create('ROUTE_ENTRY', e.route, attrs(RouteEntryTraits, { packetAction: 'DROP' })),
  },
  {
    name: 'a duplicate neighbor',
    expected: 'ITEM_ALREADY_EXISTS',
    run: (e) =>
      e.a.create(
        'NEIGHBOR_ENTRY',
        { switchId: e.sw, rifId: e.rif, ipAddress: `10.${e.n}.0.2` },
        attrs(NeighborEntryTraits, { dstMacAddress: '00:00:00:00:00:03' }),
      ),
  },
  {
    name: 'a duplicate KEY attribute (port lanes)',
    expected: 'ITEM_ALREADY_EXISTS',
    run: (e) => e.a.create('PORT', undefined, attrs(PortTraits, { hwLaneList: [1, 2, 3, 4], speed: 100000 })),
  },
  {
    name: 'a route naming a missing virtual router',
    expected: 'INVALID_OBJECT_ID',
    run: (e) => e.a.create('ROUTE_ENTRY', { switchId: e.sw, vrId: e.rif, destination: '10.0.0.0/8' }, []),
  },
  {
    name: 'a route with host bits set',
    expected: 'INVALID_PARAMETER',
    run: (e) =>
      e.a.create('ROUTE_ENTRY', { switchId: e.sw, vrId: e.d.defaultVirtualRouterId, destination: '10.0.0.1/8' }, []),
  },
  {
    name: 'an entry on another switch id',
    expected: 'INVALID_PARAMETER',
    run: (e) =>
      e.a.create(
        'ROUTE_ENTRY',
        { switchId: e.sw + 1n, vrId: e.d.defaultVirtualRouterId, destination: '10.0.0.0/8' },
        [],
      ),
  },
  {
    name: 'OBJECT_IN_USE: a router interface with next hops and neighbors',
    expected: 'OBJECT_IN_USE',
    run: (e) => e.a.remove('ROUTER_INTERFACE', e.rif),
  },
  {
    name: 'OBJECT_IN_USE: a next hop a route and a member use',
    expected: 'OBJECT_IN_USE',
    run: (e) => e.a.remove('NEXT_HOP', e.nh),
  },
  {
    name: 'OBJECT_IN_USE: a group with a member',
    expected: 'OBJECT_IN_USE',
    run: (e) => e.a.remove('NEXT_HOP_GROUP', e.group),
  },
  {
    name: 'remove of a missing entry',
    expected: 'ITEM_NOT_FOUND',
    run: (e) => e.a.remove('ROUTE_ENTRY', { ...e.route, destination: '198.51.100.0/24' }),
  },
  {
    name: 'remove of a missing object id',
    expected: 'INVALID_OBJECT_ID',
    run: (e) => e.a.remove('ROUTER_INTERFACE', e.deadRif),
  },
  {
    name: 'set of a missing object id',
    expected: 'INVALID_OBJECT_ID',
    run: (e) => e.a.set('ROUTER_INTERFACE', e.deadRif, attr(RouterInterfaceTraits, 'mtu', 1500)),
  },
  {
    name: 'a bad value on a missing object: the missing object wins',
    expected: 'INVALID_OBJECT_ID',
    run: (e) => e.a.set('ROUTER_INTERFACE', e.deadRif, { id: ids(RouterInterfaceTraits, 'mtu')[0], value: 'big' }),
  },
  {
    name: 'a bad value on a missing entry: the missing entry wins',
    expected: 'ITEM_NOT_FOUND',
    run: (e) =>
      e.a.set(
        'ROUTE_ENTRY',
        { ...e.route, destination: '198.51.100.0/24' },
        { id: ids(RouteEntryTraits, 'metaData')[0], value: -1 },
      ),
  },
  {
    name: 'an object id of another type',
    expected: 'INVALID_OBJECT_ID',
    run: (e) => e.a.get('NEXT_HOP', e.rif, [0]),
  },
  {
    name: 'remove of the default virtual router',
    expected: 'INVALID_PARAMETER',
    run: (e) => e.a.remove('VIRTUAL_ROUTER', e.d.defaultVirtualRouterId),
  },
  {
    name: 'remove of the CPU port',
    expected: 'INVALID_PARAMETER',
    run: (e) => e.a.remove('PORT', e.d.cpuPort),
  },
  {
    name: 'remove of the switch',
    expected: 'INVALID_PARAMETER',
    run: (e) => e.a.remove('SWITCH', e.sw),
  },
];

function statusOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isSaiStatusError(e)) return e.attrIndex === undefined ? e.statusName : `${e.statusName}[${e.attrIndex}]`;
    throw e;
  }
  return 'SUCCESS';
}

describeWithNeed(needLibsaivs(), 'same status as the fake', () => {
  let ffi: FfiSaiAdapter;
  let fake: FakeSaiAdapter;
  beforeAll(() => {
    ffi = openVs({ ports: 8 });
    fake = new FakeSaiAdapter({ ports: 8 });
  });
  afterAll(() => ffi?.shutdown({ warm: false }));

  for (const s of scenarios) {
    it(s.name, () => {
      const fakeEnv = baseEnv(fake);
      const onFake = statusOf(() => s.run(fakeEnv));
      const ffiEnv = baseEnv(ffi);
      const before = ffi.writes().total;
      const onFfi = statusOf(() => s.run(ffiEnv));
      expect(onFake).toBe(s.expected);
      expect(onFfi).toBe(onFake);
      // A failed call is not a write.
      expect(ffi.writes().total).toBe(before);
    });
  }

  it('reads back the same values as the fake, attribute by attribute, undefined where no value', () => {
    const n = ++counter;
    const read = (a: SaiAdapter) => {
      const e = baseEnv(a, n);
      const names = new Map<bigint, string>([
        [e.sw, 'switch'],
        [e.d.defaultVirtualRouterId, 'vr'],
        [e.d.cpuPort, 'cpu'],
        [e.d.default1qBridgeId, 'bridge'],
        [e.rif, 'rif'],
        [e.nh, 'nh'],
        [e.group, 'group'],
        [e.member, 'member'],
        ...e.d.portList.map((p, k) => [p, `port${k}`] as [bigint, string]),
      ]);
      const name = (v: unknown): unknown =>
        typeof v === 'bigint' ? (v === 0n ? 'null' : (names.get(v) ?? 'unknown')) : Array.isArray(v) ? v.map(name) : v;
      const all = (type: keyof typeof ALL_TRAITS, key: AdapterKey) =>
        a
          .get(
            type,
            key,
            (ALL_TRAITS[type] as unknown as { attrList: { id: number }[] }).attrList.map((m) => m.id),
          )
          .map(name);
      return {
        rif: all('ROUTER_INTERFACE', e.rif),
        nh: all('NEXT_HOP', e.nh),
        group: all('NEXT_HOP_GROUP', e.group),
        member: all('NEXT_HOP_GROUP_MEMBER', e.member),
        route: all('ROUTE_ENTRY', e.route),
        neighbor: all('NEIGHBOR_ENTRY', { switchId: e.sw, rifId: e.rif, ipAddress: `10.${e.n}.0.2` }),
        port: all('PORT', e.d.portList[3]),
        cpu: all('PORT', e.d.cpuPort),
        vr: all('VIRTUAL_ROUTER', e.d.defaultVirtualRouterId),
        switch: all('SWITCH', e.sw),
      };
    };
    const fromFake = read(fake);
    const fromFfi = read(ffi);
    expect(fromFfi).toEqual(fromFake);
    // SRC_MAC_ADDRESS (7) was not set and defaults to the switch's: no value at the adapter.
    expect(fromFake.rif[RouterInterfaceTraits.attrList.findIndex((m) => m.id === 7)]).toBeUndefined();
    expect(fromFake.rif[RouterInterfaceTraits.attrList.findIndex((m) => m.id === 10)]).toBe(1514);
  });

  it('layer 2 objects, ports and a second virtual router: same values and statuses as the fake', () => {
    const run = (a: SaiAdapter) => {
      const d = a.switchDefaults();
      const log: unknown[] = [];
      const names = new Map<bigint, string>([[0n, 'null']]);
      const named = (label: string, id: bigint) => (names.set(id, label), id);
      d.portList.forEach((p, k) => names.set(p, `port${k}`));
      names.set(d.default1qBridgeId, 'bridge');
      names.set(d.defaultVirtualRouterId, 'vr0');
      const name = (v: unknown): unknown =>
        typeof v === 'bigint' ? (names.get(v) ?? 'unknown') : Array.isArray(v) ? v.map(name) : v;
      const step = (what: string, fn: () => unknown) => log.push([what, statusOf(fn)]);
      const read = (type: keyof typeof ALL_TRAITS, key: AdapterKey) =>
        log.push([
          type,
          name(
            a.get(
              type,
              key,
              (ALL_TRAITS[type] as unknown as { attrList: { id: number }[] }).attrList.map((m) => m.id),
            ),
          ),
        ]);
      const A = (type: keyof typeof ALL_TRAITS, v: Record<string, unknown>) => attrs(ALL_TRAITS[type] as never, v);

      const vr = named(
        'vr1',
        a.create('VIRTUAL_ROUTER', undefined, A('VIRTUAL_ROUTER', { adminV6State: false, label: 'blue' })),
      );
      read('VIRTUAL_ROUTER', vr);
      const lag = named('lag', a.create('LAG', undefined, A('LAG', { portVlanId: 10, label: 'po1' })));
      const lm = named(
        'lm',
        a.create('LAG_MEMBER', undefined, A('LAG_MEMBER', { lagId: lag, portId: d.portList[4], weight: 2 })),
      );
      read('LAG', lag);
      read('LAG_MEMBER', lm);
      const bp = named(
        'bp',
        a.create('BRIDGE_PORT', undefined, A('BRIDGE_PORT', { type: 'PORT', portId: d.portList[5], adminState: true })),
      );
      read('BRIDGE_PORT', bp);
      read('BRIDGE', d.default1qBridgeId);
      const vlan = named('vlan', a.create('VLAN', undefined, A('VLAN', { vlanId: 100 })));
      step('duplicate vlan id', () => a.create('VLAN', undefined, A('VLAN', { vlanId: 100 })));
      const vm = named(
        'vm',
        a.create(
          'VLAN_MEMBER',
          undefined,
          A('VLAN_MEMBER', { vlanId: vlan, bridgePortId: bp, vlanTaggingMode: 'TAGGED' }),
        ),
      );
      read('VLAN', vlan);
      read('VLAN_MEMBER', vm);
      const fdb = { switchId: a.switchId, macAddress: '00:00:5e:00:53:01', bvId: vlan };
      a.create('FDB_ENTRY', fdb, A('FDB_ENTRY', { type: 'STATIC', bridgePortId: bp }));
      read('FDB_ENTRY', fdb);
      step('fdb duplicate', () => a.create('FDB_ENTRY', fdb, A('FDB_ENTRY', { type: 'STATIC' })));
      step('fdb on a missing bv', () =>
        a.create('FDB_ENTRY', { ...fdb, bvId: lm }, A('FDB_ENTRY', { type: 'STATIC' })),
      );
      const vrif = named(
        'vrif',
        a.create(
          'ROUTER_INTERFACE',
          undefined,
          A('ROUTER_INTERFACE', { virtualRouterId: vr, type: 'VLAN', vlanId: vlan }),
        ),
      );
      read('ROUTER_INTERFACE', vrif);
      step('vlan in use', () => a.remove('VLAN', vlan));
      step('bridge port in use', () => a.remove('BRIDGE_PORT', bp));
      step('lag in use', () => a.remove('LAG', lag));
      step('vr in use', () => a.remove('VIRTUAL_ROUTER', vr));
      // Breakout: a front-panel port goes, a new one takes two of its lanes.
      a.remove('PORT', d.portList[7]);
      const p = named(
        'newport',
        a.create('PORT', undefined, A('PORT', { hwLaneList: [29, 30], speed: 50000, mtu: 9100 })),
      );
      read('PORT', p);
      read('SWITCH', a.switchId);
      step('lanes taken', () => a.create('PORT', undefined, A('PORT', { hwLaneList: [29, 30], speed: 50000 })));
      for (const [type, key] of [
        ['FDB_ENTRY', fdb],
        ['ROUTER_INTERFACE', vrif],
        ['VLAN_MEMBER', vm],
        ['VLAN', vlan],
        ['BRIDGE_PORT', bp],
        ['LAG_MEMBER', lm],
        ['LAG', lag],
        ['VIRTUAL_ROUTER', vr],
        ['PORT', p],
      ] as const) {
        step(`remove ${type}`, () => a.remove(type, key));
      }
      return log;
    };
    // A fresh switch on each side: the ids and port list of a clean start.
    ffi.shutdown({ warm: false });
    const fresh = openVs({ ports: 8 });
    const fromFfi = (() => {
      try {
        return run(fresh);
      } finally {
        fresh.shutdown({ warm: false });
        ffi = openVs({ ports: 8 });
      }
    })();
    const fromFake = run(new FakeSaiAdapter({ ports: 8 }));
    expect(fromFfi).toEqual(fromFake);
  });

  // SAI's metadata says SAI_LAG_ATTR_PORT_LIST lists LAG_MEMBER ids (not ports).
  it('LAG PORT_LIST lists LAG_MEMBER ids, as the fake does', () => {
    const d = ffi.switchDefaults();
    const lag = ffi.create('LAG', undefined, []);
    const lm = ffi.create('LAG_MEMBER', undefined, [
      { id: 0, value: lag },
      { id: 1, value: d.portList[6] },
    ]);
    try {
      expect(ffi.get('LAG', lag, [0])).toEqual([[lm]]);
    } finally {
      ffi.remove('LAG_MEMBER', lm);
      ffi.remove('LAG', lag);
    }
  });

  it('bulk route create with a duplicate in the middle: STOP_ON_ERROR and IGNORE_ERROR', () => {
    for (const mode of ['stopOnError', 'ignoreError'] as const) {
      const results = [fake, ffi].map((a) => {
        const e = baseEnv(a);
        const vr = e.d.defaultVirtualRouterId;
        const entries = [0, 1, 2, 3, 4].map((k) => ({
          key: { switchId: e.sw, vrId: vr, destination: k === 2 ? e.route.destination : `181.${e.n}.${k}.0/24` },
          attrs: attrs(RouteEntryTraits, { nextHopId: e.nh }),
        }));
        // Entry 3 cannot even be encoded: a prefix with host bits.
        entries[3] = { key: { switchId: e.sw, vrId: vr, destination: `181.${e.n}.3.1/24` }, attrs: entries[3].attrs };
        return [...a.bulkCreate('ROUTE_ENTRY', entries, mode).statuses];
      });
      expect(results[1]).toEqual(results[0]);
      expect(results[0]).toEqual(mode === 'stopOnError' ? [0, 0, -6, -23, -23] : [0, 0, -6, -5, 0]);
    }
  });

  it('bulk set and remove with a missing entry', () => {
    const results = [fake, ffi].map((a) => {
      const e = baseEnv(a);
      const missing = { ...e.route, destination: '203.0.113.0/24' };
      const set = a.bulkSet(
        'ROUTE_ENTRY',
        [e.route, missing, e.route],
        [attr(RouteEntryTraits, 'metaData', 1), { id: 3, value: 'x' }, { id: 999, value: 1 }],
        'ignoreError',
      );
      const removed = a.bulkRemove('ROUTE_ENTRY', [missing, e.route], 'stopOnError');
      return [[...set], [...removed]];
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[0]).toEqual([
      [0, -7, -0x40000],
      [-7, -23],
    ]);
  });
});
