/**
 * `sai_service_method_table_t` (16 bytes) served from JavaScript profiles (key -> value strings), one
 * per SAI profile id (a switch's SAI_SWITCH_ATTR_SWITCH_PROFILE_ID, 113):
 *
 * - `profile_get_value(profile_id, variable)` answers the value's C string from that profile, or NULL
 *   for an unknown key or profile.
 * - `profile_get_next_value(profile_id, &variable, &value)` enumerates that profile's pairs, answering 0
 *   while there is a next pair and -1 at the end; a call with `value == NULL` restarts the
 *   enumeration (that is what real callers send first).
 *
 * Both are registered koffi callbacks (the libsai may call them at any time until
 * `sai_api_uninitialize`). Every string handed out lives in native memory owned here and stays
 * valid until `dispose`, even after its profile was removed: a libsai may keep the pointers it
 * received.
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

/** One profile: its pairs in native memory, its enumeration cursor and what the libsai looked up. */
interface Profile {
  readonly pairs: { key: NativeBuffer; value: NativeBuffer }[];
  readonly byKey: Map<string, NativeBuffer>;
  cursor: number;
  readonly lookups: string[];
}

/** The service method table and the profile strings it serves. */
export class ProfileServices {
  /** The table's address, for `sai_api_initialize`. */
  readonly tableAddress: bigint;
  private readonly table = new NativeBuffer(SERVICE_TABLE_SIZE);
  private readonly profiles = new Map<number, Profile>();
  /** Native strings of removed profiles, freed at `dispose`. */
  private readonly retired: NativeBuffer[] = [];
  private getValueCb: bigint | undefined;
  private getNextValueCb: bigint | undefined;

  constructor() {
    const p = serviceProtos();
    this.getValueCb = koffi.register(this.getValue.bind(this), koffi.pointer(p.getValue));
    this.getNextValueCb = koffi.register(this.getNextValue.bind(this), koffi.pointer(p.getNextValue));
    this.table.view.setBigUint64(0, this.getValueCb, true);
    this.table.view.setBigUint64(POINTER_SIZE, this.getNextValueCb, true);
    this.tableAddress = this.table.address;
  }

  /**
   * Serves `profile` under the lowest free profile id and answers that id.
   * @throws Error for a key or value holding NUL.
   */
  add(profile: Readonly<Record<string, string>>): number {
    for (const [k, v] of Object.entries(profile)) {
      if (k.includes('\0') || v.includes('\0')) throw new Error(`profile ${JSON.stringify(k)}: NUL in key or value`);
    }
    const pairs: Profile['pairs'] = [];
    const byKey = new Map<string, NativeBuffer>();
    for (const [k, v] of Object.entries(profile)) {
      const pair = { key: nativeString(k), value: nativeString(v) };
      pairs.push(pair);
      byKey.set(k, pair.value);
    }
    let id = 0;
    while (this.profiles.has(id)) id++;
    this.profiles.set(id, { pairs, byKey, cursor: 0, lookups: [] });
    return id;
  }

  /** Stops serving profile `id` (its strings stay valid until `dispose`). */
  remove(id: number): void {
    const p = this.profiles.get(id);
    if (!p) return;
    this.profiles.delete(id);
    for (const pair of p.pairs) this.retired.push(pair.key, pair.value);
  }

  /** The profiles served now. */
  get size(): number {
    return this.profiles.size;
  }

  /** Keys the libsai looked up in profile `id`, in order (for tests and diagnostics). */
  lookupsOf(id: number): readonly string[] {
    return this.profiles.get(id)?.lookups ?? [];
  }

  private getValue(profileId: number, variable: string | null): bigint | null {
    try {
      if (variable === null || variable === undefined) return null;
      const p = this.profiles.get(profileId);
      if (!p) return null;
      p.lookups.push(variable);
      return p.byKey.get(variable)?.address ?? null;
    } catch {
      return null;
    }
  }

  private getNextValue(profileId: number, variable: bigint | null, value: bigint | null): number {
    try {
      const p = this.profiles.get(profileId);
      if (!p) return -1;
      if (value === null || value === 0n) {
        p.cursor = 0;
        return 0;
      }
      if (variable === null || variable === 0n) return -1;
      if (p.cursor >= p.pairs.length) return -1;
      const pair = p.pairs[p.cursor++];
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
    for (const id of [...this.profiles.keys()]) this.remove(id);
    for (const b of this.retired) b.free();
    this.retired.length = 0;
  }
}
