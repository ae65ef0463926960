import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  AddressFormatError,
  attrStatus,
  canonicalIpAddress,
  canonicalIpPrefix,
  canonicalMac,
  decodeStatus,
  SaiStatus,
  SaiStatusError,
  statusName,
} from '../../src/sai/index.js';

describe('SAI status codes', () => {
  it.each([
    [0, 'SUCCESS', undefined],
    [-17, 'OBJECT_IN_USE', undefined],
    [-0x10000, 'INVALID_ATTRIBUTE', 0],
    [-0x20003, 'INVALID_ATTR_VALUE', 3],
    [-0x3000a, 'ATTR_NOT_IMPLEMENTED', 10],
    [-0x40002, 'UNKNOWN_ATTRIBUTE', 2],
    [-0x5ffff, 'ATTR_NOT_SUPPORTED', 0xffff],
    [-99, 'STATUS_-99', undefined],
  ])('%i decodes to %s[%s]', (code, name, index) => {
    expect(decodeStatus(code)).toEqual(index === undefined ? { name } : { name, attrIndex: index });
  });

  it('attrStatus encodes what decodeStatus decodes', () => {
    expect(attrStatus('UNKNOWN_ATTRIBUTE', 2)).toBe(-0x40002);
    expect(statusName(attrStatus('INVALID_ATTR_VALUE', 7))).toBe('INVALID_ATTR_VALUE[7]');
  });

  it('SaiStatusError carries operation, type, key, status name and attribute index', () => {
    const e = new SaiStatusError(
      'create',
      'ROUTE_ENTRY',
      { switchId: 1n, vrId: 0x21n, destination: '10.0.0.0/8' },
      -0x20001,
    );
    expect(e).toMatchObject({
      operation: 'create',
      objectType: 'ROUTE_ENTRY',
      statusName: 'INVALID_ATTR_VALUE',
      attrIndex: 1,
    });
    expect(e.message).toBe(
      'SAI create ROUTE_ENTRY {"switchId":"0x1","vrId":"0x21","destination":"10.0.0.0/8"} failed: INVALID_ATTR_VALUE (attribute index 1)',
    );
    expect(new SaiStatusError('remove', 'NEXT_HOP', 0x2104000000000026n, SaiStatus.OBJECT_IN_USE).message).toBe(
      'SAI remove NEXT_HOP 0x2104000000000026 failed: OBJECT_IN_USE',
    );
  });
});

describe('canonical addresses', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8:0:0::/32', '2001:db8::/32'],
    ['2001:db8:0:0:1:0:0:1/128', '2001:db8::1:0:0:1/128'],
    ['::/0', '::/0'],
  ])('%s -> %s', (input, out) => expect(canonicalIpPrefix(input)).toBe(out));

  it.each([
    ['10.0.0.1/8', 'host bits set'],
    ['2001:db8::1/32', 'host bits set'],
    ['1.2.3.4/33', 'prefix length'],
    ['1.2.3/24', 'not an IPv4'],
    ['01.2.3.0/24', 'not an IPv4'],
    ['10.0.0.0', 'missing'],
    ['10.0.0.0/08', 'prefix length'],
    ['2001:db8::/129', 'prefix length'],
    ['2001:db8:::/32', 'not an IPv6'],
  ])('%s is refused: %s', (input, reason) => {
    expect(() => canonicalIpPrefix(input)).toThrowError(AddressFormatError);
    expect(() => canonicalIpPrefix(input)).toThrowError(reason);
  });

  it('MACs', () => {
    expect(canonicalMac('02-AA-bb-00-00-01')).toBe('02:aa:bb:00:00:01');
    expect(() => canonicalMac('02:aa:bb:00:00')).toThrowError(AddressFormatError);
  });

  it('IPv4 agrees with ipaddr.js on every dotted quad', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(canonicalIpAddress(ip)).toBe(ipaddr.IPv4.parse(ip).toString());
      }),
    );
  });

  it('IPv6 prefixes: the canonical form is RFC 5952 and masking agrees with ipaddr.js', () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (ip, len) => {
        const masked = ipaddr.IPv6.networkAddressFromCIDR(`${ip}/${len}`).toRFC5952String();
        expect(canonicalIpPrefix(`${masked}/${len}`)).toBe(`${masked}/${len}`);
      }),
    );
  });
});
