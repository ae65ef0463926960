/**
 * Entry structs and layout facts without a libsai: route / neighbor / fdb entries at the offsets of
 * SAI-ABI.md, cross-checked against the C layout koffi computes for the same declarations.
 */
import { afterAll, describe, expect, it } from 'vitest';
import koffi from 'koffi';
import * as abi from '../../src/adapter/ffi/abi.js';
import { decodeEntry, encodeEntry } from '../../src/adapter/ffi/entry-codec.js';
import { NativeBuffer } from '../../src/adapter/ffi/native-memory.js';

const buf = new NativeBuffer(256);
afterAll(() => buf.free());

function bytesOf(n: number): number[] {
  return [...buf.bytes.slice(0, n)];
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

function le64(v: bigint): number[] {
  const out: number[] = [];
  for (let k = 0n; k < 8n; k++) out.push(Number((v >> (8n * k)) & 0xffn));
  return out;
}

describe('entry structs', () => {
  const sw = 0x2121000000000000n;
  const vr = 0x2103000000000005n;

  it('sai_route_entry_t: switch 0, vr 8, prefix 16 (family, addr 20, mask 36), 56 bytes', () => {
    buf.bytes.fill(0xee);
    const key = { switchId: sw, vrId: vr, destination: '192.168.0.0/16' };
    expect(encodeEntry('ROUTE_ENTRY', buf.view, 0, key)).toBe(true);
    expect(bytesOf(56)).toEqual([
      ...le64(sw),
      ...le64(vr),
      ...[0, 0, 0, 0], // addr_family IPV4
      ...[192, 168, 0, 0, ...zeros(12)], // addr.ip4, network order
      ...[255, 255, 0, 0, ...zeros(12)], // mask.ip4
      ...zeros(4), // tail padding
    ]);
    expect(decodeEntry('ROUTE_ENTRY', buf.view, 0)).toEqual(key);
  });

  it('sai_route_entry_t with an IPv6 prefix', () => {
    const key = { switchId: sw, vrId: vr, destination: '2001:db8:1::/48' };
    expect(encodeEntry('ROUTE_ENTRY', buf.view, 56, key)).toBe(true);
    expect(buf.view.getUint32(56 + 16, true)).toBe(1);
    expect([...buf.bytes.slice(56 + 36, 56 + 52)]).toEqual([255, 255, 255, 255, 255, 255, ...zeros(10)]);
    expect(decodeEntry('ROUTE_ENTRY', buf.view, 56)).toEqual(key);
  });

  it('sai_neighbor_entry_t: switch 0, rif 8, ip 16, 40 bytes', () => {
    buf.bytes.fill(0xee);
    const rif = 0x2106000000000010n;
    const key = { switchId: sw, rifId: rif, ipAddress: '10.0.0.2' };
    expect(encodeEntry('NEIGHBOR_ENTRY', buf.view, 0, key)).toBe(true);
    expect(bytesOf(40)).toEqual([
      ...le64(sw),
      ...le64(rif),
      ...[0, 0, 0, 0], // addr_family IPV4
      ...[10, 0, 0, 2, ...zeros(12)], // addr.ip4, network order
      ...zeros(4), // tail padding
    ]);
    expect(decodeEntry('NEIGHBOR_ENTRY', buf.view, 0)).toEqual(key);
  });

  it('sai_fdb_entry_t: switch 0, mac 8, bv 16, 24 bytes', () => {
    buf.bytes.fill(0xee);
    const bv = 0x2139000000000002n;
    const key = { switchId: sw, macAddress: '00:11:22:33:44:55', bvId: bv };
    expect(encodeEntry('FDB_ENTRY', buf.view, 0, key)).toBe(true);
    expect(bytesOf(24)).toEqual([...le64(sw), 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0, ...le64(bv)]);
    expect(decodeEntry('FDB_ENTRY', buf.view, 0)).toEqual(key);
  });

  it('refuses keys that are not canonical or not 64-bit ids', () => {
    expect(encodeEntry('ROUTE_ENTRY', buf.view, 0, { switchId: sw, vrId: vr, destination: '10.0.0.1/8' })).toBe(false);
    expect(encodeEntry('ROUTE_ENTRY', buf.view, 0, { switchId: sw, vrId: -1n, destination: '10.0.0.0/8' })).toBe(false);
    expect(encodeEntry('ROUTE_ENTRY', buf.view, 0, { switchId: 1, vrId: vr, destination: '10.0.0.0/8' } as never)).toBe(
      false,
    );
    expect(encodeEntry('NEIGHBOR_ENTRY', buf.view, 0, { switchId: sw, rifId: vr, ipAddress: '10.0.0.256' })).toBe(
      false,
    );
    expect(encodeEntry('FDB_ENTRY', buf.view, 0, { switchId: sw, bvId: vr, macAddress: '00:11:22:33:44' })).toBe(false);
    expect(encodeEntry('ROUTE_ENTRY', buf.view, 0, undefined)).toBe(false);
  });
});

describe('layout constants agree with the C layout of the same declarations', () => {
  const ip4 = 'uint32_t';
  const ipAddr = koffi.struct('t_sai_ip_address', {
    addr_family: 'int32_t',
    addr: koffi.union('t_sai_ip_addr', { ip4, ip6: koffi.array('uint8_t', 16) }),
  });
  const ipPrefix = koffi.struct('t_sai_ip_prefix', {
    addr_family: 'int32_t',
    addr: 't_sai_ip_addr',
    mask: 't_sai_ip_addr',
  });
  const objList = koffi.struct('t_sai_object_list', { count: 'uint32_t', list: 'void *' });
  const value = koffi.union('t_sai_attribute_value', {
    booldata: 'bool',
    chardata: koffi.array('char', 32),
    u64: 'uint64_t',
    mac: koffi.array('uint8_t', 6),
    ipaddr: ipAddr,
    ipprefix: ipPrefix,
    objlist: objList,
  });
  const attribute = koffi.struct('t_sai_attribute', { id: 'uint32_t', value });
  const route = koffi.struct('t_sai_route_entry', { switch_id: 'uint64_t', vr_id: 'uint64_t', destination: ipPrefix });
  const neighbor = koffi.struct('t_sai_neighbor_entry', {
    switch_id: 'uint64_t',
    rif_id: 'uint64_t',
    ip_address: ipAddr,
  });
  const fdb = koffi.struct('t_sai_fdb_entry', {
    switch_id: 'uint64_t',
    mac_address: koffi.array('uint8_t', 6),
    bv_id: 'uint64_t',
  });

  it('matches', () => {
    expect(koffi.sizeof(ipAddr)).toBe(abi.IP_ADDRESS_SIZE);
    expect(koffi.offsetof(ipAddr, 'addr')).toBe(abi.IP_ADDRESS_ADDR_OFFSET);
    expect(koffi.sizeof(ipPrefix)).toBe(abi.IP_PREFIX_SIZE);
    expect(koffi.offsetof(ipPrefix, 'mask')).toBe(abi.IP_PREFIX_MASK_OFFSET);
    expect(koffi.sizeof(objList)).toBe(16);
    expect(koffi.offsetof(objList, 'list')).toBe(abi.LIST_POINTER_OFFSET);
    expect(koffi.sizeof(value)).toBe(abi.ATTR_VALUE_SIZE);
    expect(koffi.sizeof(attribute)).toBe(abi.ATTR_SIZE);
    expect(koffi.offsetof(attribute, 'value')).toBe(abi.ATTR_VALUE_OFFSET);
    expect(koffi.sizeof(route)).toBe(abi.ROUTE_ENTRY_SIZE);
    expect(koffi.offsetof(route, 'destination')).toBe(abi.ROUTE_ENTRY_DEST_OFFSET);
    expect(koffi.sizeof(neighbor)).toBe(abi.NEIGHBOR_ENTRY_SIZE);
    expect(koffi.offsetof(neighbor, 'ip_address')).toBe(abi.NEIGHBOR_ENTRY_IP_OFFSET);
    expect(koffi.sizeof(fdb)).toBe(abi.FDB_ENTRY_SIZE);
    expect(koffi.offsetof(fdb, 'bv_id')).toBe(abi.FDB_ENTRY_BV_OFFSET);
  });
});
