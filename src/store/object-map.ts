/**
 * `ObjectMap`: where one object type's live objects are kept, by scope (`HostKeySpec.scope`: a
 * route's virtual router, a neighbor's router interface; 0n for unscoped types) and host key
 * string (a route's prefix). The only structure the store keeps per object, behind a few calls,
 * so an entry-keyed representation (columns shared with the desired table) can replace it for
 * routes and neighbors without touching the rest of the store.
 *
 * A slot may hold a placeholder (`SaiObject.placeholder`): made by a create that has not reached
 * the adapter yet; it is not counted and not iterated.
 */
import type { SaiTraits } from '../traits/define.js';
import type { SaiObject } from './sai-object.js';

/** The live objects of one type, by scope and host key string. */
export class ObjectMap<T extends SaiTraits = SaiTraits> {
  readonly #scopes = new Map<bigint, Map<string, SaiObject<T>>>();
  #size = 0;

  /** Live objects (placeholders not counted). */
  get size(): number {
    return this.#size;
  }

  /** The object or placeholder in a slot. */
  get(scope: bigint, key: string): SaiObject<T> | undefined {
    return this.#scopes.get(scope)?.get(key);
  }

  /** The slots of one scope, made on first use. */
  table(scope: bigint): Map<string, SaiObject<T>> {
    let t = this.#scopes.get(scope);
    if (t === undefined) {
      t = new Map();
      this.#scopes.set(scope, t);
    }
    return t;
  }

  /** Puts a placeholder into its (empty) slot. */
  reserve(obj: SaiObject<T>): void {
    this.table(obj.scope).set(obj.keyString, obj);
  }

  /** Empties a placeholder's slot (a create that did not happen). */
  unreserve(obj: SaiObject<T>): void {
    const t = this.#scopes.get(obj.scope);
    if (t?.get(obj.keyString) !== obj) return;
    t.delete(obj.keyString);
    if (t.size === 0) this.#scopes.delete(obj.scope);
  }

  /** A placeholder (or an object put with `put`) became live: count it. */
  counted(): void {
    this.#size++;
  }

  /**
   * Puts a live object into its slot when the slot is empty.
   * @returns false, and nothing changed, when the slot is taken.
   */
  putNew(obj: SaiObject<T>): boolean {
    const t = this.table(obj.scope);
    const key = obj.keyString;
    if (t.get(key) !== undefined) return false;
    t.set(key, obj);
    return true;
  }

  /** Takes a live object out of its slot (no-op when the slot holds another). @returns true when it did. */
  remove(obj: SaiObject<T>): boolean {
    const scope = obj.scope;
    const key = obj.keyString;
    const t = this.#scopes.get(scope);
    if (t?.get(key) !== obj) return false;
    t.delete(key);
    if (t.size === 0) this.#scopes.delete(scope);
    this.#size--;
    return true;
  }

  /** Every live object, by scope, in insertion order. */
  *values(): IterableIterator<SaiObject<T>> {
    for (const t of this.#scopes.values()) for (const o of t.values()) if (!o.placeholder) yield o;
  }

  /** Drops everything. */
  clear(): void {
    this.#scopes.clear();
    this.#size = 0;
  }
}
