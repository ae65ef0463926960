/**
 * Enumerating live objects through `sai_get_object_count` + `sai_get_object_key` (SAI-ABI.md): the
 * key list is an array of `sai_object_key_t` (64 bytes each) whose union holds the object id or the
 * entry struct at offset 0. A short list answers BUFFER_OVERFLOW with the needed count; the call is
 * retried with that many. A libsai that cannot enumerate (NOT_IMPLEMENTED, or no such entry point)
 * makes this throw SaiStatusError NOT_IMPLEMENTED: the store then reloads from its saved keys.
 */
import type { AdapterKey } from '../../sai/entry.js';
import { SaiStatusError } from '../../sai/errors.js';
import { SaiObjectTypeId, type SaiObjectType } from '../../sai/object-type.js';
import { SaiStatus } from '../../sai/status.js';
import { OBJECT_KEY_SIZE } from './abi.js';
import { decodeEntry } from './entry-codec.js';
import type { SaiLibrary } from './library.js';
import { NativeBuffer } from './native-memory.js';

/** Most keys one type may answer (a guard against a garbage count, not a limit of SAI). */
export const MAX_OBJECT_KEYS = 1 << 24;

const ENTRY_TYPES: ReadonlySet<SaiObjectType> = new Set(['ROUTE_ENTRY', 'NEIGHBOR_ENTRY', 'FDB_ENTRY']);

/**
 * Every live object of `type`, as AdapterKeys. `scratch` holds at least 8 bytes; `list` is reused.
 * @throws SaiStatusError NOT_IMPLEMENTED when the libsai cannot enumerate; any other failure status.
 */
export function readObjectKeys(
  lib: SaiLibrary,
  switchId: bigint,
  type: SaiObjectType,
  scratch: NativeBuffer,
  list: NativeBuffer,
): AdapterKey[] {
  const fail = (status: number, detail?: string): never => {
    throw new SaiStatusError('query', type, undefined, status, detail ?? 'sai_get_object_key');
  };
  if (!lib.getObjectCount || !lib.getObjectKey) fail(SaiStatus.NOT_IMPLEMENTED, 'libsai exports no sai_get_object_key');
  const typeId = SaiObjectTypeId[type];
  scratch.view.setUint32(0, 0, true);
  let st = lib.getObjectCount!(switchId, typeId, scratch.address);
  if (st !== 0) fail(st, 'sai_get_object_count');
  let capacity = scratch.view.getUint32(0, true);
  for (let attempt = 0; attempt < 8; attempt++) {
    if (capacity > MAX_OBJECT_KEYS) fail(SaiStatus.FAILURE, `libsai answered ${capacity} keys`);
    // Room for objects made between the two calls.
    const room = capacity + 16;
    list.ensure(room * OBJECT_KEY_SIZE);
    list.zero(0, room * OBJECT_KEY_SIZE);
    scratch.view.setUint32(0, room, true);
    st = lib.getObjectKey!(switchId, typeId, scratch.address, list.address);
    const count = scratch.view.getUint32(0, true);
    if (st === SaiStatus.BUFFER_OVERFLOW) {
      if (count <= room) fail(st, `BUFFER_OVERFLOW asking for ${count} with ${room} given`);
      capacity = count;
      continue;
    }
    if (st !== 0) fail(st);
    if (count > room) fail(SaiStatus.FAILURE, `libsai answered ${count} keys into a list of ${room}`);
    const out: AdapterKey[] = new Array(count);
    const v = list.view;
    const isEntry = ENTRY_TYPES.has(type);
    for (let k = 0; k < count; k++) {
      if (isEntry) {
        const key = decodeEntry(type, v, k * OBJECT_KEY_SIZE);
        if (key === undefined) fail(SaiStatus.FAILURE, `malformed ${type} key at ${k}`);
        out[k] = key!;
      } else {
        out[k] = v.getBigUint64(k * OBJECT_KEY_SIZE, true);
      }
    }
    return out;
  }
  return fail(SaiStatus.BUFFER_OVERFLOW, 'the key count kept growing');
}
