/**
 * Stated expectations of the store's references when an object's attributes change: an object
 * holds what it names, so changing any attribute of it never lets go of what it still names (even
 * when it alone holds it), and moving it to another object removes the old one only after the
 * adapter's set. Exact writes (our own recorder) and adapter contents (read through SAI), on both
 * adapters.
 */
import { expect, it } from 'vitest';
import type { SaiObjectRef } from '../../src/store/index.js';
import { describeEachAdapter, type TestAdapter } from '../helpers/adapters.js';
import { SaiStore } from '../../src/store/index.js';
import { WriteRecorder } from '../oracle/recorder.js';

/** A store over a recorded adapter of `under`, with a port router interface and two next hops on it. */
function fixture(under: TestAdapter) {
  const recorder = new WriteRecorder();
  const adapter = recorder.wrap(under.open({ ports: 2 }));
  const store = new SaiStore(adapter);
  store.loadAdapterOwned();
  const d = adapter.switchDefaults();
  const vrId = d.defaultVirtualRouterId;
  const rif = store
    .get('ROUTER_INTERFACE')
    .setObject(
      { vrId, type: 'PORT', portId: d.portList[0] },
      { virtualRouterId: vrId, type: 'PORT', portId: d.portList[0] },
    );
  const nh = (ip: string) =>
    store.get('NEXT_HOP').setObject({ rifId: rif.oid, ip }, { type: 'IP', ip, routerInterfaceId: rif.oid });
  const nh1 = nh('10.0.0.1');
  const nh2 = nh('10.0.0.2');
  // Ids kept apart: a released handle may not be read.
  const ids = { nh1: nh1.oid, nh2: nh2.oid, rif: rif.oid };
  const route = { switchId: adapter.switchId, vrId, destination: '192.0.2.0/24' };
  const live = (type: 'NEXT_HOP' | 'NEXT_HOP_GROUP' | 'NEXT_HOP_GROUP_MEMBER' | 'ROUTE_ENTRY') =>
    adapter.getObjectKeys(type).length;
  recorder.take();
  return { recorder, adapter, store, vrId, rif, nh1, nh2, ids, route, live };
}

describeEachAdapter('references follow attribute changes', (under) => {
  it('a route alone holding its next hop changes another attribute: the next hop stays', () => {
    const f = fixture(under);
    const hk = { vrId: f.vrId, prefix: '192.0.2.0/24' };
    const r = f.store.get('ROUTE_ENTRY').setObject(hk, { nextHopId: f.ids.nh1 });
    f.nh1.release(); // the route alone holds it now
    expect(f.live('NEXT_HOP')).toBe(2);
    f.recorder.take();
    const again = f.store.get('ROUTE_ENTRY').setObject(hk, { nextHopId: f.ids.nh1, metaData: 7 });
    expect(f.recorder.take()).toEqual({ 'set ROUTE_ENTRY#3': 1 });
    expect(f.adapter.get('ROUTE_ENTRY', f.route, [2, 3])).toEqual([f.ids.nh1, 7]);
    expect(f.live('NEXT_HOP')).toBe(2);
    // Both handles go: the route goes, then the next hop it was keeping.
    r.release();
    again.release();
    expect(f.recorder.take()).toEqual({ 'remove NEXT_HOP': 1, 'remove ROUTE_ENTRY': 1 });
    expect(f.live('NEXT_HOP')).toBe(1);
  });

  it('a route moves off a next hop only it held: the set first, then the old next hop goes', () => {
    const f = fixture(under);
    const hk = { vrId: f.vrId, prefix: '192.0.2.0/24' };
    const r = f.store.get('ROUTE_ENTRY').setObject(hk, { nextHopId: f.ids.nh1 });
    f.nh1.release();
    f.recorder.take();
    f.store.get('ROUTE_ENTRY').setObject(hk, { nextHopId: f.ids.nh2 }).release();
    expect(f.recorder.take()).toEqual({ 'remove NEXT_HOP': 1, 'set ROUTE_ENTRY#2': 1 });
    expect(f.adapter.get('ROUTE_ENTRY', f.route, [2])).toEqual([f.ids.nh2]);
    expect(f.adapter.getObjectKeys('NEXT_HOP')).toEqual([f.ids.nh2]);
    // nh2 is held by its handle and by the route: releasing the handle keeps it.
    f.nh2.release();
    expect(f.live('NEXT_HOP')).toBe(1);
    r.release();
    expect(f.live('NEXT_HOP')).toBe(0);
    expect(f.live('ROUTE_ENTRY')).toBe(0);
  });

  it('a member alone holding its group and next hop changes its weight: both stay', () => {
    const f = fixture(under);
    const group = f.store
      .get('NEXT_HOP_GROUP')
      .setObject(
        { members: [{ nextHop: { rifId: f.ids.rif, ip: '10.0.0.1' }, weight: 1 }] },
        { type: 'DYNAMIC_UNORDERED_ECMP' },
      );
    const groupId = group.oid;
    const hk = { groupId, nextHopId: f.ids.nh1 };
    const member = f.store
      .get('NEXT_HOP_GROUP_MEMBER')
      .setObject(hk, { nextHopGroupId: groupId, nextHopId: f.ids.nh1, weight: 1 });
    const memberId = member.oid;
    group.release();
    f.nh1.release();
    f.recorder.take();
    const refs: SaiObjectRef[] = [member];
    refs.push(
      f.store.get('NEXT_HOP_GROUP_MEMBER').setObject(hk, { nextHopGroupId: groupId, nextHopId: f.ids.nh1, weight: 4 }),
    );
    expect(f.recorder.take()).toEqual({ 'set NEXT_HOP_GROUP_MEMBER#2': 1 });
    expect(f.adapter.get('NEXT_HOP_GROUP_MEMBER', memberId, [0, 1, 2])).toEqual([groupId, f.ids.nh1, 4]);
    expect([f.live('NEXT_HOP_GROUP'), f.live('NEXT_HOP')]).toEqual([1, 2]);
    for (const r of refs) r.release();
    // The member, then the group and the next hop it kept.
    expect(f.recorder.take()).toEqual({
      'remove NEXT_HOP': 1,
      'remove NEXT_HOP_GROUP': 1,
      'remove NEXT_HOP_GROUP_MEMBER': 1,
    });
    expect([f.live('NEXT_HOP_GROUP_MEMBER'), f.live('NEXT_HOP_GROUP'), f.live('NEXT_HOP')]).toEqual([0, 0, 1]);
  });

  it("a member's next hop is part of its host key: set under the old key it is refused; a new member replaces it", () => {
    // NEXT_HOP_ID is settable in SAI, but a member's host key is (group, next hop): changing it
    // names another member (issue 9: host key = f(attributes)).
    const f = fixture(under);
    const group = f.store
      .get('NEXT_HOP_GROUP')
      .setObject(
        { members: [{ nextHop: { rifId: f.ids.rif, ip: '10.0.0.9' }, weight: 1 }] },
        { type: 'DYNAMIC_UNORDERED_ECMP' },
      );
    const groupId = group.oid;
    const hk = { groupId, nextHopId: f.ids.nh1 };
    const members = f.store.get('NEXT_HOP_GROUP_MEMBER');
    const member = members.setObject(hk, { nextHopGroupId: groupId, nextHopId: f.ids.nh1 });
    const memberId = member.oid;
    f.nh1.release();
    f.recorder.take();
    expect(() => members.setObject(hk, { nextHopGroupId: groupId, nextHopId: f.ids.nh2 })).toThrow(
      expect.objectContaining({ kind: 'HostKeyMismatchError' }),
    );
    expect(f.recorder.take()).toEqual({});
    expect(f.adapter.get('NEXT_HOP_GROUP_MEMBER', memberId, [1])).toEqual([f.ids.nh1]);
    // The move: the new member first, then the old one goes, and with it the next hop only it held.
    const moved = members.setObject(
      { groupId, nextHopId: f.ids.nh2 },
      { nextHopGroupId: groupId, nextHopId: f.ids.nh2 },
    );
    member.release();
    expect(f.recorder.take()).toEqual({
      'create NEXT_HOP_GROUP_MEMBER': 1,
      'remove NEXT_HOP_GROUP_MEMBER': 1,
      'remove NEXT_HOP': 1,
    });
    moved.release();
    group.release();
    f.nh2.release();
    expect([f.live('NEXT_HOP_GROUP_MEMBER'), f.live('NEXT_HOP_GROUP'), f.live('NEXT_HOP')]).toEqual([0, 0, 0]);
  });
});
