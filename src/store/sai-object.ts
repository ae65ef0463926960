import { makeEntryKey, type EntryObjectType } from '../sai/entry.js';
import type { SaiTraits } from '../traits/define.js';
import type { InferAdapterKey, InferCreateAttributes, InferHostKey } from '../traits/infer.js';

/** What a `SaiObject` needs of the store that owns it. */
export interface ObjectHome<T extends SaiTraits = SaiTraits> {
  readonly traits: T;
  readonly switchId: bigint;
  /** `traits.hostKey.scope(hostKey)`, or 0n. */
  scopeOf(hostKey: InferHostKey<T>): bigint;
  /** `traits.hostKey.toString(hostKey)`. */
  keyOf(hostKey: InferHostKey<T>): string;
  /**
   * Drops one holder of `obj` (see `SaiObjectStore.releaseRef`); with `defer`, a failed remove
   * of the object itself passes the holder to the store's retry list instead of throwing.
   */
  releaseRef(obj: SaiObject, defer?: boolean): void;
}

const WARM_BOOT_HANDLE = 1;
const PLACEHOLDER = 2;
const ADAPTER_OWNED = 4;
const REMOVE_PENDING = 8;

/**
 * One live object in the adapter with its cached attributes (store-level values: enum names,
 * canonical strings, bigint ids). Owned by its `SaiObjectStore`; callers hold it through
 * `SaiObjectRef` (or by host key, `acquire` / `release`).
 *
 * `refs` counts every holder: each caller reference, the warm boot handle, every store object whose
 * attributes or entry key name this one, a permanent one for adapter-owned objects, and the store's
 * retry list while a remove is pending. At zero the object is removed from the adapter.
 *
 * Small, for 1.3 million routes: the traits and switch id come from the store (`home`), the flags
 * share one number, and for types whose host key can be rebuilt from its scope and string (routes,
 * neighbors, next hops, fdb entries) those two are kept instead of a host key object.
 */
export class SaiObject<T extends SaiTraits = SaiTraits> {
  /** Holders of this object (see the class comment). */
  refs = 0;
  #flags = 0;
  /** The host key object, or its string when the type rebuilds host keys from parts. */
  readonly #key: InferHostKey<T> | string;
  readonly #scope: bigint;

  constructor(
    /** The owning store. */
    readonly home: ObjectHome<T>,
    /** Object id for oid types; 0n for entry-keyed types (their AdapterKey comes from the host key). */
    public oid: bigint,
    hostKey: InferHostKey<T>,
    /** The attributes as last written (or read back at reload). Frozen caller objects are shared. */
    public attributes: InferCreateAttributes<T>,
  ) {
    if (home.traits.hostKey.fromParts) {
      this.#key = home.keyOf(hostKey);
      this.#scope = home.scopeOf(hostKey);
    } else {
      this.#key = hostKey;
      this.#scope = 0n;
    }
  }

  /** The AdapterHostKey (made anew on each read for types kept as parts). */
  get hostKey(): InferHostKey<T> {
    const fromParts = this.home.traits.hostKey.fromParts;
    return fromParts
      ? (fromParts(this.#scope, this.#key as string) as InferHostKey<T>)
      : (this.#key as InferHostKey<T>);
  }

  /** The object type's traits. */
  get traits(): T {
    return this.home.traits;
  }

  /** Which of the store's maps holds the object (route: its virtual router; 0n when unscoped). */
  get scope(): bigint {
    return this.home.traits.hostKey.fromParts ? this.#scope : this.home.scopeOf(this.#key as InferHostKey<T>);
  }

  /** The host key's string within its scope (a route's prefix). */
  get keyString(): string {
    return this.home.traits.hostKey.fromParts ? (this.#key as string) : this.home.keyOf(this.#key as InferHostKey<T>);
  }

  /** The AdapterKey: the object id, or the entry struct for route / neighbor / fdb entries. */
  get adapterKey(): InferAdapterKey<T> {
    const traits = this.home.traits;
    if (!traits.isEntry) return this.oid as InferAdapterKey<T>;
    return makeEntryKey(
      traits.objectType as EntryObjectType,
      this.home.switchId,
      this.#scope,
      this.#key as string,
    ) as InferAdapterKey<T>;
  }

  /** The SAI object type. */
  get objectType(): T['objectType'] {
    return this.home.traits.objectType;
  }

  /** True while held by its warm boot handle (found by reload, not yet claimed). */
  get warmBootHandle(): boolean {
    return (this.#flags & WARM_BOOT_HANDLE) !== 0;
  }
  set warmBootHandle(v: boolean) {
    this.#flags = v ? this.#flags | WARM_BOOT_HANDLE : this.#flags & ~WARM_BOOT_HANDLE;
  }

  /** True between a create's placeholder insert and the adapter's create: not yet live. */
  get placeholder(): boolean {
    return (this.#flags & PLACEHOLDER) !== 0;
  }
  set placeholder(v: boolean) {
    this.#flags = v ? this.#flags | PLACEHOLDER : this.#flags & ~PLACEHOLDER;
  }

  /**
   * True while the store's retry list holds it: every other holder let go, but the adapter refused
   * its remove (see `SaiStore.pendingRemoves`). It is live, and counts the list's hold in `refs`.
   */
  get removePending(): boolean {
    return (this.#flags & REMOVE_PENDING) !== 0;
  }
  set removePending(v: boolean) {
    this.#flags = v ? this.#flags | REMOVE_PENDING : this.#flags & ~REMOVE_PENDING;
  }

  /** Made by the adapter at switch init (switch, default VR, CPU port, ports, default bridge): never removed. */
  get adapterOwned(): boolean {
    return (this.#flags & ADAPTER_OWNED) !== 0;
  }
  set adapterOwned(v: boolean) {
    this.#flags = v ? this.#flags | ADAPTER_OWNED : this.#flags & ~ADAPTER_OWNED;
  }
}
