/**
 * Snapshots of stores (`store-snapshot.ts`) and the check that an adapter holds what its store
 * holds, through the `SaiAdapter` interface only, so it holds on any adapter.
 */
import { expect } from 'vitest';
import type { SaiStore } from '../../src/store/index.js';
import type { SaiAdapter } from '../../src/adapter/index.js';
import type { AdapterKey } from '../../src/sai/index.js';
import { adapterKeySet, keyText } from './adapter-dump.js';

export { snapshot, objectDifference } from './store-snapshot.js';
export { adapterKeySet, keyText } from './adapter-dump.js';

/**
 * Asserts the adapter holds exactly the store's objects, with the store's attribute values, through
 * the `SaiAdapter` interface only (`getObjectKeys`, `get`), so it holds on any adapter.
 */
export function expectAdapterMatchesStore(store: SaiStore, adapter: SaiAdapter): void {
  for (const os of store.stores()) {
    const type = os.traits.objectType;
    const live = adapterKeySet(adapter, type);
    expect(live.size, `${type} count`).toBe(os.size);
    const metas = os.traits.attrList.filter((m) => m.mode !== 'readOnly');
    for (const o of os) {
      const key = o.adapterKey as AdapterKey;
      expect(live.has(keyText(key)), `${type} ${o.keyString} in adapter`).toBe(true);
      const attrs = o.attributes as Record<string, unknown>;
      const present = metas.filter((m) => attrs[m.name] !== undefined);
      if (present.length === 0) continue;
      const got = adapter.get(
        type,
        key,
        present.map((m) => m.id),
      );
      present.forEach((meta, i) => {
        const v = attrs[meta.name];
        const expected = meta.enumDef ? meta.enumDef.values[v as string] : v;
        expect(got[i], `${type} ${o.keyString} ${meta.name}`).toEqual(expected);
      });
    }
  }
}
