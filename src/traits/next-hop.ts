import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { NextHopType } from '../sai/enums.js';
import { oidText } from './key-string.js';

/** AdapterHostKey of an IP next hop: (router interface, ip). */
export interface NextHopHostKey {
  readonly rifId: bigint;
  /** Canonical IP address. */
  readonly ip: string;
}

/** The full host-key string of a next hop (rif and ip), used in the next hop group's key. */
export function nextHopKeyString(hk: NextHopHostKey): string {
  return `${oidText(hk.rifId)}|${hk.ip}`;
}

/** SAI_OBJECT_TYPE_NEXT_HOP (4), IP next hops. */
export const NextHopTraits = defineTraits({
  objectType: 'NEXT_HOP',
  adapterKey: 'oid',
  rank: 65,
  attributes: {
    type: attr.enum(0, NextHopType).mandatory().createOnly(),
    ip: attr.ipAddress(1).mandatory().createOnly().when('type', 'IP', 'MPLS', 'TUNNEL_ENCAP', 'IPMC', 'BRIDGE_PORT'),
    routerInterfaceId: attr.oid(2, ['ROUTER_INTERFACE']).mandatory().createOnly().when('type', 'IP', 'MPLS', 'IPMC'),
    disableDecrementTtl: attr.bool(9).default(false),
    disableSrcMacRewrite: attr.bool(16).default(false),
    disableDstMacRewrite: attr.bool(17).default(false),
    disableVlanRewrite: attr.bool(18).default(false),
    metaData: attr.u32(19).default(0),
  },
  hostKey: {
    toString: (hk: NextHopHostKey) => hk.ip,
    scope: (hk) => hk.rifId,
    fromParts: (rifId, ip) => ({ rifId, ip }),
    derive: (_key, a) =>
      a.routerInterfaceId === undefined || a.ip === undefined ? undefined : { rifId: a.routerInterfaceId, ip: a.ip },
    fromAttributes: ['routerInterfaceId', 'ip'],
  },
});
