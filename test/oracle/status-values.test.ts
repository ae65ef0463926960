/**
 * The statuses the adapters answer, pinned to SAI's own numbers (`../shared/sai/SAI-ABI.md`,
 * "Status codes": code N is -N; per-attribute codes are -(range + index)), not to another
 * adapter's answer: on libsaivs through the FFI adapter, the raw int32 the C library returned; on
 * the fake, what it throws. Attribute lists are written with SAI attribute ids and enum values by
 * hand (SAI 1.18), without the traits.
 */
import { expect, it } from 'vitest';
import type { SaiAdapter } from '../../src/adapter/index.js';
import { isSaiStatusError } from '../../src/sai/index.js';
import type { RouteEntryKey, SaiAttribute } from '../../src/sai/index.js';
import { describeEachAdapter } from '../helpers/adapters.js';

/** SAI_STATUS_* (SAI-ABI.md). */
const SUCCESS = 0;
const INVALID_PARAMETER = -5;
const ITEM_ALREADY_EXISTS = -6;
const ITEM_NOT_FOUND = -7;
const MANDATORY_ATTRIBUTE_MISSING = -14;
const OBJECT_IN_USE = -17;
const INVALID_OBJECT_ID = -19;
const INVALID_NV_STORAGE = -20;
const NOT_EXECUTED = -23;
const INVALID_ATTRIBUTE = (i: number) => -(0x10000 + i);
const INVALID_ATTR_VALUE = (i: number) => -(0x20000 + i);
const UNKNOWN_ATTRIBUTE = (i: number) => -(0x40000 + i);

/** The raw status a call answered (SUCCESS when it did not throw). */
function status(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    if (isSaiStatusError(e)) return e.status;
    throw e;
  }
  return SUCCESS;
}

/** A router interface, a next hop on it, a group with a member, a route to the next hop, a neighbor. */
function base(a: SaiAdapter) {
  const d = a.switchDefaults();
  const vr = d.defaultVirtualRouterId;
  // ROUTER_INTERFACE: VIRTUAL_ROUTER_ID 0, TYPE 1 (PORT = 0), PORT_ID 2.
  const rif = a.create('ROUTER_INTERFACE', undefined, [
    { id: 0, value: vr },
    { id: 1, value: 0 },
    { id: 2, value: d.portList[0] },
  ]);
  // NEXT_HOP: TYPE 0 (IP = 0), IP 1, ROUTER_INTERFACE_ID 2.
  const nhAttrs = (ip: string): SaiAttribute[] => [
    { id: 0, value: 0 },
    { id: 1, value: ip },
    { id: 2, value: rif },
  ];
  const nh = a.create('NEXT_HOP', undefined, nhAttrs('10.0.0.2'));
  // NEXT_HOP_GROUP: TYPE 2 (DYNAMIC_UNORDERED_ECMP = 0); member: GROUP 0, NEXT_HOP 1, WEIGHT 2.
  const group = a.create('NEXT_HOP_GROUP', undefined, [{ id: 2, value: 0 }]);
  const member = a.create('NEXT_HOP_GROUP_MEMBER', undefined, [
    { id: 0, value: group },
    { id: 1, value: nh },
    { id: 2, value: 2 },
  ]);
  const route = (p: string): RouteEntryKey => ({ switchId: a.switchId, vrId: vr, destination: p });
  // ROUTE_ENTRY: PACKET_ACTION 0 (FORWARD = 1), NEXT_HOP_ID 2.
  a.create('ROUTE_ENTRY', route('192.0.2.0/24'), [
    { id: 0, value: 1 },
    { id: 2, value: nh },
  ]);
  // NEIGHBOR_ENTRY: DST_MAC_ADDRESS 0.
  a.create('NEIGHBOR_ENTRY', { switchId: a.switchId, rifId: rif, ipAddress: '10.0.0.2' }, [
    { id: 0, value: '02:00:00:00:00:02' },
  ]);
  return { d, vr, rif, nh, nhAttrs, group, member, route };
}

describeEachAdapter("SAI's status values", (under) => {
  it('per-attribute statuses carry the index of the attribute in the caller list', () => {
    const a = under.open({ ports: 4 });
    try {
      const b = base(a);
      expect(status(() => a.create('NEXT_HOP', undefined, [...b.nhAttrs('10.0.0.3'), { id: 999, value: 1 }]))).toBe(
        UNKNOWN_ATTRIBUTE(3),
      );
      expect(status(() => a.get('NEXT_HOP', b.nh, [0, 999]))).toBe(UNKNOWN_ATTRIBUTE(1));
      // ROUTER_INTERFACE_ID of a next hop is CREATE_ONLY.
      expect(status(() => a.set('NEXT_HOP', b.nh, { id: 2, value: b.rif }))).toBe(INVALID_ATTRIBUTE(0));
      // The same attribute twice (TYPE at index 3).
      expect(status(() => a.create('NEXT_HOP', undefined, [...b.nhAttrs('10.0.0.4'), { id: 0, value: 0 }]))).toBe(
        INVALID_ATTRIBUTE(3),
      );
      // PACKET_ACTION 99 is no sai_packet_action_t.
      expect(status(() => a.create('ROUTE_ENTRY', b.route('198.51.100.0/24'), [{ id: 0, value: 99 }]))).toBe(
        INVALID_ATTR_VALUE(0),
      );
      // IP_ADDR_FAMILY (4) of a route is READ_ONLY.
      expect(
        status(() =>
          a.create('ROUTE_ENTRY', b.route('198.51.100.0/24'), [
            { id: 2, value: b.nh },
            { id: 4, value: 0 },
          ]),
        ),
      ).toBe(INVALID_ATTRIBUTE(1));
    } finally {
      a.shutdown({ warm: false });
    }
  });

  it('object statuses', () => {
    const a = under.open({ ports: 4 });
    try {
      const b = base(a);
      // No IP.
      expect(
        status(() =>
          a.create('NEXT_HOP', undefined, [
            { id: 0, value: 0 },
            { id: 2, value: b.rif },
          ]),
        ),
      ).toBe(MANDATORY_ATTRIBUTE_MISSING);
      expect(status(() => a.create('ROUTE_ENTRY', b.route('192.0.2.0/24'), [{ id: 0, value: 0 }]))).toBe(
        ITEM_ALREADY_EXISTS,
      );
      expect(status(() => a.remove('ROUTE_ENTRY', b.route('203.0.113.0/24')))).toBe(ITEM_NOT_FOUND);
      expect(status(() => a.remove('ROUTER_INTERFACE', b.rif))).toBe(OBJECT_IN_USE);
      expect(status(() => a.remove('NEXT_HOP', b.nh))).toBe(OBJECT_IN_USE);
      expect(status(() => a.remove('NEXT_HOP_GROUP', b.group))).toBe(OBJECT_IN_USE);
      // A next hop id where a group member names its group.
      expect(
        status(() =>
          a.create('NEXT_HOP_GROUP_MEMBER', undefined, [
            { id: 0, value: b.nh },
            { id: 1, value: b.nh },
          ]),
        ),
      ).toBe(INVALID_OBJECT_ID);
      expect(status(() => a.remove('VIRTUAL_ROUTER', b.vr))).toBe(INVALID_PARAMETER);
      // A route with host bits set.
      expect(status(() => a.create('ROUTE_ENTRY', b.route('192.0.2.1/24'), [{ id: 0, value: 0 }]))).toBe(
        INVALID_PARAMETER,
      );
      // Removed in order, each succeeds.
      expect(status(() => a.remove('NEXT_HOP_GROUP_MEMBER', b.member))).toBe(SUCCESS);
      expect(status(() => a.remove('NEXT_HOP_GROUP', b.group))).toBe(SUCCESS);
      expect(status(() => a.get('NEXT_HOP_GROUP', b.group, [2]))).toBe(INVALID_OBJECT_ID);
    } finally {
      a.shutdown({ warm: false });
    }
  });

  it('bulk: per-entry statuses, NOT_EXECUTED after a stop', () => {
    const a = under.open({ ports: 4 });
    try {
      const b = base(a);
      const entry = (p: string) => ({ key: b.route(p), attrs: [{ id: 2, value: b.nh }] });
      const entries = [entry('10.1.0.0/16'), entry('192.0.2.0/24'), entry('10.2.0.0/16')];
      expect([...a.bulkCreate('ROUTE_ENTRY', entries, 'stopOnError').statuses]).toEqual([
        SUCCESS,
        ITEM_ALREADY_EXISTS,
        NOT_EXECUTED,
      ]);
      expect([...a.bulkRemove('ROUTE_ENTRY', [b.route('10.3.0.0/16'), b.route('10.1.0.0/16')], 'ignoreError')]).toEqual(
        [ITEM_NOT_FOUND, SUCCESS],
      );
    } finally {
      a.shutdown({ warm: false });
    }
  });

  it('a warm start without its warm boot file: INVALID_NV_STORAGE', () => {
    expect(
      status(() =>
        under.open({
          ports: 4,
          profile: { SAI_BOOT_TYPE: '1', SAI_WARM_BOOT_READ_FILE: '/nonexistent/saistore-warm.dat' },
        }),
      ),
    ).toBe(INVALID_NV_STORAGE);
  });
});
