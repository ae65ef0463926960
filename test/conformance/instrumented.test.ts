/**
 * `InstrumentedAdapter` gives any adapter the fake's counters, call log and fault injection with
 * the fake's semantics: one scripted sequence of calls, with fault rules on single calls and on
 * bulk entries (both error modes), real failures mixed in, answers the same statuses, call log and
 * counters on the fake itself, on the instrumented fake, and on the instrumented FFI adapter over
 * libsaivs.
 */
import { expect, it } from 'vitest';
import type { CallCounters, FaultRule, SaiAdapter } from '../../src/adapter/index.js';
import { FakeSaiAdapter } from '../../src/adapter/index.js';
import { isSaiStatusError, SaiStatus, type RouteEntryKey } from '../../src/sai/index.js';
import { NextHopTraits, RouteEntryTraits, RouterInterfaceTraits } from '../../src/traits/index.js';
import { toSaiValue } from '../../src/traits/define.js';
import type { SaiAttribute } from '../../src/sai/index.js';
import { describeEachAdapter } from '../helpers/adapters.js';

/** What the script needs: the fake and the instrumented adapter both have it. */
type Counted = SaiAdapter & {
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  countersOf(t: 'ROUTE_ENTRY' | 'NEXT_HOP' | 'ROUTER_INTERFACE'): Readonly<CallCounters>;
  writes(): { create: number; set: number; remove: number; total: number };
  resetCounters(): void;
  objectCount(t: 'ROUTE_ENTRY'): number;
  readonly callLog:
    readonly { op: string; objectType: string; key: unknown; bulk: boolean; status: number }[] | undefined;
};

type Traits = typeof RouteEntryTraits | typeof NextHopTraits | typeof RouterInterfaceTraits;
function attrs(traits: Traits, values: Record<string, unknown>): SaiAttribute[] {
  return Object.entries(values).map(([name, v]) => {
    const meta = (traits.attrByName as ReadonlyMap<string, Parameters<typeof toSaiValue>[0]>).get(name)!;
    return { id: meta.id, value: toSaiValue(meta, v) };
  });
}

function statusName(status: number): string {
  return Object.entries(SaiStatus).find(([, v]) => v === status)?.[0] ?? String(status);
}

/** Runs the script; answers every outcome as text. */
function script(a: Counted): string[] {
  const out: string[] = [];
  const st = (label: string, fn: () => unknown) => {
    try {
      fn();
      out.push(`${label}: SUCCESS`);
    } catch (e) {
      if (!isSaiStatusError(e)) throw e;
      out.push(`${label}: ${e.statusName}`);
    }
  };
  const bulk = (label: string, statuses: Int32Array) =>
    out.push(`${label}: ${[...statuses].map(statusName).join(' ')}`);
  const d = a.switchDefaults();
  const vr = d.defaultVirtualRouterId;
  const route = (p: string): RouteEntryKey => ({ switchId: a.switchId, vrId: vr, destination: p });
  const rif = a.create(
    'ROUTER_INTERFACE',
    undefined,
    attrs(RouterInterfaceTraits, { virtualRouterId: vr, type: 'PORT', portId: d.portList[0] }),
  );
  const nh = a.create(
    'NEXT_HOP',
    undefined,
    attrs(NextHopTraits, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rif }),
  );
  const fwd = attrs(RouteEntryTraits, { nextHopId: nh });
  const nextHopIdAttr = fwd[0].id;
  const entries = (...p: string[]) => p.map((x) => ({ key: route(x), attrs: fwd }));

  // 1. nth counts calls from when the rule is added.
  a.injectFault({ nth: 2, status: SaiStatus.TABLE_FULL });
  st('create 10.1', () => a.create('ROUTE_ENTRY', route('10.1.0.0/16'), fwd));
  st('create 10.2 (2nd call)', () => a.create('ROUTE_ENTRY', route('10.2.0.0/16'), fwd));
  st('get 10.1', () => a.get('ROUTE_ENTRY', route('10.1.0.0/16'), [nextHopIdAttr]));

  // 2. nth on a bulk entry, STOP_ON_ERROR: the rest is NOT_EXECUTED.
  a.injectFault({ nth: 3, status: SaiStatus.TABLE_FULL });
  bulk(
    'bulk create stop, 3rd faulted',
    a.bulkCreate('ROUTE_ENTRY', entries('10.10.0.0/16', '10.11.0.0/16', '10.12.0.0/16', '10.13.0.0/16'), 'stopOnError')
      .statuses,
  );

  // 3. `when` on the entry key, twice, IGNORE_ERROR.
  a.injectFault({
    when: (c) => c.op === 'create' && (c.key as RouteEntryKey | undefined)?.destination?.startsWith('10.2') === true,
    status: SaiStatus.INSUFFICIENT_RESOURCES,
    times: 2,
  });
  bulk(
    'bulk create ignore, when x2',
    a.bulkCreate('ROUTE_ENTRY', entries('10.20.0.0/16', '10.21.0.0/16', '10.22.0.0/16', '10.23.0.0/16'), 'ignoreError')
      .statuses,
  );

  // 4. A real failure stops the bulk before the faulted entry; the entries it ran are numbered.
  a.injectFault({ nth: 3, status: SaiStatus.TABLE_FULL });
  bulk(
    'bulk create stop, real duplicate 2nd',
    a.bulkCreate('ROUTE_ENTRY', entries('10.30.0.0/16', '10.1.0.0/16', '10.31.0.0/16'), 'stopOnError').statuses,
  );
  st('create 10.32 (3rd call since the rule)', () => a.create('ROUTE_ENTRY', route('10.32.0.0/16'), fwd));
  st('create 10.32 again', () => a.create('ROUTE_ENTRY', route('10.32.0.0/16'), fwd));

  // 5. Bulk remove, IGNORE_ERROR: a faulted entry and a missing one.
  a.injectFault({
    when: (c) => c.op === 'remove' && (c.key as RouteEntryKey).destination === '10.11.0.0/16',
    status: SaiStatus.FAILURE,
  });
  bulk(
    'bulk remove ignore',
    a.bulkRemove(
      'ROUTE_ENTRY',
      ['10.10.0.0/16', '10.11.0.0/16', '10.99.0.0/16', '10.22.0.0/16'].map(route),
      'ignoreError',
    ),
  );

  // 6. Bulk set, STOP_ON_ERROR, the first entry faulted.
  const drop = attrs(RouteEntryTraits, { packetAction: 'DROP' })[0];
  a.injectFault({ nth: 1, status: SaiStatus.FAILURE });
  bulk(
    'bulk set stop, 1st faulted',
    a.bulkSet('ROUTE_ENTRY', [route('10.11.0.0/16'), route('10.23.0.0/16')], [drop, drop], 'stopOnError'),
  );
  bulk(
    'bulk set stop',
    a.bulkSet('ROUTE_ENTRY', [route('10.11.0.0/16'), route('10.23.0.0/16')], [drop, drop], 'stopOnError'),
  );

  // 7. Always, on one type's gets, until cleared.
  a.injectFault({
    when: (c) => c.op === 'get' && c.objectType === 'NEXT_HOP',
    status: SaiStatus.FAILURE,
    times: Infinity,
  });
  st('get nh', () => a.get('NEXT_HOP', nh, [1]));
  st('get nh', () => a.get('NEXT_HOP', nh, [1]));
  st('get route', () => a.get('ROUTE_ENTRY', route('10.1.0.0/16'), [nextHopIdAttr]));
  a.clearFaults();
  st('get nh after clear', () => a.get('NEXT_HOP', nh, [1]));

  // 8. Real failures pass through with their status.
  st('remove nh in use', () => a.remove('NEXT_HOP', nh));
  st('set missing route', () => a.set('ROUTE_ENTRY', route('10.98.0.0/16'), drop));

  for (const t of ['ROUTE_ENTRY', 'NEXT_HOP', 'ROUTER_INTERFACE'] as const)
    out.push(`${t}: ${JSON.stringify(a.countersOf(t))}`);
  out.push(`writes: ${JSON.stringify(a.writes())}`);
  out.push(`routes: ${a.objectCount('ROUTE_ENTRY')}`);
  return out;
}

/** The call log without ids: op, bulk, type, route prefix, status. */
function logText(a: Counted): string[] {
  return a.callLog!.map(
    (c) =>
      `${c.op}${c.bulk ? '(bulk)' : ''} ${c.objectType} ${(c.key as RouteEntryKey | undefined)?.destination ?? ''} ${statusName(c.status)}`,
  );
}

const fake = new FakeSaiAdapter({ ports: 8, log: true });
const reference = { outcomes: script(fake), log: logText(fake) };

it('the fake itself: the reference outcomes', () => {
  expect(reference.outcomes).toContain('create 10.2 (2nd call): TABLE_FULL');
  expect(reference.outcomes).toContain('bulk create stop, 3rd faulted: SUCCESS SUCCESS TABLE_FULL NOT_EXECUTED');
  expect(reference.outcomes).toContain(
    'bulk create ignore, when x2: INSUFFICIENT_RESOURCES INSUFFICIENT_RESOURCES SUCCESS SUCCESS',
  );
  expect(reference.outcomes).toContain(
    'bulk create stop, real duplicate 2nd: SUCCESS ITEM_ALREADY_EXISTS NOT_EXECUTED',
  );
  expect(reference.outcomes).toContain('create 10.32 (3rd call since the rule): TABLE_FULL');
  expect(reference.outcomes).toContain('bulk remove ignore: SUCCESS FAILURE ITEM_NOT_FOUND SUCCESS');
  expect(reference.outcomes).toContain('bulk set stop, 1st faulted: FAILURE NOT_EXECUTED');
  expect(reference.outcomes).toContain('remove nh in use: OBJECT_IN_USE');
});

describeEachAdapter('InstrumentedAdapter', (under) => {
  it('answers the statuses, call log and counters the fake answers for itself', () => {
    const a = under.open({ ports: 8, log: true });
    expect(script(a)).toEqual(reference.outcomes);
    expect(logText(a)).toEqual(reference.log);
    a.resetCounters();
    expect(a.writes().total).toBe(0);
    expect(a.callLog).toEqual([]);
  });

  it('a bulk call reaches the wrapped adapter as one call without faults, entry by entry with one', () => {
    const a = under.open({ ports: 4 });
    const calls: number[] = [];
    const inner = a.inner;
    const original = inner.bulkCreate.bind(inner);
    inner.bulkCreate = (t, e, m) => {
      calls.push(e.length);
      return original(t, e, m);
    };
    const vr = a.switchDefaults().defaultVirtualRouterId;
    const entries = (base: number) =>
      Array.from({ length: 10 }, (_, i) => ({
        key: { switchId: a.switchId, vrId: vr, destination: `${base}.${i}.0.0/16` },
        attrs: attrs(RouteEntryTraits, { packetAction: 'DROP' }),
      }));
    expect([...a.bulkCreate('ROUTE_ENTRY', entries(20), 'ignoreError').statuses].every((s) => s === 0)).toBe(true);
    expect(calls).toEqual([10]);
    calls.length = 0;
    a.injectFault({ nth: 3, status: SaiStatus.TABLE_FULL });
    const st = a.bulkCreate('ROUTE_ENTRY', entries(21), 'ignoreError').statuses;
    expect([...st].map(statusName)).toEqual([...Array(2).fill('SUCCESS'), 'TABLE_FULL', ...Array(7).fill('SUCCESS')]);
    // Two entries alone while the rule waits, the faulted one never sent, then the rest at once.
    expect(calls).toEqual([1, 1, 7]);
    expect(a.countersOf('ROUTE_ENTRY').create).toBe(19);
    expect(a.objectCount('ROUTE_ENTRY')).toBe(19);
    a.shutdown({ warm: false });
    expect(a.isShutDown).toBe(true);
  });
});
