import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { HashAlgorithm, NextHopGroupType } from '../sai/enums.js';
import { nextHopKeyString, type NextHopHostKey } from './next-hop.js';

/** One member of a next hop group's host key. */
export interface NextHopGroupMemberSpec {
  readonly nextHop: NextHopHostKey;
  /** SAI_NEXT_HOP_GROUP_MEMBER_ATTR_WEIGHT (2); 1 when unweighted. */
  readonly weight: number;
}

/**
 * AdapterHostKey of a next hop group: the set of (next hop host key, weight) of its members,
 * independent of member order (as FBOSS keys groups). Not derivable from the group's own
 * attributes: reload derives it from the group's members.
 */
export interface NextHopGroupHostKey {
  readonly members: readonly NextHopGroupMemberSpec[];
}

/** The order-independent string of a group's member set. */
export function nextHopGroupKeyString(hk: NextHopGroupHostKey): string {
  const parts = hk.members.map((m) => `${nextHopKeyString(m.nextHop)}*${m.weight}`);
  parts.sort();
  return parts.join(',');
}

/** SAI_OBJECT_TYPE_NEXT_HOP_GROUP (5). */
export const NextHopGroupTraits = defineTraits({
  objectType: 'NEXT_HOP_GROUP',
  adapterKey: 'oid',
  rank: 70,
  attributes: {
    nextHopCount: attr.u32(0).readOnly(),
    nextHopMemberList: attr.oidList(1, ['NEXT_HOP_GROUP_MEMBER']).readOnly(),
    type: attr.enum(2, NextHopGroupType).mandatory().createOnly(),
    setSwitchover: attr.bool(3).default(false),
    configuredSize: attr.u32(5).createOnly().default(0),
    realSize: attr.u32(6).readOnly(),
    hashAlgorithm: attr.enum(16, HashAlgorithm).createOnly().default('NONE'),
    label: attr.chardata(17).default(''),
  },
  hostKey: {
    toString: nextHopGroupKeyString,
    derive: () => undefined,
  },
});
