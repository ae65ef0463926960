/**
 * FfiSaiAdapter against libsaivs: switch init and default objects, then create / set / get / remove
 * of router interface, next hop, next hop group, member, neighbor and route, every value read back
 * exactly as written.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SwitchDefaults } from '../../src/adapter/adapter.js';
import type { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import { isSaiStatusError } from '../../src/sai/errors.js';
import {
  NeighborEntryTraits,
  NextHopGroupMemberTraits,
  NextHopGroupTraits,
  NextHopTraits,
  PortTraits,
  RouteEntryTraits,
  RouterInterfaceTraits,
  SwitchTraits,
} from '../../src/traits/index.js';
import { attr, attrs, ids } from './attrs.js';
import { describeWithNeed, needLibsaivs } from '../helpers/need.js';
import { openVs } from './libsaivs.js';

/** The status name (and index) a call throws with. */
function statusOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isSaiStatusError(e)) return e.attrIndex === undefined ? e.statusName : `${e.statusName}[${e.attrIndex}]`;
    throw e;
  }
  return 'SUCCESS';
}

describeWithNeed(needLibsaivs(), 'FfiSaiAdapter on libsaivs: objects', () => {
  let a: FfiSaiAdapter;
  let d: SwitchDefaults;

  beforeAll(() => {
    a = openVs({ ports: 8 });
    d = a.switchDefaults();
  });
  afterAll(() => a?.shutdown({ warm: false }));

  it('initializes the switch and reads its default objects through switch attributes', () => {
    expect(a.name).toBe('ffi');
    expect(a.apiVersion).toBe(11800);
    expect(a.objectTypeQuery(a.switchId)).toBe('SWITCH');
    expect(a.profileLookups).toContain('SAI_BOOT_TYPE');
    expect(a.objectTypeQuery(d.defaultVirtualRouterId)).toBe('VIRTUAL_ROUTER');
    expect(a.objectTypeQuery(d.cpuPort)).toBe('PORT');
    expect(a.objectTypeQuery(d.default1qBridgeId)).toBe('BRIDGE');
    expect(d.portList).toHaveLength(8);
    for (const p of d.portList) expect(a.objectTypeQuery(p)).toBe('PORT');
    expect(a.objectTypeQuery(0n)).toBeUndefined();
    expect(a.objectTypeQuery(0x7777n)).toBeUndefined();
    const sw = a.get(
      'SWITCH',
      a.switchId,
      ids(SwitchTraits, 'cpuPort', 'defaultVirtualRouterId', 'numberOfActivePorts', 'portList'),
    );
    expect(sw).toEqual([d.cpuPort, d.defaultVirtualRouterId, 8, d.portList]);
    expect(a.get('PORT', d.portList[2], ids(PortTraits, 'hwLaneList', 'speed', 'type'))).toEqual([
      [9, 10, 11, 12],
      100000,
      0,
    ]);
    expect(a.get('PORT', d.cpuPort, ids(PortTraits, 'hwLaneList', 'type'))).toEqual([[], 1]);
    expect(a.getObjectKeys('PORT').length).toBe(9);
    expect(a.getObjectKeys('VIRTUAL_ROUTER')).toEqual([d.defaultVirtualRouterId]);
  });

  it('creates, sets, reads and removes one object of each routed type', () => {
    a.resetCounters();
    const sw = a.switchId;
    const vr = d.defaultVirtualRouterId;
    // Router interface.
    const rif = a.create(
      'ROUTER_INTERFACE',
      undefined,
      attrs(RouterInterfaceTraits, {
        virtualRouterId: vr,
        type: 'PORT',
        portId: d.portList[0],
        srcMacAddress: '02:00:00:00:00:01',
        mtu: 9100,
        label: 'uplink-0',
      }),
    );
    expect(a.objectTypeQuery(rif)).toBe('ROUTER_INTERFACE');
    const rifIds = ids(
      RouterInterfaceTraits,
      'virtualRouterId',
      'type',
      'portId',
      'srcMacAddress',
      'mtu',
      'adminV4State',
      'label',
    );
    expect(a.get('ROUTER_INTERFACE', rif, rifIds)).toEqual([
      vr,
      0,
      d.portList[0],
      '02:00:00:00:00:01',
      9100,
      true,
      'uplink-0',
    ]);
    a.set('ROUTER_INTERFACE', rif, attr(RouterInterfaceTraits, 'mtu', 1500));
    a.set('ROUTER_INTERFACE', rif, attr(RouterInterfaceTraits, 'adminV4State', false));
    expect(a.get('ROUTER_INTERFACE', rif, ids(RouterInterfaceTraits, 'mtu', 'adminV4State'))).toEqual([1500, false]);

    // Next hops, IPv4 and IPv6.
    const nhIds = ids(NextHopTraits, 'type', 'ip', 'routerInterfaceId', 'metaData');
    const nh4 = a.create(
      'NEXT_HOP',
      undefined,
      attrs(NextHopTraits, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rif }),
    );
    const nh6 = a.create(
      'NEXT_HOP',
      undefined,
      attrs(NextHopTraits, { type: 'IP', ip: 'fe80::2', routerInterfaceId: rif, metaData: 5 }),
    );
    expect(a.get('NEXT_HOP', nh4, nhIds)).toEqual([0, '10.0.0.2', rif, 0]);
    expect(a.get('NEXT_HOP', nh6, nhIds)).toEqual([0, 'fe80::2', rif, 5]);
    a.set('NEXT_HOP', nh4, attr(NextHopTraits, 'metaData', 7));
    expect(a.get('NEXT_HOP', nh4, ids(NextHopTraits, 'metaData'))).toEqual([7]);

    // Group and members.
    const group = a.create(
      'NEXT_HOP_GROUP',
      undefined,
      attrs(NextHopGroupTraits, { type: 'DYNAMIC_UNORDERED_ECMP', label: 'ecmp' }),
    );
    const m1 = a.create(
      'NEXT_HOP_GROUP_MEMBER',
      undefined,
      attrs(NextHopGroupMemberTraits, { nextHopGroupId: group, nextHopId: nh4 }),
    );
    const m2 = a.create(
      'NEXT_HOP_GROUP_MEMBER',
      undefined,
      attrs(NextHopGroupMemberTraits, { nextHopGroupId: group, nextHopId: nh6, weight: 3 }),
    );
    const mIds = ids(NextHopGroupMemberTraits, 'nextHopGroupId', 'nextHopId', 'weight');
    expect(a.get('NEXT_HOP_GROUP_MEMBER', m1, mIds)).toEqual([group, nh4, 1]);
    expect(a.get('NEXT_HOP_GROUP_MEMBER', m2, mIds)).toEqual([group, nh6, 3]);
    a.set('NEXT_HOP_GROUP_MEMBER', m1, attr(NextHopGroupMemberTraits, 'weight', 2));
    expect(a.get('NEXT_HOP_GROUP_MEMBER', m1, ids(NextHopGroupMemberTraits, 'weight'))).toEqual([2]);
    // Member order is the libsai's (the fake's and libsaivs' move a member to the end when it is set).
    const [type, count, list, label] = a.get(
      'NEXT_HOP_GROUP',
      group,
      ids(NextHopGroupTraits, 'type', 'nextHopCount', 'nextHopMemberList', 'label'),
    );
    expect([type, count, label]).toEqual([0, 2, 'ecmp']);
    expect([...(list as bigint[])].sort()).toEqual([m1, m2].sort());

    // Neighbor.
    const nbr = { switchId: sw, rifId: rif, ipAddress: '10.0.0.2' };
    expect(a.create('NEIGHBOR_ENTRY', nbr, attrs(NeighborEntryTraits, { dstMacAddress: '00:11:22:33:44:55' }))).toBe(
      0n,
    );
    const nIds = ids(NeighborEntryTraits, 'dstMacAddress', 'packetAction', 'ipAddrFamily');
    expect(a.get('NEIGHBOR_ENTRY', nbr, nIds)).toEqual(['00:11:22:33:44:55', 1, 0]);
    a.set('NEIGHBOR_ENTRY', nbr, attr(NeighborEntryTraits, 'dstMacAddress', '00:11:22:33:44:66'));
    expect(a.get('NEIGHBOR_ENTRY', nbr, nIds)).toEqual(['00:11:22:33:44:66', 1, 0]);
    const nbr6 = { switchId: sw, rifId: rif, ipAddress: 'fe80::2' };
    a.create(
      'NEIGHBOR_ENTRY',
      nbr6,
      attrs(NeighborEntryTraits, { dstMacAddress: '00:11:22:33:44:77', packetAction: 'DROP' }),
    );
    expect(a.get('NEIGHBOR_ENTRY', nbr6, nIds)).toEqual(['00:11:22:33:44:77', 0, 1]);

    // Routes.
    const r4 = { switchId: sw, vrId: vr, destination: '192.168.0.0/16' };
    const r6 = { switchId: sw, vrId: vr, destination: '2001:db8:100::/40' };
    const rIds = ids(RouteEntryTraits, 'packetAction', 'nextHopId', 'metaData', 'ipAddrFamily');
    a.create('ROUTE_ENTRY', r4, attrs(RouteEntryTraits, { nextHopId: group }));
    a.create('ROUTE_ENTRY', r6, attrs(RouteEntryTraits, { nextHopId: nh6, metaData: 9 }));
    expect(a.get('ROUTE_ENTRY', r4, rIds)).toEqual([1, group, 0, 0]);
    expect(a.get('ROUTE_ENTRY', r6, rIds)).toEqual([1, nh6, 9, 1]);
    a.set('ROUTE_ENTRY', r4, attr(RouteEntryTraits, 'nextHopId', nh4));
    a.set('ROUTE_ENTRY', r4, attr(RouteEntryTraits, 'packetAction', 'DROP'));
    expect(a.get('ROUTE_ENTRY', r4, rIds)).toEqual([0, nh4, 0, 0]);
    expect(a.getObjectKeys('ROUTE_ENTRY')).toEqual(expect.arrayContaining([r4, r6]));
    expect(a.getObjectKeys('NEIGHBOR_ENTRY')).toEqual(expect.arrayContaining([nbr, nbr6]));
    expect(a.getObjectKeys('NEXT_HOP_GROUP_MEMBER').sort()).toEqual([m1, m2].sort());

    expect(a.countersOf('ROUTE_ENTRY')).toEqual({ create: 2, remove: 0, set: 2, get: 3 });
    expect(a.writes()).toEqual({ create: 10, set: 7, remove: 0, total: 17 });

    // Removes, children first; reads of removed objects fail as the fake's do.
    a.remove('ROUTE_ENTRY', r4);
    a.remove('ROUTE_ENTRY', r6);
    expect(statusOf(() => a.get('ROUTE_ENTRY', r4, rIds))).toBe('ITEM_NOT_FOUND');
    a.remove('NEIGHBOR_ENTRY', nbr);
    a.remove('NEIGHBOR_ENTRY', nbr6);
    a.remove('NEXT_HOP_GROUP_MEMBER', m1);
    expect(a.get('NEXT_HOP_GROUP', group, ids(NextHopGroupTraits, 'nextHopMemberList'))).toEqual([[m2]]);
    a.remove('NEXT_HOP_GROUP_MEMBER', m2);
    a.remove('NEXT_HOP_GROUP', group);
    a.remove('NEXT_HOP', nh4);
    a.remove('NEXT_HOP', nh6);
    a.remove('ROUTER_INTERFACE', rif);
    expect(statusOf(() => a.get('ROUTER_INTERFACE', rif, rifIds))).toBe('INVALID_OBJECT_ID');
    expect(a.objectTypeQuery(rif)).toBeUndefined();
    expect(a.writes().remove).toBe(10);
  });

  it('grows a list past the first buffer on BUFFER_OVERFLOW', () => {
    const rif = a.create(
      'ROUTER_INTERFACE',
      undefined,
      attrs(RouterInterfaceTraits, { virtualRouterId: d.defaultVirtualRouterId, type: 'PORT', portId: d.portList[1] }),
    );
    const group = a.create('NEXT_HOP_GROUP', undefined, attrs(NextHopGroupTraits, { type: 'DYNAMIC_UNORDERED_ECMP' }));
    const members: bigint[] = [];
    const hops: bigint[] = [];
    for (let k = 0; k < 300; k++) {
      const nh = a.create(
        'NEXT_HOP',
        undefined,
        attrs(NextHopTraits, { type: 'IP', ip: `10.9.${k >> 8}.${k & 255}`, routerInterfaceId: rif }),
      );
      hops.push(nh);
      members.push(
        a.create(
          'NEXT_HOP_GROUP_MEMBER',
          undefined,
          attrs(NextHopGroupMemberTraits, { nextHopGroupId: group, nextHopId: nh }),
        ),
      );
    }
    expect(a.get('NEXT_HOP_GROUP', group, ids(NextHopGroupTraits, 'nextHopMemberList', 'nextHopCount'))).toEqual([
      members,
      300,
    ]);
    const st = a.bulkRemove('NEXT_HOP_GROUP_MEMBER', members, 'stopOnError');
    expect([...st].every((s) => s === 0)).toBe(true);
    a.remove('NEXT_HOP_GROUP', group);
    for (const nh of hops) a.remove('NEXT_HOP', nh);
    a.remove('ROUTER_INTERFACE', rif);
  });
});
