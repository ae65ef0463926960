import type { SaiTraits } from '../traits/define.js';
import type { InferCreateAttributes, InferHostKey } from '../traits/infer.js';
import { AttrCodec, formatAttrs, type AttrRecord } from './attributes.js';
import { acquireMany, hold, type SetObjectItem, type SetObjectsOptions } from './bulk.js';
import type { StoreContext, StoreCore } from './context.js';
import { createObject, insertLive } from './create.js';
import { NoSuchObjectError } from './errors.js';
import { hostKeyCheck } from './host-key-check.js';
import { ObjectMap } from './object-map.js';
import { SaiObjectRef, type RefReleaser } from './object-ref.js';
import { forget, releaseObject } from './references.js';
import type { ObjectHome, SaiObject } from './sai-object.js';
import { commitUpdate, planUpdate, writeUpdate } from './update.js';

export type { StoreContext } from './context.js';
export type { SetObjectItem, SetObjectsOptions } from './bulk.js';

/**
 * `SaiObjectStore<T>`: every live object of one SAI object type, keyed by AdapterHostKey and
 * reference counted (DESIGN.md, the store's rules 1-3 and 7).
 *
 * - `setObject(hostKey, attrs)` creates the object when its host key is not live; otherwise it
 *   compares attribute by attribute and writes only what differs. Equal values never reach the
 *   adapter. An optional settable attribute left out goes back to its SAI constant default.
 *   A changed CREATE_ONLY attribute throws `CreateOnlyAttributeError`, a host key its attributes
 *   do not give `HostKeyMismatchError`, and nothing is written.
 * - Each returned `SaiObjectRef` counts; the last release removes the object from the adapter.
 *   Objects hold references on the objects their attributes and entry keys name, so a parent is
 *   never removed before its children (no OBJECT_IN_USE), whatever order callers release in.
 * - A failed adapter call throws `SaiStatusError` and leaves the store and the adapter as they
 *   were. Once a release's own remove succeeded, the release has happened: a dependency whose
 *   remove then fails waits on the store's retry list (`SaiStore.pendingRemoves`).
 *
 * The pieces live in their own modules: `object-map.ts` (where objects are kept), `attributes.ts`
 * (attribute records and SAI lists), `update.ts` (the attribute diff and its undo journal),
 * `references.ts` (holds and the release cascade), `create.ts`, `bulk.ts` (`acquireMany`),
 * `host-key-check.ts`.
 */
export class SaiObjectStore<T extends SaiTraits = SaiTraits> implements RefReleaser, ObjectHome<T> {
  readonly #core: StoreCore<T>;
  /** `traits.hostKey.scope`, or 0n for unscoped types. */
  readonly scopeOf: (hk: InferHostKey<T>) => bigint;
  /** `traits.hostKey.toString`. */
  readonly keyOf: (hk: InferHostKey<T>) => string;

  constructor(
    readonly traits: T,
    ctx: StoreContext,
  ) {
    this.scopeOf = (traits.hostKey.scope as ((hk: InferHostKey<T>) => bigint) | undefined) ?? (() => 0n);
    this.keyOf = traits.hostKey.toString as (hk: InferHostKey<T>) => string;
    this.#core = {
      traits,
      ctx,
      objects: new ObjectMap<T>(),
      codec: new AttrCodec(traits),
      home: this,
      checkHostKey: hostKeyCheck(traits),
    };
  }

  /** The switch id. */
  get switchId(): bigint {
    return this.#core.ctx.switchId;
  }

  /** The SAI object type. */
  get objectType(): T['objectType'] {
    return this.traits.objectType;
  }

  /** Number of live objects. */
  get size(): number {
    return this.#core.objects.size;
  }

  private lookup(hostKey: InferHostKey<T>): SaiObject<T> | undefined {
    return this.#core.objects.get(this.scopeOf(hostKey), this.keyOf(hostKey));
  }

  /** Finishes the removes the last failure left, once (see `SaiStore.retryPendingRemoves`). */
  private retryDue(): void {
    const pending = this.#core.ctx.pendingRemoves;
    if (pending.due) pending.retry(true);
  }

  /** The live object with this host key, without taking a reference. */
  find(hostKey: InferHostKey<T>): SaiObject<T> | undefined {
    const obj = this.lookup(hostKey);
    return obj !== undefined && !obj.placeholder ? obj : undefined;
  }

  /** A new counted reference to a live object (claims its warm boot handle), or undefined. */
  ref(hostKey: InferHostKey<T>): SaiObjectRef<T> | undefined {
    const obj = this.find(hostKey);
    if (obj === undefined) return undefined;
    hold(obj as unknown as SaiObject);
    return new SaiObjectRef(obj);
  }

  /** Every live object, by scope, in insertion order. */
  values(): IterableIterator<SaiObject<T>> {
    return this.#core.objects.values();
  }

  [Symbol.iterator](): IterableIterator<SaiObject<T>> {
    return this.values();
  }

  /**
   * Creates the object, or brings a live one to `attrs` writing only what differs.
   * @returns a new counted reference (the first one on a reloaded object claims its warm boot handle).
   * @throws CreateOnlyAttributeError when a CREATE_ONLY attribute differs (nothing written).
   * @throws HostKeyMismatchError when the attributes give another host key (nothing written).
   * @throws UnknownAttributeError for an attribute name the type does not declare.
   * @throws AttributeValueError for an enum name that does not exist.
   * @throws SaiStatusError when the adapter refuses; store and adapter are left as they were.
   * @throws WritePolicyError when a write is needed under write policy `fail`.
   */
  setObject(hostKey: InferHostKey<T>, attrs: InferCreateAttributes<T>): SaiObjectRef<T> {
    return new SaiObjectRef(this.acquire(hostKey, attrs));
  }

  /**
   * `setObject` without a handle object: the caller holds the reference by host key and drops it
   * with `release(hostKey)`. For managers of millions of objects (a route table), where a
   * `SaiObjectRef` per object would cost memory for nothing. Same errors as `setObject`.
   * @returns the live object.
   */
  acquire(hostKey: InferHostKey<T>, attrs: InferCreateAttributes<T>): SaiObject<T> {
    const core = this.#core;
    if (core.ctx.pendingRemoves.due) this.retryDue();
    core.checkHostKey?.(hostKey, attrs as AttrRecord);
    const obj = this.lookup(hostKey);
    if (obj === undefined) {
      const created = createObject(core, hostKey, attrs as AttrRecord);
      created.refs = 1;
      return created;
    }
    const plan = planUpdate(core, obj, attrs as AttrRecord);
    if (plan) {
      writeUpdate(core, plan);
      commitUpdate(core, plan);
    }
    hold(obj as unknown as SaiObject);
    return obj;
  }

  /**
   * Drops one reference held by host key (from `acquire` / `acquireMany`); the last one removes
   * the object from the adapter (and releases what it named: a refused remove there waits on the
   * retry list, the release has happened).
   * @throws NoSuchObjectError when no object has this host key.
   * @throws SaiStatusError / WritePolicyError when the object's own remove fails (the reference
   *   stays held, nothing changed).
   */
  release(hostKey: InferHostKey<T>): void {
    this.releaseByKey(hostKey, false);
  }

  /**
   * `release`, except that when the object's own remove is refused (by the adapter, a write
   * policy or a watcher) the reference passes to the store's retry list instead of throwing: the
   * caller's reference is gone either way, and the refusal surfaces from `retryPendingRemoves`.
   * For managers, whose bookkeeping then never has a half-released step.
   * @throws NoSuchObjectError when no object has this host key.
   */
  releaseOrDefer(hostKey: InferHostKey<T>): void {
    this.releaseByKey(hostKey, true);
  }

  private releaseByKey(hostKey: InferHostKey<T>, defer: boolean): void {
    const core = this.#core;
    if (core.ctx.pendingRemoves.due) this.retryDue();
    const obj = this.find(hostKey);
    if (obj === undefined) {
      if (core.ctx.exited) return;
      throw new NoSuchObjectError(this.traits.objectType, hostKey);
    }
    releaseObject(core, obj, defer);
  }

  /**
   * Programs many objects of this type in one call: new ones through the adapter's bulk create
   * where it has one (routes, neighbors, next hop group members), in chunks; live ones as
   * `setObject` does. All or nothing: on any failure everything this call created or changed is
   * undone before the error is thrown (`SaiStatusError.bulkIndex` names the failing item).
   * @returns one reference per item, in order.
   */
  setObjects(items: readonly SetObjectItem<T>[], options: SetObjectsOptions = {}): SaiObjectRef<T>[] {
    const objs = this.acquireMany(items, options);
    const refs: SaiObjectRef<T>[] = new Array(objs.length);
    for (let i = 0; i < objs.length; i++) refs[i] = new SaiObjectRef(objs[i]);
    return refs;
  }

  /**
   * `setObjects` without handle objects (see `acquire`): one reference per item, held by host key.
   * @returns the live objects, in order.
   */
  acquireMany(items: readonly SetObjectItem<T>[], options: SetObjectsOptions = {}): SaiObject<T>[] {
    if (this.#core.ctx.pendingRemoves.due) this.retryDue();
    return acquireMany(this.#core, items, options);
  }

  /**
   * Adds an object that is live in the adapter (found by reload, or adapter-owned) to the store
   * and takes its references on the objects it names. Its own `refs` starts at 0 (1 if adapter-owned).
   * @throws DuplicateHostKeyError when the host key is already in the store (nothing changed).
   */
  insert(oid: bigint, hostKey: InferHostKey<T>, attrs: InferCreateAttributes<T>, adapterOwned: boolean): SaiObject<T>;
  /** With `unique`: undefined, and nothing changed, when the host key is already in the store. */
  insert(
    oid: bigint,
    hostKey: InferHostKey<T>,
    attrs: InferCreateAttributes<T>,
    adapterOwned: boolean,
    unique: true,
  ): SaiObject<T> | undefined;
  insert(
    oid: bigint,
    hostKey: InferHostKey<T>,
    attrs: InferCreateAttributes<T>,
    adapterOwned: boolean,
    unique = false,
  ): SaiObject<T> | undefined {
    return insertLive(this.#core, oid, hostKey, attrs, adapterOwned, unique);
  }

  /**
   * Drops one holder of `obj`; at zero removes it from the adapter, then drops its holds on the
   * objects it names (which may remove them in turn, children before parents). A dependency whose
   * remove fails waits on the retry list; the rest of the cascade still runs.
   * @param defer pass the holder to the retry list when `obj`'s own remove is refused.
   * @throws ReferenceCountError when `obj` has no holder left.
   * @throws SaiStatusError (without `defer`) / WritePolicyError when the remove fails; the holder
   *   is then kept and nothing changed.
   */
  releaseRef(obj: SaiObject, defer = false): void {
    releaseObject(this.#core, obj as unknown as SaiObject<T>, defer);
  }

  /** Drops an object from the store without touching the adapter (warm shutdown, reload cleanup). */
  forget(obj: SaiObject<T>): void {
    forget(this.#core, obj);
  }

  /** Drops every object from the store without touching the adapter. */
  forgetAll(): void {
    for (const obj of this.values()) if (obj.oid !== 0n) this.#core.ctx.unindexOid(obj.oid);
    this.#core.objects.clear();
  }

  /** A readable dump: one line per object (host key, adapter key, refs, attributes). */
  dump(limit = Infinity): string {
    const lines: string[] = [];
    const size = this.size;
    for (const obj of this.values()) {
      if (lines.length >= limit) {
        lines.push(`  ... ${size - limit} more`);
        break;
      }
      const flags = `${obj.adapterOwned ? ' adapter-owned' : ''}${obj.warmBootHandle ? ' warm-boot-handle' : ''}${obj.removePending ? ' remove-pending' : ''}`;
      const id = obj.oid !== 0n ? ` oid=0x${obj.oid.toString(16)}` : '';
      const scope = obj.scope !== 0n ? `0x${obj.scope.toString(16)}/` : '';
      lines.push(
        `  ${scope}${obj.keyString}${id} refs=${obj.refs}${flags} ${formatAttrs(obj.attributes as AttrRecord)}`,
      );
    }
    return `${this.traits.objectType} (${size})\n${lines.join('\n')}`;
  }
}
