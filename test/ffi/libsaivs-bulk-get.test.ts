/**
 * `bulkGet` through FfiSaiAdapter on libsaivs (`get_route_entries_attribute`,
 * `get_neighbor_entries_attribute`): per entry the status and values of a single get, across
 * chunks; the fallbacks to single gets (no slot, a call answered NOT_IMPLEMENTED as a whole, an
 * entry the bulk call cannot answer in full).
 */
import koffi from 'koffi';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SwitchDefaults } from '../../src/adapter/adapter.js';
import type { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import type { ObjectOps } from '../../src/adapter/ffi/method-tables.js';
import type { AdapterKey, NeighborEntryKey, RouteEntryKey } from '../../src/sai/entry.js';
import { formatIpv4 } from '../../src/sai/address.js';
import { attrStatus, SaiStatus, SaiStatusError } from '../../src/sai/index.js';
import type { SaiObjectType } from '../../src/sai/object-type.js';
import type { ReadValue } from '../../src/sai/value.js';
import { NeighborEntryTraits, NextHopTraits, RouteEntryTraits, RouterInterfaceTraits } from '../../src/traits/index.js';
import { attrs, ids } from './attrs.js';
import { describeWithNeed, needLibsaivs } from '../helpers/need.js';
import { openVs } from './libsaivs.js';

const ROUTES = 5000;

/** What a single get answers: [status, values]. */
function single(a: FfiSaiAdapter, type: SaiObjectType, key: AdapterKey, attrIds: number[]): [number, ReadValue[]] {
  try {
    return [0, a.get(type, key, attrIds)];
  } catch (e) {
    if (!(e instanceof SaiStatusError)) throw e;
    return [e.status, []];
  }
}

/** The adapter's bound functions of a type (private), to replace the bulk get slot in tests. */
function opsMap(a: FfiSaiAdapter): Map<SaiObjectType, ObjectOps> {
  return (a as unknown as { ops: Map<SaiObjectType, ObjectOps> }).ops;
}

describeWithNeed(needLibsaivs(), 'bulkGet on libsaivs', () => {
  let a: FfiSaiAdapter;
  let d: SwitchDefaults;
  let rif: bigint;
  let nh: bigint;
  const keys: RouteEntryKey[] = [];
  const rIds = ids(RouteEntryTraits, 'packetAction', 'nextHopId', 'metaData', 'ipAddrFamily');

  beforeAll(() => {
    // A chunk smaller than the request proves chunking is invisible.
    a = openVs({ ports: 4, bulkChunkSize: 1024 });
    d = a.switchDefaults();
    rif = a.create(
      'ROUTER_INTERFACE',
      undefined,
      attrs(RouterInterfaceTraits, { virtualRouterId: d.defaultVirtualRouterId, type: 'PORT', portId: d.portList[0] }),
    );
    nh = a.create('NEXT_HOP', undefined, attrs(NextHopTraits, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rif }));
    for (let k = 0; k < ROUTES; k++) {
      const destination =
        k % 10 === 9
          ? `2001:db8:${(k >> 16).toString(16)}:${(k & 0xffff).toString(16)}::/64`
          : `${formatIpv4((20 << 24) + k * 256)}/24`;
      keys.push({ switchId: a.switchId, vrId: d.defaultVirtualRouterId, destination });
    }
    const created = a.bulkCreate(
      'ROUTE_ENTRY',
      keys.map((key, k) => ({
        key,
        attrs:
          k % 3 === 0
            ? attrs(RouteEntryTraits, { nextHopId: nh, metaData: k })
            : attrs(RouteEntryTraits, { packetAction: 'DROP' }),
      })),
      'stopOnError',
    );
    expect(created.statuses.every((s) => s === 0)).toBe(true);
  });
  afterAll(() => a?.shutdown({ warm: false }));

  it('answers every route as a single get does, across chunks, and counts one get per entry', () => {
    const missing: RouteEntryKey = { switchId: a.switchId, vrId: d.defaultVirtualRouterId, destination: '99.0.0.0/8' };
    const bad = { switchId: a.switchId, vrId: d.defaultVirtualRouterId, destination: '10.0.0.1/8' } as RouteEntryKey;
    const asked: RouteEntryKey[] = [...keys.slice(0, 2000), missing, ...keys.slice(2000), bad];
    a.resetCounters();
    const r = a.bulkGet('ROUTE_ENTRY', asked, rIds);
    expect(r.statuses.length).toBe(asked.length);
    expect(r.values.length).toBe(asked.length);
    expect(a.countersOf('ROUTE_ENTRY').get).toBe(ROUTES);
    expect(r.statuses[2000]).toBe(SaiStatus.ITEM_NOT_FOUND);
    expect(r.statuses[asked.length - 1]).toBe(SaiStatus.ITEM_NOT_FOUND);
    expect(r.values[2000]).toEqual([]);
    expect(r.values[0]).toEqual([1 /* FORWARD */, nh, 0, 0]);
    expect(r.values[1]).toEqual([0 /* DROP */, 0n, 0, 0]);
    for (let i = 0; i < asked.length; i += 97) {
      const [st, v] = single(a, 'ROUTE_ENTRY', asked[i], rIds);
      expect(r.statuses[i]).toBe(st);
      expect(r.values[i]).toEqual(v);
    }
    const [st, v] = single(a, 'ROUTE_ENTRY', asked[asked.length - 2], rIds);
    expect([r.statuses[asked.length - 2], r.values[asked.length - 2]]).toEqual([st, v]);
    expect(a.bulkGet('ROUTE_ENTRY', [], rIds)).toEqual({ statuses: new Int32Array(0), values: [] });
  });

  it('an attribute the binding does not model fails every entry, as the single get', () => {
    const r = a.bulkGet('ROUTE_ENTRY', keys.slice(0, 3), [2, 999]);
    expect([...r.statuses]).toEqual([1, 2, 3].map(() => attrStatus('UNKNOWN_ATTRIBUTE', 1)));
    expect(single(a, 'ROUTE_ENTRY', keys[0], [2, 999])[0]).toBe(attrStatus('UNKNOWN_ATTRIBUTE', 1));
  });

  it('reads neighbors in bulk', () => {
    const nbrs: NeighborEntryKey[] = [1, 2, 3].map((i) => ({
      switchId: a.switchId,
      rifId: rif,
      ipAddress: `10.0.0.${10 + i}`,
    }));
    for (const [i, key] of nbrs.entries()) {
      a.create('NEIGHBOR_ENTRY', key, attrs(NeighborEntryTraits, { dstMacAddress: `02:00:00:00:00:0${i}` }));
    }
    const nIds = ids(NeighborEntryTraits, 'dstMacAddress', 'packetAction', 'noHostRoute');
    const asked = [nbrs[0], { ...nbrs[1], ipAddress: '10.0.0.99' }, nbrs[1], nbrs[2]];
    const r = a.bulkGet('NEIGHBOR_ENTRY', asked, nIds);
    expect([...r.statuses]).toEqual([0, SaiStatus.ITEM_NOT_FOUND, 0, 0]);
    for (let i = 0; i < asked.length; i++) expect(r.values[i]).toEqual(single(a, 'NEIGHBOR_ENTRY', asked[i], nIds)[1]);
    expect(r.values[3][0]).toBe('02:00:00:00:00:02');
    for (const key of nbrs) a.remove('NEIGHBOR_ENTRY', key);
  });

  it('falls back to single gets without the slot, or when the libsai answers it NOT_IMPLEMENTED', () => {
    const ops = opsMap(a);
    const real = ops.get('ROUTE_ENTRY')!;
    const asked = [keys[0], { ...keys[1], destination: '98.0.0.0/8' }, keys[2]];
    const expected = a.bulkGet('ROUTE_ENTRY', asked, rIds);
    expect([...expected.statuses]).toEqual([0, SaiStatus.ITEM_NOT_FOUND, 0]);
    let calls = 0;
    try {
      ops.set('ROUTE_ENTRY', { ...real, bulkGetEntry: undefined });
      a.resetCounters();
      expect(a.bulkGet('ROUTE_ENTRY', asked, rIds)).toEqual(expected);
      expect(a.countersOf('ROUTE_ENTRY').get).toBe(2);
      ops.set('ROUTE_ENTRY', {
        ...real,
        bulkGetEntry: () => {
          calls++;
          return SaiStatus.NOT_IMPLEMENTED;
        },
      });
      a.resetCounters();
      expect(a.bulkGet('ROUTE_ENTRY', asked, rIds)).toEqual(expected);
      expect(calls).toBe(1);
      expect(a.countersOf('ROUTE_ENTRY').get).toBe(2);
    } finally {
      ops.set('ROUTE_ENTRY', real);
    }
  });

  it('reads again with a single get an entry the bulk call answers ATTR_NOT_IMPLEMENTED or BUFFER_OVERFLOW', () => {
    const ops = opsMap(a);
    const real = ops.get('ROUTE_ENTRY')!;
    const asked = [keys[0], keys[1], keys[2]];
    const expected = a.bulkGet('ROUTE_ENTRY', asked, rIds);
    try {
      ops.set('ROUTE_ENTRY', {
        ...real,
        bulkGetEntry: (n, entries, counts, lists, mode, statuses) => {
          const st = real.bulkGetEntry!(n, entries, counts, lists, mode, statuses);
          // Entry 0 "has no value" for attribute 1, entry 2 "overflowed": both are read again.
          const v = new DataView(koffiView(statuses, n * 4));
          v.setInt32(0, attrStatus('ATTR_NOT_IMPLEMENTED', 1), true);
          v.setInt32(8, SaiStatus.BUFFER_OVERFLOW, true);
          return st === 0 ? SaiStatus.FAILURE : st;
        },
      });
      a.resetCounters();
      expect(a.bulkGet('ROUTE_ENTRY', asked, rIds)).toEqual(expected);
      expect(a.countersOf('ROUTE_ENTRY').get).toBe(3);
    } finally {
      ops.set('ROUTE_ENTRY', real);
    }
  });

  it('throws for a shut-down adapter', () => {
    a.shutdown({ warm: false });
    expect(() => a.bulkGet('ROUTE_ENTRY', [], rIds)).toThrow(SaiStatusError);
  });
});

function koffiView(address: bigint, bytes: number): ArrayBuffer {
  return koffi.view(address, bytes);
}
