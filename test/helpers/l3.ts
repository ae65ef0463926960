/** A small L3 fixture on a fresh fake adapter: store with adapter-owned objects loaded, one rif. */
import { FakeSaiAdapter, type FakeSaiAdapterOptions } from '../../src/adapter/index.js';
import { SaiStore } from '../../src/store/index.js';

export function makeStore(options: FakeSaiAdapterOptions = {}) {
  const adapter = new FakeSaiAdapter(options);
  const store = new SaiStore(adapter);
  store.loadAdapterOwned();
  const defaults = adapter.switchDefaults();
  return { adapter, store, vrId: defaults.defaultVirtualRouterId, ports: defaults.portList };
}

export function makeL3(options: FakeSaiAdapterOptions = {}) {
  const base = makeStore(options);
  const rif = base.store.get('ROUTER_INTERFACE').setObject(
    { vrId: base.vrId, type: 'PORT', portId: base.ports[0] },
    {
      virtualRouterId: base.vrId,
      type: 'PORT',
      portId: base.ports[0],
      mtu: 9100,
      srcMacAddress: '02:00:00:00:00:01',
    },
  );
  base.adapter.resetCounters();
  return { ...base, rif, rifId: rif.oid };
}
