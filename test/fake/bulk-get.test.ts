/**
 * `bulkGet` on FakeSaiAdapter (per entry the single get's status and values, one numbered, logged,
 * counted and fault-injectable get per entry) and through InstrumentedAdapter (present only when
 * the wrapped adapter has it).
 */
import { describe, expect, it } from 'vitest';
import { FakeSaiAdapter, InstrumentedAdapter, type SaiAdapter } from '../../src/adapter/index.js';
import { attrStatus, SaiStatus, SaiStatusError } from '../../src/sai/index.js';
import type { AdapterKey, RouteEntryKey } from '../../src/sai/entry.js';
import type { SaiObjectType } from '../../src/sai/object-type.js';
import type { ReadValue } from '../../src/sai/value.js';

function setup(options: { log?: boolean } = {}) {
  const a = new FakeSaiAdapter({ ports: 4, log: options.log });
  const d = a.switchDefaults();
  const rif = a.create('ROUTER_INTERFACE', undefined, [
    { id: 0, value: d.defaultVirtualRouterId },
    { id: 1, value: 0 },
    { id: 2, value: d.portList[0] },
  ]);
  const nh = a.create('NEXT_HOP', undefined, [
    { id: 0, value: 0 },
    { id: 1, value: '10.0.0.2' },
    { id: 2, value: rif },
  ]);
  const route = (p: string): RouteEntryKey => ({
    switchId: a.switchId,
    vrId: d.defaultVirtualRouterId,
    destination: p,
  });
  const keys = [route('10.1.0.0/16'), route('10.2.0.0/16'), route('2001:db8::/32')];
  a.create('ROUTE_ENTRY', keys[0], [{ id: 2, value: nh }]);
  a.create('ROUTE_ENTRY', keys[1], [{ id: 0, value: 0 }]);
  a.create('ROUTE_ENTRY', keys[2], [
    { id: 2, value: nh },
    { id: 3, value: 7 },
  ]);
  return { a, d, rif, nh, keys, route };
}

function single(a: SaiAdapter, type: SaiObjectType, key: AdapterKey, ids: number[]): [number, ReadValue[]] {
  try {
    return [0, a.get(type, key, ids)];
  } catch (e) {
    if (!(e instanceof SaiStatusError)) throw e;
    return [e.status, []];
  }
}

const IDS = [0, 2, 3, 4];

describe('FakeSaiAdapter.bulkGet', () => {
  it('answers each entry as a single get, counting one get per successful entry', () => {
    const { a, keys, route, nh, rif } = setup();
    const asked = [keys[0], route('99.0.0.0/8'), keys[1], keys[2]];
    a.resetCounters();
    const r = a.bulkGet('ROUTE_ENTRY', asked, IDS);
    expect([...r.statuses]).toEqual([0, SaiStatus.ITEM_NOT_FOUND, 0, 0]);
    expect(r.values).toEqual([[1, nh, 0, 0], [], [0, 0n, 0, 0], [1, nh, 7, 1]]);
    expect(a.countersOf('ROUTE_ENTRY').get).toBe(3);
    for (let i = 0; i < asked.length; i++) {
      const [st, v] = single(a, 'ROUTE_ENTRY', asked[i], IDS);
      expect([r.statuses[i], r.values[i]]).toEqual([st, v]);
    }
    // Object-id types too; an unknown attribute fails its entries with the index.
    const o = a.bulkGet('ROUTER_INTERFACE', [rif, 12345n], [0, 999]);
    expect([...o.statuses]).toEqual([attrStatus('UNKNOWN_ATTRIBUTE', 1), SaiStatus.INVALID_OBJECT_ID]);
  });

  it('numbers, logs and fault-injects each entry', () => {
    const { a, keys } = setup({ log: true });
    a.injectFault({ nth: 2, status: SaiStatus.FAILURE });
    const r = a.bulkGet('ROUTE_ENTRY', keys, IDS);
    expect([...r.statuses]).toEqual([0, SaiStatus.FAILURE, 0]);
    expect(r.values[1]).toEqual([]);
    const log = a.callLog!.slice(-3);
    expect(log.map((c) => [c.op, c.bulk, c.status])).toEqual([
      ['get', true, 0],
      ['get', true, SaiStatus.FAILURE],
      ['get', true, 0],
    ]);
    a.injectFault({ when: (c) => c.op === 'get' && c.bulk, status: SaiStatus.ITEM_NOT_FOUND, times: Infinity });
    expect([...a.bulkGet('ROUTE_ENTRY', keys, IDS).statuses]).toEqual(keys.map(() => SaiStatus.ITEM_NOT_FOUND));
    a.clearFaults();
    a.shutdown({ warm: false });
    expect(() => a.bulkGet('ROUTE_ENTRY', keys, IDS)).toThrow(SaiStatusError);
  });
});

describe('InstrumentedAdapter.bulkGet', () => {
  it('forwards only when the wrapped adapter has it', () => {
    const { a } = setup();
    const plain: SaiAdapter = Object.create(a, { bulkGet: { value: undefined } }) as SaiAdapter;
    expect(new InstrumentedAdapter(plain).bulkGet).toBeUndefined();
    expect(typeof new InstrumentedAdapter(a).bulkGet).toBe('function');
  });

  it('counts, logs and fault-injects per entry, the rest in one call', () => {
    const { a, keys, route, nh } = setup();
    const ia = new InstrumentedAdapter(a, { log: true });
    const asked = [keys[0], route('99.0.0.0/8'), keys[1], keys[2]];
    const r = ia.bulkGet!('ROUTE_ENTRY', asked, IDS);
    expect([...r.statuses]).toEqual([0, SaiStatus.ITEM_NOT_FOUND, 0, 0]);
    expect(r.values[0]).toEqual([1, nh, 0, 0]);
    expect(ia.countersOf('ROUTE_ENTRY').get).toBe(3);
    expect(ia.callLog!.map((c) => [c.op, c.bulk, c.status])).toEqual([
      ['get', true, 0],
      ['get', true, SaiStatus.ITEM_NOT_FOUND],
      ['get', true, 0],
      ['get', true, 0],
    ]);
    ia.resetCounters();
    ia.injectFault({ nth: 3, status: SaiStatus.FAILURE });
    const f = ia.bulkGet!('ROUTE_ENTRY', asked, IDS);
    expect([...f.statuses]).toEqual([0, SaiStatus.ITEM_NOT_FOUND, SaiStatus.FAILURE, 0]);
    expect(f.values[2]).toEqual([]);
    expect(f.values[3]).toEqual([1, nh, 7, 1]);
    expect(ia.countersOf('ROUTE_ENTRY').get).toBe(2);
  });
});
