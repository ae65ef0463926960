/**
 * `acquireMany`: many objects of one type in one call, all or nothing. New host keys get
 * placeholders and are created through the adapter's bulk create where it has one (routes,
 * neighbors, next hop group members), in chunks; live ones are updated as `setObject` does. A
 * journal of what was created and updated undoes it all when an item fails; old dependencies are
 * released only once every item succeeded.
 */
import type { BulkCreateEntry } from '../adapter/adapter.js';
import { statusError } from '../adapter/status-error.js';
import { SaiStatus } from '../sai/status.js';
import type { SaiTraits } from '../traits/define.js';
import type { InferCreateAttributes, InferHostKey } from '../traits/infer.js';
import type { AttrRecord } from './attributes.js';
import type { StoreCore } from './context.js';
import { activate, createPlaceholder } from './create.js';
import { releaseObject } from './references.js';
import { SaiObject } from './sai-object.js';
import { commitUpdate, planUpdate, undoUpdate, writeUpdate, type UpdatePlan } from './update.js';
import type { StoreWrite } from './write.js';

/** One (host key, create attributes) pair for `setObjects`. */
export type SetObjectItem<T extends SaiTraits> = readonly [InferHostKey<T>, InferCreateAttributes<T>];

/** Options of `setObjects`. */
export interface SetObjectsOptions {
  /** Entries per bulk adapter call (default 8192). */
  readonly chunkSize?: number;
}

/** One more holder of a live object; the first after reload claims the warm boot handle instead. */
export function hold(obj: SaiObject): void {
  if (obj.warmBootHandle) obj.warmBootHandle = false;
  else obj.refs++;
}

/** See `SaiObjectStore.acquireMany`. */
export function acquireMany<T extends SaiTraits>(
  core: StoreCore<T>,
  items: readonly SetObjectItem<T>[],
  options: SetObjectsOptions,
): SaiObject<T>[] {
  const { objects, codec, ctx } = core;
  const n = items.length;
  const out: SaiObject<T>[] = new Array(n);
  const check = core.checkHostKey;
  // Phase 1: new host keys get a placeholder in the map (one lookup per item, and a repeat of a
  // host key within the batch finds it); live ones are updated after the creates.
  const created: SaiObject<T>[] = [];
  const createIdx: number[] = [];
  const laterIdx: number[] = [];
  const laterObj: SaiObject<T>[] = [];
  // The journal of updates, as parallel arrays: no closure per item on the replay path.
  const updated: SaiObject<T>[] = [];
  const plans: (UpdatePlan<T> | undefined)[] = [];
  const claimed: boolean[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const hk = items[i][0];
      if (check) check(hk, items[i][1] as AttrRecord);
      const t = objects.table(core.home.scopeOf(hk));
      const ks = core.home.keyOf(hk);
      const live = t.get(ks);
      if (live !== undefined) {
        laterIdx.push(i);
        laterObj.push(live);
        continue;
      }
      const obj = new SaiObject<T>(core.home, 0n, hk, codec.keep(items[i][1] as AttrRecord));
      obj.placeholder = true;
      t.set(ks, obj);
      created.push(obj);
      createIdx.push(i);
    }
    if (created.length > 0 && ctx.adapter.supportsBulk(core.traits.objectType)) {
      bulkCreate(core, items, created, createIdx, out, options.chunkSize ?? 8192);
    } else {
      for (let c = 0; c < created.length; c++) {
        createPlaceholder(core, created[c], items[createIdx[c]][1] as AttrRecord);
        created[c].refs = 1;
        out[createIdx[c]] = created[c];
      }
    }
    for (let l = 0; l < laterIdx.length; l++) {
      const i = laterIdx[l];
      const obj = laterObj[l];
      const plan = planUpdate(core, obj, items[i][1] as AttrRecord);
      if (plan) writeUpdate(core, plan);
      const wasHandle = obj.warmBootHandle;
      hold(obj);
      updated.push(obj);
      plans.push(plan);
      claimed.push(wasHandle);
      out[i] = obj;
    }
  } catch (e) {
    rollback(core, created, updated, plans, claimed);
    throw e;
  }
  for (let u = 0; u < plans.length; u++) {
    const plan = plans[u];
    if (plan) commitUpdate(core, plan);
  }
  return out;
}

/** Undoes a failed `acquireMany`: updates back in reverse, then the creates removed. */
function rollback<T extends SaiTraits>(
  core: StoreCore<T>,
  created: readonly SaiObject<T>[],
  updated: readonly SaiObject<T>[],
  plans: readonly (UpdatePlan<T> | undefined)[],
  claimed: readonly boolean[],
): void {
  for (let u = updated.length - 1; u >= 0; u--) {
    const obj = updated[u];
    if (claimed[u]) obj.warmBootHandle = true;
    else obj.refs--;
    const plan = plans[u];
    if (plan) undoUpdate(core, plan);
  }
  for (let c = created.length - 1; c >= 0; c--) {
    const obj = created[c];
    if (obj.placeholder) {
      core.objects.unreserve(obj);
      continue;
    }
    try {
      releaseObject(core, obj, true);
    } catch (e) {
      // Refused before the adapter (a plan, a write policy): the retry list takes the holder.
      core.ctx.pendingRemoves.add(obj as unknown as SaiObject, e);
    }
  }
}

/** Creates placeholders through the adapter's bulk API, in chunks. */
function bulkCreate<T extends SaiTraits>(
  core: StoreCore<T>,
  items: readonly SetObjectItem<T>[],
  created: readonly SaiObject<T>[],
  createIdx: readonly number[],
  out: SaiObject<T>[],
  chunkSize: number,
): void {
  const { ctx, traits, codec } = core;
  const { adapter } = ctx;
  const type = traits.objectType;
  for (let start = 0; start < created.length; start += chunkSize) {
    const end = Math.min(created.length, start + chunkSize);
    const entries: BulkCreateEntry[] = new Array(end - start);
    // The writes a watcher saw, so each create's id is reported against its own write.
    const writes: (StoreWrite & { op: 'create' })[] | undefined = ctx.watching ? new Array(end - start) : undefined;
    for (let j = start; j < end; j++) {
      const obj = created[j];
      if (writes) {
        const w = {
          op: 'create',
          objectType: type,
          hostKey: obj.hostKey,
          attributes: obj.attributes as AttrRecord,
        } as const;
        ctx.beforeWrite(w);
        writes[j - start] = w;
      }
      entries[j - start] = {
        key: traits.isEntry ? (obj.adapterKey as BulkCreateEntry['key']) : undefined,
        attrs: codec.createList(items[createIdx[j]][1] as AttrRecord),
      };
    }
    const result = adapter.bulkCreate(type, entries, 'stopOnError');
    let ok = 0;
    while (ok < result.statuses.length && result.statuses[ok] === 0) ok++;
    ctx.writes.create += ok;
    for (let j = start; j < end; j++) {
      const st = result.statuses[j - start];
      if (st !== 0) {
        // Name the entry that failed, not one a libsai that checks the batch first did not execute.
        let f = j - start;
        for (let k = f; k < result.statuses.length; k++) {
          const sk = result.statuses[k];
          if (sk !== 0 && sk !== SaiStatus.NOT_EXECUTED) {
            f = k;
            break;
          }
        }
        throw statusError('bulkCreate', type, entries[f].key ?? created[start + f].hostKey, result.statuses[f], {
          attrs: entries[f].attrs,
          bulkIndex: createIdx[start + f],
          library: adapter.library,
        });
      }
      const obj = created[j];
      activate(core, obj, result.ids[j - start]);
      if (writes) ctx.created(writes[j - start], obj.oid);
      obj.refs = 1;
      out[createIdx[j]] = obj;
    }
  }
}
