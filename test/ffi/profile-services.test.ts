/**
 * The service method table without a libsai: its two function pointers are called as a libsai
 * would call them (koffi.decode of the table's slots).
 */
import { afterAll, describe, expect, it } from 'vitest';
import koffi from 'koffi';
import { ProfileServices } from '../../src/adapter/ffi/profile-services.js';
import { NativeBuffer } from '../../src/adapter/ffi/native-memory.js';

const services = new ProfileServices();
const first = services.add({ SAI_BOOT_TYPE: '1', SAI_WARM_BOOT_READ_FILE: '/tmp/x.bin' });
const second = services.add({ SAI_BOOT_TYPE: '0', SAI_WARM_BOOT_WRITE_FILE: '/tmp/y.bin' });
const out = new NativeBuffer(16);
afterAll(() => {
  services.dispose();
  out.free();
});

const GetValue = koffi.proto('void *t_profile_get_value(uint32_t profile_id, const char *variable)');
const GetNext = koffi.proto('int t_profile_get_next_value(uint32_t profile_id, void *variable, void *value)');
const slots = new DataView(koffi.view(services.tableAddress, 16));
const getValue = koffi.decode(slots.getBigUint64(0, true), GetValue) as (id: number, v: string | null) => bigint | null;
const getNext = koffi.decode(slots.getBigUint64(8, true), GetNext) as (
  id: number,
  k: bigint | null,
  v: bigint | null,
) => number;

function cString(p: bigint | null): string | null {
  return p === null || p === 0n ? null : koffi.decode.string(p);
}

describe('sai_service_method_table_t', () => {
  it('profile_get_value answers the value, or NULL for an unknown key', () => {
    expect(cString(getValue(0, 'SAI_WARM_BOOT_READ_FILE'))).toBe('/tmp/x.bin');
    expect(cString(getValue(0, 'SAI_BOOT_TYPE'))).toBe('1');
    expect(getValue(0, 'NOPE')).toBeNull();
    expect(getValue(0, null)).toBeNull();
    expect(services.lookupsOf(first)).toContain('NOPE');
  });

  it('answers per profile id; a removed profile answers nothing, its strings stay valid', () => {
    expect([first, second]).toEqual([0, 1]);
    expect(cString(getValue(1, 'SAI_BOOT_TYPE'))).toBe('0');
    expect(cString(getValue(1, 'SAI_WARM_BOOT_WRITE_FILE'))).toBe('/tmp/y.bin');
    expect(getValue(1, 'SAI_WARM_BOOT_READ_FILE')).toBeNull();
    expect(getValue(7, 'SAI_BOOT_TYPE')).toBeNull();
    const kept = getValue(1, 'SAI_WARM_BOOT_WRITE_FILE');
    services.remove(second);
    expect(getValue(1, 'SAI_BOOT_TYPE')).toBeNull();
    expect(getNext(1, null, null)).toBe(-1);
    expect(cString(kept)).toBe('/tmp/y.bin');
    // The lowest free id is given again.
    expect(services.add({ K: 'v' })).toBe(1);
    expect(cString(getValue(1, 'K'))).toBe('v');
  });

  it('profile_get_next_value enumerates, ends with -1, and restarts on value == NULL', () => {
    const read = () => {
      const pairs: [string | null, string | null][] = [];
      for (let k = 0; k < 10; k++) {
        if (getNext(0, out.address, out.address + 8n) !== 0) break;
        pairs.push([cString(out.view.getBigUint64(0, true)), cString(out.view.getBigUint64(8, true))]);
      }
      return pairs;
    };
    expect(getNext(0, null, null)).toBe(0);
    const all = read();
    expect(all).toEqual([
      ['SAI_BOOT_TYPE', '1'],
      ['SAI_WARM_BOOT_READ_FILE', '/tmp/x.bin'],
    ]);
    expect(read()).toEqual([]);
    expect(getNext(0, out.address, null)).toBe(0);
    expect(read()).toEqual(all);
  });
});
