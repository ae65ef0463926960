import type { SaiTraits } from '../traits/define.js';
import type { InferAdapterKey, InferCreateAttributes, InferHostKey } from '../traits/infer.js';
import { ReleasedReferenceError } from './errors.js';
import type { SaiObject } from './sai-object.js';

/** Releases one reference of an object; implemented by the object's store. */
export interface RefReleaser {
  /**
   * @param defer pass the reference to the store's retry list when the adapter refuses the remove.
   * @throws SaiStatusError (without `defer`) when the last release's remove fails (the reference then stays held).
   */
  releaseRef(obj: SaiObject, defer?: boolean): void;
}

/**
 * One counted reference to a live SAI object, returned by `setObject`. `release()` drops it (a
 * second release is a no-op); when the last reference goes the object is removed from the
 * adapter. `[Symbol.dispose]` only forwards to `release()`, so `using ref = store.setObject(...)`
 * works.
 */
export class SaiObjectRef<T extends SaiTraits = SaiTraits> {
  #obj: SaiObject<T> | undefined;

  constructor(obj: SaiObject<T>) {
    this.#obj = obj;
  }

  private live(): SaiObject<T> {
    if (this.#obj === undefined) throw new ReleasedReferenceError();
    return this.#obj;
  }

  /** The object's AdapterKey (object id, or entry struct). @throws ReleasedReferenceError after release. */
  get adapterKey(): InferAdapterKey<T> {
    return this.live().adapterKey;
  }

  /** The object id (0n for entry-keyed types). @throws ReleasedReferenceError after release. */
  get oid(): bigint {
    return this.live().oid;
  }

  /** The AdapterHostKey. @throws ReleasedReferenceError after release. */
  get hostKey(): InferHostKey<T> {
    return this.live().hostKey;
  }

  /** The cached attributes. @throws ReleasedReferenceError after release. */
  get attributes(): InferCreateAttributes<T> {
    return this.live().attributes;
  }

  /** The SAI object type. @throws ReleasedReferenceError after release. */
  get objectType(): T['objectType'] {
    return this.live().objectType;
  }

  /** True once released. */
  get released(): boolean {
    return this.#obj === undefined;
  }

  /**
   * Drops this reference; removes the object from the adapter when it was the last one.
   * Releasing twice is a no-op.
   * @throws SaiStatusError when that remove fails; the reference is then still held.
   */
  release(): void {
    const obj = this.#obj;
    if (obj === undefined) return;
    obj.home.releaseRef(obj as unknown as SaiObject, false);
    this.#obj = undefined;
  }

  /**
   * `release()`, except that when the object's remove is refused (by the adapter, a write policy
   * or a watcher), the reference passes to the store's retry list (`SaiStore.pendingRemoves`)
   * instead of throwing: this reference is released either way, and the refusal surfaces from
   * `SaiStore.retryPendingRemoves`. Managers use it, so their bookkeeping never has a
   * half-released step.
   */
  releaseOrDefer(): void {
    const obj = this.#obj;
    if (obj === undefined) return;
    obj.home.releaseRef(obj as unknown as SaiObject, true);
    this.#obj = undefined;
  }

  /** Same as `release()`. */
  [Symbol.dispose](): void {
    this.release();
  }
}
