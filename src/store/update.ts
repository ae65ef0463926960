/**
 * Updating a live object: the attribute diff (which sets bring it to the caller's attributes) and
 * its execution as a journal that can be undone completely.
 *
 *   planUpdate   validates (unknown names, CREATE_ONLY) and computes the sets; nothing written.
 *   writeUpdate  holds what the new values name, then sets; a failing set undoes the earlier ones
 *                (values the store did not know are read back first, so they can be restored).
 *   commitUpdate drops the holds of the old values (a refused remove goes to the retry list).
 *   undoUpdate   after a written plan, when a later item of the same bulk call failed.
 *
 * New dependencies are held before old ones are released, so a set never meets an object that
 * the same update has just removed; the old ones stay held until the whole call succeeds.
 */
import { NOT_READ, saiValueEquals, type SaiValue } from '../sai/value.js';
import { fromSaiValue, toSaiValue, type AttrMeta, type SaiTraits } from '../traits/define.js';
import type { InferCreateAttributes } from '../traits/infer.js';
import { sameShape, type AttrRecord } from './attributes.js';
import type { StoreCore } from './context.js';
import { CreateOnlyAttributeError } from './errors.js';
import { forEachNamed, holdDependency, releaseDependency } from './references.js';
import type { SaiObject } from './sai-object.js';

/** One set of an update, or one adoption (`adopt`: a value taken without a write). */
interface Change {
  readonly meta: AttrMeta;
  /** The store-level value to write (or adopt). */
  readonly value: unknown;
  /** The value before (the store's, or its constant default); undefined when neither is known. */
  prev: unknown;
  /** True when `prev` is the store's own record (so the object holds what it names). */
  readonly prevHeld: boolean;
  /** True for a value the adapter could not read back (`NOT_READ`) and that is taken as given, unwritten. */
  readonly adopt?: boolean;
}

/** The sets that bring one object to new attributes. */
export interface UpdatePlan<T extends SaiTraits = SaiTraits> {
  readonly obj: SaiObject<T>;
  readonly old: InferCreateAttributes<T>;
  readonly next: InferCreateAttributes<T>;
  readonly changes: readonly Change[];
  /** True when a change is of an oid attribute (references move). */
  readonly moves: boolean;
}

/** The value an attribute has when left out: its constant default, else undefined. */
function effective(meta: AttrMeta, v: unknown): unknown {
  return v !== undefined ? v : meta.defaultValue;
}

/**
 * The sets that bring `obj` to `attrs`: one per settable attribute whose value differs (an
 * attribute left out goes back to its constant default; one without is kept as it is).
 *
 * An attribute the adapter could not read back (`NOT_READ`) is unknown, never its default: the
 * replay that claims a warm boot handle adopts the given value (the adapter kept what the last run
 * programmed); otherwise a settable one is written. A CREATE_ONLY one cannot be written: the given
 * value is adopted. An adopted value holds what it names, as a written one does.
 * @returns undefined when nothing is to be written or adopted (the cached attributes then take the
 *   caller's frozen object or new shape).
 * @throws UnknownAttributeError / CreateOnlyAttributeError; nothing changed.
 */
export function planUpdate<T extends SaiTraits>(
  core: StoreCore<T>,
  obj: SaiObject<T>,
  attrs: AttrRecord,
): UpdatePlan<T> | undefined {
  const old = obj.attributes as AttrRecord;
  // The same frozen object the store already keeps: nothing can differ.
  if (attrs === old) return undefined;
  const { traits, codec } = core;
  codec.checkNames(attrs);
  let changes: Change[] | undefined;
  let moves = false;
  let changedCreateOnly: string[] | undefined;
  for (const meta of traits.createOnly) {
    if (old[meta.name] === NOT_READ) {
      (changes ??= []).push({ meta, value: attrs[meta.name], prev: NOT_READ, prevHeld: false, adopt: true });
      if (meta.isReference) moves = true;
      continue;
    }
    const a = effective(meta, attrs[meta.name]);
    const b = effective(meta, old[meta.name]);
    if (!saiValueEquals(a as SaiValue, b as SaiValue)) (changedCreateOnly ??= []).push(meta.name);
  }
  if (changedCreateOnly) throw new CreateOnlyAttributeError(traits.objectType, obj.hostKey, changedCreateOnly);

  const adopt = obj.warmBootHandle;
  let keep: string[] | undefined;
  const settable = traits.settable;
  for (let i = 0; i < settable.length; i++) {
    const meta = settable[i];
    const given = attrs[meta.name];
    const hasConst = meta.defaultKind === 'const' || meta.defaultKind === 'empty';
    if (given === undefined && !hasConst) {
      // No constant default to go back to: the adapter keeps what it has, and so does the cache.
      if (old[meta.name] !== undefined) (keep ??= []).push(meta.name);
      continue;
    }
    const value = given !== undefined ? given : meta.defaultValue;
    const was = old[meta.name];
    if (was === NOT_READ) {
      (changes ??= []).push({ meta, value, prev: adopt ? NOT_READ : undefined, prevHeld: false, adopt });
      if (meta.isReference) moves = true;
      continue;
    }
    const prev = effective(meta, was);
    if (saiValueEquals(value as SaiValue, prev as SaiValue)) continue;
    (changes ??= []).push({ meta, value, prev, prevHeld: was !== undefined });
    if (meta.isReference) moves = true;
  }
  if (changes === undefined) {
    // Nothing to write. Keep the caller's frozen object (shared by its peers) or a new shape.
    if (Object.isFrozen(attrs) || !sameShape(old, attrs)) obj.attributes = codec.merged(attrs, old, keep);
    return undefined;
  }
  return { obj, old: old as InferCreateAttributes<T>, next: codec.merged(attrs, old, keep), changes, moves };
}

/**
 * Executes a plan: holds what the new values name, then one set per change. On success the cached
 * attributes are the new ones and the old values are still held (see `commitUpdate`).
 * @throws SaiStatusError / WritePolicyError from a get or set; the sets before it are undone, and
 *   store and adapter are as they were (but for a set whose undo the adapter refused too: the
 *   cache then records the value the adapter kept).
 */
export function writeUpdate<T extends SaiTraits>(core: StoreCore<T>, plan: UpdatePlan<T>): void {
  const { ctx, traits } = core;
  const { obj, changes } = plan;
  const type = traits.objectType;
  const key = obj.adapterKey;
  readUnknownPrev(core, plan);
  if (plan.moves) for (const c of changes) if (c.meta.isReference) forEachNamed(ctx, c.value, holdDependency);
  let done = 0;
  try {
    for (; done < changes.length; done++) {
      const c = changes[done];
      if (c.adopt) continue;
      if (ctx.watching)
        ctx.beforeWrite({ op: 'set', objectType: type, hostKey: obj.hostKey, attribute: c.meta.name, value: c.value });
      ctx.adapter.set(type, key, { id: c.meta.id, value: toSaiValue(c.meta, c.value) });
      ctx.writes.set++;
    }
  } catch (e) {
    rollback(core, plan, done);
    throw e;
  }
  obj.attributes = plan.next;
}

/** The call that wrote `plan` succeeded: the old values' holds go (refused removes to the retry list). */
export function commitUpdate<T extends SaiTraits>(core: StoreCore<T>, plan: UpdatePlan<T>): void {
  if (!plan.moves) return;
  for (const c of plan.changes) {
    if (c.meta.isReference && c.prevHeld) forEachNamed(core.ctx, c.prev, releaseDependency);
  }
}

/** Undoes a written plan (a later item of the same call failed): every set back, holds as before. */
export function undoUpdate<T extends SaiTraits>(core: StoreCore<T>, plan: UpdatePlan<T>): void {
  rollback(core, plan, plan.changes.length);
}

/**
 * Sets `changes[0..done)` back in reverse and puts the holds and the cache where the adapter is:
 * a change whose undo the adapter refused keeps its new value (and what it names).
 */
function rollback<T extends SaiTraits>(core: StoreCore<T>, plan: UpdatePlan<T>, done: number): void {
  const { ctx, traits } = core;
  const { obj, changes } = plan;
  const key = obj.adapterKey;
  let stuck: Set<Change> | undefined;
  for (let i = done - 1; i >= 0; i--) {
    const c = changes[i];
    if (c.adopt) continue;
    // A previous value nobody knows cannot be written back: the adapter keeps the new one.
    if (c.prev === undefined || c.prev === NOT_READ) {
      (stuck ??= new Set()).add(c);
      continue;
    }
    try {
      ctx.adapter.set(traits.objectType, key, { id: c.meta.id, value: toSaiValue(c.meta, c.prev) });
      ctx.writes.set++;
    } catch {
      (stuck ??= new Set()).add(c);
    }
  }
  if (plan.moves) {
    for (const c of changes) {
      if (!c.meta.isReference) continue;
      if (stuck?.has(c)) {
        if (c.prevHeld) forEachNamed(ctx, c.prev, releaseDependency);
      } else {
        forEachNamed(ctx, c.value, releaseDependency);
      }
    }
  }
  if (stuck) {
    const patched: AttrRecord = { ...(plan.old as AttrRecord) };
    for (const c of stuck) patched[c.meta.name] = c.value;
    obj.attributes = patched as InferCreateAttributes<T>;
  } else {
    obj.attributes = plan.old;
  }
}

/**
 * Reads back the values of attributes about to be set that the store does not know (no constant
 * default, never given), so a failure can restore them. One get, only in that case.
 */
function readUnknownPrev<T extends SaiTraits>(core: StoreCore<T>, plan: UpdatePlan<T>): void {
  let unknown: Change[] | undefined;
  for (const c of plan.changes) if (c.prev === undefined && !c.adopt) (unknown ??= []).push(c);
  if (!unknown) return;
  const values = core.ctx.adapter.get(
    core.traits.objectType,
    plan.obj.adapterKey,
    unknown.map((c) => c.meta.id),
  );
  unknown.forEach((c, i) => {
    const v = values[i];
    if (v !== undefined && v !== NOT_READ) c.prev = fromSaiValue(c.meta, v as SaiValue);
  });
}
