/**
 * fast-check: random sequences of store operations (setObject, setObjects, release, releaseOrDefer,
 * retryPendingRemoves) over dependent types (router interface, next hop, group, member, route), each
 * with a random fault (the k-th adapter call of the operation fails, once or for the rest of the
 * operation), checked after every step against a model written independently of the store:
 *
 * - the model records, per object, what its last successful `setObject` gave it (what it names,
 *   its attributes); an operation that throws changes nothing in it;
 * - live objects = those reachable, through what they name, from the references the test holds and
 *   from the store's retry list (removes the adapter refused); nothing else may be live (no leak),
 *   and nothing reachable may be missing;
 * - every live object's attributes are the model's; store = adapter (objects and attributes); every
 *   reference count is accounted for (`consistency.ts`);
 * - a thrown error is typed; at the end, with faults cleared, a retry and the release of every
 *   reference leave nothing but the adapter's own objects.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { InstrumentedAdapter } from '../../src/adapter/index.js';
import type { SaiObject, SaiObjectRef } from '../../src/store/index.js';
import { SaiStatus } from '../../src/sai/index.js';
import { describeEachAdapter, type TestAdapter } from '../helpers/adapters.js';
import { makeStore } from '../helpers/l3.js';
import { keyText } from '../helpers/adapter-dump.js';
import { nonOwnedObjects, refCountDifferences, storeAdapterDifferences } from './consistency.js';

/**
 * A fault on one operation: its `at`-th adapter call fails; with `sticky`, when that call is a
 * remove, every later remove of that object in the operation fails too (an adapter that keeps
 * refusing it). A set whose undo fails as well is covered by the store's own tests.
 */
interface Fault {
  readonly at: number;
  readonly sticky: boolean;
}

type Cmd = { fault: Fault | undefined } & (
  | { k: 'rif'; port: number; mtu: number }
  | { k: 'nh'; rif: number; ip: number }
  | { k: 'group'; nhs: number[]; weights: number[] }
  | { k: 'member'; group: number; nh: number; weight: number }
  | { k: 'route'; prefix: number; target: number; kind: 'nh' | 'group' | 'drop' }
  | { k: 'routes'; prefixes: number[]; target: number }
  | { k: 'release'; i: number; defer: boolean }
  | { k: 'retry' }
);

/** Most operations make one to three calls: faults mostly at the first ones. */
const fault: fc.Arbitrary<Fault | undefined> = fc.option(
  fc.record({ at: fc.constantFrom(1, 1, 2, 3), sticky: fc.boolean() }),
  { freq: 2 },
);

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  // Releases cascade (and fail in the middle): more of them.
  {
    arbitrary: fc.record({ k: fc.constant('release' as const), i: fc.nat(60), defer: fc.boolean(), fault }),
    weight: 3,
  },
  fc.record({ k: fc.constant('rif' as const), port: fc.nat(2), mtu: fc.constantFrom(1500, 9100), fault }),
  fc.record({ k: fc.constant('nh' as const), rif: fc.nat(5), ip: fc.nat(3), fault }),
  fc.record({
    k: fc.constant('group' as const),
    nhs: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 3 }),
    weights: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
    fault,
  }),
  fc.record({
    k: fc.constant('member' as const),
    group: fc.nat(5),
    nh: fc.nat(7),
    weight: fc.integer({ min: 1, max: 3 }),
    fault,
  }),
  fc.record({
    k: fc.constant('route' as const),
    prefix: fc.nat(5),
    target: fc.nat(7),
    kind: fc.constantFrom('nh' as const, 'group' as const, 'drop' as const),
    fault,
  }),
  fc.record({
    k: fc.constant('routes' as const),
    prefixes: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 4 }),
    target: fc.nat(7),
    fault,
  }),
  fc.record({ k: fc.constant('retry' as const), fault }),
);

/** What the model knows of one object: its key, the keys of what it names, its attributes. */
interface MObj {
  readonly type: string;
  readonly names: readonly string[];
  readonly attrs: Readonly<Record<string, unknown>>;
}

/** One reference the test holds, with the model key of its object. */
interface Held {
  readonly key: string;
  readonly ref: SaiObjectRef;
}

const prefixOf = (p: number) => (p < 4 ? `10.${p}.0.0/16` : `2001:db8:${p}::/48`);

/** What the runs explored, for the coverage assertions. */
interface Seen {
  faults: number;
  errors: Record<string, number>;
  /** Steps after which the retry list was not empty. */
  pending: number;
  /** Successful operations over objects that already existed (updates, moves of what a route names). */
  updates: number;
}

function run(under: TestAdapter, cmds: Cmd[], seen: Seen) {
  const { adapter, store, vrId, ports } = makeStore(under, { ports: 3 });
  const model = new Map<string, MObj>();
  const held: Held[] = [];

  /**
   * Model keys by object id, kept after the object goes: a group's host key names next hops by
   * (rif id, ip), and may outlive them (a group does not hold what its key names).
   */
  const keyById = new Map<bigint, string>();
  const named = (oid: bigint): string => {
    const o = store.byOid(oid);
    return o ? keyOf(o) : keyById.get(oid)!;
  };
  /** The model key of a store object (by what it is: port, rif and ip, ...). */
  const keyOf = (o: SaiObject): string => {
    const k = keyOfObject(o);
    if (o.oid !== 0n) keyById.set(o.oid, k);
    return k;
  };
  const keyOfObject = (o: SaiObject): string => {
    const hk = o.hostKey as Record<string, unknown>;
    switch (o.objectType) {
      case 'ROUTER_INTERFACE':
        return `rif${ports.indexOf(hk.portId as bigint)}`;
      case 'NEXT_HOP':
        return `nh(${named(hk.rifId as bigint)},${hk.ip as string})`;
      case 'NEXT_HOP_GROUP':
        return `grp[${(hk.members as { nextHop: { rifId: bigint; ip: string }; weight: number }[])
          .map((m) => `nh(${named(m.nextHop.rifId)},${m.nextHop.ip})*${m.weight}`)
          .sort()
          .join(' ')}]`;
      case 'NEXT_HOP_GROUP_MEMBER':
        return `mem(${named(hk.groupId as bigint)},${named(hk.nextHopId as bigint)})`;
      case 'ROUTE_ENTRY':
        return `route(${hk.prefix as string})`;
      default:
        return `${o.objectType}?`;
    }
  };
  /** Live model keys of a type, in the order the test made them (the commands pick by index). */
  const liveOf = (type: string): { key: string; obj: SaiObject }[] => {
    const out: { key: string; obj: SaiObject }[] = [];
    for (const o of store.get(type as never))
      if (!(o as SaiObject).adapterOwned) out.push({ key: keyOf(o as SaiObject), obj: o as SaiObject });
    return out;
  };

  const check = (where: string) => {
    // Reachable from held references and the retry list, through what the model says each names.
    const roots = [
      ...held.map((h) => h.key),
      ...store.pendingRemoves.map((p) => {
        const o = store.get(p.objectType).find(p.hostKey as never) as SaiObject;
        return keyOf(o);
      }),
    ];
    const reach = new Set<string>();
    const visit = (k: string) => {
      if (reach.has(k)) return;
      reach.add(k);
      const m = model.get(k);
      expect(m, `${where}: ${k} is reachable but the model never made it`).toBeDefined();
      for (const d of m!.names) visit(d);
    };
    roots.forEach(visit);
    const live = new Map<string, SaiObject>();
    for (const type of ['ROUTER_INTERFACE', 'NEXT_HOP', 'NEXT_HOP_GROUP', 'NEXT_HOP_GROUP_MEMBER', 'ROUTE_ENTRY'])
      for (const { key, obj } of liveOf(type)) live.set(key, obj);
    expect([...live.keys()].sort(), `${where}: live objects = reachable ones`).toEqual([...reach].sort());
    // Attributes as the model's last successful setObject gave them.
    for (const [k, o] of live) {
      const m = model.get(k)!;
      const a = o.attributes as Record<string, unknown>;
      const got: Record<string, unknown> = {};
      for (const name of Object.keys(m.attrs)) {
        const v = a[name];
        got[name] = typeof v === 'bigint' ? (v === 0n ? null : keyOf(store.byOid(v)!)) : (v ?? null);
      }
      expect(got, `${where}: ${k} attributes`).toEqual(m.attrs);
    }
    expect(
      [
        ...storeAdapterDifferences(store, adapter),
        ...refCountDifferences(
          store,
          held.map((h) => ({ objectType: h.ref.objectType, hostKey: h.ref.hostKey })),
        ),
      ],
      where,
    ).toEqual([]);
  };

  /** Runs `fn` with `f` injected; returns the error it threw (typed), or undefined. */
  const faulted = (f: Fault | undefined, fn: () => void): unknown => {
    if (f) injectFault(adapter, f);
    try {
      fn();
      return undefined;
    } catch (e) {
      const kind = (e as { kind?: unknown }).kind;
      expect(typeof kind, `typed error: ${String(e)}`).toBe('string');
      seen.errors[kind as string] = (seen.errors[kind as string] ?? 0) + 1;
      return e;
    } finally {
      adapter.clearFaults();
    }
  };

  /** setObject through the model: on success the model takes `m` for `key` and a reference is held. */
  const set = (f: Fault | undefined, key: string, m: MObj, fn: () => SaiObjectRef) => {
    let ref: SaiObjectRef | undefined;
    const existed = liveOf(m.type).some((x) => x.key === key);
    if (faulted(f, () => void (ref = fn())) === undefined) {
      if (existed) seen.updates++;
      model.set(key, m);
      held.push({ key, ref: ref! });
    }
  };

  cmds.forEach((c, step) => {
    const where = `step ${step} ${JSON.stringify(c)}`;
    switch (c.k) {
      case 'rif': {
        const portId = ports[c.port];
        set(c.fault, `rif${c.port}`, { type: 'ROUTER_INTERFACE', names: [], attrs: { mtu: c.mtu } }, () =>
          store
            .get('ROUTER_INTERFACE')
            .setObject({ vrId, type: 'PORT', portId }, { virtualRouterId: vrId, type: 'PORT', portId, mtu: c.mtu }),
        );
        break;
      }
      case 'nh': {
        const rifs = liveOf('ROUTER_INTERFACE');
        if (rifs.length === 0) break;
        const rif = rifs[c.rif % rifs.length];
        const ip = `10.0.${c.rif % rifs.length}.${c.ip + 1}`;
        set(c.fault, `nh(${rif.key},${ip})`, { type: 'NEXT_HOP', names: [rif.key], attrs: {} }, () =>
          store
            .get('NEXT_HOP')
            .setObject({ rifId: rif.obj.oid, ip }, { type: 'IP', ip, routerInterfaceId: rif.obj.oid }),
        );
        break;
      }
      case 'group': {
        const nhs = liveOf('NEXT_HOP');
        if (nhs.length === 0) break;
        const picked = [...new Set(c.nhs.map((i) => nhs[i % nhs.length]))];
        const members = picked.map((nh, i) => ({
          nextHop: nh.obj.hostKey as { rifId: bigint; ip: string },
          weight: c.weights[i],
        }));
        const key = `grp[${picked
          .map((nh, i) => `${nh.key}*${c.weights[i]}`)
          .sort()
          .join(' ')}]`;
        set(c.fault, key, { type: 'NEXT_HOP_GROUP', names: [], attrs: {} }, () =>
          store.get('NEXT_HOP_GROUP').setObject({ members }, { type: 'DYNAMIC_UNORDERED_ECMP' }),
        );
        break;
      }
      case 'member': {
        const groups = liveOf('NEXT_HOP_GROUP');
        const nhs = liveOf('NEXT_HOP');
        if (groups.length === 0 || nhs.length === 0) break;
        const g = groups[c.group % groups.length];
        const nh = nhs[c.nh % nhs.length];
        set(
          c.fault,
          `mem(${g.key},${nh.key})`,
          { type: 'NEXT_HOP_GROUP_MEMBER', names: [g.key, nh.key], attrs: { weight: c.weight } },
          () =>
            store
              .get('NEXT_HOP_GROUP_MEMBER')
              .setObject(
                { groupId: g.obj.oid, nextHopId: nh.obj.oid },
                { nextHopGroupId: g.obj.oid, nextHopId: nh.obj.oid, weight: c.weight },
              ),
        );
        break;
      }
      case 'route': {
        const targets = c.kind === 'drop' ? [] : liveOf(c.kind === 'nh' ? 'NEXT_HOP' : 'NEXT_HOP_GROUP');
        const prefix = prefixOf(c.prefix);
        const t = targets.length === 0 ? undefined : targets[c.target % targets.length];
        set(
          c.fault,
          `route(${prefix})`,
          {
            type: 'ROUTE_ENTRY',
            names: t ? [t.key] : [],
            attrs: t ? { packetAction: null, nextHopId: t.key } : { packetAction: 'DROP', nextHopId: null },
          },
          () =>
            store
              .get('ROUTE_ENTRY')
              .setObject({ vrId, prefix }, t ? { nextHopId: t.obj.oid } : { packetAction: 'DROP' }),
        );
        break;
      }
      case 'routes': {
        const nhs = liveOf('NEXT_HOP');
        const t = nhs.length === 0 ? undefined : nhs[c.target % nhs.length];
        const items = c.prefixes.map(
          (p) =>
            [{ vrId, prefix: prefixOf(p) }, t ? { nextHopId: t.obj.oid } : { packetAction: 'DROP' as const }] as const,
        );
        let refs: SaiObjectRef[] = [];
        if (faulted(c.fault, () => void (refs = store.get('ROUTE_ENTRY').setObjects(items))) === undefined) {
          refs.forEach((ref, i) => {
            const key = `route(${prefixOf(c.prefixes[i])})`;
            model.set(key, {
              type: 'ROUTE_ENTRY',
              names: t ? [t.key] : [],
              attrs: t ? { packetAction: null, nextHopId: t.key } : { packetAction: 'DROP', nextHopId: null },
            });
            held.push({ key, ref });
          });
        }
        break;
      }
      case 'release': {
        if (held.length === 0) break;
        const i = c.i % held.length;
        const h = held[i];
        const err = faulted(c.fault, () => (c.defer ? h.ref.releaseOrDefer() : h.ref.release()));
        if (err === undefined) {
          held.splice(i, 1);
          expect(h.ref.released, where).toBe(true);
        } else {
          expect(c.defer, `${where}: releaseOrDefer threw ${String(err)}`).toBe(false);
          expect(h.ref.released, where).toBe(false);
        }
        break;
      }
      case 'retry': {
        const err = faulted(c.fault, () => store.retryPendingRemoves());
        if (err !== undefined) expect((err as { kind: string }).kind, where).toBe('PendingRemovesError');
        else expect(store.pendingRemoves, where).toEqual([]);
        break;
      }
    }
    if (c.fault) seen.faults++;
    if (store.pendingRemoves.length > 0) seen.pending++;
    check(where);
  });
  // Faults cleared: a retry and every release leave the adapter's own objects only.
  store.retryPendingRemoves();
  while (held.length > 0) held.pop()!.ref.release();
  expect(nonOwnedObjects(store, adapter)).toEqual([]);
  expect(store.pendingRemoves).toEqual([]);
  expect(store.get('VIRTUAL_ROUTER').find(null)!.refs).toBe(1);
  for (const p of store.get('PORT')) expect(p.refs).toBe(1);
}

/** The `at`-th call from now fails; with `sticky` and a remove, so does every later remove of that object. */
function injectFault(adapter: InstrumentedAdapter, f: Fault): void {
  let n = 0;
  let stuck: string | undefined;
  adapter.injectFault({
    when: (c) => {
      n++;
      const id = `${c.op} ${c.objectType} ${c.key === undefined ? '-' : keyText(c.key)}`;
      if (n === f.at) {
        if (f.sticky && c.op === 'remove') stuck = id;
        return true;
      }
      return stuck !== undefined && id === stuck;
    },
    status: SaiStatus.TABLE_FULL,
    times: Infinity,
  });
}

/** Runs per adapter (a vs run opens a fresh libsai switch). Sequences up to 40 operations. */
const NUM_RUNS = { fake: 250, vs: 80 } as const;

describeEachAdapter('store against a model, with faults (fast-check)', (under) => {
  it('random operations with random failures: typed errors, model = store = adapter, no leak, a retry converges', () => {
    const seen: Seen = { faults: 0, errors: {}, pending: 0, updates: 0 };
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 5, maxLength: 40 }), (cmds) => run(under, cmds, seen)),
      { numRuns: NUM_RUNS[under.name] },
    );
    console.info(`model with faults [${under.name}]: ${JSON.stringify(seen)}`);
    // The runs reached the states they are about: failed operations and refused removes.
    const n = NUM_RUNS[under.name];
    expect(seen.faults).toBeGreaterThan(n);
    expect(seen.errors.SaiStatusError ?? 0).toBeGreaterThan(n / 2);
    expect(seen.pending).toBeGreaterThan(n / 10);
  });
});
