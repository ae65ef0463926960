/**
 * The get protocol on libsais that do not answer as the fake (src/adapter/ffi/get-protocol.ts):
 * libsaivs in quirk mode get-plain-status fails a multi-attribute get as a whole, without an index,
 * when any attribute was never set, and answers INVALID_ATTRIBUTE + i for a conditional attribute
 * whose condition does not hold. What the libsai cannot answer reads as NOT_READ (never a default),
 * is learned per object type and not asked again, so the next object costs one get. A hostile
 * libsai answers `sai_query_attribute_capability`; quirk no-bulk-get answers the bulk get
 * NOT_IMPLEMENTED as a whole, once.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';
import { FfiSaiAdapter as Ffi } from '../../src/adapter/ffi/index.js';
import type { RouteEntryKey } from '../../src/sai/index.js';
import { NOT_READ } from '../../src/sai/value.js';
import { describeWithNeed, needCc, needLibsaivs } from '../helpers/need.js';
import { openVs, scratchDir } from './libsaivs.js';

const open: FfiSaiAdapter[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function vs(quirks: string): FfiSaiAdapter {
  const a = openVs({ ports: 4, profile: { SAI_VS_QUIRKS: quirks } });
  open.push(a);
  return a;
}

/** A router interface on port 0 and a next hop on it. */
function l3(a: FfiSaiAdapter): { vr: bigint; rif: bigint; nh: bigint } {
  const d = a.switchDefaults();
  const vr = d.defaultVirtualRouterId;
  const rif = a.create('ROUTER_INTERFACE', undefined, [
    { id: 0, value: vr },
    { id: 1, value: 0 },
    { id: 2, value: d.portList[0] },
  ]);
  const nh = a.create('NEXT_HOP', undefined, [
    { id: 0, value: 0 },
    { id: 1, value: '10.0.0.2' },
    { id: 2, value: rif },
  ]);
  return { vr, rif, nh };
}

function route(a: FfiSaiAdapter, vr: bigint, prefix: string): RouteEntryKey {
  return { switchId: a.switchId, vrId: vr, destination: prefix };
}

const PACKET_ACTION = 0;
const NEXT_HOP_ID = 2;
const META_DATA = 3;

describeWithNeed(needLibsaivs(), 'the get protocol on libsaivs quirk modes', () => {
  it('a plain-status failure is split: what was never set is NOT_READ, learned, and the next object costs one get', () => {
    const a = vs('get-plain-status');
    const { vr, nh } = l3(a);
    const keys = ['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16'].map((p) => route(a, vr, p));
    for (const k of keys) a.create('ROUTE_ENTRY', k, [{ id: NEXT_HOP_ID, value: nh }]);
    const ids = [PACKET_ACTION, NEXT_HOP_ID, META_DATA];
    const g0 = a.readStats().singleGets;
    expect(a.get('ROUTE_ENTRY', keys[0], ids)).toEqual([NOT_READ, nh, NOT_READ]);
    // The whole get, then each attribute alone.
    expect(a.readStats().singleGets - g0).toBe(4);
    expect(a.readStats().unanswerable.ROUTE_ENTRY).toEqual([
      'SAI_ROUTE_ENTRY_ATTR_PACKET_ACTION',
      'SAI_ROUTE_ENTRY_ATTR_META_DATA',
    ]);
    const g1 = a.readStats().singleGets;
    expect(a.get('ROUTE_ENTRY', keys[1], ids)).toEqual([NOT_READ, nh, NOT_READ]);
    expect(a.get('ROUTE_ENTRY', keys[2], ids)).toEqual([NOT_READ, nh, NOT_READ]);
    expect(a.readStats().singleGets - g1).toBe(2);
    // A missing object still fails, even when nothing of it can be read.
    expect(() => a.get('ROUTE_ENTRY', route(a, vr, '10.9.0.0/16'), [PACKET_ACTION])).toThrow(/ITEM_NOT_FOUND/);
  });

  it('an object that differs from its type is split again; a reference is always asked', () => {
    const a = vs('get-plain-status');
    const { vr, nh } = l3(a);
    const fwd = route(a, vr, '10.1.0.0/16');
    const drop = route(a, vr, '10.2.0.0/16');
    a.create('ROUTE_ENTRY', fwd, [{ id: NEXT_HOP_ID, value: nh }]);
    a.create('ROUTE_ENTRY', drop, [{ id: PACKET_ACTION, value: 0 }]);
    const ids = [PACKET_ACTION, NEXT_HOP_ID, META_DATA];
    expect(a.get('ROUTE_ENTRY', fwd, ids)).toEqual([NOT_READ, nh, NOT_READ]);
    // NEXT_HOP_ID names another object: never learned away, so a drop route's unset one is NOT_READ
    // for this route only, and a forward route afterwards still reads its next hop.
    expect(a.get('ROUTE_ENTRY', drop, ids)).toEqual([NOT_READ, NOT_READ, NOT_READ]);
    expect(a.get('ROUTE_ENTRY', fwd, ids)).toEqual([NOT_READ, nh, NOT_READ]);
    expect(a.readStats().unanswerable.ROUTE_ENTRY).not.toContain('SAI_ROUTE_ENTRY_ATTR_NEXT_HOP_ID');
  });

  it('INVALID_ATTRIBUTE + i (a condition that does not hold) is NOT_READ for that attribute only', () => {
    const a = vs('get-plain-status');
    const { rif } = l3(a);
    // VLAN_ID of a PORT interface: INVALID_ATTRIBUTE + 1; the others are read.
    const [vrId, type, vlan] = a.get('ROUTER_INTERFACE', rif, [0, 1, 3]);
    expect(typeof vrId).toBe('bigint');
    expect(type).toBe(0);
    expect(vlan).toBe(NOT_READ);
    // A host key attribute is never learned away.
    expect(a.readStats().unanswerable.ROUTER_INTERFACE ?? []).not.toContain('SAI_ROUTER_INTERFACE_ATTR_VLAN_ID');
  });

  it('strict libsaivs: ATTR_NOT_IMPLEMENTED + i is no value without a constant default, never a default', () => {
    const a = openVs({ ports: 2 });
    open.push(a);
    const { rif } = l3(a);
    // SRC_MAC_ADDRESS (default: the switch's) was not set: no value; MTU answers its default.
    expect(a.get('ROUTER_INTERFACE', rif, [7, 10])).toEqual([undefined, 1514]);
    expect(a.readStats().unanswerable).toEqual({});
  });

  it('no bulk get: the first call answers NOT_IMPLEMENTED as a whole, every entry is read singly, and it is not called again', () => {
    const a = vs('no-bulk-get');
    const { vr, nh } = l3(a);
    const keys = Array.from({ length: 50 }, (_, i) => route(a, vr, `10.${i}.0.0/16`));
    for (const k of keys) a.create('ROUTE_ENTRY', k, [{ id: NEXT_HOP_ID, value: nh }]);
    const s0 = a.readStats();
    const r = a.bulkGet('ROUTE_ENTRY', keys, [PACKET_ACTION, NEXT_HOP_ID]);
    expect([...r.statuses].every((s) => s === 0)).toBe(true);
    expect(r.values.every((v) => v[1] === nh && v[0] === 1 /* FORWARD, its default */)).toBe(true);
    const s1 = a.readStats();
    expect(s1.bulkGets - s0.bulkGets).toBe(1);
    expect(s1.noBulkGet).toEqual(['ROUTE_ENTRY']);
    expect(s1.singleGets - s0.singleGets).toBe(50);
    a.bulkGet('ROUTE_ENTRY', keys, [PACKET_ACTION, NEXT_HOP_ID]);
    expect(a.readStats().bulkGets - s0.bulkGets).toBe(1);
    expect(a.readStats().singleGets - s0.singleGets).toBe(100);
  });

  it('bulk get with entries a libsai cannot answer in full: each such entry by the protocol, NOT_READ where unanswerable', () => {
    const a = vs('get-plain-status');
    const { vr, nh } = l3(a);
    const keys = Array.from({ length: 20 }, (_, i) => route(a, vr, `10.${i}.0.0/16`));
    for (const k of keys) a.create('ROUTE_ENTRY', k, [{ id: NEXT_HOP_ID, value: nh }]);
    const r = a.bulkGet('ROUTE_ENTRY', keys, [PACKET_ACTION, NEXT_HOP_ID, META_DATA]);
    expect(r.values.every((v) => v[0] === NOT_READ && v[1] === nh && v[2] === NOT_READ)).toBe(true);
    // Learned from the first entry: the next bulk get asks NEXT_HOP_ID only, and every entry answers.
    const before = a.readStats();
    const again = a.bulkGet('ROUTE_ENTRY', keys, [PACKET_ACTION, NEXT_HOP_ID, META_DATA]);
    expect(again.values.every((v) => v[0] === NOT_READ && v[1] === nh)).toBe(true);
    expect(a.readStats().singleGets).toBe(before.singleGets);
    expect(a.readStats().bulkGets).toBe(before.bulkGets + 1);
  });
});

describeWithNeed(needCc(), 'sai_query_attribute_capability', () => {
  const scratch = scratchDir();
  let lib = '';
  beforeAll(() => {
    lib = join(scratch.dir, 'libhostile.so');
    execFileSync('cc', [
      '-shared',
      '-fPIC',
      '-O1',
      '-fvisibility=hidden',
      '-o',
      lib,
      resolve(import.meta.dirname, 'fixtures/hostile-sai.c'),
    ]);
  });
  afterAll(() => scratch.cleanup());

  it('an attribute whose get is not implemented is never asked, and reads NOT_READ', () => {
    const a = Ffi.open({ libPath: lib, profile: { HOSTILE_MODE: 'capability' } });
    try {
      const NH = 0x2104000000000002n;
      // The fixture says IP (1) has no get and fails any get naming it with FAILURE.
      expect(a.get('NEXT_HOP', NH, [0, 1, 2])).toEqual([0, NOT_READ, 0n]);
      expect(a.readStats().unanswerable.NEXT_HOP).toEqual(['SAI_NEXT_HOP_ATTR_IP']);
    } finally {
      a.close();
    }
  });
});
