/**
 * Store hot path on the fake adapter: setObject create, no-op (same attributes) and update for N
 * route entries, against a raw Map doing the same key building, lookup and compare over the same
 * keys in the same run. Prints one JSON object; `ratio` = store time / baseline time.
 *
 *   npx tsx bench/store-routes.ts [N]      (default 1,000,000)
 */
import { FakeSaiAdapter } from '../src/adapter/index.js';
import { SaiStore } from '../src/store/index.js';

const N = Number(process.argv[2] ?? 1_000_000);

function prefixes(n: number): string[] {
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = `${16 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255}.0/24`;
  return out;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const ps = prefixes(N);
const adapter = new FakeSaiAdapter({ ports: 4 });
const store = new SaiStore(adapter);
store.loadAdapterOwned();
const vrId = adapter.switchDefaults().defaultVirtualRouterId;
const port = adapter.switchDefaults().portList[0];
const rif = store
  .get('ROUTER_INTERFACE')
  .setObject({ vrId, type: 'PORT', portId: port }, { virtualRouterId: vrId, type: 'PORT', portId: port });
const nh1 = store
  .get('NEXT_HOP')
  .setObject({ rifId: rif.oid, ip: '10.0.0.1' }, { type: 'IP', ip: '10.0.0.1', routerInterfaceId: rif.oid });
const nh2 = store
  .get('NEXT_HOP')
  .setObject({ rifId: rif.oid, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rif.oid });
const routes = store.get('ROUTE_ENTRY');

// Baseline: the same work with a raw Map (key string, lookup, compare/assign).
const base = new Map<string, { nextHopId: bigint }>();
const vrText = vrId.toString(16);
const baseline = {
  create: time(() => {
    for (let i = 0; i < N; i++) base.set(`${vrText}|${ps[i]}`, { nextHopId: nh1.oid });
  }),
  noop: time(() => {
    let same = 0;
    for (let i = 0; i < N; i++) if (base.get(`${vrText}|${ps[i]}`)!.nextHopId === nh1.oid) same++;
    if (same !== N) throw new Error('baseline');
  }),
  update: time(() => {
    for (let i = 0; i < N; i++) {
      const v = base.get(`${vrText}|${ps[i]}`)!;
      if (v.nextHopId !== nh2.oid) base.set(`${vrText}|${ps[i]}`, { nextHopId: nh2.oid });
    }
  }),
};

const refs: unknown[] = new Array(N);
// As the agent does: attribute objects are frozen and shared by every route with the same next hop.
const via1 = Object.freeze({ nextHopId: nh1.oid });
const via2 = Object.freeze({ nextHopId: nh2.oid });
const items = ps.map((prefix) => [Object.freeze({ vrId, prefix }), via1] as const);
const storeTimes = {
  create: time(() => {
    const r = routes.setObjects(items);
    for (let i = 0; i < N; i++) refs[i] = r[i];
  }),
  noop: time(() => {
    for (let i = 0; i < N; i++) routes.setObject(items[i][0], via1).release();
  }),
  update: time(() => {
    for (let i = 0; i < N; i++) routes.setObject(items[i][0], via2).release();
  }),
};
const w = adapter.countersOf('ROUTE_ENTRY');
if (w.create !== N || w.set !== N || w.remove !== 0) throw new Error(`unexpected writes ${JSON.stringify(w)}`);

const result = {
  bench: 'store-routes',
  routes: N,
  adapter: 'fake',
  phases: Object.fromEntries(
    (['create', 'noop', 'update'] as const).map((k) => [
      k,
      {
        ms: Math.round(storeTimes[k]),
        perSec: Math.round((N / storeTimes[k]) * 1000),
        baselineMs: Math.round(baseline[k]),
        ratio: Number((storeTimes[k] / baseline[k]).toFixed(2)),
      },
    ]),
  ),
  writes: w,
};
console.log(JSON.stringify(result, null, 2));
