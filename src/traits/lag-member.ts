import { attr } from './attr.js';
import { defineTraits } from './define.js';
import { oidText } from './key-string.js';

/** AdapterHostKey of a lag member: (lag, port). */
export interface LagMemberHostKey {
  readonly lagId: bigint;
  readonly portId: bigint;
}

/** SAI_OBJECT_TYPE_LAG_MEMBER (27). */
export const LagMemberTraits = defineTraits({
  objectType: 'LAG_MEMBER',
  adapterKey: 'oid',
  rank: 25,
  attributes: {
    lagId: attr.oid(0, ['LAG']).mandatory().createOnly(),
    portId: attr.oid(1, ['PORT']).mandatory().createOnly(),
    egressDisable: attr.bool(2).default(false),
    ingressDisable: attr.bool(3).default(false),
    weight: attr.u32(4).default(1),
  },
  hostKey: {
    toString: (hk: LagMemberHostKey) => `${oidText(hk.lagId)}|${oidText(hk.portId)}`,
    derive: (_key, a) =>
      a.lagId === undefined || a.portId === undefined ? undefined : { lagId: a.lagId, portId: a.portId },
    fromAttributes: ['lagId', 'portId'],
  },
});
