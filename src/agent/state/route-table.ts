/**
 * `RouteTable`: a persistent (immutable, structurally shared) map from canonical prefix to route
 * action, built for 1.3 million routes.
 *
 * Shape: 256 pages x 256 leaves, each leaf a small `Map` (about 20 routes in a full table), the
 * leaf chosen by a 16-bit FNV-1a hash of the prefix. An update copies the one leaf it touches,
 * and the page and page list above it (256 pointers each): O(1) per change, never a table copy
 * (immer would copy a 1.3M-entry `Map` on write). A batch copies each touched leaf once.
 * `diffRouteTables` skips pages and leaves that are the same object in both tables, so a one-route
 * change on a full table costs two 256-entry identity scans and one leaf comparison.
 *
 * The class is opaque to immer (no `immerable`): a `SwitchState` holds it as a value and replaces
 * it with `withChanges`.
 */

type Leaf<V> = ReadonlyMap<string, V>;
type Page<V> = readonly (Leaf<V> | undefined)[];

const PAGE_BITS = 8;
const LEAF_MASK = 0xff;

/** 16-bit FNV-1a of a string: page = high byte, leaf = low byte. */
export function prefixHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 16) ^ h) & 0xffff;
}

/** One change of a batch: a route set to a value, or removed (`undefined`). */
export type RouteChange<V> = readonly [prefix: string, value: V | undefined];

/** A persistent prefix -> value map (see the file comment). */
export class RouteTable<V> {
  private constructor(
    /** 256 pages (undefined when empty), each 256 leaves. */
    readonly pages: readonly (Page<V> | undefined)[],
    /** Number of routes. */
    readonly size: number,
  ) {
    Object.freeze(this);
  }

  /** The empty table. */
  static empty<V>(): RouteTable<V> {
    return new RouteTable<V>(new Array(256).fill(undefined), 0);
  }

  /** Builds a table from entries (a later entry for the same prefix wins). */
  static from<V>(entries: Iterable<readonly [string, V]>): RouteTable<V> {
    const pages: (Map<string, V> | undefined)[][] = [];
    for (let p = 0; p < 256; p++) pages.push(new Array(256).fill(undefined));
    let size = 0;
    for (const [prefix, value] of entries) {
      const h = prefixHash(prefix);
      const page = pages[h >>> PAGE_BITS];
      let leaf = page[h & LEAF_MASK];
      if (!leaf) page[h & LEAF_MASK] = leaf = new Map();
      const before = leaf.size;
      leaf.set(prefix, value);
      size += leaf.size - before;
    }
    return new RouteTable<V>(
      pages.map((p) => (p.some((l) => l !== undefined) ? Object.freeze(p) : undefined)),
      size,
    );
  }

  /** The value of a prefix, or undefined. */
  get(prefix: string): V | undefined {
    const h = prefixHash(prefix);
    return this.pages[h >>> PAGE_BITS]?.[h & LEAF_MASK]?.get(prefix);
  }

  /** True when the table has the prefix. */
  has(prefix: string): boolean {
    return this.get(prefix) !== undefined;
  }

  /**
   * A new table with a batch of changes applied; this one is unchanged. Each touched leaf and page
   * is copied once per batch; everything else is shared.
   */
  withChanges(changes: Iterable<RouteChange<V>>): RouteTable<V> {
    let pages: (Page<V> | undefined)[] | undefined;
    const copiedPages = new Set<number>();
    const copiedLeaves = new Set<number>();
    let size = this.size;
    for (const [prefix, value] of changes) {
      const h = prefixHash(prefix);
      const pi = h >>> PAGE_BITS;
      const li = h & LEAF_MASK;
      const oldLeaf = (pages ?? this.pages)[pi]?.[li];
      if (value === undefined ? !oldLeaf?.has(prefix) : oldLeaf?.get(prefix) === value) continue;
      pages ??= [...this.pages];
      if (!copiedPages.has(pi)) {
        pages[pi] = pages[pi] ? [...pages[pi]!] : new Array(256).fill(undefined);
        copiedPages.add(pi);
      }
      const page = pages[pi] as (Leaf<V> | undefined)[];
      let leaf = page[li] as Map<string, V> | undefined;
      if (!copiedLeaves.has(h)) {
        leaf = leaf ? new Map(leaf) : new Map();
        page[li] = leaf;
        copiedLeaves.add(h);
      }
      if (value === undefined) {
        leaf!.delete(prefix);
        size--;
      } else {
        if (!leaf!.has(prefix)) size++;
        leaf!.set(prefix, value);
      }
    }
    if (!pages) return this;
    for (const pi of copiedPages) {
      const page = pages[pi] as (Leaf<V> | undefined)[];
      for (let li = 0; li < 256; li++) if (page[li]?.size === 0) page[li] = undefined;
      pages[pi] = page.some((l) => l !== undefined) ? Object.freeze(page) : undefined;
    }
    return new RouteTable<V>(pages, size);
  }

  /** Every (prefix, value). */
  *entries(): IterableIterator<[string, V]> {
    for (const page of this.pages) {
      if (!page) continue;
      for (const leaf of page) if (leaf) yield* leaf;
    }
  }
}

/** The difference of two tables, computed by identity (shared pages and leaves are skipped). */
export interface RouteTableDiff<V> {
  readonly added: [string, V][];
  readonly removed: [string, V][];
  readonly changed: [string, V, V][];
}

/**
 * Differences from `a` to `b`. Values compare by identity first, then with `equals` (default:
 * identity only), so two tables decoded apart still diff to nothing when equal.
 */
export function diffRouteTables<V>(
  a: RouteTable<V>,
  b: RouteTable<V>,
  equals: (x: V, y: V) => boolean = () => false,
): RouteTableDiff<V> {
  const out: RouteTableDiff<V> = { added: [], removed: [], changed: [] };
  if (a === b) return out;
  for (let pi = 0; pi < 256; pi++) {
    const pa = a.pages[pi];
    const pb = b.pages[pi];
    if (pa === pb) continue;
    for (let li = 0; li < 256; li++) {
      const la = pa?.[li];
      const lb = pb?.[li];
      if (la === lb) continue;
      if (la) {
        for (const [p, v] of la) {
          const w = lb?.get(p);
          if (w === undefined) out.removed.push([p, v]);
          else if (w !== v && !equals(v, w)) out.changed.push([p, v, w]);
        }
      }
      if (lb) for (const [p, w] of lb) if (!la?.has(p)) out.added.push([p, w]);
    }
  }
  return out;
}
