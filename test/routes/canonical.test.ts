import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { canonicalAddressFast, canonicalPrefixFast, canonicalPrefixOrNull } from '../../src/routes/index.js';
import { parseCanonicalIpv6 } from '../../src/routes/canonical.js';
import { AddressFormatError, canonicalIpAddress, canonicalIpPrefix } from '../../src/sai/address.js';

/** What a function makes of an input: its result, or the reason it refused it. */
function outcome(fn: (s: string) => string, s: string): { ok: string } | { reason: string } {
  try {
    return { ok: fn(s) };
  } catch (err) {
    if (err instanceof AddressFormatError) return { reason: err.reason };
    throw err;
  }
}

/** IPv6 groups biased towards zero runs (where RFC 5952 compression rules bite). */
const groupsArb = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constantFrom(1, 0xf, 0x10, 0xdb8, 0xffff, 0x2001) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
  ),
  { minLength: 8, maxLength: 8 },
);

/** Many spellings of the same IPv6 address, canonical or not. */
function spell(groups: number[], style: number): string {
  const hex = groups.map((g, i) => {
    let h = g.toString(16);
    if (style & 1 && i % 2 === 0) h = h.toUpperCase();
    if (style & 2 && i % 3 === 0) h = h.padStart(4, '0');
    return h;
  });
  if (style & 4) return hex.join(':');
  // compress the run starting at a chosen zero group (maybe not the canonical one, maybe length 1)
  const zeroStarts = groups.flatMap((g, i) => (g === 0 ? [i] : []));
  if (zeroStarts.length === 0) return hex.join(':');
  const start = zeroStarts[(style >> 3) % zeroStarts.length];
  let end = start;
  while (end < 8 && groups[end] === 0 && end - start < ((style >> 5) % 8) + 1) end++;
  return `${hex.slice(0, start).join(':')}::${hex.slice(end).join(':')}`;
}

function hostMask(groups: number[], len: number): number[] {
  return groups.map((g, i) => {
    const bits = Math.max(0, Math.min(16, len - 16 * i));
    return bits === 0 ? 0 : g & (0xffff << (16 - bits)) & 0xffff;
  });
}

describe('parseCanonicalIpv6', () => {
  it('accepts exactly what ipaddr.js toRFC5952String produces', () => {
    fc.assert(
      fc.property(groupsArb, (groups) => {
        const s = new ipaddr.IPv6(groups).toRFC5952String();
        const out = new Uint16Array(8);
        expect(parseCanonicalIpv6(s, 0, s.length, out)).toBe(true);
        expect([...out]).toEqual(groups);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts a spelling only when it is the canonical one', () => {
    fc.assert(
      fc.property(groupsArb, fc.integer({ min: 0, max: 1023 }), (groups, style) => {
        const s = spell(groups, style);
        const canonical = new ipaddr.IPv6(groups).toRFC5952String();
        expect(parseCanonicalIpv6(s, 0, s.length)).toBe(s === canonical);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses non-canonical and invalid forms', () => {
    for (const s of [
      '',
      ':',
      ':::',
      '1:::2',
      '1::2::3',
      '2001:DB8::',
      '2001:0db8::',
      '1:0:0:0:0:0:0:0',
      '1::2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '0:0:1:0:0:0:0:0',
      '1::0:1',
      '1:0:0:4::7:8',
      '::ffff:1.2.3.4',
      'fe80::1%eth0',
      '12345::',
      '1:2:3:4:5:6:7:',
      ':1:2:3:4:5:6:7',
      'g::',
    ]) {
      expect(parseCanonicalIpv6(s, 0, s.length), s).toBe(false);
    }
    for (const s of [
      '::',
      '::1',
      '1::',
      '2001:db8::1',
      '1:2:3:4:5:6:7:8',
      '1:0:2:3:4:5:6:7',
      '1::4:0:0:7:8',
      '0:1::',
      '0:0:1::',
    ]) {
      expect(parseCanonicalIpv6(s, 0, s.length), s).toBe(true);
    }
  });
});

describe('canonicalPrefixFast / canonicalAddressFast', () => {
  it('give the same result or the same refusal as address.ts for IPv6 prefixes', () => {
    fc.assert(
      fc.property(
        groupsArb,
        fc.integer({ min: 0, max: 1023 }),
        fc.integer({ min: 0, max: 130 }),
        fc.boolean(),
        (groups, style, len, mask) => {
          const g = mask ? hostMask(groups, len) : groups;
          const s = `${spell(g, style)}/${len}`;
          expect(outcome(canonicalPrefixFast, s)).toEqual(outcome(canonicalIpPrefix, s));
        },
      ),
      { numRuns: 10000 },
    );
  });

  it('give the same result or the same refusal as address.ts for IPv4 prefixes', () => {
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map(String),
      fc.constantFrom('0', '00', '01', '256', '999', '', '1a', '-1', ' 1'),
    );
    const len = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map(String),
      fc.constantFrom('', '00', '08', '+8', '8 ', '1e1', '0x8'),
    );
    fc.assert(
      fc.property(
        fc.array(octet, { minLength: 3, maxLength: 5 }),
        len,
        fc.boolean(),
        fc.integer({ min: -1, max: 31 }),
        (octets, l, mask, flip) => {
          let addr = octets.join('.');
          if (mask && octets.length === 4 && octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) < 256)) {
            const n = Number(l);
            if (Number.isInteger(n) && n >= 0 && n <= 32) {
              const v = octets.reduce((a, o) => a * 256 + Number(o), 0);
              let m = n === 0 ? 0 : (v & (0xffffffff << (32 - n))) >>> 0;
              if (flip >= 0) m = (m | (0x80000000 >>> flip)) >>> 0; // one bit, maybe a host bit
              addr = [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join('.');
            }
          }
          const s = `${addr}/${l}`;
          expect(outcome(canonicalPrefixFast, s)).toEqual(outcome(canonicalIpPrefix, s));
        },
      ),
      { numRuns: 10000 },
    );
  });

  it('give the same result or refusal as address.ts for odd inputs', () => {
    const inputs = [
      '10.0.0.0/8',
      '10.0.0.1/8',
      '10.0.0.0/08',
      '10.0.0.0/33',
      '010.0.0.0/8',
      '10.0.0/8',
      '10.0.0.0',
      '10.0.0.0/',
      '0.0.0.0/0',
      '255.255.255.255/32',
      '2001:db8::/32',
      '2001:db8::/032',
      '2001:db8::/129',
      '2001:db8::1/64',
      '2001:db8::/',
      '2001:db8::',
      '/32',
      '::/0',
      '::/00',
      '::1/128',
      '::ffff:10.0.0.0/104',
      'fe80::%1/64',
      '2001:db8::/+3',
      '2001:db8::/ 32',
      ' 2001:db8::/32',
      '2001:db8::/32 ',
      'x',
      '',
      ':/0',
      '1::/16',
    ];
    for (const s of inputs) expect(outcome(canonicalPrefixFast, s), s).toEqual(outcome(canonicalIpPrefix, s));
    const addrs = [
      '10.0.0.1',
      '2001:db8::1',
      '2001:DB8::1',
      '::',
      '::ffff:1.2.3.4',
      'fe80::1%eth0',
      '1.2.3',
      '',
      '1::2::3',
    ];
    for (const s of addrs) expect(outcome(canonicalAddressFast, s), s).toEqual(outcome(canonicalIpAddress, s));
  });

  it('give the same result or refusal as address.ts for IPv6 addresses', () => {
    fc.assert(
      fc.property(groupsArb, fc.integer({ min: 0, max: 1023 }), (groups, style) => {
        const s = spell(groups, style);
        expect(outcome(canonicalAddressFast, s)).toEqual(outcome(canonicalIpAddress, s));
      }),
      { numRuns: 5000 },
    );
  });

  it('take the no-allocation path for every canonical prefix', () => {
    fc.assert(
      fc.property(groupsArb, fc.integer({ min: 0, max: 128 }), (groups, len) => {
        const s = `${new ipaddr.IPv6(hostMask(groups, len)).toRFC5952String()}/${len}`;
        expect(canonicalPrefixOrNull(s)).toBe(s);
      }),
      { numRuns: 2000 },
    );
    for (const s of ['0.0.0.0/0', '10.0.0.0/8', '1.2.3.4/32', '224.0.0.0/3', '::/0', '2001:db8::/32']) {
      expect(canonicalPrefixOrNull(s)).toBe(s);
    }
    for (const s of [
      '10.0.0.1/8',
      '2001:DB8::/32',
      '10.0.0.0/8 ',
      ' 10.0.0.0/8',
      '10.0.0.0/8#',
      '',
      '/8',
      '10.0.0.0',
    ]) {
      expect(canonicalPrefixOrNull(s)).toBeNull();
    }
  });

  it('canonicalise and refuse host bits', () => {
    expect(canonicalPrefixFast('2001:DB8:0::/32')).toBe('2001:db8::/32');
    expect(() => canonicalPrefixFast('2001:db8::1/32')).toThrow(/host bits set/);
    expect(() => canonicalPrefixFast('10.0.0.1/8')).toThrow(/host bits set/);
  });
});
