/**
 * Marshalling without a libsai: every value kind written into a native `sai_attribute_t` at the
 * offsets of SAI-ABI.md (checked byte by byte), then read back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalIpAddress,
  canonicalIpPrefix,
  isCanonicalIpAddress,
  isCanonicalIpPrefix,
} from '../../src/sai/address.js';
import type { SaiValue, SaiValueKind } from '../../src/sai/value.js';
import { ATTR_SIZE, ATTR_VALUE_OFFSET } from '../../src/adapter/ffi/abi.js';
import { AttrBlock } from '../../src/adapter/ffi/attr-block.js';
import { formatIpv6Bytes } from '../../src/adapter/ffi/address-codec.js';

const block = new AttrBlock(4, 256);
afterAll(() => block.free());

/** Encodes one attribute in slot 0; returns the 48 bytes of the slot. */
function encodeOne(id: number, kind: SaiValueKind, value: SaiValue): { ok: boolean; bytes: Uint8Array } {
  block.begin(1, Array.isArray(value) ? value.length * 8 : 0);
  const ok = block.push(id, kind, value);
  return { ok, bytes: block.attrs.bytes.slice(0, ATTR_SIZE) };
}

/** The value union's bytes (40 from offset 8). */
function union(bytes: Uint8Array): number[] {
  return [...bytes.slice(ATTR_VALUE_OFFSET, ATTR_VALUE_OFFSET + 40)];
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

describe('scalar kinds at their offsets', () => {
  const cases: { kind: SaiValueKind; value: SaiValue; union: number[] }[] = [
    { kind: 'bool', value: true, union: [1, ...zeros(39)] },
    { kind: 'bool', value: false, union: zeros(40) },
    { kind: 'u8', value: 0xc8, union: [0xc8, ...zeros(39)] },
    { kind: 'u16', value: 0xbeef, union: [0xef, 0xbe, ...zeros(38)] },
    { kind: 'u32', value: 0xdeadbeef, union: [0xef, 0xbe, 0xad, 0xde, ...zeros(36)] },
    { kind: 'i32', value: -2, union: [0xfe, 0xff, 0xff, 0xff, ...zeros(36)] },
    { kind: 'enum', value: 4, union: [4, 0, 0, 0, ...zeros(36)] },
    { kind: 'u64', value: 0xffffffffffffffffn, union: [...new Array(8).fill(0xff), ...zeros(32)] },
    {
      kind: 'oid',
      value: 0x2106000000000003n,
      union: [0x03, 0, 0, 0, 0, 0, 0x06, 0x21, ...zeros(32)],
    },
    { kind: 'mac', value: '02:aa:bb:cc:dd:0f', union: [0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x0f, ...zeros(34)] },
    // sai_ip_address_t: family u32 (IPV4 0) then ip4 in network byte order.
    { kind: 'ipAddress', value: '10.1.2.3', union: [0, 0, 0, 0, 10, 1, 2, 3, ...zeros(32)] },
    {
      kind: 'ipAddress',
      value: '2001:db8::1',
      union: [1, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, ...zeros(11), 1, ...zeros(20)],
    },
    // sai_ip_prefix_t: family at 0, addr at 4, mask at 20.
    {
      kind: 'ipPrefix',
      value: '10.128.0.0/9',
      union: [0, 0, 0, 0, 10, 128, 0, 0, ...zeros(12), 255, 128, 0, 0, ...zeros(16)],
    },
    {
      kind: 'ipPrefix',
      value: '2001:db8::/33',
      union: [1, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, ...zeros(12), 0xff, 0xff, 0xff, 0xff, 0x80, ...zeros(11), 0, 0, 0, 0],
    },
    { kind: 'ipPrefix', value: '0.0.0.0/0', union: zeros(40) },
    {
      kind: 'chardata',
      value: 'Ethernet0',
      union: [...Buffer.from('Ethernet0'), ...zeros(31)],
    },
  ];
  for (const c of cases) {
    it(`${c.kind} ${String(c.value)}`, () => {
      const { ok, bytes } = encodeOne(7, c.kind, c.value);
      expect(ok).toBe(true);
      expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(7);
      expect([...bytes.slice(4, 8)]).toEqual([0, 0, 0, 0]);
      expect(union(bytes)).toEqual(c.union);
      expect(block.readScalar(0, c.kind)).toEqual(c.value);
    });
  }

  it('chardata of 31 bytes fits, 32 does not', () => {
    expect(encodeOne(1, 'chardata', 'x'.repeat(31)).ok).toBe(true);
    expect(block.readScalar(0, 'chardata')).toBe('x'.repeat(31));
    expect(encodeOne(1, 'chardata', 'x'.repeat(32)).ok).toBe(false);
    expect(encodeOne(1, 'chardata', 'a\0b').ok).toBe(false);
  });
});

describe('values that do not fit their kind are refused', () => {
  const bad: [SaiValueKind, unknown][] = [
    ['bool', 1],
    ['u8', 256],
    ['u8', -1],
    ['u16', 0x10000],
    ['u32', 2 ** 32],
    ['u32', 1.5],
    ['i32', 2 ** 31],
    ['enum', 'FORWARD'],
    ['u64', -1n],
    ['u64', 1n << 64n],
    ['oid', 5],
    ['mac', 'AA:BB:CC:DD:EE:FF'],
    ['mac', 'aa-bb-cc-dd-ee-ff'],
    ['ipAddress', '10.0.0.01'],
    ['ipAddress', '2001:DB8::1'],
    ['ipAddress', '2001:db8:0:0:0:0:0:1'],
    ['ipAddress', '::ffff:1.2.3.4'],
    ['ipPrefix', '10.0.0.1/8'],
    ['ipPrefix', '10.0.0.0/33'],
    ['ipPrefix', '10.0.0.0'],
    ['ipPrefix', '2001:db8::1/32'],
    ['ipPrefix', '01.0.0.0/8'],
    ['ipPrefix', '1.2.3/8'],
    ['ipPrefix', '1.2.3.4.5/8'],
    ['ipPrefix', '1.2.3.256/32'],
    ['ipPrefix', '1.2.3.0/024'],
    ['ipPrefix', '1.2.3.0/'],
    ['ipPrefix', '1.2.3.0/-1'],
    ['ipPrefix', ' 1.2.3.0/24'],
    ['ipPrefix', '1.2.3.0/24 '],
    ['ipPrefix', '1.2.3.0//24'],
    ['ipPrefix', '1000.2.3.0/24'],
    ['ipPrefix', '1.2.3.0/2a'],
    ['ipPrefix', '::/129'],
    ['ipPrefix', '1.2.3.0:24'],
    ['oidList', [1, 2]],
    ['u32List', [-1]],
    ['i32List', [2 ** 31]],
    ['u32List', 5],
  ];
  for (const [kind, value] of bad) {
    it(`${kind} ${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`, () => {
      expect(encodeOne(1, kind, value as SaiValue).ok).toBe(false);
    });
  }
});

describe('lists: count at 0, pointer at 8 into preallocated backing memory', () => {
  it('object list', () => {
    const ids = [0x2101000000000001n, 0xffffffffffffffffn, 1n];
    const { ok, bytes } = encodeOne(2, 'oidList', ids);
    expect(ok).toBe(true);
    const dv = new DataView(bytes.buffer);
    expect(dv.getUint32(ATTR_VALUE_OFFSET, true)).toBe(3);
    expect(dv.getBigUint64(ATTR_VALUE_OFFSET + 8, true)).toBe(block.lists.address);
    const back = block.lists.view;
    expect([0, 1, 2].map((k) => back.getBigUint64(8 * k, true))).toEqual(ids);
  });

  it('u32 and s32 lists', () => {
    encodeOne(30, 'u32List', [1, 2, 0xffffffff]);
    expect([0, 1, 2].map((k) => block.lists.view.getUint32(4 * k, true))).toEqual([1, 2, 0xffffffff]);
    encodeOne(30, 'i32List', [-1, 7]);
    expect([0, 1].map((k) => block.lists.view.getInt32(4 * k, true))).toEqual([-1, 7]);
  });

  it('an empty list is count 0 and a NULL pointer', () => {
    const { ok, bytes } = encodeOne(2, 'oidList', []);
    expect(ok).toBe(true);
    expect(union(bytes)).toEqual(zeros(40));
  });

  it('a get slot reads back what the libsai wrote, bounded by its capacity and pointer', () => {
    block.begin(2, 64);
    block.pushGetSlot(2, 'oidList', 4);
    block.pushGetSlot(30, 'u32List', 2);
    const av = block.attrs.view;
    const listBase = block.lists.address;
    expect(av.getUint32(ATTR_VALUE_OFFSET, true)).toBe(4);
    expect(av.getBigUint64(ATTR_VALUE_OFFSET + 8, true)).toBe(listBase);
    expect(av.getUint32(ATTR_SIZE + ATTR_VALUE_OFFSET, true)).toBe(2);
    expect(av.getBigUint64(ATTR_SIZE + ATTR_VALUE_OFFSET + 8, true)).toBe(listBase + 32n);
    // The "libsai" answers two ids in slot 0 and an overflow (needs 5) in slot 1.
    block.lists.view.setBigUint64(0, 11n, true);
    block.lists.view.setBigUint64(8, 12n, true);
    av.setUint32(ATTR_VALUE_OFFSET, 2, true);
    av.setUint32(ATTR_SIZE + ATTR_VALUE_OFFSET, 5, true);
    expect(block.readList(0, 'oidList')).toEqual({ ok: true, value: [11n, 12n] });
    expect(block.readList(1, 'u32List')).toEqual({ ok: false, needed: 5, reason: 'overflow' });
    // A pointer the binding did not give is never followed.
    av.setBigUint64(ATTR_VALUE_OFFSET + 8, 0x1000n, true);
    expect(block.readList(0, 'oidList')).toMatchObject({ ok: false, reason: 'pointer' });
  });
});

describe('addresses against the canonical forms of sai/address.ts', () => {
  const v6 = fc
    .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
    .map((g) => g.map((x) => x.toString(16)).join(':'));
  const v4 = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((o) => o.join('.'));

  it('IPv6 addresses round trip to their RFC 5952 text', () => {
    fc.assert(
      fc.property(v6, (text) => {
        const canonical = canonicalIpAddress(text);
        expect(encodeOne(1, 'ipAddress', canonical).ok).toBe(true);
        expect(block.readScalar(0, 'ipAddress')).toBe(canonical);
        if (canonical !== text) expect(encodeOne(1, 'ipAddress', text).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('IPv4 and IPv6 prefixes round trip', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          v4.map((a) => [a, 32] as const),
          v6.map((a) => [a, 128] as const),
        ),
        fc.nat(),
        ([addr, max], n) => {
          const len = n % (max + 1);
          const masked = canonicalIpPrefix(
            // Clear host bits through ipaddr's CIDR helpers is not needed: build from the network address.
            networkOf(addr, len, max),
          );
          expect(encodeOne(1, 'ipPrefix', masked).ok).toBe(true);
          expect(block.readScalar(0, 'ipPrefix')).toBe(masked);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly the strings sai/address.ts calls canonical', () => {
    const chars = fc.constantFrom(...'0123456789./:'.split(''));
    const noise = fc.array(chars, { minLength: 1, maxLength: 20 }).map((c) => c.join(''));
    const nearV4 = fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 3, maxLength: 5 }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
      )
      .map(([o, len, zero]) => `${zero ? '0' : ''}${o.join('.')}/${len}`);
    fc.assert(
      fc.property(fc.oneof(noise, nearV4), (text) => {
        expect(encodeOne(1, 'ipPrefix', text).ok).toBe(isCanonicalIpPrefix(text));
        expect(encodeOne(1, 'ipAddress', text).ok).toBe(isCanonicalIpAddress(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('formats 16 bytes as RFC 5952', () => {
    expect(formatIpv6Bytes(new Array(16).fill(0))).toBe('::');
    expect(formatIpv6Bytes([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])).toBe('2001:db8:0:1::1');
    expect(formatIpv6Bytes([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])).toBe('1:0:0:1::1');
    // Equal runs: the leftmost is compressed.
    expect(formatIpv6Bytes([0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1])).toBe('1::1:0:0:1');
  });

  it('a decoded prefix with a non-contiguous mask or host bits is malformed', () => {
    encodeOne(1, 'ipPrefix', '10.0.0.0/8');
    const dv = block.attrs.view;
    dv.setUint8(ATTR_VALUE_OFFSET + 20 + 1, 0x0f); // mask 255.15.0.0
    expect(block.readScalar(0, 'ipPrefix')).toBeUndefined();
    encodeOne(1, 'ipPrefix', '10.0.0.0/8');
    dv.setUint8(ATTR_VALUE_OFFSET + 4 + 3, 1); // 10.0.0.1/8
    expect(block.readScalar(0, 'ipPrefix')).toBeUndefined();
    encodeOne(1, 'ipAddress', '10.0.0.1');
    dv.setUint32(ATTR_VALUE_OFFSET, 7, true); // unknown family
    expect(block.readScalar(0, 'ipAddress')).toBeUndefined();
  });
});

/** The network address text of `addr/len` (host bits cleared). */
function networkOf(addr: string, len: number, max: number): string {
  if (max === 32) {
    const o = addr.split('.').map(Number);
    const v = ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
    const m = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    const n = (v & m) >>> 0;
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${len}`;
  }
  const groups = canonicalIpAddress(addr) === addr ? expand(addr) : expand(canonicalIpAddress(addr));
  for (let bit = len; bit < 128; bit++) groups[bit >> 4] &= ~(0x8000 >> (bit & 15));
  return `${canonicalIpAddress(groups.map((g) => g.toString(16)).join(':'))}/${len}`;
}

function expand(text: string): number[] {
  const [head, tail = ''] = text.split('::');
  const h = head ? head.split(':').map((x) => parseInt(x, 16)) : [];
  const t = tail ? tail.split(':').map((x) => parseInt(x, 16)) : [];
  if (!text.includes('::')) return h;
  return [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
}
