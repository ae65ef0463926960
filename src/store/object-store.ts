import type { SaiAdapter, BulkCreateEntry } from '../adapter/adapter.js';
import { SaiStatusError } from '../sai/errors.js';
import { NOT_READ, saiValueEquals, type SaiAttribute, type SaiValue } from '../sai/value.js';
import { toSaiValue, type AttrMeta, type SaiTraits } from '../traits/define.js';
import type { InferCreateAttributes, InferHostKey } from '../traits/infer.js';
import { CreateOnlyAttributeError, UnknownAttributeError } from './errors.js';
import { SaiObjectRef, type RefReleaser } from './object-ref.js';
import { SaiObject, type ObjectHome } from './sai-object.js';
import type { StoreWrite } from './write.js';

/** What an object store needs from the `SaiStore` that owns it. */
export interface StoreContext {
  readonly adapter: SaiAdapter;
  readonly switchId: bigint;
  /** The store object with this id, of any type. */
  byOid(oid: bigint): SaiObject | undefined;
  indexOid(obj: SaiObject): void;
  unindexOid(oid: bigint): void;
  /** True when writes must be shown to `beforeWrite` (a write policy other than `allow`, or a watcher). */
  readonly watching: boolean;
  /** Sees a write before it reaches the adapter; throws to stop it (WritePolicyError under `fail`). */
  beforeWrite(write: StoreWrite): void;
  /** Sees the id of an object a watched create made. */
  created(write: StoreWrite & { op: 'create' }, oid: bigint): void;
  /** True after warm shutdown: releases no longer reach the adapter. */
  readonly exited: boolean;
  /** Writes that reached the adapter and succeeded, counted without allocating (see `SaiStore.writeCounts`). */
  readonly writes: { create: number; set: number; remove: number };
}

/** One (host key, create attributes) pair for `setObjects`. */
export type SetObjectItem<T extends SaiTraits> = readonly [InferHostKey<T>, InferCreateAttributes<T>];

/** Options of `setObjects`. */
export interface SetObjectsOptions {
  /** Entries per bulk adapter call (default 8192). */
  readonly chunkSize?: number;
}

type AttrRecord = Record<string, unknown>;

/**
 * `SaiObjectStore<T>`: every live object of one SAI object type, keyed by AdapterHostKey and
 * reference counted (DESIGN.md, the store's rules 1-3 and 8).
 *
 * - `setObject(hostKey, attrs)` creates the object when its host key is not live; otherwise it
 *   compares attribute by attribute and writes only what differs. Equal values never reach the
 *   adapter. An optional settable attribute left out goes back to its SAI constant default.
 *   A changed CREATE_ONLY attribute throws `CreateOnlyAttributeError` and writes nothing.
 * - Each returned `SaiObjectRef` counts; the last release removes the object from the adapter.
 *   Objects hold references on the objects their attributes and entry keys name, so a parent is
 *   never removed before its children (no OBJECT_IN_USE), whatever order callers release in.
 * - A failed adapter call throws `SaiStatusError` and leaves the store and the adapter as they were.
 */
export class SaiObjectStore<T extends SaiTraits = SaiTraits> implements RefReleaser, ObjectHome<T> {
  /** One map per scope (see `HostKeySpec.scope`), keyed by the host key's string. */
  readonly #scopes = new Map<bigint, Map<string, SaiObject<T>>>();
  #size = 0;
  readonly #frozenLists = new WeakMap<object, readonly SaiAttribute[]>();
  /** `traits.hostKey.scope`, or 0n for unscoped types. */
  readonly scopeOf: (hk: InferHostKey<T>) => bigint;
  /** `traits.hostKey.toString`. */
  readonly keyOf: (hk: InferHostKey<T>) => string;

  constructor(
    readonly traits: T,
    private readonly ctx: StoreContext,
  ) {
    this.scopeOf = (traits.hostKey.scope as ((hk: InferHostKey<T>) => bigint) | undefined) ?? (() => 0n);
    this.keyOf = traits.hostKey.toString as (hk: InferHostKey<T>) => string;
  }

  /** The switch id. */
  get switchId(): bigint {
    return this.ctx.switchId;
  }

  private table(scope: bigint): Map<string, SaiObject<T>> {
    let t = this.#scopes.get(scope);
    if (t === undefined) {
      t = new Map();
      this.#scopes.set(scope, t);
    }
    return t;
  }

  private lookup(hostKey: InferHostKey<T>): SaiObject<T> | undefined {
    return this.#scopes.get(this.scopeOf(hostKey))?.get(this.keyOf(hostKey));
  }

  /** The SAI object type. */
  get objectType(): T['objectType'] {
    return this.traits.objectType;
  }

  /** Number of live objects. */
  get size(): number {
    return this.#size;
  }

  /** The live object with this host key, without taking a reference. */
  find(hostKey: InferHostKey<T>): SaiObject<T> | undefined {
    const obj = this.lookup(hostKey);
    return obj !== undefined && !obj.pending ? obj : undefined;
  }

  /** A new counted reference to a live object (claims its warm boot handle), or undefined. */
  ref(hostKey: InferHostKey<T>): SaiObjectRef<T> | undefined {
    const obj = this.find(hostKey);
    if (obj === undefined) return undefined;
    this.hold(obj);
    return new SaiObjectRef(obj);
  }

  /** Every live object, by scope, in insertion order. */
  *values(): IterableIterator<SaiObject<T>> {
    for (const t of this.#scopes.values()) for (const o of t.values()) if (!o.pending) yield o;
  }

  [Symbol.iterator](): IterableIterator<SaiObject<T>> {
    return this.values();
  }

  /**
   * Creates the object, or brings a live one to `attrs` writing only what differs.
   * @returns a new counted reference (the first one on a reloaded object claims its warm boot handle).
   * @throws CreateOnlyAttributeError when a CREATE_ONLY attribute differs (nothing written).
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
    const obj = this.lookup(hostKey);
    if (obj === undefined) {
      const created = this.createObject(hostKey, attrs as AttrRecord);
      created.refs = 1;
      return created;
    }
    this.update(obj, attrs as AttrRecord);
    this.hold(obj);
    return obj;
  }

  /**
   * Drops one reference held by host key (from `acquire` / `acquireMany`); the last one removes
   * the object from the adapter.
   * @throws Error when no object has this host key.
   * @throws SaiStatusError / WritePolicyError when the remove fails (the reference stays held).
   */
  release(hostKey: InferHostKey<T>): void {
    const obj = this.find(hostKey);
    if (obj === undefined) {
      if (this.ctx.exited) return;
      throw new Error(`${this.traits.objectType} ${this.keyOf(hostKey)}: released, but no such object`);
    }
    this.releaseRef(obj as unknown as SaiObject);
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
    const n = items.length;
    const out: SaiObject<T>[] = new Array(n);
    // Phase 1: new host keys get a pending placeholder in the map (one lookup per item, and a
    // repeat of a host key within the batch finds it); live ones are updated after the creates.
    const created: SaiObject<T>[] = [];
    const createIdx: number[] = [];
    const laterIdx: number[] = [];
    const laterObj: SaiObject<T>[] = [];
    // Undo of updates, kept as parallel arrays: no closure per item on the replay path.
    const updated: SaiObject<T>[] = [];
    const before: AttrRecord[] = [];
    const claimed: boolean[] = [];
    try {
      for (let i = 0; i < n; i++) {
        const hk = items[i][0];
        const t = this.table(this.scopeOf(hk));
        const ks = this.keyOf(hk);
        const live = t.get(ks);
        if (live !== undefined) {
          laterIdx.push(i);
          laterObj.push(live);
          continue;
        }
        const obj = new SaiObject<T>(this, 0n, hk, this.keepAttrs(items[i][1] as AttrRecord));
        obj.pending = true;
        t.set(ks, obj);
        created.push(obj);
        createIdx.push(i);
      }
      if (created.length > 0 && this.ctx.adapter.supportsBulk(this.traits.objectType)) {
        this.bulkCreate(items, created, createIdx, out, options.chunkSize ?? 8192);
      } else {
        for (let c = 0; c < created.length; c++) {
          this.createPending(created[c], items[createIdx[c]][1] as AttrRecord);
          created[c].refs = 1;
          out[createIdx[c]] = created[c];
        }
      }
      for (let l = 0; l < laterIdx.length; l++) {
        const i = laterIdx[l];
        const obj = laterObj[l];
        const prev = obj.attributes as AttrRecord;
        const wasHandle = obj.warmBootHandle;
        this.update(obj, items[i][1] as AttrRecord);
        this.hold(obj);
        updated.push(obj);
        before.push(prev);
        claimed.push(wasHandle);
        out[i] = obj;
      }
    } catch (e) {
      for (let u = updated.length - 1; u >= 0; u--) {
        const obj = updated[u];
        try {
          if (claimed[u]) obj.warmBootHandle = true;
          else obj.refs--;
          this.update(obj, before[u]);
        } catch {
          // Undo is best effort; the original error is what the caller must see.
        }
      }
      for (let c = created.length - 1; c >= 0; c--) {
        const obj = created[c];
        if (obj.pending) {
          const t = this.#scopes.get(obj.scope)!;
          t.delete(obj.keyString);
          if (t.size === 0) this.#scopes.delete(obj.scope);
        } else {
          try {
            this.releaseRef(obj as unknown as SaiObject);
          } catch {
            // As above.
          }
        }
      }
      throw e;
    }
    return out;
  }

  /** Creates pending placeholders through the adapter's bulk API, in chunks. */
  private bulkCreate(
    items: readonly SetObjectItem<T>[],
    created: readonly SaiObject<T>[],
    createIdx: readonly number[],
    out: SaiObject<T>[],
    chunkSize: number,
  ): void {
    const { adapter } = this.ctx;
    const traits = this.traits;
    const type = traits.objectType;
    for (let start = 0; start < created.length; start += chunkSize) {
      const end = Math.min(created.length, start + chunkSize);
      const entries: BulkCreateEntry[] = new Array(end - start);
      for (let j = start; j < end; j++) {
        const obj = created[j];
        if (this.ctx.watching) {
          this.ctx.beforeWrite({
            op: 'create',
            objectType: type,
            hostKey: obj.hostKey,
            attributes: obj.attributes as AttrRecord,
          });
        }
        entries[j - start] = {
          key: traits.isEntry ? (obj.adapterKey as BulkCreateEntry['key']) : undefined,
          attrs: this.buildCreate(items[createIdx[j]][1] as AttrRecord),
        };
      }
      const result = adapter.bulkCreate(type, entries, 'stopOnError');
      let ok = 0;
      while (ok < result.statuses.length && result.statuses[ok] === 0) ok++;
      this.ctx.writes.create += ok;
      for (let j = start; j < end; j++) {
        const st = result.statuses[j - start];
        if (st !== 0) {
          throw new SaiStatusError(
            'bulkCreate',
            type,
            entries[j - start].key ?? created[j].hostKey,
            st,
            undefined,
            createIdx[j],
          );
        }
        const obj = created[j];
        this.activate(obj, result.ids[j - start]);
        if (this.ctx.watching) {
          this.ctx.created(
            { op: 'create', objectType: type, hostKey: obj.hostKey, attributes: obj.attributes as AttrRecord },
            obj.oid,
          );
        }
        obj.refs = 1;
        out[createIdx[j]] = obj;
      }
    }
  }

  /** One more holder of a live object; the first after reload claims the warm boot handle instead. */
  private hold(obj: SaiObject<T>): void {
    if (obj.warmBootHandle) obj.warmBootHandle = false;
    else obj.refs++;
  }

  // ---- create -----------------------------------------------------------------------------

  /** Builds the SAI attribute list of a create, in rising attribute id. */
  private buildCreate(attrs: AttrRecord): readonly SaiAttribute[] {
    // A frozen attributes object cannot change: its SAI list is built once and shared by every
    // object created with it (a table's routes share one per next hop group).
    if (Object.isFrozen(attrs)) {
      let list = this.#frozenLists.get(attrs);
      if (list === undefined) {
        list = Object.freeze(this.buildCreateList(attrs));
        this.#frozenLists.set(attrs, list);
      }
      return list;
    }
    return this.buildCreateList(attrs);
  }

  private buildCreateList(attrs: AttrRecord): SaiAttribute[] {
    const traits = this.traits;
    for (const k in attrs) if (!traits.attrByName.has(k)) throw new UnknownAttributeError(traits.objectType, k);
    const out: SaiAttribute[] = [];
    const list = traits.attrList;
    for (let i = 0; i < list.length; i++) {
      const meta = list[i];
      const v = attrs[meta.name];
      if (v !== undefined) out.push({ id: meta.id, value: toSaiValue(meta, v) });
    }
    return out;
  }

  /**
   * The attributes object the store keeps: the caller's own when it is frozen (immer's state is),
   * so objects with equal attributes share one; otherwise a copy. Unknown names throw.
   */
  private keepAttrs(attrs: AttrRecord): InferCreateAttributes<T> {
    if (Object.isFrozen(attrs)) {
      for (const k in attrs) {
        if (!this.traits.attrByName.has(k)) throw new UnknownAttributeError(this.traits.objectType, k);
        if (attrs[k] === undefined) return this.copyAttrs(attrs);
      }
      return attrs as InferCreateAttributes<T>;
    }
    return this.copyAttrs(attrs);
  }

  /** A copy holding only declared, defined attributes, in declaration order. */
  private copyAttrs(attrs: AttrRecord): InferCreateAttributes<T> {
    const out: AttrRecord = {};
    const list = this.traits.attrList;
    for (let i = 0; i < list.length; i++) {
      const v = attrs[list[i].name];
      if (v !== undefined) out[list[i].name] = v;
    }
    return out as InferCreateAttributes<T>;
  }

  /** Creates an object through the adapter and adds it to the store (refs 0: the caller takes them). */
  private createObject(hostKey: InferHostKey<T>, attrs: AttrRecord): SaiObject<T> {
    const obj = new SaiObject<T>(this, 0n, hostKey, this.keepAttrs(attrs));
    obj.pending = true;
    const scope = this.scopeOf(hostKey);
    const ks = this.keyOf(hostKey);
    const t = this.table(scope);
    t.set(ks, obj);
    try {
      this.createPending(obj, attrs);
    } catch (e) {
      t.delete(ks);
      if (t.size === 0) this.#scopes.delete(scope);
      throw e;
    }
    return obj;
  }

  /** Executes the adapter create of a pending placeholder and activates it. */
  private createPending(obj: SaiObject<T>, attrs: AttrRecord): void {
    const traits = this.traits;
    const saiAttrs = this.buildCreate(attrs);
    const write = this.ctx.watching
      ? ({
          op: 'create',
          objectType: traits.objectType,
          hostKey: obj.hostKey,
          attributes: obj.attributes as AttrRecord,
        } as const)
      : undefined;
    if (write) this.ctx.beforeWrite(write);
    let oid = 0n;
    if (traits.isEntry) {
      this.ctx.adapter.create(
        traits.objectType,
        traits.hostKey.adapterKey!(obj.hostKey, this.ctx.switchId) as BulkCreateEntry['key'],
        saiAttrs,
      );
    } else {
      oid = this.ctx.adapter.create(traits.objectType, undefined, saiAttrs);
    }
    this.ctx.writes.create++;
    this.activate(obj, oid);
    if (write) this.ctx.created(write, oid);
  }

  /** A pending placeholder became live in the adapter: index it and take its references. */
  private activate(obj: SaiObject<T>, oid: bigint): void {
    obj.pending = false;
    obj.oid = oid;
    this.#size++;
    this.forEachDependency(obj, obj.attributes as AttrRecord, holdDependency);
    if (oid !== 0n) this.ctx.indexOid(obj as unknown as SaiObject);
  }

  /**
   * Adds an object that is live in the adapter (found by reload, or adapter-owned) to the store
   * and takes its references on the objects it names. Its own `refs` starts at 0 (1 if adapter-owned).
   */
  insert(oid: bigint, hostKey: InferHostKey<T>, attrs: InferCreateAttributes<T>, adapterOwned: boolean): SaiObject<T>;
  /**
   * With `unique`: undefined, and nothing inserted... except that the map slot now holds the new
   * object: for reload, which then fails as a whole (one map operation a route instead of two).
   */
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
    const obj = new SaiObject<T>(this, oid, hostKey, attrs);
    if (adapterOwned) {
      obj.adapterOwned = true;
      obj.refs = 1;
    }
    const t = this.table(this.scopeOf(hostKey));
    const before = t.size;
    t.set(obj.keyString, obj);
    if (unique && t.size === before) return undefined;
    this.activate(obj, oid);
    return obj;
  }

  /** Calls `fn` for every store object that `hostKey` (entry parent) and `attrs` (oid attributes) name. */
  private forEachDependency(obj: SaiObject<T>, attrs: AttrRecord, fn: (d: SaiObject) => void): void {
    const traits = this.traits;
    if (traits.hostKey.parent) {
      // An entry's parent is its key's scope.
      const p = this.ctx.byOid(obj.scope);
      if (p) fn(p);
    }
    const refs = traits.references;
    for (let i = 0; i < refs.length; i++) {
      const v = attrs[refs[i].name];
      if (v === undefined || v === 0n || v === NOT_READ) continue;
      if (typeof v === 'bigint') {
        const d = this.ctx.byOid(v);
        if (d) fn(d);
      } else {
        for (const oid of v as readonly bigint[]) {
          const d = this.ctx.byOid(oid);
          if (d) fn(d);
        }
      }
    }
  }

  // ---- update -----------------------------------------------------------------------------

  /** The value an attribute has when left out: its constant default, else undefined. */
  private static effective(meta: AttrMeta, v: unknown): unknown {
    return v !== undefined ? v : meta.defaultValue;
  }

  /**
   * Brings a live object to `attrs`: CREATE_ONLY checked first (nothing written on a change),
   * then one set per differing settable attribute; a failing set undoes the earlier ones.
   *
   * An attribute the adapter could not read back (`NOT_READ`) is unknown, never its default: the
   * replay that claims a warm boot handle adopts the given value (the adapter kept what the last
   * run programmed); otherwise a settable one is written. A CREATE_ONLY one cannot be written: the
   * given value is adopted.
   */
  private update(obj: SaiObject<T>, attrs: AttrRecord): void {
    // The same frozen object the store already keeps: nothing can differ.
    if (attrs === (obj.attributes as AttrRecord)) return;
    const traits = this.traits;
    for (const k in attrs) if (!traits.attrByName.has(k)) throw new UnknownAttributeError(traits.objectType, k);
    const old = obj.attributes as AttrRecord;
    const adopt = obj.warmBootHandle;
    let adopted = false;
    let changedCreateOnly: string[] | undefined;
    for (const meta of traits.createOnly) {
      if (old[meta.name] === NOT_READ) {
        adopted = true;
        continue;
      }
      const a = SaiObjectStore.effective(meta, attrs[meta.name]);
      const b = SaiObjectStore.effective(meta, old[meta.name]);
      if (!saiValueEquals(a as SaiValue, b as SaiValue)) (changedCreateOnly ??= []).push(meta.name);
    }
    if (changedCreateOnly) throw new CreateOnlyAttributeError(traits.objectType, obj.hostKey, changedCreateOnly);

    let changes: [AttrMeta, unknown, unknown][] | undefined;
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
      const next = given !== undefined ? given : meta.defaultValue;
      if (old[meta.name] === NOT_READ) {
        if (adopt) adopted = true;
        else (changes ??= []).push([meta, next, undefined]);
        continue;
      }
      const prev = SaiObjectStore.effective(meta, old[meta.name]);
      if (!saiValueEquals(next as SaiValue, prev as SaiValue)) (changes ??= []).push([meta, next, prev]);
    }
    if (changes === undefined && !adopted) {
      // Nothing to write. Keep the caller's frozen object (shared by its peers) or a new shape.
      if (Object.isFrozen(attrs) || !sameShape(old, attrs)) obj.attributes = this.merged(attrs, old, keep);
      return;
    }
    const type = traits.objectType;
    const key = obj.adapterKey;
    const applied: [AttrMeta, unknown, unknown][] = [];
    try {
      for (const c of changes ?? []) {
        if (this.ctx.watching)
          this.ctx.beforeWrite({
            op: 'set',
            objectType: type,
            hostKey: obj.hostKey,
            attribute: c[0].name,
            value: c[1],
          });
        this.ctx.adapter.set(type, key, { id: c[0].id, value: toSaiValue(c[0], c[1]) });
        this.ctx.writes.set++;
        applied.push(c);
      }
    } catch (e) {
      for (let u = applied.length - 1; u >= 0; u--) {
        const [meta, , prev] = applied[u];
        if (prev === undefined) continue;
        try {
          this.ctx.adapter.set(type, key, { id: meta.id, value: toSaiValue(meta, prev) });
          this.ctx.writes.set++;
        } catch {
          // Best effort: the caller sees the original error.
        }
      }
      throw e;
    }
    // References move with the attributes: take the new ones before dropping the old.
    const next = this.merged(attrs, old, keep);
    if (traits.references.length > 0 || traits.hostKey.parent) {
      this.forEachDependency(obj, next as AttrRecord, holdDependency);
      obj.attributes = next;
      this.forEachDependency(obj, old, releaseDependency);
    } else {
      obj.attributes = next;
    }
  }

  private merged(attrs: AttrRecord, old: AttrRecord, keep: string[] | undefined): InferCreateAttributes<T> {
    if (!keep) return this.keepAttrs(attrs);
    const next = this.copyAttrs(attrs) as AttrRecord;
    for (const k of keep) next[k] = old[k];
    return next as InferCreateAttributes<T>;
  }

  // ---- release ----------------------------------------------------------------------------

  /**
   * Drops one holder of `obj`; at zero removes it from the adapter, then drops its holds on the
   * objects it names (which may remove them in turn, children before parents).
   * @throws SaiStatusError / WritePolicyError when the remove fails; the holder is then kept.
   */
  releaseRef(obj: SaiObject): void {
    const o = obj as unknown as SaiObject<T>;
    if (o.refs <= 0) throw new Error(`${this.traits.objectType} ${o.keyString}: released more often than referenced`);
    if (this.ctx.exited) return;
    o.refs--;
    if (o.refs > 0) return;
    try {
      if (this.ctx.watching)
        this.ctx.beforeWrite({ op: 'remove', objectType: this.traits.objectType, hostKey: o.hostKey });
      this.ctx.adapter.remove(this.traits.objectType, o.adapterKey);
      this.ctx.writes.remove++;
    } catch (e) {
      o.refs++;
      throw e;
    }
    this.forget(o);
    this.forEachDependency(o, o.attributes as AttrRecord, releaseDependency);
  }

  /** Drops an object from the store without touching the adapter (warm shutdown, reload cleanup). */
  forget(obj: SaiObject<T>): void {
    const scope = obj.scope;
    const ks = obj.keyString;
    const t = this.#scopes.get(scope);
    if (t?.get(ks) !== obj) return;
    t.delete(ks);
    if (t.size === 0) this.#scopes.delete(scope);
    this.#size--;
    if (obj.oid !== 0n) this.ctx.unindexOid(obj.oid);
  }

  /** Drops every object from the store without touching the adapter. */
  forgetAll(): void {
    for (const obj of this.values()) if (obj.oid !== 0n) this.ctx.unindexOid(obj.oid);
    this.#scopes.clear();
    this.#size = 0;
  }

  // ---- debugging --------------------------------------------------------------------------

  /** A readable dump: one line per object (host key, adapter key, refs, attributes). */
  dump(limit = Infinity): string {
    const lines: string[] = [];
    for (const obj of this.values()) {
      if (lines.length >= limit) {
        lines.push(`  ... ${this.#size - limit} more`);
        break;
      }
      const flags = `${obj.adapterOwned ? ' adapter-owned' : ''}${obj.warmBootHandle ? ' warm-boot-handle' : ''}`;
      const id = obj.oid !== 0n ? ` oid=0x${obj.oid.toString(16)}` : '';
      const scope = obj.scope !== 0n ? `0x${obj.scope.toString(16)}/` : '';
      lines.push(
        `  ${scope}${obj.keyString}${id} refs=${obj.refs}${flags} ${formatAttrs(obj.attributes as AttrRecord)}`,
      );
    }
    return `${this.traits.objectType} (${this.#size})\n${lines.join('\n')}`;
  }
}

function holdDependency(d: SaiObject): void {
  d.refs++;
}

function releaseDependency(d: SaiObject): void {
  d.home.releaseRef(d);
}

function sameShape(a: AttrRecord, b: AttrRecord): boolean {
  let n = 0;
  for (const k in b) {
    if (b[k] === undefined) continue;
    n++;
    if (!saiValueEquals(a[k] as SaiValue, b[k] as SaiValue)) return false;
  }
  let m = 0;
  for (const k in a) if (a[k] !== undefined) m++;
  return n === m;
}

function formatAttrs(attrs: AttrRecord): string {
  const parts: string[] = [];
  for (const k in attrs) {
    const v = attrs[k];
    parts.push(
      `${k}=${typeof v === 'bigint' ? `0x${v.toString(16)}` : Array.isArray(v) ? `[${v.map((x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x)).join(',')}]` : String(v)}`,
    );
  }
  return `{${parts.join(' ')}}`;
}
