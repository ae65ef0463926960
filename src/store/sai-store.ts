import type { SaiAdapter } from '../adapter/adapter.js';
import type { SaiObjectType } from '../sai/object-type.js';
import { NOT_READ, type SaiValue } from '../sai/value.js';
import { ALL_TRAITS, OBJECT_TYPES_BY_RANK, type TraitsOf } from '../traits/index.js';
import { fromSaiValue, type SaiTraits } from '../traits/define.js';
import type { InferCreateAttributes, InferHostKey } from '../traits/infer.js';
import {
  HostKeyUnreadableError,
  PendingRemovesError,
  UnknownObjectTypeError,
  WritePolicyError,
  type PendingRemove,
} from './errors.js';
import type { StoreWrite, WriteWatcher } from './write.js';
import { formatKey } from '../sai/errors.js';
import type { StoreContext } from './context.js';
import { SaiObjectStore } from './object-store.js';
import { PendingRemoves } from './pending-removes.js';
import type { SaiObject } from './sai-object.js';

/**
 * What the store does when a write is about to reach the adapter: `allow` it, `log` it (and
 * allow), or `fail` (throw `WritePolicyError` before the write: the proof that replaying an
 * unchanged state costs zero writes).
 */
export type WritePolicy = 'allow' | 'log' | 'fail';

/**
 * `SaiStore`: every `SaiObjectStore`, in dependency order, over one adapter and switch.
 * Also the index from object id to store object (for the references objects hold on each other)
 * and the write policy.
 */
export class SaiStore {
  readonly #stores = new Map<SaiObjectType, SaiObjectStore>();
  readonly #byOid = new Map<bigint, SaiObject>();
  #lastOid = -1n;
  #lastObj: SaiObject | undefined;
  #policy: WritePolicy = 'allow';
  readonly #watchers: WriteWatcher[] = [];
  #exited = false;
  readonly #writes = { create: 0, set: 0, remove: 0 };
  readonly #pending = new PendingRemoves();
  /** Writes seen under policy `log` (and the refused one under `fail`), in order. */
  readonly policyWrites: StoreWrite[] = [];

  constructor(readonly adapter: SaiAdapter) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const ctx: StoreContext = {
      adapter,
      switchId: adapter.switchId,
      byOid: (oid) => {
        // Runs of objects name the same parent (a table's routes, one virtual router).
        if (oid === this.#lastOid) return this.#lastObj;
        const obj = this.#byOid.get(oid);
        this.#lastOid = oid;
        this.#lastObj = obj;
        return obj;
      },
      indexOid: (obj) => {
        this.#byOid.set(obj.oid, obj);
        this.#lastOid = -1n;
      },
      unindexOid: (oid) => {
        this.#byOid.delete(oid);
        this.#lastOid = -1n;
      },
      get watching() {
        return self.#policy !== 'allow' || self.#watchers.length > 0;
      },
      get exited() {
        return self.#exited;
      },
      writes: this.#writes,
      beforeWrite: (w) => {
        if (this.#policy !== 'allow') {
          this.policyWrites.push(w);
          if (this.#policy === 'fail') throw new WritePolicyError(w.op, w.objectType, w.hostKey, describeWrite(w));
        }
        for (const watcher of this.#watchers) watcher.before(w);
      },
      created: (w, oid) => {
        for (const watcher of this.#watchers) watcher.created?.(w, oid);
      },
      pendingRemoves: this.#pending,
    };
    for (const type of OBJECT_TYPES_BY_RANK) {
      this.#stores.set(type, new SaiObjectStore(ALL_TRAITS[type] as unknown as SaiTraits, ctx));
    }
  }

  /** The switch object id. */
  get switchId(): bigint {
    return this.adapter.switchId;
  }

  /**
   * The object store of one type, typed by its traits.
   * @throws UnknownObjectTypeError for a name that is not a modeled object type.
   */
  get<T extends SaiObjectType>(type: T): SaiObjectStore<TraitsOf<T>> {
    const s = this.#stores.get(type);
    if (s === undefined) throw new UnknownObjectTypeError(String(type), OBJECT_TYPES_BY_RANK);
    return s as unknown as SaiObjectStore<TraitsOf<T>>;
  }

  /**
   * Removes the store still owes the adapter: objects whose holders all let go (their release
   * succeeded) but whose remove the adapter refused, children first, with the error of the last
   * attempt. They are live in store and adapter until a retry removes them.
   */
  get pendingRemoves(): readonly PendingRemove[] {
    return this.#pending.list();
  }

  /**
   * Retries every pending remove, children first, repeating while that makes progress (a removed
   * child may free its parent). The next store call after a failure also retries, once, quietly.
   * @throws PendingRemovesError when some remain (each still live in store and adapter).
   */
  retryPendingRemoves(): void {
    if (this.#pending.size === 0) return;
    this.#pending.retry(false);
    if (this.#pending.size > 0) throw new PendingRemovesError(this.#pending.list());
  }

  /** The store object with object id `oid`, of any type. */
  byOid(oid: bigint): SaiObject | undefined {
    return this.#byOid.get(oid);
  }

  /** Every object store, parents before children. */
  stores(): SaiObjectStore[] {
    return OBJECT_TYPES_BY_RANK.map((t) => this.#stores.get(t)!);
  }

  /** Total live objects over every type. */
  get size(): number {
    let n = 0;
    for (const s of this.#stores.values()) n += s.size;
    return n;
  }

  /** The current write policy. */
  get writePolicy(): WritePolicy {
    return this.#policy;
  }

  /** Sets the write policy (see `WritePolicy`). */
  setWritePolicy(policy: WritePolicy): void {
    this.#policy = policy;
  }

  /** Adds a write watcher (warm boot plans use one); returns a function that removes it. */
  watchWrites(watcher: WriteWatcher): () => void {
    this.#watchers.push(watcher);
    return () => {
      const i = this.#watchers.indexOf(watcher);
      if (i >= 0) this.#watchers.splice(i, 1);
    };
  }

  /**
   * Creates, sets and removes that reached the adapter and succeeded since the store was made
   * (bulk entries one each; undo writes after a failure included). Cheap to read: counting needs
   * no write watcher.
   */
  get writeCounts(): Readonly<{ create: number; set: number; remove: number }> {
    return { ...this.#writes };
  }

  /** True after `forgetAll({ exited: true })` (warm shutdown). */
  get exited(): boolean {
    return this.#exited;
  }

  /**
   * Forgets every object without removing any from the adapter. With `exited`, later releases of
   * references callers still hold are no-ops (warm shutdown: the adapter keeps everything).
   */
  forgetAll(options: { exited?: boolean } = {}): void {
    this.#pending.clear();
    for (const s of this.#stores.values()) s.forgetAll();
    this.#byOid.clear();
    this.#lastOid = -1n;
    if (options.exited) this.#exited = true;
  }

  /** Runs `fn` under `policy`, restoring the previous policy afterwards. */
  withWritePolicy<R>(policy: WritePolicy, fn: () => R): R {
    const prev = this.#policy;
    this.#policy = policy;
    try {
      return fn();
    } finally {
      this.#policy = prev;
    }
  }

  /**
   * Reads the adapter's own objects into the store as adapter-owned (never removed): the switch,
   * the default virtual router, the CPU port, the front-panel ports made at switch init and the
   * default 1Q bridge, found through the switch's attributes. Their attributes are read back.
   * Called by a cold boot; warm boot's `reload` does the same first.
   * @throws SaiStatusError when the adapter cannot answer.
   */
  loadAdapterOwned(): void {
    const d = this.adapter.switchDefaults();
    this.adoptOwned('SWITCH', this.adapter.switchId);
    this.adoptOwned('VIRTUAL_ROUTER', d.defaultVirtualRouterId);
    this.adoptOwned('BRIDGE', d.default1qBridgeId);
    this.adoptOwned('PORT', d.cpuPort);
    for (const p of d.portList) this.adoptOwned('PORT', p);
  }

  private adoptOwned(type: SaiObjectType, oid: bigint): void {
    if (this.#byOid.has(oid)) return;
    const store = this.#stores.get(type)!;
    const traits = store.traits;
    const attrs = this.readAttributes(traits, oid);
    const unread = (traits.hostKey.fromAttributes ?? []).filter((a) => attrs[a] === NOT_READ);
    if (unread.length > 0) {
      throw new HostKeyUnreadableError(
        type,
        oid,
        unread.map((a) => traits.attrByName.get(a)!.saiName),
      );
    }
    const hostKey = traits.hostKey.derive(oid as never, attrs as never);
    store.insert(oid, hostKey as never, attrs as never, true);
  }

  /**
   * Reads every non-READ_ONLY attribute of an object back from the adapter (and the READ_ONLY ones
   * the host key needs), as store-level values. Attributes without a value are left out; one the
   * adapter could not read stays `NOT_READ` (unknown: the next `setObject` writes it).
   */
  readAttributes(traits: SaiTraits, key: bigint | object): Record<string, unknown> {
    const metas = traits.attrList.filter((m) => m.mode !== 'readOnly');
    const values = this.adapter.get(
      traits.objectType,
      key as never,
      metas.map((m) => m.id),
    );
    const out: Record<string, unknown> = {};
    metas.forEach((m, i) => {
      const v = values[i];
      if (v !== undefined) out[m.name] = fromSaiValue(m, v as SaiValue);
    });
    return out;
  }

  /** A readable dump of every store, parents first; `limit` lines per type. */
  dump(limit = 20): string {
    return this.stores()
      .filter((s) => s.size > 0)
      .map((s) => s.dump(limit))
      .join('\n');
  }
}

/** The host key type of object type `T`. */
export type HostKeyOf<T extends SaiObjectType> = InferHostKey<TraitsOf<T>>;

/** The create attributes type of object type `T`. */
export type CreateAttributesOf<T extends SaiObjectType> = InferCreateAttributes<TraitsOf<T>>;

/** A one-line description of a store write, e.g. `set ROUTE_ENTRY {...} nextHopId=0x...`. */
export function describeWrite(w: StoreWrite): string {
  const hk = formatKey(w.hostKey);
  switch (w.op) {
    case 'create':
      return `create ${w.objectType} ${hk} ${formatKey(w.attributes)}`;
    case 'set':
      return `set ${w.objectType} ${hk} ${w.attribute}=${formatKey(w.value)}`;
    case 'remove':
      return `remove ${w.objectType} ${hk}`;
  }
}
