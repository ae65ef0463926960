/**
 * Bulk calls through FfiSaiAdapter on libsaivs: 100k routes created, set and removed in bulk
 * (across several libsai calls), neighbors and next hop group members in bulk.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SwitchDefaults } from '../../src/adapter/adapter.js';
import type { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import type { NeighborEntryKey, RouteEntryKey } from '../../src/sai/entry.js';
import { formatIpv4 } from '../../src/sai/address.js';
import {
  NeighborEntryTraits,
  NextHopGroupMemberTraits,
  NextHopGroupTraits,
  NextHopTraits,
  RouteEntryTraits,
  RouterInterfaceTraits,
} from '../../src/traits/index.js';
import { attr, attrs, ids } from './attrs.js';
import { describeWithNeed, needLibsaivs } from '../helpers/need.js';
import { openVs } from './libsaivs.js';

const ROUTES = 100_000;

describeWithNeed(needLibsaivs(), 'bulk on libsaivs', () => {
  let a: FfiSaiAdapter;
  let d: SwitchDefaults;
  let rif: bigint;
  let nh: bigint;
  let nh2: bigint;

  beforeAll(() => {
    // A chunk smaller than the request proves chunking is invisible.
    a = openVs({ ports: 4, bulkChunkSize: 16384 });
    d = a.switchDefaults();
    rif = a.create(
      'ROUTER_INTERFACE',
      undefined,
      attrs(RouterInterfaceTraits, { virtualRouterId: d.defaultVirtualRouterId, type: 'PORT', portId: d.portList[0] }),
    );
    nh = a.create('NEXT_HOP', undefined, attrs(NextHopTraits, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rif }));
    nh2 = a.create('NEXT_HOP', undefined, attrs(NextHopTraits, { type: 'IP', ip: '10.0.0.3', routerInterfaceId: rif }));
  });
  afterAll(() => a?.shutdown({ warm: false }));

  it(`creates, sets and removes ${ROUTES} routes`, () => {
    const keys: RouteEntryKey[] = [];
    for (let k = 0; k < ROUTES; k++) {
      // 20.0.0.0/24, 20.0.1.0/24, ... and every 10th an IPv6 /64.
      const destination =
        k % 10 === 9
          ? `2001:db8:${(k >> 16).toString(16)}:${(k & 0xffff).toString(16)}::/64`
          : `${formatIpv4((20 << 24) + k * 256)}/24`;
      keys.push({ switchId: a.switchId, vrId: d.defaultVirtualRouterId, destination });
    }
    const routeAttrs = attrs(RouteEntryTraits, { nextHopId: nh });
    a.resetCounters();
    const created = a.bulkCreate(
      'ROUTE_ENTRY',
      keys.map((key) => ({ key, attrs: routeAttrs })),
      'stopOnError',
    );
    expect(created.statuses.length).toBe(ROUTES);
    expect(created.statuses.every((s) => s === 0)).toBe(true);
    expect(created.ids.every((id) => id === 0n)).toBe(true);
    expect(a.countersOf('ROUTE_ENTRY').create).toBe(ROUTES);
    expect(a.getObjectKeys('ROUTE_ENTRY').length).toBe(ROUTES);
    const rIds = ids(RouteEntryTraits, 'nextHopId', 'ipAddrFamily');
    expect(a.get('ROUTE_ENTRY', keys[0], rIds)).toEqual([nh, 0]);
    expect(a.get('ROUTE_ENTRY', keys[ROUTES - 1], rIds)).toEqual([nh, 1]);

    const set = a.bulkSet(
      'ROUTE_ENTRY',
      keys,
      keys.map(() => attr(RouteEntryTraits, 'nextHopId', nh2)),
      'ignoreError',
    );
    expect(set.every((s) => s === 0)).toBe(true);
    expect(a.countersOf('ROUTE_ENTRY').set).toBe(ROUTES);
    expect(a.get('ROUTE_ENTRY', keys[54321], rIds)[0]).toBe(nh2);
    expect(() => a.remove('NEXT_HOP', nh2)).toThrow(/OBJECT_IN_USE/);

    const removed = a.bulkRemove('ROUTE_ENTRY', keys, 'stopOnError');
    expect(removed.every((s) => s === 0)).toBe(true);
    expect(a.getObjectKeys('ROUTE_ENTRY')).toEqual([]);
    expect(a.writes()).toEqual({ create: ROUTES, set: ROUTES, remove: ROUTES, total: 3 * ROUTES });
  });

  it('stops at the first failure across chunks', () => {
    const keys: RouteEntryKey[] = [];
    for (let k = 0; k < 40000; k++)
      keys.push({
        switchId: a.switchId,
        vrId: d.defaultVirtualRouterId,
        destination: `${formatIpv4((30 << 24) + k * 256)}/24`,
      });
    keys[20000] = keys[10]; // a duplicate in the second chunk
    const r = a.bulkCreate(
      'ROUTE_ENTRY',
      keys.map((key) => ({ key, attrs: [] })),
      'stopOnError',
    );
    expect(r.statuses.slice(0, 20000).every((s) => s === 0)).toBe(true);
    expect(r.statuses[20000]).toBe(-6);
    expect(r.statuses.slice(20001).every((s) => s === -23)).toBe(true);
    const cleanup = a.bulkRemove('ROUTE_ENTRY', keys.slice(0, 20000), 'stopOnError');
    expect(cleanup.every((s) => s === 0)).toBe(true);
  });

  it('bulk neighbors', () => {
    const keys: NeighborEntryKey[] = [];
    for (let k = 0; k < 1000; k++)
      keys.push({ switchId: a.switchId, rifId: rif, ipAddress: formatIpv4((10 << 24) + 0x10000 + k) });
    const r = a.bulkCreate(
      'NEIGHBOR_ENTRY',
      keys.map((key, k) => ({
        key,
        attrs: attrs(NeighborEntryTraits, {
          dstMacAddress: `02:00:00:00:${((k >> 8) & 255).toString(16).padStart(2, '0')}:${(k & 255).toString(16).padStart(2, '0')}`,
        }),
      })),
      'ignoreError',
    );
    expect(r.statuses.every((s) => s === 0)).toBe(true);
    expect(a.get('NEIGHBOR_ENTRY', keys[258], ids(NeighborEntryTraits, 'dstMacAddress'))).toEqual([
      '02:00:00:00:01:02',
    ]);
    const s = a.bulkSet(
      'NEIGHBOR_ENTRY',
      keys,
      keys.map(() => attr(NeighborEntryTraits, 'packetAction', 'DROP')),
      'stopOnError',
    );
    expect(s.every((x) => x === 0)).toBe(true);
    expect(a.get('NEIGHBOR_ENTRY', keys[999], ids(NeighborEntryTraits, 'packetAction'))).toEqual([0]);
    expect(a.bulkRemove('NEIGHBOR_ENTRY', keys, 'stopOnError').every((x) => x === 0)).toBe(true);
  });

  it('bulk next hop group members answer their new ids', () => {
    const group = a.create('NEXT_HOP_GROUP', undefined, attrs(NextHopGroupTraits, { type: 'DYNAMIC_UNORDERED_ECMP' }));
    const r = a.bulkCreate(
      'NEXT_HOP_GROUP_MEMBER',
      [
        { attrs: attrs(NextHopGroupMemberTraits, { nextHopGroupId: group, nextHopId: nh, weight: 2 }) },
        { attrs: attrs(NextHopGroupMemberTraits, { nextHopGroupId: group }) },
        { attrs: attrs(NextHopGroupMemberTraits, { nextHopGroupId: group, nextHopId: nh2 }) },
      ],
      'ignoreError',
    );
    expect([...r.statuses]).toEqual([0, -14, 0]);
    expect(r.ids[1]).toBe(0n);
    for (const id of [r.ids[0], r.ids[2]]) expect(a.objectTypeQuery(id)).toBe('NEXT_HOP_GROUP_MEMBER');
    expect(a.get('NEXT_HOP_GROUP_MEMBER', r.ids[0], ids(NextHopGroupMemberTraits, 'nextHopId', 'weight'))).toEqual([
      nh,
      2,
    ]);
    const set = a.bulkSet(
      'NEXT_HOP_GROUP_MEMBER',
      [r.ids[0], r.ids[2]],
      [attr(NextHopGroupMemberTraits, 'weight', 5), attr(NextHopGroupMemberTraits, 'weight', 6)],
      'stopOnError',
    );
    expect([...set]).toEqual([0, 0]);
    expect(a.get('NEXT_HOP_GROUP_MEMBER', r.ids[2], ids(NextHopGroupMemberTraits, 'weight'))).toEqual([6]);
    expect([...a.bulkRemove('NEXT_HOP_GROUP_MEMBER', [r.ids[0], r.ids[2]], 'stopOnError')]).toEqual([0, 0]);
    a.remove('NEXT_HOP_GROUP', group);
  });

  it('says which types have bulk', () => {
    expect(a.supportsBulk('ROUTE_ENTRY')).toBe(true);
    expect(a.supportsBulk('NEIGHBOR_ENTRY')).toBe(true);
    expect(a.supportsBulk('NEXT_HOP_GROUP_MEMBER')).toBe(true);
    expect(a.supportsBulk('NEXT_HOP')).toBe(false);
    expect(() => a.bulkCreate('NEXT_HOP', [], 'stopOnError')).toThrow(/NOT_IMPLEMENTED/);
  });
});
