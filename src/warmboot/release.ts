/**
 * Releasing the warm boot handles nothing claimed (DESIGN.md rule 5): those objects are removed,
 * children before parents (types by falling rank; an object also keeps the objects it names until
 * it goes), so the adapter never sees OBJECT_IN_USE. Adapter-owned objects are never removed.
 */
import type { SaiObjectType } from '../sai/object-type.js';
import type { SaiStore } from '../store/sai-store.js';
import type { SaiObject } from '../store/sai-object.js';

/** Objects removed per type by `releaseUnclaimed`. */
export interface ReleaseReport {
  readonly removed: Partial<Record<SaiObjectType, number>>;
  readonly total: number;
}

/** The objects still held only by... their warm boot handle, i.e. not claimed by replay. */
export function unclaimed(store: SaiStore): SaiObject[] {
  const out: SaiObject[] = [];
  for (const os of store.stores()) for (const obj of os) if (obj.warmBootHandle) out.push(obj as SaiObject);
  return out;
}

/**
 * Drops every unclaimed warm boot handle; objects nothing else holds are removed from the adapter.
 * Every handle is dropped even when a remove fails: a refused remove (by the adapter, a write
 * policy or a plan) passes its handle to the store's retry list, which is retried at the end.
 * @throws PendingRemovesError when removes remain refused after that retry (every handle is
 *   gone; the objects are live in store and adapter, on the retry list; `removes[i].error` says
 *   why).
 */
export function releaseUnclaimed(store: SaiStore): ReleaseReport {
  const before = new Map<SaiObjectType, number>();
  for (const os of store.stores()) before.set(os.objectType, os.size);
  for (const os of [...store.stores()].reverse()) {
    const handles: SaiObject[] = [];
    for (const obj of os) if (obj.warmBootHandle) handles.push(obj as SaiObject);
    for (const obj of handles) {
      obj.warmBootHandle = false;
      os.releaseRef(obj, true);
    }
  }
  store.retryPendingRemoves();
  return countRemoved(store, before);
}

/** Removed = gone from the store (a refused remove leaves its object there). */
function countRemoved(store: SaiStore, before: ReadonlyMap<SaiObjectType, number>): ReleaseReport {
  const removed: Partial<Record<SaiObjectType, number>> = {};
  let total = 0;
  for (const os of store.stores()) {
    const n = (before.get(os.objectType) ?? 0) - os.size;
    if (n > 0) {
      removed[os.objectType] = n;
      total += n;
    }
  }
  return { removed, total };
}
