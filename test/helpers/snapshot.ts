/**
 * Snapshots of stores (`store-snapshot.ts`) and the check that an adapter holds what its store
 * holds, through the `SaiAdapter` interface only, so it holds on any adapter.
 */
import { expect } from 'vitest';
import type { SaiStore } from '../../src/store/index.js';
import type { SaiAdapter } from '../../src/adapter/index.js';
import { isSaiStatusError, NOT_READ, type AdapterKey, type SaiObjectType } from '../../src/sai/index.js';
import { adapterKeySet, keyText } from './adapter-dump.js';

export { snapshot, objectDifference } from './store-snapshot.js';
export { adapterKeySet, keyText } from './adapter-dump.js';

/** The adapter's keys of a type, or undefined when it cannot enumerate (NOT_IMPLEMENTED). */
function enumerated(adapter: SaiAdapter, type: SaiObjectType): Set<string> | undefined {
  try {
    return adapterKeySet(adapter, type);
  } catch (e) {
    if (isSaiStatusError(e) && e.statusName === 'NOT_IMPLEMENTED') return undefined;
    throw e;
  }
}

/**
 * Asserts the adapter holds exactly the store's objects, with the store's attribute values, through
 * the `SaiAdapter` interface only (`getObjectKeys`, `get`), so it holds on any adapter. An adapter
 * that cannot enumerate (a libsai whose `sai_get_object_key` is a stub) is checked one way only:
 * every store object is there with the store's values (a `get` of a missing one throws).
 */
export function expectAdapterMatchesStore(store: SaiStore, adapter: SaiAdapter): void {
  for (const os of store.stores()) {
    const type = os.traits.objectType;
    const live = enumerated(adapter, type);
    if (live) expect(live.size, `${type} count`).toBe(os.size);
    const metas = os.traits.attrList.filter((m) => m.mode !== 'readOnly');
    for (const o of os) {
      const key = o.adapterKey as AdapterKey;
      if (live) expect(live.has(keyText(key)), `${type} ${o.keyString} in adapter`).toBe(true);
      else adapter.get(type, key, []);
      const attrs = o.attributes as Record<string, unknown>;
      // An attribute the store could not read back is unknown to it: nothing to compare.
      const present = metas.filter((m) => attrs[m.name] !== undefined && attrs[m.name] !== NOT_READ);
      if (present.length === 0) continue;
      const got = adapter.get(
        type,
        key,
        present.map((m) => m.id),
      );
      present.forEach((meta, i) => {
        // Nor one the adapter cannot read (a libsai that answers some attributes NOT_IMPLEMENTED).
        if (got[i] === NOT_READ) return;
        const v = attrs[meta.name];
        const expected = meta.enumDef ? meta.enumDef.values[v as string] : v;
        expect(got[i], `${type} ${o.keyString} ${meta.name}`).toEqual(expected);
      });
    }
  }
}
