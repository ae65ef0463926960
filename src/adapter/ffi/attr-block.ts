/**
 * `AttrBlock`: a reusable native `sai_attribute_t[]` (48 bytes each: id at 0, value union at 8) and
 * the backing memory of its list values. One block serves every call of the adapter: `begin` sizes
 * it, `push` / `pushGetSlot` append attributes, and the array's address goes to the libsai. Nothing
 * is allocated per call once the block has grown to the largest call seen.
 */
import type { SaiValue, SaiValueKind } from '../../sai/value.js';
import { ATTR_SIZE, ATTR_VALUE_OFFSET } from './abi.js';
import { NativeBuffer } from './native-memory.js';
import {
  decodeListElements,
  decodeScalar,
  encodeList,
  encodeScalar,
  isListKind,
  listCount,
  listElementSize,
  listFits,
  listPointer,
  prepareListOut,
} from './value-codec.js';

/** Upper bound of the list backing bytes `attrs` need (8 bytes per element, 8-aligned). */
export function listBytesOf(attrs: readonly { readonly value: SaiValue }[]): number {
  let n = 0;
  for (let i = 0; i < attrs.length; i++) {
    const v = attrs[i].value;
    if (Array.isArray(v)) n += v.length * 8;
  }
  return n;
}

/** A decoded list read back from a get, or why it could not be. */
export type ListReadResult =
  | { readonly ok: true; readonly value: readonly bigint[] | readonly number[] }
  | { readonly ok: false; readonly needed: number; readonly reason: 'overflow' | 'pointer' };

/** A reusable attribute array in native memory. */
export class AttrBlock {
  /** The `sai_attribute_t` array. */
  readonly attrs: NativeBuffer;
  /** Backing memory of list values. */
  readonly lists: NativeBuffer;
  /** Attributes written since `begin`. */
  count = 0;
  private listUsed = 0;
  /** Per slot: offset of its list backing in `lists`, and its capacity in elements (get only). */
  private listOffset: number[] = [];
  private listCapacity: number[] = [];

  constructor(attrCapacity = 64, listBytes = 4096) {
    this.attrs = new NativeBuffer(attrCapacity * ATTR_SIZE);
    this.lists = new NativeBuffer(listBytes);
  }

  /**
   * Makes room for `attrCount` attributes and `listBytes` of list elements, zeroes the attribute
   * area and starts writing at slot 0. Addresses taken before a `begin` may be stale after it.
   */
  begin(attrCount: number, listBytes: number): void {
    this.attrs.ensure(Math.max(1, attrCount) * ATTR_SIZE);
    this.lists.ensure(Math.max(8, listBytes + 8 * attrCount));
    this.attrs.bytes.fill(0, 0, attrCount * ATTR_SIZE);
    this.count = 0;
    this.listUsed = 0;
  }

  /** Address of slot `slot` as a number (for pointer arrays). */
  slotAddressNumber(slot: number): number {
    return this.attrs.addressNumber + slot * ATTR_SIZE;
  }

  /** Address of slot `slot`. */
  slotAddress(slot: number): bigint {
    return this.attrs.address + BigInt(slot * ATTR_SIZE);
  }

  /** Remembers the write position (to drop a partly written entry with `rewind`). */
  mark(): number {
    return this.count;
  }

  /** Drops the attributes written since `mark` (their slots are zeroed again). */
  rewind(mark: number): void {
    this.attrs.bytes.fill(0, mark * ATTR_SIZE, this.count * ATTR_SIZE);
    this.count = mark;
  }

  /**
   * Appends attribute `id` with `value` encoded as `kind`. Returns false (writing nothing that
   * `rewind` cannot drop) when the value does not fit the kind.
   */
  push(id: number, kind: SaiValueKind, value: SaiValue): boolean {
    const slot = this.count;
    const off = slot * ATTR_SIZE;
    const view = this.attrs.view;
    view.setUint32(off, id >>> 0, true);
    this.count = slot + 1;
    if (isListKind(kind)) {
      if (!listFits(kind, value)) return false;
      const list = value as readonly bigint[] | readonly number[];
      const backing = (this.listUsed + 7) & ~7;
      this.listUsed = backing + list.length * listElementSize(kind);
      encodeList(
        kind,
        list,
        view,
        off + ATTR_VALUE_OFFSET,
        this.lists.addressNumber + backing,
        this.lists.view,
        backing,
      );
      return true;
    }
    return encodeScalar(kind, value, view, off + ATTR_VALUE_OFFSET);
  }

  /**
   * Appends attribute `id` for a get: a list kind gets backing memory for `capacity` elements
   * (the caller sized the block with `begin` for it). Returns the slot.
   */
  pushGetSlot(id: number, kind: SaiValueKind, capacity: number): number {
    const slot = this.count;
    const off = slot * ATTR_SIZE;
    this.attrs.view.setUint32(off, id >>> 0, true);
    this.count = slot + 1;
    if (isListKind(kind)) {
      const backing = (this.listUsed + 7) & ~7;
      this.listUsed = backing + capacity * listElementSize(kind);
      this.listOffset[slot] = backing;
      this.listCapacity[slot] = capacity;
      prepareListOut(this.attrs.view, off + ATTR_VALUE_OFFSET, capacity, this.lists.addressNumber + backing);
    }
    return slot;
  }

  /** The id in slot `slot` (the libsai must not change it). */
  idAt(slot: number): number {
    return this.attrs.view.getUint32(slot * ATTR_SIZE, true);
  }

  /** Reads the scalar value of slot `slot`; undefined when the bytes name no valid value. */
  readScalar(slot: number, kind: SaiValueKind): SaiValue | undefined {
    return decodeScalar(kind, this.attrs.view, slot * ATTR_SIZE + ATTR_VALUE_OFFSET);
  }

  /** The count the libsai wrote into the list of slot `slot`. */
  listCountAt(slot: number): number {
    return listCount(this.attrs.view, slot * ATTR_SIZE + ATTR_VALUE_OFFSET);
  }

  /**
   * Reads the list of slot `slot` after a get. Never follows a pointer other than the one given:
   * a replaced pointer or a count beyond the capacity is reported, not read.
   */
  readList(slot: number, kind: SaiValueKind): ListReadResult {
    const off = slot * ATTR_SIZE + ATTR_VALUE_OFFSET;
    const count = listCount(this.attrs.view, off);
    const capacity = this.listCapacity[slot];
    if (count > capacity) return { ok: false, needed: count, reason: 'overflow' };
    if (count === 0) return { ok: true, value: [] };
    const expected = capacity === 0 ? 0 : this.lists.addressNumber + this.listOffset[slot];
    if (listPointer(this.attrs.view, off) !== expected) return { ok: false, needed: count, reason: 'pointer' };
    return { ok: true, value: decodeListElements(kind, this.lists.view, this.listOffset[slot], count) };
  }

  /** Frees the native memory. */
  free(): void {
    this.attrs.free();
    this.lists.free();
  }
}
