/**
 * What an adapter holds, read through the `SaiAdapter` interface only (`switchDefaults`,
 * `getObjectKeys`, `get`) and named without object ids, so it can be compared with a model written
 * by hand (`switch-model.ts`) or with a list of expected lines in a test. Independent of the store
 * and of the traits: the SAI attribute ids and enum values below are written out from SAI 1.18's
 * metadata (`../shared/sai/attributes.tsv`, `enums.tsv`).
 *
 * One line per object, sorted (a multiset: two groups with the same members give two lines):
 *
 *   PORT port3 admin=true mtu=9100 speed=100000
 *   ROUTER_INTERFACE rif(port0) mac=02:00:00:00:01:00 mtu=9100
 *   ROUTER_INTERFACE rif(vlan100) mac=... mtu=...
 *   NEIGHBOR_ENTRY rif(port0)/100.64.0.10 mac=02:00:00:00:00:04 action=FORWARD
 *   NEXT_HOP rif(port0)/100.64.0.10 type=IP
 *   NEXT_HOP_GROUP {rif(port0)/100.64.0.10*2,rif(port1)/100.64.1.10*1} type=DYNAMIC_UNORDERED_ECMP
 *   ROUTE_ENTRY 10.0.0.0/8 action=FORWARD next=group{rif(port0)/100.64.0.10*2,...}
 *   ROUTE_ENTRY 100.64.0.0/24 action=FORWARD next=rif(port0)
 *   ROUTE_ENTRY 100.64.0.1/32 action=FORWARD next=cpu
 *   ROUTE_ENTRY 192.0.2.0/24 action=TRAP next=null
 *   VLAN vlan100
 *   BRIDGE_PORT bridgePort(port3) type=PORT admin=true
 *   VLAN_MEMBER vlan100/bridgePort(port3) tagging=TAGGED
 *
 * Front-panel ports are listed with their admin state, MTU and speed; the switch, CPU port,
 * default virtual router and 1Q bridge are not listed. Any other object (a second virtual router,
 * a LAG, an FDB entry, a route of another virtual router) is listed as `UNEXPECTED ...`.
 */
import type { SaiAdapter } from '../../src/adapter/index.js';
import {
  NOT_READ,
  type NeighborEntryKey,
  type RouteEntryKey,
  type SaiObjectType,
  type SaiValue,
} from '../../src/sai/index.js';

/** SAI attribute ids (SAI 1.18), by object type. */
const A = {
  PORT: { SPEED: 31, ADMIN_STATE: 34, MTU: 54 },
  ROUTER_INTERFACE: { VIRTUAL_ROUTER_ID: 0, TYPE: 1, PORT_ID: 2, VLAN_ID: 3, SRC_MAC_ADDRESS: 7, MTU: 10 },
  NEXT_HOP: { TYPE: 0, IP: 1, ROUTER_INTERFACE_ID: 2 },
  NEIGHBOR_ENTRY: { DST_MAC_ADDRESS: 0, PACKET_ACTION: 1 },
  NEXT_HOP_GROUP: { TYPE: 2 },
  NEXT_HOP_GROUP_MEMBER: { NEXT_HOP_GROUP_ID: 0, NEXT_HOP_ID: 1, WEIGHT: 2 },
  ROUTE_ENTRY: { PACKET_ACTION: 0, NEXT_HOP_ID: 2 },
  VLAN: { VLAN_ID: 0 },
  VLAN_MEMBER: { VLAN_ID: 0, BRIDGE_PORT_ID: 1, VLAN_TAGGING_MODE: 2 },
  BRIDGE_PORT: { TYPE: 0, PORT_ID: 1, ADMIN_STATE: 10 },
} as const;

/** SAI enum values (SAI 1.18), value -> name. */
const PACKET_ACTION = ['DROP', 'FORWARD', 'COPY', 'COPY_CANCEL', 'TRAP', 'LOG', 'DENY', 'TRANSIT', 'DONOTDROP'];
const RIF_TYPE = ['PORT', 'VLAN', 'LOOPBACK', 'MPLS_ROUTER', 'SUB_PORT', 'BRIDGE', 'QINQ_PORT'];
const NEXT_HOP_TYPE = ['IP', 'MPLS', 'TUNNEL_ENCAP', 'SRV6_SIDLIST', 'IPMC', 'BRIDGE_PORT'];
const GROUP_TYPE = ['DYNAMIC_UNORDERED_ECMP', 'DYNAMIC_ORDERED_ECMP', 'FINE_GRAIN_ECMP', 'PROTECTION'];
const TAGGING = ['UNTAGGED', 'TAGGED', 'PRIORITY_TAGGED'];
const BRIDGE_PORT_TYPE = ['PORT', 'SUB_PORT', '1Q_ROUTER', '1D_ROUTER', 'TUNNEL'];

/** Types the picture knows; anything else holding objects is `UNEXPECTED`. */
const OTHER_TYPES: readonly SaiObjectType[] = ['LAG', 'LAG_MEMBER', 'FDB_ENTRY'];

function one(
  adapter: SaiAdapter,
  type: SaiObjectType,
  key: bigint | RouteEntryKey | NeighborEntryKey,
  ids: number[],
): (SaiValue | undefined)[] {
  const values = adapter.get(type, key, ids);
  // An attribute the adapter could not read has no picture.
  if (values.includes(NOT_READ)) throw new Error(`${type}: an attribute of ${ids.join(',')} could not be read`);
  return values as (SaiValue | undefined)[];
}

const enumName = (names: readonly string[], v: SaiValue | undefined) =>
  typeof v === 'number' ? (names[v] ?? `?${v}`) : `?${String(v)}`;

/** The lines of what `adapter` holds (see the file comment), sorted. */
export function adapterPicture(adapter: SaiAdapter): string[] {
  const d = adapter.switchDefaults();
  const names = new Map<bigint, string>([
    [0n, 'null'],
    [d.cpuPort, 'cpu'],
    [d.defaultVirtualRouterId, 'vr'],
    [d.default1qBridgeId, 'bridge'],
  ]);
  const name = (oid: SaiValue | undefined) =>
    typeof oid === 'bigint' ? (names.get(oid) ?? `?0x${oid.toString(16)}`) : `?${String(oid)}`;
  const lines: string[] = [];

  d.portList.forEach((p, k) => names.set(p, `port${k}`));
  const ports = new Set(adapter.getObjectKeys('PORT') as bigint[]);
  d.portList.forEach((p, k) => {
    if (!ports.has(p)) return void lines.push(`UNEXPECTED PORT port${k} removed`);
    const [speed, admin, mtu] = one(adapter, 'PORT', p, [A.PORT.SPEED, A.PORT.ADMIN_STATE, A.PORT.MTU]);
    lines.push(`PORT port${k} admin=${admin} mtu=${mtu} speed=${speed}`);
  });
  for (const p of ports) if (!names.has(p)) lines.push(`UNEXPECTED PORT 0x${p.toString(16)}`);

  for (const vr of adapter.getObjectKeys('VIRTUAL_ROUTER') as bigint[]) {
    if (vr !== d.defaultVirtualRouterId) lines.push(`UNEXPECTED VIRTUAL_ROUTER 0x${vr.toString(16)}`);
  }

  for (const v of adapter.getObjectKeys('VLAN') as bigint[]) {
    const [id] = one(adapter, 'VLAN', v, [A.VLAN.VLAN_ID]);
    names.set(v, `vlan${id}`);
    lines.push(`VLAN vlan${id}`);
  }

  for (const bp of adapter.getObjectKeys('BRIDGE_PORT') as bigint[]) {
    const [type, port, admin] = one(adapter, 'BRIDGE_PORT', bp, [
      A.BRIDGE_PORT.TYPE,
      A.BRIDGE_PORT.PORT_ID,
      A.BRIDGE_PORT.ADMIN_STATE,
    ]);
    names.set(bp, `bridgePort(${name(port)})`);
    lines.push(`BRIDGE_PORT bridgePort(${name(port)}) type=${enumName(BRIDGE_PORT_TYPE, type)} admin=${admin}`);
  }

  for (const m of adapter.getObjectKeys('VLAN_MEMBER') as bigint[]) {
    const [vlan, bp, tagging] = one(adapter, 'VLAN_MEMBER', m, [
      A.VLAN_MEMBER.VLAN_ID,
      A.VLAN_MEMBER.BRIDGE_PORT_ID,
      A.VLAN_MEMBER.VLAN_TAGGING_MODE,
    ]);
    lines.push(`VLAN_MEMBER ${name(vlan)}/${name(bp)} tagging=${enumName(TAGGING, tagging)}`);
  }

  const R = A.ROUTER_INTERFACE;
  for (const rif of adapter.getObjectKeys('ROUTER_INTERFACE') as bigint[]) {
    const [vr, type, port, vlan, mac, mtu] = one(adapter, 'ROUTER_INTERFACE', rif, [
      R.VIRTUAL_ROUTER_ID,
      R.TYPE,
      R.PORT_ID,
      R.VLAN_ID,
      R.SRC_MAC_ADDRESS,
      R.MTU,
    ]);
    const t = enumName(RIF_TYPE, type);
    const n = t === 'PORT' ? `rif(${name(port)})` : t === 'VLAN' ? `rif(${name(vlan)})` : `rif(${t}?)`;
    names.set(rif, n);
    lines.push(`ROUTER_INTERFACE ${n} mac=${mac ?? 'unset'} mtu=${mtu}${name(vr) === 'vr' ? '' : ` vr=${name(vr)}`}`);
  }

  for (const nh of adapter.getObjectKeys('NEXT_HOP') as bigint[]) {
    const [type, ip, rif] = one(adapter, 'NEXT_HOP', nh, [
      A.NEXT_HOP.TYPE,
      A.NEXT_HOP.IP,
      A.NEXT_HOP.ROUTER_INTERFACE_ID,
    ]);
    names.set(nh, `${name(rif)}/${ip}`);
    lines.push(`NEXT_HOP ${name(rif)}/${ip} type=${enumName(NEXT_HOP_TYPE, type)}`);
  }

  for (const key of adapter.getObjectKeys('NEIGHBOR_ENTRY') as NeighborEntryKey[]) {
    const [mac, action] = one(adapter, 'NEIGHBOR_ENTRY', key, [
      A.NEIGHBOR_ENTRY.DST_MAC_ADDRESS,
      A.NEIGHBOR_ENTRY.PACKET_ACTION,
    ]);
    lines.push(
      `NEIGHBOR_ENTRY ${name(key.rifId)}/${key.ipAddress} mac=${mac} action=${enumName(PACKET_ACTION, action)}`,
    );
  }

  const members = new Map<bigint, string[]>();
  for (const m of adapter.getObjectKeys('NEXT_HOP_GROUP_MEMBER') as bigint[]) {
    const G = A.NEXT_HOP_GROUP_MEMBER;
    const [group, nh, weight] = one(adapter, 'NEXT_HOP_GROUP_MEMBER', m, [
      G.NEXT_HOP_GROUP_ID,
      G.NEXT_HOP_ID,
      G.WEIGHT,
    ]);
    const list = members.get(group as bigint) ?? [];
    list.push(`${name(nh)}*${weight}`);
    members.set(group as bigint, list);
  }
  for (const g of adapter.getObjectKeys('NEXT_HOP_GROUP') as bigint[]) {
    const [type] = one(adapter, 'NEXT_HOP_GROUP', g, [A.NEXT_HOP_GROUP.TYPE]);
    const set = `{${(members.get(g) ?? []).sort().join(',')}}`;
    members.delete(g);
    names.set(g, `group${set}`);
    lines.push(`NEXT_HOP_GROUP ${set} type=${enumName(GROUP_TYPE, type)}`);
  }
  for (const [g, list] of members) lines.push(`UNEXPECTED NEXT_HOP_GROUP_MEMBER of 0x${g.toString(16)}: ${list}`);

  for (const key of adapter.getObjectKeys('ROUTE_ENTRY') as RouteEntryKey[]) {
    const [action, next] = one(adapter, 'ROUTE_ENTRY', key, [A.ROUTE_ENTRY.PACKET_ACTION, A.ROUTE_ENTRY.NEXT_HOP_ID]);
    const vr = name(key.vrId) === 'vr' ? '' : `${name(key.vrId)}/`;
    lines.push(`ROUTE_ENTRY ${vr}${key.destination} action=${enumName(PACKET_ACTION, action)} next=${name(next)}`);
  }

  for (const type of OTHER_TYPES) {
    const n = adapter.getObjectKeys(type).length;
    if (n > 0) lines.push(`UNEXPECTED ${type} x${n}`);
  }
  return lines.sort();
}
