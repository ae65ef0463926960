/** A small L3 fixture on a fresh adapter under test: store with adapter-owned objects loaded, one rif. */
import { SaiStore } from '../../src/store/index.js';
import type { OpenOptions, TestAdapter } from './adapters.js';

/** A fresh instrumented adapter of `under` and a store over it, adapter-owned objects loaded. */
export function makeStore(under: TestAdapter, options: OpenOptions = {}) {
  const adapter = under.open(options);
  const store = new SaiStore(adapter);
  store.loadAdapterOwned();
  const defaults = adapter.switchDefaults();
  return { adapter, store, vrId: defaults.defaultVirtualRouterId, ports: defaults.portList };
}

/** `makeStore` plus a port router interface on the first port (mtu 9100); counters zeroed. */
export function makeL3(under: TestAdapter, options: OpenOptions = {}) {
  const base = makeStore(under, options);
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
