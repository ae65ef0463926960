import { describe, expect, it } from 'vitest';
import { FakeSaiAdapter } from '../../src/adapter/index.js';
import { attrStatus, decodeStatus, SaiStatus, SaiStatusError, type SaiObjectType } from '../../src/sai/index.js';
import type { SaiAttribute } from '../../src/sai/value.js';
import type { EntryKey } from '../../src/sai/entry.js';

function setup() {
  const a = new FakeSaiAdapter({ ports: 4 });
  const d = a.switchDefaults();
  const rif = a.create('ROUTER_INTERFACE', undefined, [
    { id: 0, value: d.defaultVirtualRouterId },
    { id: 1, value: 0 },
    { id: 2, value: d.portList[0] },
  ]);
  const nh = a.create('NEXT_HOP', undefined, [
    { id: 0, value: 0 },
    { id: 1, value: '10.0.0.2' },
    { id: 2, value: rif },
  ]);
  return { a, d, rif, nh, sw: a.switchId };
}

type Env = ReturnType<typeof setup>;

function statusOf(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SaiStatusError);
    return (e as SaiStatusError).status;
  }
  return 0;
}

const route = (e: Env, prefix = '10.1.0.0/16'): EntryKey => ({
  switchId: e.sw,
  vrId: e.d.defaultVirtualRouterId,
  destination: prefix,
});

interface Case {
  name: string;
  call: (e: Env) => unknown;
  status: number;
}

const cases: Case[] = [
  {
    name: 'unknown attribute id -> UNKNOWN_ATTRIBUTE with its index',
    call: (e) =>
      e.a.create('ROUTE_ENTRY', route(e), [
        { id: 0, value: 1 },
        { id: 99, value: 1 },
      ]),
    status: attrStatus('UNKNOWN_ATTRIBUTE', 1),
  },
  {
    name: 'READ_ONLY on create -> INVALID_ATTRIBUTE with its index',
    call: (e) => e.a.create('ROUTE_ENTRY', route(e), [{ id: 4, value: 0 }]),
    status: attrStatus('INVALID_ATTRIBUTE', 0),
  },
  {
    name: 'the same attribute twice -> INVALID_ATTRIBUTE at the second',
    call: (e) =>
      e.a.create('ROUTE_ENTRY', route(e), [
        { id: 3, value: 1 },
        { id: 3, value: 2 },
      ]),
    status: attrStatus('INVALID_ATTRIBUTE', 1),
  },
  {
    name: 'READ_ONLY on set -> INVALID_ATTRIBUTE[0]',
    call: (e) =>
      e.a.set('NEXT_HOP_GROUP', e.a.create('NEXT_HOP_GROUP', undefined, [{ id: 2, value: 0 }]), { id: 0, value: 3 }),
    status: attrStatus('INVALID_ATTRIBUTE', 0),
  },
  {
    name: 'CREATE_ONLY on set -> INVALID_ATTRIBUTE[0]',
    call: (e) => e.a.set('NEXT_HOP', e.nh, { id: 1, value: '10.0.0.3' }),
    status: attrStatus('INVALID_ATTRIBUTE', 0),
  },
  {
    name: 'unknown attribute on set -> UNKNOWN_ATTRIBUTE[0]',
    call: (e) => e.a.set('NEXT_HOP', e.nh, { id: 77, value: 1 }),
    status: attrStatus('UNKNOWN_ATTRIBUTE', 0),
  },
  {
    name: 'missing MANDATORY_ON_CREATE -> MANDATORY_ATTRIBUTE_MISSING',
    call: (e) =>
      e.a.create('NEXT_HOP', undefined, [
        { id: 0, value: 0 },
        { id: 2, value: e.rif },
      ]),
    status: SaiStatus.MANDATORY_ATTRIBUTE_MISSING,
  },
  {
    name: 'conditional mandatory missing when its condition holds (rif type PORT without PORT_ID)',
    call: (e) =>
      e.a.create('ROUTER_INTERFACE', undefined, [
        { id: 0, value: e.d.defaultVirtualRouterId },
        { id: 1, value: 0 },
      ]),
    status: SaiStatus.MANDATORY_ATTRIBUTE_MISSING,
  },
  {
    name: 'conditional attribute given when its condition does not hold (LOOPBACK rif with PORT_ID)',
    call: (e) =>
      e.a.create('ROUTER_INTERFACE', undefined, [
        { id: 0, value: e.d.defaultVirtualRouterId },
        { id: 1, value: 2 },
        { id: 2, value: e.d.portList[1] },
      ]),
    status: attrStatus('INVALID_ATTRIBUTE', 2),
  },
  {
    name: 'conditional attribute not needed when its condition does not hold (LOOPBACK rif) succeeds',
    call: (e) =>
      e.a.create('ROUTER_INTERFACE', undefined, [
        { id: 0, value: e.d.defaultVirtualRouterId },
        { id: 1, value: 2 },
      ]),
    status: 0,
  },
  {
    name: 'wrong value kind (number for an oid) -> INVALID_ATTR_VALUE with its index',
    call: (e) => e.a.create('ROUTE_ENTRY', route(e), [{ id: 2, value: 5 }]),
    status: attrStatus('INVALID_ATTR_VALUE', 0),
  },
  {
    name: 'enum value out of range -> INVALID_ATTR_VALUE',
    call: (e) => e.a.create('ROUTE_ENTRY', route(e), [{ id: 0, value: 42 }]),
    status: attrStatus('INVALID_ATTR_VALUE', 0),
  },
  {
    name: 'u32 out of range -> INVALID_ATTR_VALUE',
    call: (e) => e.a.set('ROUTER_INTERFACE', e.rif, { id: 10, value: 2 ** 32 }),
    status: attrStatus('INVALID_ATTR_VALUE', 0),
  },
  {
    name: 'non-canonical IP address -> INVALID_ATTR_VALUE',
    call: (e) =>
      e.a.create('NEXT_HOP', undefined, [
        { id: 0, value: 0 },
        { id: 1, value: '2001:DB8::1' },
        { id: 2, value: e.rif },
      ]),
    status: attrStatus('INVALID_ATTR_VALUE', 1),
  },
  {
    name: 'bad MAC -> INVALID_ATTR_VALUE',
    call: (e) => e.a.set('ROUTER_INTERFACE', e.rif, { id: 7, value: '02:00:00:00:00' }),
    status: attrStatus('INVALID_ATTR_VALUE', 0),
  },
  {
    name: 'NULL oid where null is not allowed -> INVALID_ATTR_VALUE',
    call: (e) =>
      e.a.create('NEXT_HOP', undefined, [
        { id: 0, value: 0 },
        { id: 1, value: '10.0.0.9' },
        { id: 2, value: 0n },
      ]),
    status: attrStatus('INVALID_ATTR_VALUE', 2),
  },
  {
    name: 'NULL oid where allowed (route NEXT_HOP_ID) succeeds',
    call: (e) =>
      e.a.create('ROUTE_ENTRY', route(e), [
        { id: 0, value: 0 },
        { id: 2, value: 0n },
      ]),
    status: 0,
  },
  {
    name: 'reference to a missing object -> INVALID_OBJECT_ID',
    call: (e) => e.a.create('ROUTE_ENTRY', route(e), [{ id: 2, value: e.nh + 1000n }]),
    status: SaiStatus.INVALID_OBJECT_ID,
  },
  {
    name: 'reference to an object of a wrong type -> INVALID_OBJECT_ID',
    call: (e) => e.a.create('ROUTE_ENTRY', route(e), [{ id: 2, value: e.d.defaultVirtualRouterId }]),
    status: SaiStatus.INVALID_OBJECT_ID,
  },
  {
    name: 'route naming a missing virtual router -> INVALID_OBJECT_ID',
    call: (e) => e.a.create('ROUTE_ENTRY', { switchId: e.sw, vrId: 12345n, destination: '10.0.0.0/8' }, []),
    status: SaiStatus.INVALID_OBJECT_ID,
  },
  {
    name: 'route with host bits set -> INVALID_PARAMETER',
    call: (e) => e.a.create('ROUTE_ENTRY', route(e, '10.0.0.1/8'), []),
    status: SaiStatus.INVALID_PARAMETER,
  },
  {
    name: 'duplicate entry -> ITEM_ALREADY_EXISTS',
    call: (e) => {
      e.a.create('ROUTE_ENTRY', route(e), []);
      e.a.create('ROUTE_ENTRY', route(e), []);
    },
    status: SaiStatus.ITEM_ALREADY_EXISTS,
  },
  {
    name: 'duplicate KEY attribute (vlan id) -> ITEM_ALREADY_EXISTS',
    call: (e) => {
      e.a.create('VLAN', undefined, [{ id: 0, value: 10 }]);
      e.a.create('VLAN', undefined, [{ id: 0, value: 10 }]);
    },
    status: SaiStatus.ITEM_ALREADY_EXISTS,
  },
  {
    name: 'remove of a referenced object -> OBJECT_IN_USE',
    call: (e) => {
      e.a.create('ROUTE_ENTRY', route(e), [{ id: 2, value: e.nh }]);
      e.a.remove('NEXT_HOP', e.nh);
    },
    status: SaiStatus.OBJECT_IN_USE,
  },
  {
    name: 'remove of a router interface a neighbor names -> OBJECT_IN_USE',
    call: (e) => {
      e.a.create('NEIGHBOR_ENTRY', { switchId: e.sw, rifId: e.rif, ipAddress: '10.0.0.7' }, [
        { id: 0, value: '02:00:00:00:00:07' },
      ]);
      e.a.remove('NEXT_HOP', e.nh);
      e.a.remove('ROUTER_INTERFACE', e.rif);
    },
    status: SaiStatus.OBJECT_IN_USE,
  },
  {
    name: 'remove of the default virtual router -> INVALID_PARAMETER',
    call: (e) => e.a.remove('VIRTUAL_ROUTER', e.d.defaultVirtualRouterId),
    status: SaiStatus.INVALID_PARAMETER,
  },
  {
    name: 'remove of a missing entry -> ITEM_NOT_FOUND',
    call: (e) => e.a.remove('ROUTE_ENTRY', route(e, '10.9.0.0/16')),
    status: SaiStatus.ITEM_NOT_FOUND,
  },
  {
    name: 'set of a missing object id -> INVALID_OBJECT_ID',
    call: (e) => e.a.set('ROUTER_INTERFACE', e.rif + 99n, { id: 10, value: 1500 }),
    status: SaiStatus.INVALID_OBJECT_ID,
  },
  {
    name: 'get of an unknown attribute -> UNKNOWN_ATTRIBUTE with its index',
    call: (e) => e.a.get('ROUTER_INTERFACE', e.rif, [10, 500]),
    status: attrStatus('UNKNOWN_ATTRIBUTE', 1),
  },
];

describe('FakeSaiAdapter validation: exact SAI statuses', () => {
  it.each(cases)('$name', ({ call, status }) => {
    const e = setup();
    expect(decodeStatus(statusOf(() => call(e))).name).toBe(decodeStatus(status).name);
    expect(statusOf(() => call(setup()))).toBe(status);
  });

  it('a refused create changes nothing', () => {
    const e = setup();
    const before = e.a.objectCount('NEXT_HOP');
    statusOf(() =>
      e.a.create('NEXT_HOP', undefined, [
        { id: 0, value: 0 },
        { id: 1, value: '10.0.0.5' },
        { id: 2, value: 7n },
      ]),
    );
    expect(e.a.objectCount('NEXT_HOP')).toBe(before);
    expect(e.a.countersOf('NEXT_HOP').create).toBe(1);
  });
});

describe('FakeSaiAdapter basics', () => {
  it('switch init makes the switch, default VR, CPU port, 1Q bridge and N ports with lanes; ids exceed 2^53 and encode the type', () => {
    const a = new FakeSaiAdapter();
    const d = a.switchDefaults();
    expect(d.portList).toHaveLength(32);
    const ids: [bigint, SaiObjectType][] = [
      [a.switchId, 'SWITCH'],
      [d.defaultVirtualRouterId, 'VIRTUAL_ROUTER'],
      [d.cpuPort, 'PORT'],
      [d.default1qBridgeId, 'BRIDGE'],
      ...d.portList.map((p): [bigint, SaiObjectType] => [p, 'PORT']),
    ];
    for (const [id, type] of ids) {
      expect(id > 2n ** 53n).toBe(true);
      expect(a.objectTypeQuery(id)).toBe(type);
    }
    expect(a.get('PORT', d.portList[1], [30, 31])).toEqual([[5, 6, 7, 8], 100000]);
    expect(a.get('SWITCH', a.switchId, [2, 4, 39, 41])).toEqual([
      d.portList,
      d.cpuPort,
      d.defaultVirtualRouterId,
      d.default1qBridgeId,
    ]);
    expect(a.objectTypeQuery(12345n)).toBeUndefined();
  });

  it('get returns SAI defaults for unset attributes and computes READ_ONLY ones', () => {
    const e = setup();
    expect(e.a.get('ROUTER_INTERFACE', e.rif, [10, 8, 13])).toEqual([1514, true, 4]);
    const g = e.a.create('NEXT_HOP_GROUP', undefined, [{ id: 2, value: 0 }]);
    const m = e.a.create('NEXT_HOP_GROUP_MEMBER', undefined, [
      { id: 0, value: g },
      { id: 1, value: e.nh },
    ]);
    expect(e.a.get('NEXT_HOP_GROUP', g, [0, 1])).toEqual([1, [m]]);
    e.a.create('ROUTE_ENTRY', route(e, '2001:db8::/32'), []);
    expect(e.a.get('ROUTE_ENTRY', route(e, '2001:db8::/32'), [4, 0])).toEqual([1, 1]);
  });

  it('counts per object type, logs calls, and injects faults by N and by predicate', () => {
    const a = new FakeSaiAdapter({ ports: 2, log: true });
    const d = a.switchDefaults();
    const r = (p: string): EntryKey => ({ switchId: a.switchId, vrId: d.defaultVirtualRouterId, destination: p });
    a.injectFault({ nth: 2, status: SaiStatus.TABLE_FULL });
    a.create('ROUTE_ENTRY', r('10.0.0.0/8'), []);
    expect(() => a.create('ROUTE_ENTRY', r('11.0.0.0/8'), [])).toThrowError(/TABLE_FULL/);
    a.create('ROUTE_ENTRY', r('12.0.0.0/8'), []);
    a.injectFault({
      when: (c) => c.op === 'remove' && c.objectType === 'ROUTE_ENTRY',
      status: SaiStatus.FAILURE,
      times: Infinity,
    });
    expect(() => a.remove('ROUTE_ENTRY', r('10.0.0.0/8'))).toThrowError(/FAILURE/);
    expect(() => a.remove('ROUTE_ENTRY', r('12.0.0.0/8'))).toThrowError(/FAILURE/);
    a.clearFaults();
    a.remove('ROUTE_ENTRY', r('12.0.0.0/8'));
    expect(a.countersOf('ROUTE_ENTRY')).toEqual({ create: 2, remove: 1, set: 0, get: 0 });
    expect(a.callLog!.map((c) => `${c.op}:${c.status}`)).toEqual([
      'create:0',
      `create:${SaiStatus.TABLE_FULL}`,
      'create:0',
      `remove:${SaiStatus.FAILURE}`,
      `remove:${SaiStatus.FAILURE}`,
      'remove:0',
    ]);
  });

  it('bulk create reports per-entry statuses in both error modes', () => {
    const e = setup();
    const entries = ['10.0.0.0/8', '10.0.0.0/8', '11.0.0.0/8'].map((p) => ({
      key: route(e, p),
      attrs: [] as SaiAttribute[],
    }));
    const stop = e.a.bulkCreate('ROUTE_ENTRY', entries, 'stopOnError');
    expect([...stop.statuses]).toEqual([0, SaiStatus.ITEM_ALREADY_EXISTS, SaiStatus.NOT_EXECUTED]);
    const e2 = setup();
    const entries2 = ['10.0.0.0/8', '10.0.0.0/8', '11.0.0.0/8'].map((p) => ({
      key: route(e2, p),
      attrs: [] as SaiAttribute[],
    }));
    const ignore = e2.a.bulkCreate('ROUTE_ENTRY', entries2, 'ignoreError');
    expect([...ignore.statuses]).toEqual([0, SaiStatus.ITEM_ALREADY_EXISTS, 0]);
    expect(e2.a.objectCount('ROUTE_ENTRY')).toBe(2);
    expect(() => e2.a.bulkCreate('NEXT_HOP', [], 'stopOnError')).toThrowError(/NOT_IMPLEMENTED/);
  });
});
