import type { SaiAdapter, BulkCreateEntry } from '../adapter/adapter.js';
import { SaiStatusError } from '../sai/errors.js';
import type { SaiObjectType } from '../sai/object-type.js';
import { saiValueEquals, type SaiAttribute, type SaiValue } from '../sai/value.js';
import { toSaiValue, type AttrMeta, type SaiTraits } from '../traits/define.js';
import type { InferCreateAttributes, InferHostKey } from '../traits/infer.js';
import { CreateOnlyAttributeError, UnknownAttributeError } from './errors.js';
import { SaiObjectRef, type RefReleaser } from './object-ref.js';
import { SaiObject } from './sai-object.js';
import type { StoreWrite } from './write.js';

/** What an object store needs from the `SaiStore` that owns it. */
export interface StoreContext {
  readonly adapter: SaiAdapter;
  readonly switchId: bigint;
  /** The store object with this id, of any type. */
  byOid(oid: bigint): SaiObject | undefined;
  indexOid(obj: SaiObject): void;
  unindexOid(oid: bigint): void;
  /** The object store of a type (to release a dependency). */
  storeOf(type: SaiObjectType): RefReleaser;
  /** True when writes must be shown to `beforeWrite` (a write policy other than `allow`, or a watcher). */
  readonly watching: boolean;
  /** Sees a write before it reaches the adapter; throws to stop it (WritePolicyError under `fail`). */
  beforeWrite(write: StoreWrite): void;
  /** Sees the id of an object a watched create made. */
  created(write: StoreWrite & { op: 'create' }, oid: bigint): void;
  /** True after warm shutdown: releases no longer reach the adapter. */
  readonly exited: boolean;
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
export class SaiObjectStore<T extends SaiTraits = SaiTraits> implements RefReleaser {
  /** One map per scope (see `HostKeySpec.scope`), keyed by the host key's string. */
  readonly #scopes = new Map<bigint, Map<string, SaiObject<T>>>();
  #size = 0;
  readonly #scopeOf: (hk: InferHostKey<T>) => bigint;
  readonly #keyOf: (hk: InferHostKey<T>) => string;

  constructor(
    readonly traits: T,
    private readonly ctx: StoreContext,
  ) {
    this.#scopeOf = (traits.hostKey.scope as ((hk: InferHostKey<T>) => bigint) | undefined) ?? (() => 0n);
    this.#keyOf = traits.hostKey.toString as (hk: InferHostKey<T>) => string;
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
    return this.#scopes.get(this.#scopeOf(hostKey))?.get(this.#keyOf(hostKey));
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
    return obj === undefined ? undefined : this.takeRef(obj);
  }

  /** Every live object, by scope, in insertion order. */
  *values(): IterableIterator<SaiObject<T>> {
    for (const t of this.#scopes.values()) yield* t.values();
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
    const obj = this.lookup(hostKey);
    if (obj === undefined) {
      const created = this.createObject(hostKey, attrs as AttrRecord);
      created.refs = 1;
      return new SaiObjectRef(created, this);
    }
    this.update(obj, attrs as AttrRecord);
    return this.takeRef(obj);
  }

  /**
   * Programs many objects of this type in one call: new ones through the adapter's bulk create
   * where it has one (routes, neighbors, next hop group members), in chunks; live ones as
   * `setObject` does. All or nothing: on any failure everything this call created or changed is
   * undone before the error is thrown (`SaiStatusError.bulkIndex` names the failing item).
   * @returns one reference per item, in order.
   */
  setObjects(items: readonly SetObjectItem<T>[], options: SetObjectsOptions = {}): SaiObjectRef<T>[] {
    const n = items.length;
    const refs: SaiObjectRef<T>[] = new Array(n);
    // Phase 1: new host keys get a pending placeholder in the map (one lookup per item, and a
    // repeat of a host key within the batch finds it); live ones are updated after the creates.
    const created: SaiObject<T>[] = [];
    const createIdx: number[] = [];
    const laterIdx: number[] = [];
    const undoUpdates: (() => void)[] = [];
    let done = 0;
    try {
      for (let i = 0; i < n; i++) {
        const hk = items[i][0];
        const scope = this.#scopeOf(hk);
        const ks = this.#keyOf(hk);
        const t = this.table(scope);
        if (t.has(ks)) {
          laterIdx.push(i);
          continue;
        }
        const obj = new SaiObject<T>(
          this.traits,
          0n,
          hk,
          scope,
          ks,
          this.keepAttrs(items[i][1] as AttrRecord),
          false,
          this.ctx.switchId,
        );
        obj.pending = true;
        t.set(ks, obj);
        created.push(obj);
        createIdx.push(i);
      }
      if (created.length > 0 && this.ctx.adapter.supportsBulk(this.traits.objectType)) {
        done = this.bulkCreate(items, created, createIdx, refs, options.chunkSize ?? 8192);
      } else {
        for (; done < created.length; done++) {
          this.createPending(created[done], items[createIdx[done]][1] as AttrRecord);
          refs[createIdx[done]] = new SaiObjectRef(created[done], this);
        }
      }
      for (const i of laterIdx) {
        const obj = this.lookup(items[i][0])!;
        const before = obj.attributes as AttrRecord;
        const wasHandle = obj.warmBootHandle;
        this.update(obj, items[i][1] as AttrRecord);
        const ref = this.takeRef(obj);
        refs[i] = ref;
        undoUpdates.push(() => {
          if (wasHandle) {
            obj.warmBootHandle = true;
            obj.refs++;
          }
          ref.release();
          this.update(obj, before);
        });
      }
    } catch (e) {
      for (let u = undoUpdates.length - 1; u >= 0; u--) {
        try {
          undoUpdates[u]();
        } catch {
          // Undo is best effort; the original error is what the caller must see.
        }
      }
      for (let c = created.length - 1; c >= 0; c--) {
        const obj = created[c];
        if (obj.pending) this.table(obj.scope).delete(obj.keyString);
        else {
          try {
            this.releaseRef(obj as unknown as SaiObject);
          } catch {
            // As above.
          }
        }
      }
      throw e;
    }
    return refs;
  }

  /** Creates pending placeholders through the adapter's bulk API; returns how many were created. */
  private bulkCreate(
    items: readonly SetObjectItem<T>[],
    created: readonly SaiObject<T>[],
    createIdx: readonly number[],
    refs: SaiObjectRef<T>[],
    chunkSize: number,
  ): number {
    const { adapter, switchId } = this.ctx;
    const traits = this.traits;
    const type = traits.objectType;
    for (let start = 0; start < created.length; start += chunkSize) {
      const end = Math.min(created.length, start + chunkSize);
      const entries: BulkCreateEntry[] = new Array(end - start);
      for (let j = start; j < end; j++) {
        const obj = created[j];
        if (this.ctx.watching)
          this.ctx.beforeWrite({
            op: 'create',
            objectType: type,
            hostKey: obj.hostKey,
            attributes: obj.attributes as AttrRecord,
          });
        entries[j - start] = {
          key: traits.isEntry
            ? (traits.hostKey.adapterKey!(obj.hostKey, switchId) as BulkCreateEntry['key'])
            : undefined,
          attrs: this.buildCreate(items[createIdx[j]][1] as AttrRecord),
        };
      }
      const result = adapter.bulkCreate(type, entries, 'stopOnError');
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
        if (this.ctx.watching)
          this.ctx.created(
            { op: 'create', objectType: type, hostKey: obj.hostKey, attributes: obj.attributes as AttrRecord },
            obj.oid,
          );
        obj.refs = 1;
        refs[createIdx[j]] = new SaiObjectRef(obj, this);
      }
    }
    return created.length;
  }
  /** A counted reference to a live object; the first after reload claims the warm boot handle. */
  private takeRef(obj: SaiObject<T>): SaiObjectRef<T> {
    if (obj.warmBootHandle) obj.warmBootHandle = false;
    else obj.refs++;
    return new SaiObjectRef(obj, this);
  }

  // ---- create -----------------------------------------------------------------------------

  /** Builds the SAI attribute list of a create, in rising attribute id. */
  private buildCreate(attrs: AttrRecord): SaiAttribute[] {
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
    const obj = new SaiObject<T>(
      this.traits,
      0n,
      hostKey,
      this.#scopeOf(hostKey),
      this.#keyOf(hostKey),
      this.keepAttrs(attrs),
      false,
      this.ctx.switchId,
    );
    obj.pending = true;
    const t = this.table(obj.scope);
    t.set(obj.keyString, obj);
    try {
      this.createPending(obj, attrs);
    } catch (e) {
      t.delete(obj.keyString);
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
    this.activate(obj, oid);
    if (write) this.ctx.created(write, oid);
  }

  /** A pending placeholder became live in the adapter: index it and take its references. */
  private activate(obj: SaiObject<T>, oid: bigint): void {
    obj.pending = false;
    obj.oid = oid;
    this.#size++;
    this.forEachDependency(obj.hostKey, obj.attributes as AttrRecord, (d) => d.refs++);
    if (oid !== 0n) this.ctx.indexOid(obj as unknown as SaiObject);
  }

  /**
   * Adds an object that is live in the adapter (found by reload, or adapter-owned) to the store
   * and takes its references on the objects it names. Its own `refs` starts at 0 (1 if adapter-owned).
   */
  insert(oid: bigint, hostKey: InferHostKey<T>, attrs: InferCreateAttributes<T>, adapterOwned: boolean): SaiObject<T> {
    const obj = new SaiObject<T>(
      this.traits,
      oid,
      hostKey,
      this.#scopeOf(hostKey),
      this.#keyOf(hostKey),
      attrs,
      adapterOwned,
      this.ctx.switchId,
    );
    if (adapterOwned) obj.refs = 1;
    this.table(obj.scope).set(obj.keyString, obj);
    this.activate(obj, oid);
    return obj;
  }

  /** Calls `fn` for every store object that `hostKey` (entry parent) and `attrs` (oid attributes) name. */
  private forEachDependency(hostKey: InferHostKey<T>, attrs: AttrRecord, fn: (d: SaiObject) => void): void {
    const traits = this.traits;
    if (traits.hostKey.parent) {
      const p = this.ctx.byOid(traits.hostKey.parent(hostKey));
      if (p) fn(p);
    }
    const refs = traits.references;
    for (let i = 0; i < refs.length; i++) {
      const v = attrs[refs[i].name];
      if (v === undefined || v === 0n) continue;
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
   */
  private update(obj: SaiObject<T>, attrs: AttrRecord): void {
    const traits = this.traits;
    for (const k in attrs) if (!traits.attrByName.has(k)) throw new UnknownAttributeError(traits.objectType, k);
    const old = obj.attributes as AttrRecord;
    let changedCreateOnly: string[] | undefined;
    for (const meta of traits.createOnly) {
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
      const prev = SaiObjectStore.effective(meta, old[meta.name]);
      if (!saiValueEquals(next as SaiValue, prev as SaiValue)) (changes ??= []).push([meta, next, prev]);
    }
    if (changes === undefined) {
      if (!sameShape(old, attrs)) obj.attributes = this.merged(attrs, old, keep);
      return;
    }
    const type = traits.objectType;
    const key = obj.adapterKey;
    const applied: [AttrMeta, unknown, unknown][] = [];
    try {
      for (const c of changes) {
        if (this.ctx.watching)
          this.ctx.beforeWrite({
            op: 'set',
            objectType: type,
            hostKey: obj.hostKey,
            attribute: c[0].name,
            value: c[1],
          });
        this.ctx.adapter.set(type, key, { id: c[0].id, value: toSaiValue(c[0], c[1]) });
        applied.push(c);
      }
    } catch (e) {
      for (let u = applied.length - 1; u >= 0; u--) {
        const [meta, , prev] = applied[u];
        if (prev === undefined) continue;
        try {
          this.ctx.adapter.set(type, key, { id: meta.id, value: toSaiValue(meta, prev) });
        } catch {
          // Best effort: the caller sees the original error.
        }
      }
      throw e;
    }
    // References move with the attributes: take the new ones before dropping the old.
    const next = this.merged(attrs, old, keep);
    if (traits.references.length > 0 || traits.hostKey.parent) {
      this.forEachDependency(obj.hostKey, next as AttrRecord, (d) => d.refs++);
      obj.attributes = next;
      this.forEachDependency(obj.hostKey, old, (d) => this.ctx.storeOf(d.traits.objectType).releaseRef(d));
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
    } catch (e) {
      o.refs++;
      throw e;
    }
    this.forget(o);
    this.forEachDependency(o.hostKey, o.attributes as AttrRecord, (d) =>
      this.ctx.storeOf(d.traits.objectType).releaseRef(d),
    );
  }

  /** Drops an object from the store without touching the adapter (warm shutdown, reload cleanup). */
  forget(obj: SaiObject<T>): void {
    const t = this.#scopes.get(obj.scope);
    if (t?.get(obj.keyString) !== obj) return;
    t.delete(obj.keyString);
    if (t.size === 0) this.#scopes.delete(obj.scope);
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
