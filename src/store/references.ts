/**
 * References between objects and their release (DESIGN.md rule 2): an object holds one reference
 * on every object its entry key (`HostKeySpec.parent`) and oid attributes name, taken when it
 * becomes live and dropped when it is removed, so a parent is never removed before its children.
 *
 * Release is exception safe by construction: an object's holder is dropped only when its own
 * remove succeeded (or was not needed); from then on the release has happened, and the cascade
 * over what it named cannot fail: a dependency whose remove the adapter refuses passes its
 * holder to the retry list (`PendingRemoves`) and the rest of the cascade still runs.
 */
import type { SaiTraits } from '../traits/define.js';
import type { AttrRecord } from './attributes.js';
import type { StoreContext, StoreCore } from './context.js';
import { ReferenceCountError } from './errors.js';
import type { SaiObject } from './sai-object.js';

/** Calls `fn` for every store object that `obj`'s entry parent and `attrs`' oid attributes name. */
export function forEachDependency<T extends SaiTraits>(
  core: StoreCore<T>,
  obj: SaiObject<T>,
  attrs: AttrRecord,
  fn: (ctx: StoreContext, d: SaiObject) => void,
): void {
  const { traits, ctx } = core;
  if (traits.hostKey.parent) {
    // An entry's parent is its key's scope.
    const p = ctx.byOid(obj.scope);
    if (p) fn(ctx, p);
  }
  const refs = traits.references;
  for (let i = 0; i < refs.length; i++) {
    const v = attrs[refs[i].name];
    // An unread value (`NOT_READ`) names nothing the object holds.
    if (v !== undefined && v !== 0n) forEachNamed(ctx, v, fn);
  }
}

/** Calls `fn` for every store object an attribute value (oid or oid list) names. */
export function forEachNamed(ctx: StoreContext, v: unknown, fn: (ctx: StoreContext, d: SaiObject) => void): void {
  if (typeof v === 'bigint') {
    if (v === 0n) return;
    const d = ctx.byOid(v);
    if (d) fn(ctx, d);
  } else if (Array.isArray(v)) {
    for (const oid of v as readonly bigint[]) {
      const d = ctx.byOid(oid);
      if (d) fn(ctx, d);
    }
  }
}

/** One more holder of a dependency. */
export function holdDependency(_ctx: StoreContext, d: SaiObject): void {
  d.refs++;
}

/**
 * Drops a dependency's holder, never throwing: the dependent's release has already happened, so
 * a dependency the adapter (or a write policy) refuses to remove goes to the retry list.
 */
export function releaseDependency(ctx: StoreContext, d: SaiObject): void {
  try {
    d.home.releaseRef(d, true);
  } catch (e) {
    ctx.pendingRemoves.add(d, e);
  }
}

/**
 * Drops one holder of `obj`. The last one removes it from the adapter, then it leaves the store
 * and drops its holds on what it names (which may remove those in turn, children before parents).
 * @param defer when the remove is refused (by the adapter, a write policy or a watcher), pass the
 *   holder to the retry list instead of throwing; the release then has happened as far as the
 *   caller is concerned (the refusal surfaces from `SaiStore.retryPendingRemoves`).
 * @throws ReferenceCountError when `obj` has no holder left (a caller's bookkeeping error).
 * @throws SaiStatusError / WritePolicyError / a watcher's error (without `defer`) when the remove
 *   is refused: the holder is kept and nothing changed.
 */
export function releaseObject<T extends SaiTraits>(core: StoreCore<T>, obj: SaiObject<T>, defer: boolean): void {
  const { ctx, traits } = core;
  if (obj.refs <= 0 || obj.placeholder) throw new ReferenceCountError(traits.objectType, obj.hostKey);
  if (ctx.exited) return;
  if (obj.refs > 1) {
    obj.refs--;
    return;
  }
  try {
    if (ctx.watching) ctx.beforeWrite({ op: 'remove', objectType: traits.objectType, hostKey: obj.hostKey });
    ctx.adapter.remove(traits.objectType, obj.adapterKey);
  } catch (e) {
    if (!defer) throw e;
    ctx.pendingRemoves.add(obj as unknown as SaiObject, e);
    return;
  }
  ctx.writes.remove++;
  obj.refs = 0;
  forget(core, obj);
  forEachDependency(core, obj, obj.attributes as AttrRecord, releaseDependency);
}

/** Drops an object from the store without touching the adapter. */
export function forget<T extends SaiTraits>(core: StoreCore<T>, obj: SaiObject<T>): void {
  if (core.objects.remove(obj) && obj.oid !== 0n) core.ctx.unindexOid(obj.oid);
}
