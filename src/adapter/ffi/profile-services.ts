/**
 * `sai_service_method_table_t` (16 bytes) served from a JavaScript profile (key -> value strings):
 *
 * - `profile_get_value(profile_id, variable)` answers the value's C string, or NULL for an unknown key.
 * - `profile_get_next_value(profile_id, &variable, &value)` enumerates the pairs, answering 0 while
 *   there is a next pair and -1 at the end; a call with `value == NULL` restarts the enumeration
 *   (that is what real callers send first).
 *
 * Both are registered koffi callbacks (the libsai may call them at any time until
 * `sai_api_uninitialize`). Every string handed out lives in native memory owned here and stays
 * valid until `dispose`: a libsai may keep the pointers it received.
 */
import koffi, { type TypeObject } from 'koffi';
import { POINTER_SIZE, SERVICE_TABLE_SIZE } from './abi.js';
import { NativeBuffer, nativeString } from './native-memory.js';

let protos: { getValue: TypeObject; getNextValue: TypeObject } | undefined;

function serviceProtos() {
  protos ??= {
    getValue: koffi.proto('void *saistore_profile_get_value(uint32_t profile_id, const char *variable)'),
    getNextValue: koffi.proto('int saistore_profile_get_next_value(uint32_t profile_id, void *variable, void *value)'),
  };
  return protos;
}

/** Writes a pointer-sized value through a pointer the libsai passed (checked non-NULL by the caller). */
function storePointer(where: bigint, value: bigint): void {
  new DataView(koffi.view(where, POINTER_SIZE)).setBigUint64(0, value, true);
}

/** The service method table and the profile strings it serves. */
export class ProfileServices {
  /** The table's address, for `sai_api_initialize`. */
  readonly tableAddress: bigint;
  /** Every key and value looked up by the libsai, in order (for tests and diagnostics). */
  readonly lookups: string[] = [];
  private readonly table = new NativeBuffer(SERVICE_TABLE_SIZE);
  private readonly pairs: { key: NativeBuffer; value: NativeBuffer }[] = [];
  private readonly byKey = new Map<string, NativeBuffer>();
  private cursor = 0;
  private getValueCb: bigint | undefined;
  private getNextValueCb: bigint | undefined;

  /** @param profile key -> value; keys and values must not contain NUL. */
  constructor(profile: Readonly<Record<string, string>>) {
    for (const [k, v] of Object.entries(profile)) {
      if (k.includes('\0') || v.includes('\0')) throw new Error(`profile ${JSON.stringify(k)}: NUL in key or value`);
      const pair = { key: nativeString(k), value: nativeString(v) };
      this.pairs.push(pair);
      this.byKey.set(k, pair.value);
    }
    const p = serviceProtos();
    this.getValueCb = koffi.register(this.getValue.bind(this), koffi.pointer(p.getValue));
    this.getNextValueCb = koffi.register(this.getNextValue.bind(this), koffi.pointer(p.getNextValue));
    this.table.view.setBigUint64(0, this.getValueCb, true);
    this.table.view.setBigUint64(POINTER_SIZE, this.getNextValueCb, true);
    this.tableAddress = this.table.address;
  }

  private getValue(_profileId: number, variable: string | null): bigint | null {
    try {
      if (variable === null || variable === undefined) return null;
      this.lookups.push(variable);
      return this.byKey.get(variable)?.address ?? null;
    } catch {
      return null;
    }
  }

  private getNextValue(_profileId: number, variable: bigint | null, value: bigint | null): number {
    try {
      if (value === null || value === 0n) {
        this.cursor = 0;
        return 0;
      }
      if (variable === null || variable === 0n) return -1;
      if (this.cursor >= this.pairs.length) return -1;
      const pair = this.pairs[this.cursor++];
      storePointer(variable, pair.key.address);
      storePointer(value, pair.value.address);
      return 0;
    } catch {
      return -1;
    }
  }

  /** Unregisters the callbacks and frees the strings; call only after `sai_api_uninitialize`. */
  dispose(): void {
    if (this.getValueCb !== undefined) koffi.unregister(this.getValueCb);
    if (this.getNextValueCb !== undefined) koffi.unregister(this.getNextValueCb);
    this.getValueCb = undefined;
    this.getNextValueCb = undefined;
    this.table.free();
    for (const p of this.pairs) {
      p.key.free();
      p.value.free();
    }
    this.pairs.length = 0;
    this.byKey.clear();
  }
}
