import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { NextHopGroupMemberConfiguredRole } from '../sai/enums.js';
import { oidText } from './key-string.js';

/** AdapterHostKey of a group member: (group, next hop). */
export interface NextHopGroupMemberHostKey {
  readonly groupId: bigint;
  readonly nextHopId: bigint;
}

/** SAI_OBJECT_TYPE_NEXT_HOP_GROUP_MEMBER (45). Bulk create / remove through the next hop group API. */
export const NextHopGroupMemberTraits = defineTraits({
  objectType: 'NEXT_HOP_GROUP_MEMBER',
  adapterKey: 'oid',
  rank: 75,
  attributes: {
    nextHopGroupId: attr.oid(0, ['NEXT_HOP_GROUP']).mandatory().createOnly(),
    nextHopId: attr.oid(1, ['NEXT_HOP', 'NEXT_HOP_GROUP']).mandatory(),
    weight: attr.u32(2).default(1),
    configuredRole: attr.enum(3, NextHopGroupMemberConfiguredRole).createOnly().default('PRIMARY'),
    index: attr.u32(6).createOnly().default(0),
    sequenceId: attr.u32(7).default(0),
  },
  hostKey: {
    toString: (hk: NextHopGroupMemberHostKey) => `${oidText(hk.groupId)}|${oidText(hk.nextHopId)}`,
    derive: (_key, a) =>
      a.nextHopGroupId === undefined || a.nextHopId === undefined
        ? undefined
        : { groupId: a.nextHopGroupId, nextHopId: a.nextHopId },
    fromAttributes: ['nextHopGroupId', 'nextHopId'],
  },
});
