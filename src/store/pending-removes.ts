/**
 * The store's retry list: objects whose holders all let go (a release succeeded) but whose remove
 * the adapter refused. The list holds one reference on each, so store and adapter still agree on
 * it (it is live in both, `SaiObject.removePending`), and its removal is retried, children first:
 * once by the next store call after a failure, and on request (`SaiStore.retryPendingRemoves`).
 */
import type { PendingRemove } from './errors.js';
import type { SaiObject } from './sai-object.js';

/** At most this many passes per retry: a pass removes what it can, which may free parents for the next. */
const MAX_PASSES = 64;

/** Objects owed a remove, with the error of their last attempt. */
export class PendingRemoves {
  readonly #errors = new Map<SaiObject, unknown>();
  #due = false;

  /** Objects on the list. */
  get size(): number {
    return this.#errors.size;
  }

  /** True when something was added since the last retry (the next store call retries). */
  get due(): boolean {
    return this.#due;
  }

  /** Takes over the holder of `obj` (its count stays as it is), after a remove failed with `error`. */
  add(obj: SaiObject, error: unknown): void {
    obj.removePending = true;
    this.#errors.set(obj, error);
    this.#due = true;
  }

  /**
   * Drops the list's hold on each object, children (higher rank) first; a remove that fails
   * again puts it back. Passes repeat while they make progress. After a `quiet` retry (the next
   * store call's) nothing is due; after a requested one, what remains is due once more.
   */
  retry(quiet: boolean): void {
    this.#due = false;
    for (let pass = 0; pass < MAX_PASSES && this.#errors.size > 0; pass++) {
      const list = [...this.#errors.keys()].sort((a, b) => b.traits.rank - a.traits.rank);
      for (const obj of list) {
        if (!this.#errors.has(obj)) continue;
        this.#errors.delete(obj);
        obj.removePending = false;
        try {
          obj.home.releaseRef(obj, true);
        } catch (e) {
          // Refused before the adapter (write policy, plan): the hold stays with the list.
          this.add(obj, e);
        }
      }
      if (list.every((o) => this.#errors.has(o)) && list.length === this.#errors.size) break;
    }
    this.#due = !quiet && this.#errors.size > 0;
  }

  /** What is owed, in retry order. */
  list(): PendingRemove[] {
    return [...this.#errors]
      .sort(([a], [b]) => b.traits.rank - a.traits.rank)
      .map(([obj, error]) => ({ objectType: obj.objectType, hostKey: obj.hostKey, error }));
  }

  /** True when `obj` is on the list. */
  has(obj: SaiObject): boolean {
    return this.#errors.has(obj);
  }

  /** Forgets the list without touching the adapter (warm shutdown). */
  clear(): void {
    for (const obj of this.#errors.keys()) obj.removePending = false;
    this.#errors.clear();
    this.#due = false;
  }
}
