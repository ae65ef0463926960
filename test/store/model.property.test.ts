/**
 * fast-check: random sequences of setObject and release over dependent types (router interface,
 * next hop, next hop group, member, route), checked against a simple model after every step:
 * the store holds exactly the objects reachable from the references callers hold, the adapter
 * holds exactly what the store holds, nothing leaks, and OBJECT_IN_USE never happens (any adapter
 * error fails the run).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { SaiObjectRef, SaiObject } from '../../src/store/index.js';
import type { SaiObjectType } from '../../src/sai/index.js';
import { describeEachAdapter, type TestAdapter } from '../helpers/adapters.js';
import { makeStore } from '../helpers/l3.js';
import { adapterKeySet, keyText } from '../helpers/snapshot.js';

type Cmd =
  | { k: 'rif'; port: number; mtu: number }
  | { k: 'nh'; rif: number; ip: number }
  | { k: 'group'; nhs: number[]; weights: number[] }
  | { k: 'route'; prefix: number; target: number; kind: 'nh' | 'group' | 'drop' }
  | { k: 'release'; i: number; twice: boolean };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ k: fc.constant('rif' as const), port: fc.nat(2), mtu: fc.constantFrom(1500, 9100) }),
  fc.record({ k: fc.constant('nh' as const), rif: fc.nat(5), ip: fc.nat(5) }),
  fc.record({
    k: fc.constant('group' as const),
    nhs: fc.uniqueArray(fc.nat(6), { minLength: 1, maxLength: 3 }),
    weights: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
  }),
  fc.record({
    k: fc.constant('route' as const),
    prefix: fc.nat(7),
    target: fc.nat(6),
    kind: fc.constantFrom('nh' as const, 'group' as const, 'drop' as const),
  }),
  fc.record({ k: fc.constant('release' as const), i: fc.nat(40), twice: fc.boolean() }),
);

const TYPES: SaiObjectType[] = [
  'ROUTER_INTERFACE',
  'NEXT_HOP',
  'NEXT_HOP_GROUP',
  'NEXT_HOP_GROUP_MEMBER',
  'ROUTE_ENTRY',
];

function run(under: TestAdapter, cmds: Cmd[]) {
  const { adapter, store, vrId, ports } = makeStore(under, { ports: 3 });
  const held: SaiObjectRef[] = [];
  const heldOf = (type: SaiObjectType) => held.filter((r) => r.objectType === type);

  const check = () => {
    // The model: the objects reachable from held references through the oids they name.
    const reachable = new Set<SaiObject>();
    const visit = (o: SaiObject | undefined) => {
      if (!o || reachable.has(o) || o.adapterOwned) return;
      reachable.add(o);
      for (const v of Object.values(o.attributes as Record<string, unknown>))
        if (typeof v === 'bigint') visit(store.byOid(v));
    };
    for (const r of held) visit(store.get(r.objectType).find(r.hostKey as never));
    for (const type of TYPES) {
      const inStore = [...store.get(type)];
      expect(
        inStore.filter((o) => !reachable.has(o)),
        `${type}: objects nothing holds`,
      ).toEqual([]);
      const live = adapterKeySet(adapter, type);
      expect(live.size, `${type}: adapter and store agree`).toBe(inStore.length);
      for (const o of inStore) {
        expect(live.has(keyText(o.adapterKey)), `${type} ${o.keyString} live in adapter`).toBe(true);
        expect(o.refs).toBeGreaterThan(0);
      }
    }
    for (const o of reachable) expect(store.get(o.objectType).find(o.hostKey as never)).toBe(o);
  };

  for (const c of cmds) {
    switch (c.k) {
      case 'rif':
        held.push(
          store
            .get('ROUTER_INTERFACE')
            .setObject(
              { vrId, type: 'PORT', portId: ports[c.port] },
              { virtualRouterId: vrId, type: 'PORT', portId: ports[c.port], mtu: c.mtu },
            ),
        );
        break;
      case 'nh': {
        const rifs = heldOf('ROUTER_INTERFACE');
        if (rifs.length === 0) break;
        const rifId = rifs[c.rif % rifs.length].oid;
        const ip = `10.0.${c.rif % rifs.length}.${c.ip + 1}`;
        held.push(store.get('NEXT_HOP').setObject({ rifId, ip }, { type: 'IP', ip, routerInterfaceId: rifId }));
        break;
      }
      case 'group': {
        const nhs = heldOf('NEXT_HOP');
        if (nhs.length === 0) break;
        const picked = [...new Set(c.nhs.map((i) => nhs[i % nhs.length]))];
        const members = picked.map((nh, i) => ({
          nextHop: nh.hostKey as { rifId: bigint; ip: string },
          weight: c.weights[i],
        }));
        const group = store.get('NEXT_HOP_GROUP').setObject({ members }, { type: 'DYNAMIC_UNORDERED_ECMP' });
        held.push(group);
        picked.forEach((nh, i) =>
          held.push(
            store
              .get('NEXT_HOP_GROUP_MEMBER')
              .setObject(
                { groupId: group.oid, nextHopId: nh.oid },
                { nextHopGroupId: group.oid, nextHopId: nh.oid, weight: c.weights[i] },
              ),
          ),
        );
        break;
      }
      case 'route': {
        const prefix = c.prefix < 4 ? `10.${c.prefix}.0.0/16` : `2001:db8:${c.prefix}::/48`;
        const targets = c.kind === 'drop' ? [] : heldOf(c.kind === 'nh' ? 'NEXT_HOP' : 'NEXT_HOP_GROUP');
        const attrs =
          targets.length === 0
            ? ({ packetAction: 'DROP' } as const)
            : { packetAction: 'FORWARD' as const, nextHopId: targets[c.target % targets.length].oid };
        held.push(store.get('ROUTE_ENTRY').setObject({ vrId, prefix }, attrs));
        break;
      }
      case 'release': {
        if (held.length === 0) break;
        const [ref] = held.splice(c.i % held.length, 1);
        ref.release();
        if (c.twice) ref.release();
        break;
      }
    }
    check();
  }
  while (held.length > 0) held.pop()!.release();
  for (const type of TYPES) {
    expect(store.get(type).size).toBe(0);
    expect(adapter.objectCount(type)).toBe(0);
  }
  const vr = store.get('VIRTUAL_ROUTER').find(null)!;
  expect(vr.refs).toBe(1);
  expect(store.get('PORT').find([1, 2, 3, 4])!.refs).toBe(1);
}

/** Runs per adapter (a vs run opens a fresh libsai switch; 300 of them take about a second). */
const NUM_RUNS = { fake: 300, vs: 300 } as const;

describeEachAdapter('store against a model (fast-check)', (under) => {
  it('random setObject / release sequences: store = model = adapter, no leaks, no OBJECT_IN_USE', () => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 60 }), (cmds) => run(under, cmds)),
      { numRuns: NUM_RUNS[under.name] },
    );
  });
});
