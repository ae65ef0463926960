/**
 * The object store over each adapter under test (fake, and the FFI adapter on libsaivs): writes,
 * references, failures (injected by the instrumented adapter) and bulk, with the same expectations.
 */
import { describe, expect, it } from 'vitest';
import { CreateOnlyAttributeError, UnknownAttributeError } from '../../src/store/index.js';
import { AttributeValueError } from '../../src/traits/index.js';
import { SaiStatus, SaiStatusError } from '../../src/sai/index.js';
import { describeEachMode } from '../helpers/adapters.js';
import { makeL3, makeStore } from '../helpers/l3.js';

// The store never enumerates; these tests count what the adapter holds through enumeration.
const COUNTS_BY_ENUMERATION = { except: ['no-object-keys'], why: 'counts through enumeration' } as const;

describeEachMode('object store', COUNTS_BY_ENUMERATION, (under) => {
  describe('SaiObjectStore.setObject', () => {
    it('the same host key twice gives the same adapter key and no write', () => {
      const { adapter, store, rifId } = makeL3(under);
      const nhs = store.get('NEXT_HOP');
      const a = nhs.setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      const b = nhs.setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      expect(b.adapterKey).toBe(a.adapterKey);
      expect(adapter.writes()).toEqual({ create: 1, set: 0, remove: 0, total: 1 });
      expect(nhs.size).toBe(1);
    });

    it('one changed settable attribute gives exactly one set', () => {
      const { adapter, store, vrId, ports } = makeL3(under);
      const hk = { vrId, type: 'PORT' as const, portId: ports[0] };
      store.get('ROUTER_INTERFACE').setObject(hk, {
        virtualRouterId: vrId,
        type: 'PORT',
        portId: ports[0],
        mtu: 1500,
        srcMacAddress: '02:00:00:00:00:01',
      });
      expect(adapter.writes()).toEqual({ create: 0, set: 1, remove: 0, total: 1 });
      expect(adapter.get('ROUTER_INTERFACE', store.get('ROUTER_INTERFACE').find(hk)!.oid, [10])).toEqual([1500]);
      expect(store.get('ROUTER_INTERFACE').find(hk)!.attributes.mtu).toBe(1500);
    });

    it('an omitted optional attribute returns to its SAI default', () => {
      const { adapter, store, vrId } = makeL3(under);
      const routes = store.get('ROUTE_ENTRY');
      const hk = { vrId, prefix: '10.0.0.0/8' };
      routes.setObject(hk, { packetAction: 'DROP', metaData: 7 });
      adapter.resetCounters();
      routes.setObject(hk, { packetAction: 'DROP' });
      expect(adapter.writes()).toEqual({ create: 0, set: 1, remove: 0, total: 1 });
      expect(adapter.get('ROUTE_ENTRY', routes.find(hk)!.adapterKey, [3, 0])).toEqual([0, 0]);
      expect(routes.find(hk)!.attributes).toEqual({ packetAction: 'DROP' });
      adapter.resetCounters();
      routes.setObject(hk, {});
      expect(adapter.writes().set).toBe(1);
      expect(adapter.get('ROUTE_ENTRY', routes.find(hk)!.adapterKey, [0])).toEqual([1]);
    });

    it('an omitted attribute without a constant default is kept (no write)', () => {
      const { adapter, store, vrId, ports } = makeL3(under);
      const hk = { vrId, type: 'PORT' as const, portId: ports[0] };
      store.get('ROUTER_INTERFACE').setObject(hk, { virtualRouterId: vrId, type: 'PORT', portId: ports[0], mtu: 9100 });
      expect(adapter.writes().total).toBe(0);
      expect(store.get('ROUTER_INTERFACE').find(hk)!.attributes.srcMacAddress).toBe('02:00:00:00:00:01');
    });

    it('a changed CREATE_ONLY attribute throws CreateOnlyAttributeError and writes nothing', () => {
      const { adapter, store, rifId } = makeL3(under);
      const groups = store.get('NEXT_HOP_GROUP');
      const hk = { members: [] };
      groups.setObject(hk, { type: 'DYNAMIC_UNORDERED_ECMP', configuredSize: 8 });
      adapter.resetCounters();
      const err = (() => {
        try {
          groups.setObject(hk, { type: 'DYNAMIC_UNORDERED_ECMP', configuredSize: 16, label: 'x' });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(CreateOnlyAttributeError);
      expect((err as CreateOnlyAttributeError).attributes).toEqual(['configuredSize']);
      expect(adapter.writes().total).toBe(0);
      expect(groups.find(hk)!.attributes).toEqual({ type: 'DYNAMIC_UNORDERED_ECMP', configuredSize: 8 });
      expect(groups.find(hk)!.refs).toBe(1);
      void rifId;
    });

    it('unknown attribute names and enum names are refused before any write', () => {
      const { adapter, store, vrId } = makeL3(under);
      const routes = store.get('ROUTE_ENTRY');
      expect(() => routes.setObject({ vrId, prefix: '10.0.0.0/8' }, { nextHop: 1n } as never)).toThrow(
        UnknownAttributeError,
      );
      expect(() => routes.setObject({ vrId, prefix: '10.0.0.0/8' }, { packetAction: 'FORWARDX' } as never)).toThrow(
        AttributeValueError,
      );
      expect(adapter.writes().total).toBe(0);
      expect(routes.size).toBe(0);
    });
  });

  describe('references and release', () => {
    it('only the last release removes; double release is harmless', () => {
      const { adapter, store, rifId } = makeL3(under);
      const nhs = store.get('NEXT_HOP');
      const hk = { rifId, ip: '10.0.0.2' };
      const attrs = { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId } as const;
      const a = nhs.setObject(hk, attrs);
      const b = nhs.setObject(hk, attrs);
      a.release();
      a.release();
      expect(adapter.writes().remove).toBe(0);
      expect(nhs.find(hk)!.refs).toBe(1);
      b.release();
      expect(adapter.writes().remove).toBe(1);
      expect(nhs.size).toBe(0);
      expect(adapter.objectCount('NEXT_HOP')).toBe(0);
      expect(() => b.adapterKey).toThrow(/after release/);
    });

    it('Symbol.dispose releases (using)', () => {
      const { adapter, store, vrId } = makeL3(under);
      {
        using r = store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '10.0.0.0/8' }, {});
        expect(r.released).toBe(false);
      }
      expect(adapter.writes()).toEqual({ create: 1, set: 0, remove: 1, total: 2 });
    });

    it('an object stays while another object names it, whatever order callers release in', () => {
      const { adapter, store, vrId, rifId } = makeL3(under);
      const nh = store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      const route = store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '10.0.0.0/8' }, { nextHopId: nh.oid });
      nh.release();
      expect(adapter.objectCount('NEXT_HOP')).toBe(1);
      route.release();
      expect(adapter.objectCount('NEXT_HOP')).toBe(0);
      expect(adapter.objectCount('ROUTE_ENTRY')).toBe(0);
      expect(adapter.callLog).toBeUndefined();
    });

    it('moving a route to another next hop moves the reference', () => {
      const { adapter, store, vrId, rifId } = makeL3(under);
      const nhs = store.get('NEXT_HOP');
      const n1 = nhs.setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      const n2 = nhs.setObject({ rifId, ip: '10.0.0.3' }, { type: 'IP', ip: '10.0.0.3', routerInterfaceId: rifId });
      const hk = { vrId, prefix: '10.0.0.0/8' };
      store.get('ROUTE_ENTRY').setObject(hk, { nextHopId: n1.oid });
      n1.release();
      expect(adapter.objectCount('NEXT_HOP')).toBe(2);
      store.get('ROUTE_ENTRY').setObject(hk, { nextHopId: n2.oid });
      expect(adapter.objectCount('NEXT_HOP')).toBe(1);
      expect(nhs.find({ rifId, ip: '10.0.0.2' })).toBeUndefined();
      expect(nhs.find({ rifId, ip: '10.0.0.3' })!.refs).toBe(2);
    });

    it('adapter-owned objects survive the release of every reference', () => {
      const { adapter, store, vrId, ports } = makeStore(under, { ports: 2 });
      const vr = store.get('VIRTUAL_ROUTER').setObject(null, {});
      expect(vr.oid).toBe(vrId);
      const port = store
        .get('PORT')
        .setObject([1, 2, 3, 4], { hwLaneList: [1, 2, 3, 4], speed: 100000, adminState: true });
      expect(port.oid).toBe(ports[0]);
      if (under.quirks.has('get-plain-status')) {
        // The port's attributes never set could not be read back: unknown, so written, never assumed.
        expect(adapter.writes()).toMatchObject({ create: 0, remove: 0 });
        expect(adapter.writes().set).toBeGreaterThan(1);
      } else {
        expect(adapter.writes()).toEqual({ create: 0, set: 1, remove: 0, total: 1 });
      }
      vr.release();
      port.release();
      expect(adapter.writes().remove).toBe(0);
      expect(store.get('VIRTUAL_ROUTER').size).toBe(1);
      // The CPU port and the front-panel ports (a vendor-keys switch ignores the port count asked for).
      expect(store.get('PORT').size).toBe(1 + ports.length);
      expect(store.get('SWITCH').find(null)!.adapterOwned).toBe(true);
    });
  });

  describe('failures leave store and adapter as they were', () => {
    it('a failed create: no object, no reference taken on what it names', () => {
      const { adapter, store, vrId, rifId } = makeL3(under);
      const nh = store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      adapter.injectFault({ nth: 1, status: SaiStatus.TABLE_FULL });
      expect(() => store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '10.0.0.0/8' }, { nextHopId: nh.oid })).toThrow(
        SaiStatusError,
      );
      expect(store.get('ROUTE_ENTRY').size).toBe(0);
      expect(store.get('NEXT_HOP').find({ rifId, ip: '10.0.0.2' })!.refs).toBe(1);
      nh.release();
      expect(adapter.objectCount('NEXT_HOP')).toBe(0);
    });

    it('a failed second set undoes the first and keeps the cached attributes', () => {
      const { adapter, store, vrId, ports } = makeL3(under);
      const rifs = store.get('ROUTER_INTERFACE');
      const hk = { vrId, type: 'PORT' as const, portId: ports[0] };
      const oid = rifs.find(hk)!.oid;
      const before = rifs.find(hk)!.attributes;
      adapter.injectFault({ nth: 2, status: SaiStatus.FAILURE });
      expect(() =>
        rifs.setObject(hk, { virtualRouterId: vrId, type: 'PORT', portId: ports[0], mtu: 1500, adminV4State: false }),
      ).toThrow(/FAILURE/);
      expect(adapter.get('ROUTER_INTERFACE', oid, [8, 10])).toEqual([true, 9100]);
      expect(rifs.find(hk)!.attributes).toBe(before);
      expect(rifs.find(hk)!.refs).toBe(1);
    });

    it('a failed remove keeps the reference held and the object live', () => {
      const { adapter, store, vrId } = makeL3(under);
      const r = store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '10.0.0.0/8' }, {});
      adapter.injectFault({ nth: 1, status: SaiStatus.FAILURE });
      expect(() => r.release()).toThrow(SaiStatusError);
      expect(r.released).toBe(false);
      expect(store.get('ROUTE_ENTRY').size).toBe(1);
      r.release();
      expect(store.get('ROUTE_ENTRY').size).toBe(0);
    });

    it('a failed bulk create in the middle undoes the whole setObjects call', () => {
      const { adapter, store, vrId } = makeL3(under, { log: true });
      const routes = store.get('ROUTE_ENTRY');
      const keep = routes.setObject({ vrId, prefix: '9.0.0.0/8' }, {});
      adapter.resetCounters();
      adapter.injectFault({ nth: 3, status: SaiStatus.TABLE_FULL });
      const items = ['10.0.0.0/8', '11.0.0.0/8', '12.0.0.0/8', '13.0.0.0/8'].map(
        (prefix) => [{ vrId, prefix }, {}] as const,
      );
      let err: SaiStatusError | undefined;
      try {
        routes.setObjects([...items, [{ vrId, prefix: '9.0.0.0/8' }, { metaData: 5 }]]);
      } catch (e) {
        err = e as SaiStatusError;
      }
      expect(err?.statusName).toBe('TABLE_FULL');
      expect(err?.bulkIndex).toBe(2);
      expect(routes.size).toBe(1);
      expect(adapter.objectCount('ROUTE_ENTRY')).toBe(1);
      expect(routes.find({ vrId, prefix: '9.0.0.0/8' })!.refs).toBe(1);
      keep.release();
    });
  });

  describe('setObjects', () => {
    it('uses the bulk API for routes, returns refs in order, and treats repeats as updates', () => {
      const { adapter, store, vrId } = makeL3(under, { log: true });
      const routes = store.get('ROUTE_ENTRY');
      const refs = routes.setObjects([
        [{ vrId, prefix: '10.0.0.0/8' }, {}],
        [{ vrId, prefix: '2001:db8::/32' }, { packetAction: 'DROP' }],
        [{ vrId, prefix: '10.0.0.0/8' }, { metaData: 3 }],
      ]);
      expect(refs.map((r) => r.hostKey.prefix)).toEqual(['10.0.0.0/8', '2001:db8::/32', '10.0.0.0/8']);
      expect(adapter.callLog!.map((c) => `${c.op}${c.bulk ? '(bulk)' : ''}`)).toEqual([
        'create(bulk)',
        'create(bulk)',
        'set',
      ]);
      expect(routes.find({ vrId, prefix: '10.0.0.0/8' })!.refs).toBe(2);
      adapter.resetCounters();
      routes.setObjects([[{ vrId, prefix: '10.0.0.0/8' }, { metaData: 3 }]]);
      expect(adapter.writes().total).toBe(0);
    });
  });

  describe('lookup, iteration and dump', () => {
    it('finds by host key, counts, iterates and dumps readably', () => {
      const { store, vrId, rifId } = makeL3(under);
      const nh = store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '10.0.0.0/8' }, { nextHopId: nh.oid });
      expect(store.get('ROUTE_ENTRY').find({ vrId, prefix: '10.0.0.0/8' })!.attributes.nextHopId).toBe(nh.oid);
      expect([...store.get('NEXT_HOP')].map((o) => o.hostKey.ip)).toEqual(['10.0.0.2']);
      expect(store.byOid(nh.oid)!.objectType).toBe('NEXT_HOP');
      const dump = store.dump();
      expect(dump).toContain('ROUTE_ENTRY (1)');
      expect(dump).toContain(`10.0.0.0/8 refs=1 {nextHopId=0x${nh.oid.toString(16)}}`);
    });

    it('a next hop group key does not depend on member order', () => {
      const { store, rifId } = makeL3(under);
      const a = { nextHop: { rifId, ip: '10.0.0.2' }, weight: 1 };
      const b = { nextHop: { rifId, ip: '10.0.0.3' }, weight: 2 };
      const groups = store.get('NEXT_HOP_GROUP');
      const g1 = groups.setObject({ members: [a, b] }, { type: 'DYNAMIC_UNORDERED_ECMP' });
      const g2 = groups.setObject({ members: [b, a] }, { type: 'DYNAMIC_UNORDERED_ECMP' });
      expect(g2.oid).toBe(g1.oid);
      expect(groups.size).toBe(1);
    });
  });
});
