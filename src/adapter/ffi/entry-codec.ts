/**
 * Entry structs (`sai_route_entry_t` 56 bytes, `sai_neighbor_entry_t` 40, `sai_fdb_entry_t` 24)
 * written to and read from native memory at a byte offset. An entry whose address or prefix is not
 * canonical is not encoded (false): the fake answers INVALID_PARAMETER for it, and so does the adapter.
 */
import type { EntryKey, FdbEntryKey, NeighborEntryKey, RouteEntryKey } from '../../sai/entry.js';
import type { SaiObjectType } from '../../sai/object-type.js';
import {
  FDB_ENTRY_BV_OFFSET,
  FDB_ENTRY_MAC_OFFSET,
  FDB_ENTRY_SIZE,
  NEIGHBOR_ENTRY_IP_OFFSET,
  NEIGHBOR_ENTRY_RIF_OFFSET,
  NEIGHBOR_ENTRY_SIZE,
  ROUTE_ENTRY_DEST_OFFSET,
  ROUTE_ENTRY_SIZE,
  ROUTE_ENTRY_VR_OFFSET,
} from './abi.js';
import {
  decodeIpAddress,
  decodeIpPrefix,
  decodeMac,
  encodeIpAddress,
  encodeIpPrefix,
  encodeMac,
} from './address-codec.js';

const U64_MAX = (1n << 64n) - 1n;

function isU64(v: unknown): v is bigint {
  return typeof v === 'bigint' && v >= 0n && v <= U64_MAX;
}

/** The entry-keyed object types and their struct sizes. */
export const ENTRY_SIZE: Partial<Record<SaiObjectType, number>> = {
  ROUTE_ENTRY: ROUTE_ENTRY_SIZE,
  NEIGHBOR_ENTRY: NEIGHBOR_ENTRY_SIZE,
  FDB_ENTRY: FDB_ENTRY_SIZE,
};

/** Writes `sai_route_entry_t` at `offset` (the 56 bytes must be zero or fully overwritten). */
export function encodeRouteEntry(view: DataView, offset: number, key: RouteEntryKey): boolean {
  if (!isU64(key.switchId) || !isU64(key.vrId) || typeof key.destination !== 'string') return false;
  view.setBigUint64(offset, key.switchId, true);
  view.setBigUint64(offset + ROUTE_ENTRY_VR_OFFSET, key.vrId, true);
  // Tail padding (52..55) zeroed: a libsai may hash or compare the whole struct.
  view.setUint32(offset + ROUTE_ENTRY_SIZE - 4, 0, true);
  return encodeIpPrefix(view, offset + ROUTE_ENTRY_DEST_OFFSET, key.destination);
}

/** Reads `sai_route_entry_t` at `offset`; undefined when its prefix is malformed. */
export function decodeRouteEntry(view: DataView, offset: number): RouteEntryKey | undefined {
  const destination = decodeIpPrefix(view, offset + ROUTE_ENTRY_DEST_OFFSET);
  if (destination === undefined) return undefined;
  return {
    switchId: view.getBigUint64(offset, true),
    vrId: view.getBigUint64(offset + ROUTE_ENTRY_VR_OFFSET, true),
    destination,
  };
}

/** Writes `sai_neighbor_entry_t` at `offset`. */
export function encodeNeighborEntry(view: DataView, offset: number, key: NeighborEntryKey): boolean {
  if (!isU64(key.switchId) || !isU64(key.rifId) || typeof key.ipAddress !== 'string') return false;
  view.setBigUint64(offset, key.switchId, true);
  view.setBigUint64(offset + NEIGHBOR_ENTRY_RIF_OFFSET, key.rifId, true);
  view.setUint32(offset + NEIGHBOR_ENTRY_SIZE - 4, 0, true);
  return encodeIpAddress(view, offset + NEIGHBOR_ENTRY_IP_OFFSET, key.ipAddress);
}

/** Reads `sai_neighbor_entry_t` at `offset`; undefined when its address is malformed. */
export function decodeNeighborEntry(view: DataView, offset: number): NeighborEntryKey | undefined {
  const ipAddress = decodeIpAddress(view, offset + NEIGHBOR_ENTRY_IP_OFFSET);
  if (ipAddress === undefined) return undefined;
  return {
    switchId: view.getBigUint64(offset, true),
    rifId: view.getBigUint64(offset + NEIGHBOR_ENTRY_RIF_OFFSET, true),
    ipAddress,
  };
}

/** Writes `sai_fdb_entry_t` at `offset` (the 2 pad bytes after the MAC are zeroed). */
export function encodeFdbEntry(view: DataView, offset: number, key: FdbEntryKey): boolean {
  if (!isU64(key.switchId) || !isU64(key.bvId) || typeof key.macAddress !== 'string') return false;
  view.setBigUint64(offset, key.switchId, true);
  if (!encodeMac(view, offset + FDB_ENTRY_MAC_OFFSET, key.macAddress)) return false;
  view.setUint16(offset + FDB_ENTRY_MAC_OFFSET + 6, 0, true);
  view.setBigUint64(offset + FDB_ENTRY_BV_OFFSET, key.bvId, true);
  return true;
}

/** Reads `sai_fdb_entry_t` at `offset`. */
export function decodeFdbEntry(view: DataView, offset: number): FdbEntryKey {
  return {
    switchId: view.getBigUint64(offset, true),
    macAddress: decodeMac(view, offset + FDB_ENTRY_MAC_OFFSET),
    bvId: view.getBigUint64(offset + FDB_ENTRY_BV_OFFSET, true),
  };
}

/** Writes the entry struct of an entry-keyed type; false when the key is not encodable. */
export function encodeEntry(type: SaiObjectType, view: DataView, offset: number, key: EntryKey | undefined): boolean {
  if (key === undefined || key === null || typeof key !== 'object') return false;
  switch (type) {
    case 'ROUTE_ENTRY':
      return encodeRouteEntry(view, offset, key as RouteEntryKey);
    case 'NEIGHBOR_ENTRY':
      return encodeNeighborEntry(view, offset, key as NeighborEntryKey);
    case 'FDB_ENTRY':
      return encodeFdbEntry(view, offset, key as FdbEntryKey);
    default:
      return false;
  }
}

/** Reads the entry struct of an entry-keyed type; undefined when malformed. */
export function decodeEntry(type: SaiObjectType, view: DataView, offset: number): EntryKey | undefined {
  switch (type) {
    case 'ROUTE_ENTRY':
      return decodeRouteEntry(view, offset);
    case 'NEIGHBOR_ENTRY':
      return decodeNeighborEntry(view, offset);
    case 'FDB_ENTRY':
      return decodeFdbEntry(view, offset);
    default:
      return undefined;
  }
}
