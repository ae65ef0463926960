/**
 * The store defects of issue 9, one test each, on every adapter under test: a failure inside a
 * release cascade, the same in the release of unclaimed warm boot handles, update undo (values the
 * store did not know; old dependencies released inside a bulk call), reload's duplicate insert,
 * host key = f(attributes), plan placeholders of bulk creates, typed errors.
 */
import { describe, expect, it } from 'vitest';
import {
  HostKeyMismatchError,
  NoSuchObjectError,
  ReleasedReferenceError,
  SaiStore,
  UnknownObjectTypeError,
} from '../../src/store/index.js';
import { SaiStatus, SaiStatusError } from '../../src/sai/index.js';
import { planWarmBoot, releaseUnclaimed, reload } from '../../src/warmboot/index.js';
import { describeEachAdapter } from '../helpers/adapters.js';
import { makeL3 } from '../helpers/l3.js';
import { refCountDifferences, storeAdapterDifferences } from './consistency.js';

/** No difference between store and adapter, every count accounted for (`held` = callers' references). */
function expectConsistent(store: SaiStore, held: { objectType: string; hostKey: unknown }[] = []): void {
  expect([...storeAdapterDifferences(store, store.adapter), ...refCountDifferences(store, held as never)]).toEqual([]);
}

function failOnce(
  adapter: { injectFault: (r: never) => void },
  op: string,
  type: string,
  status = SaiStatus.OBJECT_IN_USE,
) {
  adapter.injectFault({
    when: (c: { op: string; objectType: string }) => c.op === op && c.objectType === type,
    status,
  } as never);
}

describeEachAdapter('store defects (issue 9)', (under) => {
  describe('a remove failing inside a release cascade', () => {
    it("the child's release succeeds; the parent waits on the retry list; the rest of the cascade runs", () => {
      const { adapter, store, rif, rifId } = makeL3(under);
      const held = [{ objectType: 'ROUTER_INTERFACE', hostKey: rif.hostKey }];
      // A member names a group and a next hop; nothing else holds either.
      const nh = store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      const group = store
        .get('NEXT_HOP_GROUP')
        .setObject(
          { members: [{ nextHop: { rifId, ip: '10.0.0.2' }, weight: 1 }] },
          { type: 'DYNAMIC_UNORDERED_ECMP' },
        );
      const member = store
        .get('NEXT_HOP_GROUP_MEMBER')
        .setObject({ groupId: group.oid, nextHopId: nh.oid }, { nextHopGroupId: group.oid, nextHopId: nh.oid });
      nh.release();
      group.release();
      // The member's own remove succeeds; the group's (its first parent) is refused.
      failOnce(adapter, 'remove', 'NEXT_HOP_GROUP');
      expect(() => member.release()).not.toThrow();
      expect(member.released).toBe(true);
      expect(adapter.objectCount('NEXT_HOP_GROUP_MEMBER')).toBe(0);
      // The cascade went on: the next hop is gone too.
      expect(adapter.objectCount('NEXT_HOP')).toBe(0);
      expect(store.get('NEXT_HOP').size).toBe(0);
      // The group is live in both, held by the retry list alone.
      expect(adapter.objectCount('NEXT_HOP_GROUP')).toBe(1);
      expect(store.pendingRemoves.map((p) => p.objectType)).toEqual(['NEXT_HOP_GROUP']);
      expectConsistent(store, held);
      // A second release is a no-op; the retry removes the group.
      member.release();
      store.retryPendingRemoves();
      expect(adapter.objectCount('NEXT_HOP_GROUP')).toBe(0);
      expect(store.pendingRemoves).toEqual([]);
      expectConsistent(store, held);
    });

    it('a retry still refused throws PendingRemovesError and keeps the object accounted for', () => {
      const { adapter, store, vrId, rifId } = makeL3(under);
      const nh = store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      const route = store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '10.0.0.0/8' }, { nextHopId: nh.oid });
      nh.release();
      adapter.injectFault({
        when: (c) => c.op === 'remove' && c.objectType === 'NEXT_HOP',
        status: SaiStatus.OBJECT_IN_USE,
        times: Infinity,
      });
      route.release();
      expect(adapter.objectCount('ROUTE_ENTRY')).toBe(0);
      let err: unknown;
      try {
        store.retryPendingRemoves();
      } catch (e) {
        err = e;
      }
      expect((err as { kind?: string }).kind).toBe('PendingRemovesError');
      expect((err as { removes: { objectType: string; error: unknown }[] }).removes.map((r) => r.objectType)).toEqual([
        'NEXT_HOP',
      ]);
      expect(store.get('NEXT_HOP').find({ rifId, ip: '10.0.0.2' })!.refs).toBe(1);
      adapter.clearFaults();
      // The next store call retries, once.
      store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '11.0.0.0/8' }, {}).release();
      expect(adapter.objectCount('NEXT_HOP')).toBe(0);
      expect(store.pendingRemoves).toEqual([]);
    });
  });

  it('releaseUnclaimed: a parent remove failing inside the cascade of an unclaimed child', () => {
    const { adapter, store, vrId, rifId } = makeL3(under);
    const nh = store
      .get('NEXT_HOP')
      .setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
    store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '10.0.0.0/8' }, { nextHopId: nh.oid });
    // A new store reloads what the adapter holds (every object with a warm boot handle).
    store.forgetAll();
    const warm = new SaiStore(adapter);
    reload(warm);
    const rifHk = [...warm.get('ROUTER_INTERFACE')][0].hostKey;
    const rif = warm.get('ROUTER_INTERFACE').ref(rifHk)!;
    // Replay claims the next hop, then lets it go: only the unclaimed route holds it.
    warm.get('NEXT_HOP').ref({ rifId, ip: '10.0.0.2' })!.release();
    failOnce(adapter, 'remove', 'NEXT_HOP');
    let report: ReturnType<typeof releaseUnclaimed> | undefined;
    try {
      report = releaseUnclaimed(warm);
    } catch (e) {
      // A typed error is acceptable; a retry must then finish the job.
      expect(typeof (e as { kind?: unknown }).kind).toBe('string');
      releaseUnclaimed(warm);
    }
    // The route went, and the next hop too once retried: nothing is left holding anything.
    expect(adapter.objectCount('ROUTE_ENTRY')).toBe(0);
    expect(adapter.objectCount('NEXT_HOP')).toBe(0);
    expect(report?.removed).toEqual({ ROUTE_ENTRY: 1, NEXT_HOP: 1 });
    expectConsistent(warm, [{ objectType: 'ROUTER_INTERFACE', hostKey: rifHk }]);
    rif.release();
    expect(adapter.objectCount('ROUTER_INTERFACE')).toBe(0);
  });

  describe('update undo', () => {
    it('a value the store did not know is read first and restored when a later set fails', () => {
      const { adapter, store, vrId, ports, rif: rif0 } = makeL3(under);
      const rifs = store.get('ROUTER_INTERFACE');
      const hk = { vrId, type: 'PORT' as const, portId: ports[1] };
      // Made without a source MAC, which is then set behind the store's back.
      const rif = rifs.setObject(hk, { virtualRouterId: vrId, type: 'PORT', portId: ports[1] });
      adapter.set('ROUTER_INTERFACE', rif.oid, { id: 7, value: '02:11:11:11:11:11' });
      // The MAC set (id 7) succeeds, the MTU set (id 10) fails.
      let sets = 0;
      adapter.injectFault({ when: (c) => c.op === 'set' && ++sets === 2, status: SaiStatus.FAILURE });
      expect(() =>
        rifs.setObject(hk, {
          virtualRouterId: vrId,
          type: 'PORT',
          portId: ports[1],
          srcMacAddress: '02:aa:bb:cc:dd:ee',
          mtu: 1500,
        }),
      ).toThrow(SaiStatusError);
      expect(adapter.get('ROUTER_INTERFACE', rif.oid, [7, 10])).toEqual(['02:11:11:11:11:11', 1514]);
      expect(rifs.find(hk)!.attributes.srcMacAddress).toBeUndefined();
      expectConsistent(store, [
        { objectType: 'ROUTER_INTERFACE', hostKey: hk },
        { objectType: 'ROUTER_INTERFACE', hostKey: rif0.hostKey },
      ]);
    });

    it('a value the adapter cannot go back to (never set) is recorded as the adapter keeps it', () => {
      const { adapter, store, vrId, ports } = makeL3(under);
      const rifs = store.get('ROUTER_INTERFACE');
      const hk = { vrId, type: 'PORT' as const, portId: ports[1] };
      const rif = rifs.setObject(hk, { virtualRouterId: vrId, type: 'PORT', portId: ports[1] });
      expect(adapter.get('ROUTER_INTERFACE', rif.oid, [7])).toEqual([undefined]);
      let sets = 0;
      adapter.injectFault({ when: (c) => c.op === 'set' && ++sets === 2, status: SaiStatus.FAILURE });
      expect(() =>
        rifs.setObject(hk, {
          virtualRouterId: vrId,
          type: 'PORT',
          portId: ports[1],
          srcMacAddress: '02:aa:bb:cc:dd:ee',
          mtu: 1500,
        }),
      ).toThrow(SaiStatusError);
      // SAI has no "unset": the MAC stays, and the store says so; the MTU was undone.
      expect(adapter.get('ROUTER_INTERFACE', rif.oid, [7, 10])).toEqual(['02:aa:bb:cc:dd:ee', 1514]);
      expect(rifs.find(hk)!.attributes.srcMacAddress).toBe('02:aa:bb:cc:dd:ee');
      expect(rifs.find(hk)!.attributes.mtu).toBeUndefined();
    });

    it('a set whose undo the adapter refuses too: the store records what the adapter kept, references included', () => {
      const { adapter, store, vrId, rif, rifId } = makeL3(under);
      const nhs = store.get('NEXT_HOP');
      const nh1 = nhs.setObject({ rifId, ip: '10.0.0.1' }, { type: 'IP', ip: '10.0.0.1', routerInterfaceId: rifId });
      const nh2 = nhs.setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      const [id1, id2] = [nh1.oid, nh2.oid];
      const routes = store.get('ROUTE_ENTRY');
      const hk = { vrId, prefix: '10.1.0.0/16' };
      routes.acquire(hk, { nextHopId: id1, metaData: 1 });
      nh1.release();
      // nextHopId (id 2) is set, metaData (id 3) fails, and so does the undo of nextHopId.
      let sets = 0;
      adapter.injectFault({ when: (c) => c.op === 'set' && ++sets >= 2, status: SaiStatus.FAILURE, times: 2 });
      expect(() => routes.acquire(hk, { nextHopId: id2, metaData: 2 })).toThrow(SaiStatusError);
      expect(adapter.get('ROUTE_ENTRY', routes.find(hk)!.adapterKey, [2, 3])).toEqual([id2, 1]);
      expect(routes.find(hk)!.attributes).toEqual({ nextHopId: id2, metaData: 1 });
      // The route names nh2 now: nh1, which only it held, is gone.
      expect(nhs.find({ rifId, ip: '10.0.0.1' })).toBeUndefined();
      expect(adapter.objectCount('NEXT_HOP')).toBe(1);
      expectConsistent(store, [
        { objectType: 'ROUTE_ENTRY', hostKey: hk },
        { objectType: 'NEXT_HOP', hostKey: { rifId, ip: '10.0.0.2' } },
        { objectType: 'ROUTER_INTERFACE', hostKey: rif.hostKey },
      ]);
    });

    it('a bulk call that fails keeps the old dependency of an item it had updated (no remove, undone exactly)', () => {
      const { adapter, store, vrId, rif, rifId } = makeL3(under);
      const nhs = store.get('NEXT_HOP');
      const nh1 = nhs.setObject({ rifId, ip: '10.0.0.1' }, { type: 'IP', ip: '10.0.0.1', routerInterfaceId: rifId });
      const nh2 = nhs.setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      const routes = store.get('ROUTE_ENTRY');
      const a = { vrId, prefix: '10.1.0.0/16' };
      const b = { vrId, prefix: '10.2.0.0/16' };
      routes.acquire(a, { nextHopId: nh1.oid });
      routes.acquire(b, { nextHopId: nh2.oid });
      const nh1Oid = nh1.oid;
      nh1.release(); // only route a holds it now
      adapter.resetCounters();
      let sets = 0;
      adapter.injectFault({ when: (c) => c.op === 'set' && ++sets === 2, status: SaiStatus.TABLE_FULL });
      expect(() =>
        routes.acquireMany([
          [a, { nextHopId: nh2.oid }],
          [b, { metaData: 5 }],
        ]),
      ).toThrow(SaiStatusError);
      // Nothing removed; a is back on nh1, in store and adapter.
      expect(adapter.writes().remove).toBe(0);
      expect(adapter.objectCount('NEXT_HOP')).toBe(2);
      expect(routes.find(a)!.attributes.nextHopId).toBe(nh1Oid);
      expect(adapter.get('ROUTE_ENTRY', routes.find(a)!.adapterKey, [2])).toEqual([nh1Oid]);
      expectConsistent(store, [
        { objectType: 'ROUTE_ENTRY', hostKey: a },
        { objectType: 'ROUTE_ENTRY', hostKey: b },
        { objectType: 'NEXT_HOP', hostKey: { rifId, ip: '10.0.0.2' } },
        { objectType: 'ROUTER_INTERFACE', hostKey: rif.hostKey },
      ]);
    });

    it('new dependencies are held before old ones go: a route whose next hop only it holds changes freely', () => {
      const { adapter, store, vrId, rifId } = makeL3(under, { log: true });
      const nhs = store.get('NEXT_HOP');
      const nh1 = nhs.setObject({ rifId, ip: '10.0.0.1' }, { type: 'IP', ip: '10.0.0.1', routerInterfaceId: rifId });
      const nh2 = nhs.setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      const routes = store.get('ROUTE_ENTRY');
      const hk = { vrId, prefix: '10.1.0.0/16' };
      const [id1, id2] = [nh1.oid, nh2.oid];
      routes.acquire(hk, { nextHopId: id1 });
      nh1.release();
      adapter.resetCounters();
      // Another attribute: one set, the next hop stays.
      routes.acquire(hk, { nextHopId: id1, metaData: 7 });
      expect(adapter.callLog!.map((c) => `${c.op} ${c.objectType} ${c.status}`)).toEqual(['set ROUTE_ENTRY 0']);
      expect(nhs.find({ rifId, ip: '10.0.0.1' })!.refs).toBe(1);
      adapter.resetCounters();
      // Another next hop: the set first, then the old next hop's remove, both succeeding.
      routes.acquire(hk, { nextHopId: id2, metaData: 7 });
      expect(adapter.callLog!.map((c) => `${c.op} ${c.objectType} ${c.status}`)).toEqual([
        'set ROUTE_ENTRY 0',
        'remove NEXT_HOP 0',
      ]);
      expect(store.pendingRemoves).toEqual([]);
      expect(nhs.find({ rifId, ip: '10.0.0.2' })!.refs).toBe(2);
    });
  });

  it("reload's insert of a duplicate host key changes nothing (no half object)", () => {
    const { store, vrId } = makeL3(under);
    const routes = store.get('ROUTE_ENTRY');
    const hk = { vrId, prefix: '10.0.0.0/8' };
    const first = routes.insert(0n, hk, { packetAction: 'DROP' }, false, true)!;
    first.refs = 1;
    const vrRefs = store.get('VIRTUAL_ROUTER').find(null)!.refs;
    expect(routes.insert(0n, hk, { packetAction: 'TRAP' }, false, true)).toBeUndefined();
    expect(routes.find(hk)).toBe(first);
    expect(routes.size).toBe(1);
    expect([...routes]).toEqual([first]);
    expect(store.get('VIRTUAL_ROUTER').find(null)!.refs).toBe(vrRefs);
  });

  describe('host key = f(attributes)', () => {
    it('a next hop whose attributes name another (rif, ip) is refused, nothing written', () => {
      const { adapter, store, rifId } = makeL3(under);
      const nhs = store.get('NEXT_HOP');
      nhs.setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      adapter.resetCounters();
      let err: unknown;
      try {
        nhs.setObject({ rifId, ip: '10.0.0.1' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(HostKeyMismatchError);
      expect((err as HostKeyMismatchError).derived).toEqual({ rifId, ip: '10.0.0.2' });
      expect(adapter.writes().total).toBe(0);
      expect(nhs.size).toBe(1);
      expect(() =>
        nhs.setObjects([
          [
            { rifId, ip: '10.0.0.3' },
            { type: 'IP', ip: '10.0.0.4', routerInterfaceId: rifId },
          ],
        ]),
      ).toThrow(HostKeyMismatchError);
      expect(adapter.writes().total).toBe(0);
    });

    it("a member's next hop cannot be set under a host key naming the old one", () => {
      const { adapter, store, rifId } = makeL3(under);
      const nh1 = store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: '10.0.0.1' }, { type: 'IP', ip: '10.0.0.1', routerInterfaceId: rifId });
      const nh2 = store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rifId });
      const group = store.get('NEXT_HOP_GROUP').setObject({ members: [] }, { type: 'DYNAMIC_UNORDERED_ECMP' });
      const members = store.get('NEXT_HOP_GROUP_MEMBER');
      const hk = { groupId: group.oid, nextHopId: nh1.oid };
      members.setObject(hk, { nextHopGroupId: group.oid, nextHopId: nh1.oid });
      adapter.resetCounters();
      expect(() => members.setObject(hk, { nextHopGroupId: group.oid, nextHopId: nh2.oid })).toThrow(
        HostKeyMismatchError,
      );
      expect(adapter.writes().total).toBe(0);
      expect(adapter.get('NEXT_HOP_GROUP_MEMBER', members.find(hk)!.oid, [1])).toEqual([nh1.oid]);
    });
  });

  it('plan placeholders: each bulk-created object has its own, on its own op', () => {
    const { adapter, store, rifId } = makeL3(under);
    const nhs = [1, 2, 3].map((i) =>
      store
        .get('NEXT_HOP')
        .setObject({ rifId, ip: `10.0.0.${i}` }, { type: 'IP', ip: `10.0.0.${i}`, routerInterfaceId: rifId }),
    );
    const group = store.get('NEXT_HOP_GROUP').setObject({ members: [] }, { type: 'DYNAMIC_UNORDERED_ECMP' });
    const plan = planWarmBoot(adapter, undefined, (shadow) => {
      shadow.get('NEXT_HOP_GROUP_MEMBER').setObjects(
        nhs.map((nh) => [
          { groupId: group.oid, nextHopId: nh.oid },
          { nextHopGroupId: group.oid, nextHopId: nh.oid },
        ]),
      );
    });
    const creates = plan.ops.filter((op) => op.write.op === 'create');
    expect(creates).toHaveLength(3);
    const placeholders = creates.map((op) => op.placeholder);
    expect(placeholders.every((p) => typeof p === 'bigint')).toBe(true);
    expect(new Set(placeholders).size).toBe(3);
    // Each placeholder belongs to its own write: the shadow store's object with that id is that member.
    expect(creates.map((op) => (op.write.hostKey as { nextHopId: bigint }).nextHopId)).toEqual(nhs.map((n) => n.oid));
  });

  describe('typed errors', () => {
    it('store.get of an unknown type', () => {
      const { store } = makeL3(under);
      let err: unknown;
      try {
        store.get('NOT_A_TYPE' as never);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UnknownObjectTypeError);
      expect((err as UnknownObjectTypeError).kind).toBe('UnknownObjectTypeError');
      expect((err as UnknownObjectTypeError).objectType).toBe('NOT_A_TYPE');
    });

    it('release of a host key that is not held; a reference used after release', () => {
      const { store, vrId } = makeL3(under);
      const kindOf = (fn: () => unknown): unknown => {
        try {
          fn();
        } catch (e) {
          return (e as { kind?: unknown }).kind;
        }
        return 'no error';
      };
      expect(kindOf(() => store.get('ROUTE_ENTRY').release({ vrId, prefix: '10.0.0.0/8' }))).toBe('NoSuchObjectError');
      const r = store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '10.0.0.0/8' }, {});
      r.release();
      expect(kindOf(() => r.oid)).toBe('ReleasedReferenceError');
      expect(() => r.oid).toThrow(ReleasedReferenceError);
      expect(kindOf(() => store.get('ROUTE_ENTRY').release({ vrId, prefix: '10.0.0.0/8' }))).toBe('NoSuchObjectError');
      expect(() => store.get('ROUTE_ENTRY').release({ vrId, prefix: '10.0.0.0/8' })).toThrow(NoSuchObjectError);
    });
  });
});
