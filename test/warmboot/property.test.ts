/**
 * fast-check: for random desired states A and B (ports, vlans with bridge ports, port and vlan
 * interfaces, IPv4 and IPv6 neighbors, routes that forward over weighted ECMP sets, drop or trap),
 * cold boot A, warm shutdown, warm boot into B. The oracle is a plain model of what the adapter
 * must hold (test/oracle/switch-model.ts), not a cold boot by the same code:
 *
 * - replaying B directly (plan first, then executed checked against it): the adapter holds the
 *   model of B, the writes (counted by our own recorder at the adapter) are the model's
 *   difference of A and B, and the plan is what was executed;
 * - replaying the saved ShutdownState under policy `fail`, then applying B: the replay writes
 *   nothing (so the saved state, weights included, decodes to what was programmed), and applying
 *   B writes the model's difference.
 *
 * Sizes are explicit (`maxLength` with `size: 'max'`), and each property counts the situations it
 * is meant to reach and asserts it reached them.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { NeighborConfig, RouterInterfaceConfig, SwitchState } from '../../src/agent/index.js';
import type { StoreWrite } from '../../src/store/index.js';
import { describeEachAdapter } from '../helpers/adapters.js';
import { stateDir } from '../helpers/agent.js';
import { expectAdapterMatchesStore } from '../helpers/snapshot.js';
import { adapterPicture } from '../oracle/adapter-picture.js';
import { boot, coldShutdown, recorded, warmShutdown } from '../oracle/boots.js';
import { WriteRecorder } from '../oracle/recorder.js';
import { buildState, type RouteSpec, type StateSpec } from '../oracle/states.js';
import { modelPicture, modelWrites, switchModel } from '../oracle/switch-model.js';

const PORTS = 4;
/** Port interfaces on ports 0 and 1; vlans use ports 2 and 3. */
const PORT_RIFS = [0, 1];
const VLAN_IDS = [100, 200];
const PREFIXES = [
  '10.0.0.0/8',
  '10.1.0.0/16',
  '10.1.2.0/24',
  '192.0.2.0/24',
  '198.51.100.0/24',
  '2001:db8::/32',
  '2001:db8:1::/48',
  '2001:db8:2::/48',
];

/** Every neighbor a state may have: two IPv4 and one IPv6 per interface (port 0, port 1, vlan 100). */
const NEIGHBORS: readonly NeighborConfig[] = [
  ...PORT_RIFS.flatMap((p) => [
    { rif: `Ethernet${p}`, ip: `100.64.${p}.10`, mac: `02:00:00:00:0${p}:0a` },
    { rif: `Ethernet${p}`, ip: `100.64.${p}.11`, mac: `02:00:00:00:0${p}:0b` },
    { rif: `Ethernet${p}`, ip: p === 0 ? 'fd00::a' : `fd00:0:0:${p}::a`, mac: `02:00:00:00:0${p}:6a` },
  ]),
  { rif: 'Vlan100', ip: '192.168.100.10', mac: '02:00:00:00:64:0a' },
  { rif: 'Vlan100', ip: 'fd00:0:0:64::a', mac: '02:00:00:00:64:6a' },
];

const V4_NEIGHBORS = NEIGHBORS.filter((n) => !n.ip.includes(':'));
const V6_NEIGHBORS = NEIGHBORS.filter((n) => n.ip.includes(':'));

const portArb = fc.option(
  fc.record({
    admin: fc.boolean(),
    mtu: fc.constantFrom(1500, 9100),
    speed: fc.constantFrom(40000, 100000),
  }),
  { nil: undefined },
);

const stateArb = fc
  .record({
    ports: fc.array(portArb, { minLength: PORTS, maxLength: PORTS }),
    vlans: fc.array(
      fc.option(
        fc.array(fc.tuple(fc.constantFrom(2, 3), fc.constantFrom('tagged' as const, 'untagged' as const)), {
          maxLength: 2,
          size: 'max',
        }),
        { nil: undefined },
      ),
      { minLength: VLAN_IDS.length, maxLength: VLAN_IDS.length },
    ),
    rifs: fc.subarray(['Ethernet0', 'Ethernet1', 'Vlan100'], { minLength: 2 }),
    rifMtu: fc.constantFrom(1500, 9100),
    neighbors: fc.subarray([...NEIGHBORS.keys()]),
    macFlip: fc.boolean(),
    routes: fc.uniqueArray(
      fc.record({
        prefix: fc.constantFrom(...PREFIXES),
        kind: fc.constantFrom('forward', 'forward', 'forward', 'drop', 'trap'),
        // Picks among the neighbors of the route's family (V4_NEIGHBORS / V6_NEIGHBORS, by index).
        hops: fc.uniqueArray(fc.nat(V4_NEIGHBORS.length - 1), { minLength: 2, maxLength: 4, size: 'max' }),
        weights: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }),
      }),
      { selector: (r) => r.prefix, maxLength: PREFIXES.length, size: 'max' },
    ),
  })
  .map((r): StateSpec => {
    const spec: StateSpec = {
      ports: Object.fromEntries(r.ports.flatMap((p, k) => (p ? [[k, p]] : []))),
      vlans: Object.fromEntries(
        r.vlans.flatMap((members, i) =>
          // A port is a member of a vlan once.
          members ? [[VLAN_IDS[i], [...new Map(members.map((m) => [m[0], m])).values()]]] : [],
        ),
      ),
      rifs: r.rifs.flatMap((name): RouterInterfaceConfig[] => {
        if (name === 'Vlan100') {
          if (!r.vlans[0]) return [];
          return [
            {
              name,
              vlan: 100,
              mac: '02:00:00:00:64:00',
              mtu: r.rifMtu,
              addresses: ['192.168.100.1/24', 'fd00:0:0:64::1/64'],
            },
          ];
        }
        const p = Number(name.slice(-1));
        return [
          {
            name,
            port: p,
            mac: `02:00:00:00:01:0${p}`,
            mtu: r.rifMtu,
            addresses: [`100.64.${p}.1/24`, p === 0 ? 'fd00::1/64' : `fd00:0:0:${p}::1/64`],
          },
        ];
      }),
    };
    const present = new Set(spec.rifs!.map((x) => x.name));
    const neighbors = r.neighbors
      .map((i) => NEIGHBORS[i])
      .filter((n) => present.has(n.rif))
      .map((n) => [n.rif, n.ip, r.macFlip ? n.mac.replace(/^02/, '06') : n.mac] as const);
    const routes: Record<string, RouteSpec> = {};
    for (const x of r.routes) {
      const v6 = x.prefix.includes(':');
      // Next hops of the route's family on interfaces that exist (resolved or not).
      const pool = v6 ? V6_NEIGHBORS : V4_NEIGHBORS;
      const hops = [...new Set(x.hops.map((i) => i % pool.length))]
        .map((i, j) => [pool[i], x.weights[j]] as const)
        .filter(([n]) => present.has(n.rif));
      if (x.kind === 'drop' || (x.kind === 'forward' && hops.length === 0)) routes[x.prefix] = 'drop';
      else if (x.kind === 'trap') routes[x.prefix] = 'trap';
      else routes[x.prefix] = hops.map(([n, w]) => [n.rif, n.ip, w] as const);
    }
    return { ...spec, neighbors, routes };
  });

/** Situations the properties must reach (counted over the runs; see the file comment). */
interface Seen {
  runs: number;
  weighted: number;
  unresolvedMember: number;
  multiMember: number;
  trap: number;
  drop: number;
  v6Forward: number;
  vlanRif: number;
  bridgePorts: number;
  portReset: number;
  groupsMoved: number;
  writes: number;
  /** Runs whose apply made and removed objects no state has (counted, not required). */
  churn: number;
}

function see(seen: Seen, a: SwitchState, b: SwitchState): void {
  seen.runs++;
  const forward = [b.routes.v4, b.routes.v6].flatMap((t) => [...t.entries()].map(([, x]) => x));
  const hops = forward.flatMap((x) => (x.kind === 'forward' ? x.nextHops : []));
  if (hops.some((h) => h.weight > 1)) seen.weighted++;
  if (hops.some((h) => !b.neighbors.has(`${h.rif}|${h.ip}`))) seen.unresolvedMember++;
  if (forward.some((x) => x.kind === 'forward' && x.nextHops.length >= 3)) seen.multiMember++;
  if (forward.some((x) => x.kind === 'trap')) seen.trap++;
  if (forward.some((x) => x.kind === 'drop')) seen.drop++;
  if ([...b.routes.v6.entries()].some(([, x]) => x.kind === 'forward')) seen.v6Forward++;
  if ([...b.routerInterfaces.values()].some((r) => r.vlan !== undefined)) seen.vlanRif++;
  if ([...b.vlans.values()].some((v) => v.members.length > 0)) seen.bridgePorts++;
  if ([...a.ports.keys()].some((k) => !b.ports.has(k))) seen.portReset++;
  const moved = (['v4', 'v6'] as const).flatMap((f) =>
    [...b.routes[f].entries()].filter(([p, x]) => {
      const y = a.routes[f].get(p);
      return y !== undefined && y.kind === 'forward' && x.kind === 'forward' && y !== x;
    }),
  );
  if (moved.length > 0) seen.groupsMoved++;
}

const emptySeen = (): Seen => ({
  runs: 0,
  weighted: 0,
  unresolvedMember: 0,
  multiMember: 0,
  trap: 0,
  drop: 0,
  v6Forward: 0,
  vlanRif: 0,
  bridgePorts: 0,
  portReset: 0,
  groupsMoved: 0,
  writes: 0,
  churn: 0,
});

/** Each situation in at least a tenth of the runs (each is far more frequent than that by construction). */
function expectReached(seen: Seen, except: readonly (keyof Seen)[] = []): void {
  for (const [k, n] of Object.entries(seen)) {
    if (k === 'runs' || k === 'churn' || except.includes(k as keyof Seen)) continue;
    expect(n, `${k}: reached in ${n} of ${seen.runs} runs`).toBeGreaterThanOrEqual(Math.ceil(seen.runs / 10));
  }
}

/** Runs per adapter and property (a vs run opens three libsai switches). */
const NUM_RUNS = { fake: 120, vs: 60 } as const;

describeEachAdapter('warm boot between random states, against a model (fast-check)', (under) => {
  const createAdapter = under.createAdapter(PORTS);

  const direct = emptySeen();
  it('replay B directly, planned: adapter = model(B), writes = model difference, plan = executed', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (specA, specB) => {
        const a = buildState(specA);
        const b = buildState(specB);
        const recorder = new WriteRecorder();
        const dir = stateDir();
        const cold = boot(recorded(createAdapter, recorder), a, { stateDir: dir });
        const modelA = switchModel(a, { ports: PORTS });
        expect(adapterPicture(cold.agent.adapter)).toEqual(modelPicture(modelA));
        warmShutdown(cold.agent, dir);
        recorder.take();
        const { agent, report } = boot(recorded(createAdapter, recorder), b, {
          stateDir: dir,
          replay: 'desired',
          replayPolicy: 'log',
          plan: true,
        });
        try {
          expect(report.bootType, report.coldReason).toBe('warm');
          const modelB = switchModel(b, { ports: PORTS, previous: a });
          expect(adapterPicture(agent.adapter)).toEqual(modelPicture(modelB));
          const diff = modelWrites(modelA, modelB);
          expect(recorder.totals()).toEqual(diff);
          expect(report.ops).toEqual(diff);
          expect(report.plan!.counts).toEqual(diff);
          // Planned creates name placeholders where the executed ones name real ids: compare the rest.
          const shape = (w: StoreWrite) => `${w.op} ${w.objectType}${w.op === 'set' ? ` ${w.attribute}` : ''}`;
          expect(report.plan!.ops.map((o) => shape(o.write))).toEqual(report.loggedWrites.map(shape));
          expectAdapterMatchesStore(agent.store, agent.adapter);
          see(direct, a, b);
          if (diff.create + diff.set + diff.remove > 0) direct.writes++;
        } finally {
          coldShutdown(agent);
        }
      }),
      { numRuns: NUM_RUNS[under.name] },
    );
  });

  const saved = emptySeen();
  it('replay the saved ShutdownState under policy fail, then apply B: zero replay writes, apply = model difference', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (specA, specB) => {
        const a = buildState(specA);
        const b = buildState(specB);
        const recorder = new WriteRecorder();
        const dir = stateDir();
        const cold = boot(recorded(createAdapter, recorder), a, { stateDir: dir });
        warmShutdown(cold.agent, dir);
        recorder.take();
        const { agent, report } = boot(recorded(createAdapter, recorder), b, { stateDir: dir });
        try {
          expect(report.bootType, report.coldReason).toBe('warm');
          expect(report.ops).toEqual({ create: 0, set: 0, remove: 0 });
          const modelA = switchModel(a, { ports: PORTS });
          const modelB = switchModel(b, { ports: PORTS, previous: a });
          expect(adapterPicture(agent.adapter)).toEqual(modelPicture(modelB));
          // Applying adds before it removes and moves routes one by one, so it may make and
          // remove an object no state has (a member for a next hop that comes, of a group that
          // goes; a group a moved route left, taken again by a later one). Sets are exact; every
          // extra create is undone by an extra remove.
          const diff = modelWrites(modelA, modelB);
          const w = recorder.totals();
          expect(w.set).toBe(diff.set);
          expect(w.create).toBeGreaterThanOrEqual(diff.create);
          expect(w.create - diff.create).toBe(w.remove - diff.remove);
          expect(report.applyOps).toEqual(w);
          if (w.create > diff.create) saved.churn++;
          see(saved, a, b);
          if (diff.create + diff.set + diff.remove > 0) saved.writes++;
        } finally {
          coldShutdown(agent);
        }
      }),
      { numRuns: NUM_RUNS[under.name] },
    );
  });

  it('the runs reached the situations they are meant to create', () => {
    expect(direct.runs).toBe(NUM_RUNS[under.name]);
    expect(saved.runs).toBe(NUM_RUNS[under.name]);
    expectReached(direct);
    expectReached(saved);
  });
});
