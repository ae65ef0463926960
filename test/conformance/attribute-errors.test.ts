/**
 * A wrong attribute value says which attribute (SAI name and id) and which value, on both adapters
 * (issue 11 item 8): the traits refuse it before any adapter call (`toSaiValue`), the adapters
 * decode `INVALID_ATTR_VALUE + i` and friends into the attribute of the caller's list, and
 * MANDATORY_ATTRIBUTE_MISSING names the attribute left out. A libsai's error also names the library
 * and the SAI function.
 */
import { expect, it } from 'vitest';
import { isSaiStatusError, type SaiStatusError } from '../../src/sai/index.js';
import { AttributeValueError } from '../../src/traits/index.js';
import { describeEachAdapter } from '../helpers/adapters.js';
import { makeStore } from '../helpers/l3.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describeEachAdapter('attribute errors', (under) => {
  it.each([
    [
      'a string for a number',
      '9100',
      /SAI_ROUTER_INTERFACE_ATTR_MTU \(mtu, id 10\): "9100": expected an integer 0..4294967295/,
    ],
    ['a bigint for a number', 9100n, /SAI_ROUTER_INTERFACE_ATTR_MTU \(mtu, id 10\): 0x238c: expected an integer/],
    ['-1', -1, /SAI_ROUTER_INTERFACE_ATTR_MTU \(mtu, id 10\): -1: expected an integer 0..4294967295 \(u32\)/],
    ['1.5', 1.5, /SAI_ROUTER_INTERFACE_ATTR_MTU \(mtu, id 10\): 1\.5: expected/],
    ['2**40', 2 ** 40, /SAI_ROUTER_INTERFACE_ATTR_MTU \(mtu, id 10\): 1099511627776: expected/],
    ['NaN', NaN, /SAI_ROUTER_INTERFACE_ATTR_MTU \(mtu, id 10\): NaN: expected/],
  ])('the store refuses %s before any call, naming the attribute and the value', (_name, mtu, message) => {
    const { adapter, store, vrId, ports } = makeStore(under, { ports: 1 });
    const before = adapter.writes().total;
    const e = thrown(() =>
      store
        .get('ROUTER_INTERFACE')
        .setObject(
          { vrId, type: 'PORT', portId: ports[0] },
          { virtualRouterId: vrId, type: 'PORT', portId: ports[0], mtu: mtu as number },
        ),
    );
    expect(e).toBeInstanceOf(AttributeValueError);
    expect((e as Error).message).toMatch(message);
    expect(adapter.writes().total).toBe(before);
    expect(store.get('ROUTER_INTERFACE').size).toBe(0);
  });

  it('a bad MAC and an enum name that does not exist', () => {
    const { store, vrId, ports } = makeStore(under, { ports: 1 });
    const rifs = store.get('ROUTER_INTERFACE');
    const hk = { vrId, type: 'PORT', portId: ports[0] } as const;
    expect(() =>
      rifs.setObject(hk, { virtualRouterId: vrId, type: 'PORT', portId: ports[0], srcMacAddress: '02:00:00:00:00:zz' }),
    ).toThrow(/SAI_ROUTER_INTERFACE_ATTR_SRC_MAC_ADDRESS \(srcMacAddress, id 7\): "02:00:00:00:00:zz": expected a MAC/);
    expect(() =>
      rifs.setObject(hk, {
        virtualRouterId: vrId,
        type: 'PORT',
        portId: ports[0],
        loopbackPacketAction: 'BOUNCE' as never,
      }),
    ).toThrow(
      /SAI_ROUTER_INTERFACE_ATTR_LOOPBACK_PACKET_ACTION \(loopbackPacketAction, id 16\): "BOUNCE": not a value of sai_packet_action_t/,
    );
  });

  it('a missing mandatory attribute names it', () => {
    const { store, vrId, ports } = makeStore(under, { ports: 1 });
    const rif = store
      .get('ROUTER_INTERFACE')
      .setObject({ vrId, type: 'PORT', portId: ports[0] }, { virtualRouterId: vrId, type: 'PORT', portId: ports[0] });
    // A neighbor without its MAC (the host key's attributes are all there: the store passes it on).
    const e = thrown(() =>
      store.get('NEIGHBOR_ENTRY').setObject({ rifId: rif.oid, ip: '10.0.0.2' }, {} as never),
    ) as SaiStatusError;
    expect(isSaiStatusError(e) && e.statusName).toBe('MANDATORY_ATTRIBUTE_MISSING');
    expect(e.attribute).toEqual({ saiName: 'SAI_NEIGHBOR_ENTRY_ATTR_DST_MAC_ADDRESS', id: 0 });
    expect(e.message).toMatch(/MANDATORY_ATTRIBUTE_MISSING \(SAI_NEIGHBOR_ENTRY_ATTR_DST_MAC_ADDRESS, id 0\)/);
    expect(e.call).toBe('create_neighbor_entry');
  });

  it('a value the adapter refuses: INVALID_ATTR_VALUE + i names attribute i of the call, its id and value', () => {
    const { adapter, vrId, ports } = makeStore(under, { ports: 1 });
    const e = thrown(() =>
      adapter.create('ROUTER_INTERFACE', undefined, [
        { id: 0, value: vrId },
        { id: 1, value: 0 },
        { id: 2, value: ports[0] },
        { id: 10, value: -5 },
      ]),
    ) as SaiStatusError;
    expect(e.statusName).toBe('INVALID_ATTR_VALUE');
    expect(e.attrIndex).toBe(3);
    expect(e.message).toMatch(
      /INVALID_ATTR_VALUE \(attribute index 3: SAI_ROUTER_INTERFACE_ATTR_MTU, id 10, value -5\)/,
    );
    expect(e.call).toBe('create_router_interface');
    if (under.name === 'vs') expect(e.library).toMatch(/\.so$/);
    // An enum member that does not exist travels to the libsai (the binding does not judge membership).
    const f = thrown(() =>
      adapter.create('ROUTER_INTERFACE', undefined, [
        { id: 0, value: vrId },
        { id: 1, value: 0 },
        { id: 2, value: ports[0] },
        { id: 16, value: 77 },
      ]),
    ) as SaiStatusError;
    expect(f.message).toMatch(
      /INVALID_ATTR_VALUE \(attribute index 3: SAI_ROUTER_INTERFACE_ATTR_LOOPBACK_PACKET_ACTION, id 16, value 77\)/,
    );
    if (under.name === 'vs') expect(f.message).toMatch(/\[libsai .*libsai\w*\.so, create_router_interface\]$/);
  });

  it('a set and a get name their attribute', () => {
    const { adapter, ports } = makeStore(under, { ports: 1 });
    const s = thrown(() => adapter.set('PORT', ports[0], { id: 54, value: 'x' as never })) as SaiStatusError;
    expect(s.message).toMatch(/INVALID_ATTR_VALUE \(attribute index 0: SAI_PORT_ATTR_MTU, id 54, value "x"\)/);
    expect(s.call).toBe('set_port_attribute');
    const g = thrown(() => adapter.get('PORT', ports[0], [54, 9999])) as SaiStatusError;
    expect(g.statusName).toBe('UNKNOWN_ATTRIBUTE');
    expect(g.message).toMatch(/attribute index 1: attribute 9999 \(not modeled for PORT\), id 9999/);
    expect(g.call).toBe('get_port_attribute');
  });
});
