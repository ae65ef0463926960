/**
 * `NativeBuffer`: a block of C heap memory (koffi.alloc) with a DataView and byte view over it, so
 * the adapter writes C structs at fixed offsets with no koffi struct conversion. Its address never
 * moves while it lives (unlike a small JavaScript typed array), so pointers into it may be stored
 * inside other native structs (a list's pointer, a bulk call's `attr_list[]`).
 *
 * Growing replaces the block: every pointer into the old block is stale after `ensure` grew it, so
 * callers size their buffers before they write pointers into them.
 */
import koffi from 'koffi';

/** A growable block of native memory with JavaScript views. */
export class NativeBuffer {
  /** The block's address (0n after `free`). */
  address = 0n;
  /** The same address as a number, for pointer arithmetic without BigInt (x86-64 user space is below 2^47). */
  addressNumber = 0;
  /** Capacity in bytes. */
  size = 0;
  /** Little-endian access at byte offsets (x86-64). */
  view: DataView = new DataView(new ArrayBuffer(0));
  /** Byte access. */
  bytes: Uint8Array = new Uint8Array(0);

  /** @param initialSize bytes to allocate now (0 allocates on first `ensure`). */
  constructor(initialSize = 0) {
    if (initialSize > 0) this.allocate(initialSize);
  }

  private allocate(size: number): void {
    // koffi.alloc returns a pointer (bigint) to `size` zeroed bytes; views alias it without copying.
    const ptr = koffi.alloc('uint8_t', size) as bigint;
    if (ptr === null || ptr === 0n) throw new Error(`native allocation of ${size} bytes failed`);
    if (ptr > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`native address 0x${ptr.toString(16)} exceeds 2^53`);
    const ab = koffi.view(ptr, size);
    new Uint8Array(ab).fill(0);
    this.address = ptr;
    this.addressNumber = Number(ptr);
    this.size = size;
    this.view = new DataView(ab);
    this.bytes = new Uint8Array(ab);
  }

  /**
   * Makes room for at least `size` bytes. When it grows, the contents are not kept unless
   * `keep` is true, and the address changes.
   */
  ensure(size: number, keep = false): void {
    if (size <= this.size) return;
    let next = Math.max(64, this.size);
    while (next < size) next *= 2;
    const old = this.address !== 0n ? this.bytes : undefined;
    const oldAddress = this.address;
    this.allocate(next);
    if (keep && old) this.bytes.set(old);
    if (oldAddress !== 0n) koffi.free(oldAddress);
  }

  /** Zeroes `length` bytes from `offset`. */
  zero(offset: number, length: number): void {
    this.bytes.fill(0, offset, offset + length);
  }

  /** Releases the memory; the views become empty. */
  free(): void {
    if (this.address !== 0n) koffi.free(this.address);
    this.address = 0n;
    this.addressNumber = 0;
    this.size = 0;
    this.view = new DataView(new ArrayBuffer(0));
    this.bytes = new Uint8Array(0);
  }
}

/** Allocates a NUL-terminated UTF-8 copy of `s` in native memory. */
export function nativeString(s: string): NativeBuffer {
  const encoded = Buffer.from(s, 'utf8');
  const buf = new NativeBuffer(encoded.length + 1);
  buf.bytes.set(encoded);
  buf.bytes[encoded.length] = 0;
  return buf;
}
