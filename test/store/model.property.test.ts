/**
 * fast-check: random sequences of up to 60 setObject / release commands over dependent types
 * (router interface, next hop, next hop group, member, route), checked after every step against a
 * model written independently of the store: plain records of what exists, which attributes it
 * has, and what it names. An object exists while a reference callers hold reaches it, directly or
 * through the objects that name it. After each step:
 *
 * - the adapter (read through the SAI interface: `getObjectKeys`, `get` by SAI attribute id) holds
 *   exactly the model's objects of each type, each with the model's attribute values and the ids
 *   of the objects it names;
 * - `find(hostKey)` answers the objects the model says exist, and nothing else;
 * - no adapter call fails (OBJECT_IN_USE, or any other, fails the run).
 *
 * Sizes are explicit (`maxLength: 60`, `size: 'max'`) and the run counts the situations it is
 * meant to create (long sequences, updates of an object that alone holds what it names, moves,
 * weight changes, double releases) and asserts it created them.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { SaiObjectRef, SaiStore } from '../../src/store/index.js';
import type { AdapterKey, SaiObjectType } from '../../src/sai/index.js';
import { describeEachAdapter, type TestAdapter } from '../helpers/adapters.js';
import { makeStore } from '../helpers/l3.js';
import { keyText } from '../helpers/snapshot.js';

type Cmd =
  | { k: 'rif'; port: number; mtu: number }
  | { k: 'nh'; rif: number; ip: number }
  | { k: 'group'; nhs: number[]; weights: number[] }
  | { k: 'member'; group: number; nh: number; weight: number }
  | { k: 'route'; prefix: number; target: number; kind: 'nh' | 'group' | 'drop'; meta: number }
  | { k: 'release'; i: number; twice: boolean }
  /** A live route or member again, naming what it names, with another metadata or weight. */
  | { k: 'touch'; i: number }
  /** Callers let go of every reference they hold on what a live route or member names. */
  | { k: 'letGo'; i: number };

/** Commands, weighted so that releases and changes of live objects are frequent. */
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    arbitrary: fc.record({ k: fc.constant('rif' as const), port: fc.nat(2), mtu: fc.constantFrom(1500, 9100) }),
    weight: 1,
  },
  { arbitrary: fc.record({ k: fc.constant('nh' as const), rif: fc.nat(5), ip: fc.nat(3) }), weight: 2 },
  {
    arbitrary: fc.record({
      k: fc.constant('group' as const),
      nhs: fc.uniqueArray(fc.nat(6), { minLength: 1, maxLength: 3, size: 'max' }),
      weights: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      k: fc.constant('member' as const),
      group: fc.nat(6),
      nh: fc.nat(6),
      weight: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      k: fc.constant('route' as const),
      prefix: fc.nat(5),
      target: fc.nat(6),
      kind: fc.constantFrom('nh' as const, 'group' as const, 'drop' as const),
      meta: fc.nat(1),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ k: fc.constant('release' as const), i: fc.nat(40), twice: fc.boolean() }), weight: 5 },
  {
    arbitrary: fc.record({
      k: fc.constant('touch' as const),
      i: fc.nat(40),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ k: fc.constant('letGo' as const), i: fc.nat(40) }), weight: 3 },
);

/** SAI attribute ids (SAI 1.18) the model checks, by type. */
const SAI = {
  ROUTER_INTERFACE: { MTU: 10 },
  NEXT_HOP: { ROUTER_INTERFACE_ID: 2 },
  NEXT_HOP_GROUP_MEMBER: { NEXT_HOP_GROUP_ID: 0, NEXT_HOP_ID: 1, WEIGHT: 2 },
  ROUTE_ENTRY: { PACKET_ACTION: 0, NEXT_HOP_ID: 2, META_DATA: 3 },
} as const;
const PACKET_ACTION = { DROP: 0, FORWARD: 1 } as const;

/** The types `touch` and `letGo` work on. */
const TOUCHED: readonly SaiObjectType[] = ['ROUTE_ENTRY', 'NEXT_HOP_GROUP_MEMBER'];

const TYPES: readonly SaiObjectType[] = [
  'ROUTER_INTERFACE',
  'NEXT_HOP',
  'NEXT_HOP_GROUP',
  'NEXT_HOP_GROUP_MEMBER',
  'ROUTE_ENTRY',
];

/** One object of the model. */
interface ModelObject {
  readonly type: SaiObjectType;
  /** The host key given to setObject (for `find`). */
  readonly hostKey: unknown;
  /** Expected SAI values by attribute id; model ids (`to` entries) stand for the ids of the objects they name. */
  attrs: Record<number, number | { to: string | null }>;
  /** Model ids of the objects it names (its references). */
  names: string[];
  /** Its object id, set when created (0n for a route). */
  oid: bigint;
  /** Its adapter key (routes). */
  key?: AdapterKey;
}

/** Situations the runs must create. */
interface Seen {
  runs: number;
  longRuns: number;
  soleHolderUpdates: number;
  moves: number;
  weightChanges: number;
  doubleReleases: number;
  cascades: number;
}

function run(under: TestAdapter, cmds: Cmd[], seen: Seen) {
  const { adapter, store, vrId, ports } = makeStore(under, { ports: 3 });
  // The model: objects by model id, and the references callers hold (model ids, with the refs).
  const objects = new Map<string, ModelObject>();
  const held: { id: string; ref: SaiObjectRef; released: boolean }[] = [];

  /** Model ids reachable from held references. */
  const live = (): Set<string> => {
    const out = new Set<string>();
    const visit = (id: string) => {
      if (out.has(id)) return;
      out.add(id);
      for (const n of objects.get(id)!.names) visit(n);
    };
    for (const h of held) if (!h.released) visit(h.id);
    return out;
  };
  /** Who holds `id`: callers' references, and objects that name it. */
  const holders = (id: string, alive: Set<string>) =>
    held.filter((h) => !h.released && h.id === id).length +
    [...alive].filter((o) => objects.get(o)!.names.includes(id)).length;

  const heldOf = (type: SaiObjectType) =>
    held.filter((h) => !h.released && objects.get(h.id)!.type === type).map((h) => h.id);

  /** setObject through the store, mirrored in the model. */
  const set = (
    id: string,
    type: SaiObjectType,
    hostKey: unknown,
    attrs: Record<string, unknown>,
    expected: ModelObject['attrs'],
    names: string[],
  ) => {
    const before = live();
    const existed = before.has(id);
    const prev = existed ? objects.get(id)! : undefined;
    if (prev) {
      const changed = JSON.stringify(prev.attrs) !== JSON.stringify(expected);
      if (changed && prev.names.some((n) => holders(n, before) === 1)) seen.soleHolderUpdates++;
      if (changed && JSON.stringify(prev.names) !== JSON.stringify(names)) seen.moves++;
    }
    const ref = (store.get(type) as unknown as { setObject(h: unknown, a: unknown): SaiObjectRef }).setObject(
      hostKey,
      attrs,
    );
    const o: ModelObject = prev ?? { type, hostKey, attrs: expected, names, oid: ref.oid };
    o.attrs = expected;
    o.names = names;
    if (!existed) {
      o.oid = ref.oid;
      if (type === 'ROUTE_ENTRY')
        o.key = { switchId: adapter.switchId, vrId, destination: (hostKey as { prefix: string }).prefix };
    }
    objects.set(id, o);
    held.push({ id, ref, released: false });
    return o;
  };

  const check = () => {
    const alive = live();
    for (const type of TYPES) {
      const want = [...alive].filter((id) => objects.get(id)!.type === type);
      const keys = adapter.getObjectKeys(type);
      expect(keys.length, `${type}: objects in the adapter`).toBe(want.length);
      const present = new Set(keys.map(keyText));
      for (const id of want) {
        const o = objects.get(id)!;
        const key = o.key ?? o.oid;
        expect(present.has(keyText(key)), `${id} in the adapter`).toBe(true);
        const ids = Object.keys(o.attrs).map(Number);
        if (ids.length > 0) {
          const got = adapter.get(type, key, ids);
          const exp = ids.map((a) => {
            const v = o.attrs[a];
            return typeof v === 'number' ? v : v.to === null ? 0n : objects.get(v.to)!.oid;
          });
          expect(got, `${id} attributes ${ids}`).toEqual(exp);
        }
        expect(store.get(type).find(o.hostKey as never), `${id} found`).toBeDefined();
      }
    }
    for (const [id, o] of objects) {
      if (!alive.has(id)) expect(store.get(o.type).find(o.hostKey as never), `${id} gone`).toBeUndefined();
    }
  };

  for (const c of cmds) {
    switch (c.k) {
      case 'rif': {
        const portId = ports[c.port];
        set(
          `rif:${c.port}`,
          'ROUTER_INTERFACE',
          { vrId, type: 'PORT', portId },
          { virtualRouterId: vrId, type: 'PORT', portId, mtu: c.mtu },
          { [SAI.ROUTER_INTERFACE.MTU]: c.mtu },
          [],
        );
        break;
      }
      case 'nh': {
        const rifs = heldOf('ROUTER_INTERFACE');
        if (rifs.length === 0) break;
        const rif = rifs[c.rif % rifs.length];
        const rifId = objects.get(rif)!.oid;
        const ip = `10.0.${rif.slice(4)}.${c.ip + 1}`;
        // Model ids follow the host keys, which name objects by their SAI ids.
        set(
          `nh:${rifId}:${ip}`,
          'NEXT_HOP',
          { rifId, ip },
          { type: 'IP', ip, routerInterfaceId: rifId },
          { [SAI.NEXT_HOP.ROUTER_INTERFACE_ID]: { to: rif } },
          [rif],
        );
        break;
      }
      case 'group': {
        const nhs = heldOf('NEXT_HOP');
        if (nhs.length === 0) break;
        const picked = [...new Set(c.nhs.map((i) => nhs[i % nhs.length]))];
        const members = picked.map((nh, i) => ({
          nextHop: objects.get(nh)!.hostKey as { rifId: bigint; ip: string },
          weight: c.weights[i],
        }));
        const id = `group:${members
          .map((m) => `${m.nextHop.rifId}/${m.nextHop.ip}*${m.weight}`)
          .sort()
          .join(',')}`;
        set(id, 'NEXT_HOP_GROUP', { members }, { type: 'DYNAMIC_UNORDERED_ECMP' }, {}, []);
        break;
      }
      case 'member': {
        const groups = heldOf('NEXT_HOP_GROUP');
        const nhs = heldOf('NEXT_HOP');
        if (groups.length === 0 || nhs.length === 0) break;
        const group = groups[c.group % groups.length];
        const nh = nhs[c.nh % nhs.length];
        const groupId = objects.get(group)!.oid;
        const nextHopId = objects.get(nh)!.oid;
        const id = `member:${groupId}:${nextHopId}`;
        const before = objects.get(id);
        if (before && live().has(id) && before.attrs[SAI.NEXT_HOP_GROUP_MEMBER.WEIGHT] !== c.weight)
          seen.weightChanges++;
        set(
          id,
          'NEXT_HOP_GROUP_MEMBER',
          { groupId, nextHopId },
          { nextHopGroupId: groupId, nextHopId, weight: c.weight },
          {
            [SAI.NEXT_HOP_GROUP_MEMBER.NEXT_HOP_GROUP_ID]: { to: group },
            [SAI.NEXT_HOP_GROUP_MEMBER.NEXT_HOP_ID]: { to: nh },
            [SAI.NEXT_HOP_GROUP_MEMBER.WEIGHT]: c.weight,
          },
          [group, nh],
        );
        break;
      }
      case 'route': {
        const prefix = c.prefix < 3 ? `10.${c.prefix}.0.0/16` : `2001:db8:${c.prefix}::/48`;
        const targets = c.kind === 'drop' ? [] : heldOf(c.kind === 'nh' ? 'NEXT_HOP' : 'NEXT_HOP_GROUP');
        const target = targets.length === 0 ? undefined : targets[c.target % targets.length];
        const attrs = target
          ? { packetAction: 'FORWARD' as const, nextHopId: objects.get(target)!.oid, metaData: c.meta }
          : { packetAction: 'DROP' as const, metaData: c.meta };
        const R = SAI.ROUTE_ENTRY;
        set(
          `route:${prefix}`,
          'ROUTE_ENTRY',
          { vrId, prefix },
          attrs,
          {
            [R.PACKET_ACTION]: target ? PACKET_ACTION.FORWARD : PACKET_ACTION.DROP,
            [R.NEXT_HOP_ID]: { to: target ?? null },
            [R.META_DATA]: c.meta,
          },
          target ? [target] : [],
        );
        break;
      }
      case 'touch': {
        const alive = [...live()].filter((id) => TOUCHED.includes(objects.get(id)!.type));
        if (alive.length === 0) break;
        const id = alive[c.i % alive.length];
        const o = objects.get(id)!;
        if (o.type === 'ROUTE_ENTRY') {
          const R = SAI.ROUTE_ENTRY;
          const target = o.names[0];
          const meta = 1 - (o.attrs[R.META_DATA] as number);
          const attrs = target
            ? { packetAction: 'FORWARD' as const, nextHopId: objects.get(target)!.oid, metaData: meta }
            : { packetAction: 'DROP' as const, metaData: meta };
          set(id, 'ROUTE_ENTRY', o.hostKey, attrs, { ...o.attrs, [R.META_DATA]: meta }, o.names);
        } else {
          const [group, nh] = o.names;
          const groupId = objects.get(group)!.oid;
          const nextHopId = objects.get(nh)!.oid;
          const weight = ((o.attrs[SAI.NEXT_HOP_GROUP_MEMBER.WEIGHT] as number) % 3) + 1;
          seen.weightChanges++;
          set(
            id,
            'NEXT_HOP_GROUP_MEMBER',
            o.hostKey,
            { nextHopGroupId: groupId, nextHopId, weight },
            { ...o.attrs, [SAI.NEXT_HOP_GROUP_MEMBER.WEIGHT]: weight },
            o.names,
          );
        }
        break;
      }
      case 'letGo': {
        const alive = [...live()].filter(
          (id) => objects.get(id)!.names.length > 0 && TOUCHED.includes(objects.get(id)!.type),
        );
        if (alive.length === 0) break;
        const names = objects.get(alive[c.i % alive.length])!.names;
        for (const h of held) {
          if (h.released || !names.includes(h.id)) continue;
          h.ref.release();
          h.released = true;
        }
        break;
      }
      case 'release': {
        const open = held.filter((h) => !h.released);
        if (open.length === 0) break;
        const h = open[c.i % open.length];
        const before = live();
        h.ref.release();
        h.released = true;
        if (c.twice) {
          h.ref.release();
          seen.doubleReleases++;
        }
        const after = live();
        if (before.size - after.size >= 2) seen.cascades++;
        break;
      }
    }
    check();
  }
  seen.runs++;
  if (cmds.length >= 40) seen.longRuns++;
  // Everything released at the end (cascades counted here too).
  for (const h of held) {
    if (h.released) continue;
    const before = live();
    h.ref.release();
    h.released = true;
    if (before.size - live().size >= 2) seen.cascades++;
  }
  for (const type of TYPES) expect(adapter.getObjectKeys(type), `${type} left`).toEqual([]);
  void (store as SaiStore);
}

/** Runs per adapter (a vs run opens a fresh libsai switch). */
const NUM_RUNS = { fake: 300, vs: 200 } as const;

describeEachAdapter('store against an independent model (fast-check)', (under) => {
  const seen: Seen = {
    runs: 0,
    longRuns: 0,
    soleHolderUpdates: 0,
    moves: 0,
    weightChanges: 0,
    doubleReleases: 0,
    cascades: 0,
  };

  it('random setObject / release sequences of up to 60 commands: adapter = model after every step, no leak, no adapter error', () => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 60, size: 'max' }), (cmds) => run(under, cmds, seen)),
      { numRuns: NUM_RUNS[under.name] },
    );
  });

  it('the runs created the situations they are meant to', () => {
    // fast-check counts the shrinking runs of a failure too; the property above is what failed then.
    expect(seen.runs).toBeGreaterThanOrEqual(NUM_RUNS[under.name]);
    // A tenth of the runs are long; each situation happens many times over the runs.
    expect(seen.longRuns, 'runs of 40 commands or more').toBeGreaterThanOrEqual(seen.runs / 10);
    // Each far more often than this (about a third of the mean over many runs of the suite).
    for (const k of ['doubleReleases', 'cascades'] as const) {
      expect(seen[k], k).toBeGreaterThanOrEqual(seen.runs / 10);
    }
    for (const k of ['moves', 'soleHolderUpdates', 'weightChanges'] as const) {
      expect(seen[k], k).toBeGreaterThanOrEqual(seen.runs / 50);
    }
  });
});
