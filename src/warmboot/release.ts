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
 * @throws SaiStatusError / WritePolicyError from a remove (the handles not yet dropped stay).
 */
export function releaseUnclaimed(store: SaiStore): ReleaseReport {
  const removed: Partial<Record<SaiObjectType, number>> = {};
  let total = 0;
  const stop = store.watchWrites({
    before: (w) => {
      if (w.op !== 'remove') return;
      removed[w.objectType] = (removed[w.objectType] ?? 0) + 1;
      total++;
    },
  });
  try {
    for (const os of [...store.stores()].reverse()) {
      const handles: SaiObject[] = [];
      for (const obj of os) if (obj.warmBootHandle) handles.push(obj as SaiObject);
      for (const obj of handles) {
        obj.warmBootHandle = false;
        try {
          os.releaseRef(obj);
        } catch (e) {
          obj.warmBootHandle = true;
          throw e;
        }
      }
    }
  } finally {
    stop();
  }
  return { removed, total };
}
