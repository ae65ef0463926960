/**
 * `RouteTable`: a persistent (immutable, structurally shared) map from canonical prefix to route
 * action, built for 1.3 million routes.
 *
 * Shape: 256 pages x 256 leaves, the leaf chosen by a 16-bit FNV-1a hash of the prefix; a leaf is a
 * frozen flat array `[prefix, value, prefix, value, ...]` (about 20 routes in a full table, 17 bytes
 * a route). An update copies the one leaf it touches (an array slice) and the page and page list
 * above it (256 pointers each): O(1) per change, never a table copy (immer would copy a
 * 1.3M-entry `Map` on write). A batch copies each touched leaf once.
 *
 * `diffRouteTables` skips pages and leaves that are the same object in both tables; when one
 * table was made from the other by `withChanges`, it visits only the leaves that call touched, so
 * a delta costs O(changes), not a walk of 65,536 leaves.
 *
 * The class is opaque to immer (no `immerable`): a `SwitchState` holds it as a value and replaces
 * it with `withChanges`.
 */

type Leaf = readonly unknown[];
type Page = readonly (Leaf | undefined)[];

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

function leafIndex(leaf: Leaf | undefined, prefix: string): number {
  if (leaf === undefined) return -1;
  for (let i = 0; i < leaf.length; i += 2) if (leaf[i] === prefix) return i;
  return -1;
}

/** A persistent prefix -> value map (see the file comment). */
export class RouteTable<V> {
  private constructor(
    /** 256 pages (undefined when empty), each 256 leaves. */
    readonly pages: readonly (Page | undefined)[],
    /** Number of routes. */
    readonly size: number,
    /**
     * The table this one was made from by `withChanges` (weakly: history is not kept alive), and
     * the leaves (hashes) that call touched.
     */
    readonly base?: WeakRef<RouteTable<V>>,
    readonly touched?: Uint16Array,
  ) {
    Object.freeze(this);
  }

  /** The empty table. */
  static empty<V>(): RouteTable<V> {
    return new RouteTable<V>(new Array(256).fill(undefined), 0);
  }

  /** Builds a table from entries (a later entry for the same prefix wins). */
  static from<V>(entries: Iterable<readonly [string, V]>): RouteTable<V> {
    const pages: (unknown[] | undefined)[][] = [];
    for (let p = 0; p < 256; p++) pages.push(new Array(256).fill(undefined));
    let size = 0;
    for (const [prefix, value] of entries) {
      const h = prefixHash(prefix);
      const page = pages[h >>> PAGE_BITS];
      let leaf = page[h & LEAF_MASK];
      if (!leaf) page[h & LEAF_MASK] = leaf = [];
      const at = leafIndex(leaf, prefix);
      if (at >= 0) leaf[at + 1] = value;
      else {
        leaf.push(prefix, value);
        size++;
      }
    }
    return new RouteTable<V>(
      pages.map((p) => {
        if (!p.some((l) => l !== undefined)) return undefined;
        for (const l of p) if (l) Object.freeze(l);
        return Object.freeze(p);
      }),
      size,
    );
  }

  /** The value of a prefix, or undefined. */
  get(prefix: string): V | undefined {
    const h = prefixHash(prefix);
    const leaf = this.pages[h >>> PAGE_BITS]?.[h & LEAF_MASK];
    const at = leafIndex(leaf, prefix);
    return at < 0 ? undefined : (leaf![at + 1] as V);
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
    let pages: (Page | undefined)[] | undefined;
    const copiedPages = new Set<number>();
    const copiedLeaves = new Set<number>();
    let size = this.size;
    for (const [prefix, value] of changes) {
      const h = prefixHash(prefix);
      const pi = h >>> PAGE_BITS;
      const li = h & LEAF_MASK;
      const oldLeaf = (pages ?? this.pages)[pi]?.[li];
      const at = leafIndex(oldLeaf, prefix);
      if (value === undefined ? at < 0 : at >= 0 && oldLeaf![at + 1] === value) continue;
      pages ??= [...this.pages];
      if (!copiedPages.has(pi)) {
        pages[pi] = pages[pi] ? [...pages[pi]!] : new Array(256).fill(undefined);
        copiedPages.add(pi);
      }
      const page = pages[pi] as (Leaf | undefined)[];
      let leaf = page[li] as unknown[] | undefined;
      if (!copiedLeaves.has(h)) {
        leaf = leaf ? leaf.slice() : [];
        page[li] = leaf;
        copiedLeaves.add(h);
      }
      if (value === undefined) {
        leaf!.splice(at, 2);
        size--;
      } else if (at >= 0) {
        leaf![at + 1] = value;
      } else {
        leaf!.push(prefix, value);
        size++;
      }
    }
    if (!pages) return this;
    // Freeze what this batch copied: each touched leaf once (dropping emptied ones), then each
    // copied page (dropped only if a leaf of it emptied and it has none left).
    const emptied = new Set<number>();
    for (const h of copiedLeaves) {
      const page = pages[h >>> PAGE_BITS] as (Leaf | undefined)[];
      const leaf = page[h & LEAF_MASK]!;
      if (leaf.length === 0) {
        page[h & LEAF_MASK] = undefined;
        emptied.add(h >>> PAGE_BITS);
      } else {
        Object.freeze(leaf);
      }
    }
    for (const pi of copiedPages) {
      const page = pages[pi] as (Leaf | undefined)[];
      pages[pi] = emptied.has(pi) && !page.some((l) => l !== undefined) ? undefined : Object.freeze(page);
    }
    return new RouteTable<V>(pages, size, new WeakRef(this), Uint16Array.from(copiedLeaves));
  }

  /** Every (prefix, value). */
  *entries(): IterableIterator<[string, V]> {
    for (const page of this.pages) {
      if (!page) continue;
      for (const leaf of page) {
        if (!leaf) continue;
        for (let i = 0; i < leaf.length; i += 2) yield [leaf[i] as string, leaf[i + 1] as V];
      }
    }
  }
}

/** The difference of two tables, computed by identity (shared pages and leaves are skipped). */
export interface RouteTableDiff<V> {
  readonly added: [string, V][];
  readonly removed: [string, V][];
  readonly changed: [string, V, V][];
}

function diffLeaves<V>(
  la: Leaf | undefined,
  lb: Leaf | undefined,
  equals: (x: V, y: V) => boolean,
  out: RouteTableDiff<V>,
): void {
  if (la === lb) return;
  // withChanges keeps the order of a leaf's entries (sets in place, removes by splice, adds at
  // the end), so walk both in step and search only where they part: O(leaf), not O(leaf^2).
  let j = 0;
  if (la) {
    for (let i = 0; i < la.length; i += 2) {
      const p = la[i] as string;
      const v = la[i + 1] as V;
      let at: number;
      if (lb !== undefined && lb[j] === p) {
        at = j;
        j += 2;
      } else {
        at = leafIndex(lb, p);
      }
      if (at < 0) out.removed.push([p, v]);
      else {
        const w = lb![at + 1] as V;
        if (w !== v && !equals(v, w)) out.changed.push([p, v, w]);
      }
    }
  }
  if (lb) {
    // Entries before j matched in step; only the rest may be new.
    for (let k = j; k < lb.length; k += 2) {
      const p = lb[k] as string;
      if (leafIndex(la, p) < 0) out.added.push([p, lb[k + 1] as V]);
    }
  }
}

/**
 * Differences from `a` to `b`. Values compare by identity first, then with `equals` (default:
 * identity only), so two tables decoded apart still diff to nothing when equal. When `b` was made
 * from `a` by one `withChanges`, only the leaves it touched are visited.
 */
export function diffRouteTables<V>(
  a: RouteTable<V>,
  b: RouteTable<V>,
  equals: (x: V, y: V) => boolean = () => false,
): RouteTableDiff<V> {
  const out: RouteTableDiff<V> = { added: [], removed: [], changed: [] };
  if (a === b) return out;
  if (b.touched && b.base?.deref() === a) {
    for (const h of b.touched) {
      const pi = h >>> PAGE_BITS;
      const li = h & LEAF_MASK;
      diffLeaves(a.pages[pi]?.[li], b.pages[pi]?.[li], equals, out);
    }
    return out;
  }
  for (let pi = 0; pi < 256; pi++) {
    const pa = a.pages[pi];
    const pb = b.pages[pi];
    if (pa === pb) continue;
    for (let li = 0; li < 256; li++) diffLeaves(pa?.[li], pb?.[li], equals, out);
  }
  return out;
}
