/**
 * reload reads entry types with one `bulkGet` per chunk when the adapter has it: the same store as
 * with single gets, missing entries counted, other statuses thrown.
 */
import { describe, expect, it } from 'vitest';
import { FakeSaiAdapter, InstrumentedAdapter, type SaiAdapter } from '../../src/adapter/index.js';
import { SaiStatus, SaiStatusError } from '../../src/sai/index.js';
import type { RouteEntryKey } from '../../src/sai/entry.js';
import { SaiStore } from '../../src/store/index.js';
import { reload } from '../../src/warmboot/index.js';
import { RELOAD_BULK_GET_CHUNK } from '../../src/warmboot/reload.js';

const ROUTES = RELOAD_BULK_GET_CHUNK + 100;

function populated() {
  const a = new FakeSaiAdapter({ ports: 4 });
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
  a.create('NEIGHBOR_ENTRY', { switchId: a.switchId, rifId: rif, ipAddress: '10.0.0.2' }, [
    { id: 0, value: '02:00:00:00:00:02' },
  ]);
  const keys: RouteEntryKey[] = [];
  for (let k = 0; k < ROUTES; k++) {
    keys.push({
      switchId: a.switchId,
      vrId: d.defaultVirtualRouterId,
      destination: `${20 + (k >> 16)}.${(k >> 8) & 255}.${k & 255}.0/24`,
    });
  }
  const r = a.bulkCreate(
    'ROUTE_ENTRY',
    keys.map((key, k) => ({ key, attrs: k % 2 ? [{ id: 2, value: nh }] : [{ id: 0, value: 0 }] })),
    'stopOnError',
  );
  expect(r.statuses.every((s) => s === 0)).toBe(true);
  return { a, keys };
}

/** The store's objects of a type as [key string, attributes]. */
function dump(store: SaiStore, type: 'ROUTE_ENTRY' | 'NEIGHBOR_ENTRY') {
  const out: [string, unknown][] = [];
  for (const o of store.get(type).values()) out.push([o.keyString, o.attributes]);
  return out.sort((x, y) => (x[0] < y[0] ? -1 : 1));
}

describe('reload with bulkGet', () => {
  it('reads entries in chunks and builds the same store as single gets', () => {
    const { a } = populated();
    const ia = new InstrumentedAdapter(a, { log: true });
    const bulkStore = new SaiStore(ia);
    const report = reload(bulkStore);
    expect(report.objects.ROUTE_ENTRY).toBe(ROUTES);
    expect(report.objects.NEIGHBOR_ENTRY).toBe(1);
    const routeGets = ia.callLog!.filter((c) => c.objectType === 'ROUTE_ENTRY' && c.op === 'get');
    expect(routeGets.length).toBe(ROUTES);
    expect(routeGets.every((c) => c.bulk)).toBe(true);
    // Object-id types keep single gets.
    expect(ia.callLog!.filter((c) => c.objectType === 'NEXT_HOP').every((c) => !c.bulk)).toBe(true);

    const noBulk: SaiAdapter = Object.create(a, { bulkGet: { value: undefined } }) as SaiAdapter;
    const singleStore = new SaiStore(noBulk);
    reload(singleStore);
    expect(dump(bulkStore, 'ROUTE_ENTRY')).toEqual(dump(singleStore, 'ROUTE_ENTRY'));
    expect(dump(bulkStore, 'NEIGHBOR_ENTRY')).toEqual(dump(singleStore, 'NEIGHBOR_ENTRY'));
  });

  it('counts an entry answered ITEM_NOT_FOUND as missing and throws for another status', () => {
    const { a, keys } = populated();
    const ia = new InstrumentedAdapter(a);
    const gone = JSON.stringify(keys[RELOAD_BULK_GET_CHUNK + 5], (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    const same = (key: unknown) => JSON.stringify(key, (_k, v) => (typeof v === 'bigint' ? String(v) : v)) === gone;
    ia.injectFault({ when: (c) => c.bulk && c.op === 'get' && same(c.key), status: SaiStatus.ITEM_NOT_FOUND });
    const report = reload(new SaiStore(ia));
    expect(report.objects.ROUTE_ENTRY).toBe(ROUTES - 1);
    expect(report.missing.ROUTE_ENTRY).toBe(1);

    ia.injectFault({ when: (c) => c.bulk && c.op === 'get' && same(c.key), status: SaiStatus.FAILURE });
    let thrown: unknown;
    try {
      reload(new SaiStore(ia));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SaiStatusError);
    expect((thrown as SaiStatusError).status).toBe(SaiStatus.FAILURE);
    expect((thrown as SaiStatusError).operation).toBe('get');
  });
});
