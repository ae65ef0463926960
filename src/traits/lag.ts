import { attr } from './attr.js';
import { defineTraits } from './define.js';

/**
 * SAI_OBJECT_TYPE_LAG (2). Host key: its label (SAI_LAG_ATTR_LABEL, 9), which the agent sets at
 * create, as FBOSS keys lags.
 */
export const LagTraits = defineTraits({
  objectType: 'LAG',
  adapterKey: 'oid',
  rank: 20,
  attributes: {
    /** The lag's members (SAI names LAG_MEMBER objects here, not ports). */
    portList: attr.oidList(0, ['LAG_MEMBER']).readOnly(),
    portVlanId: attr.u16(3).default(1),
    defaultVlanPriority: attr.u8(4).default(0),
    dropUntagged: attr.bool(5).default(false),
    dropTagged: attr.bool(6).default(false),
    label: attr.chardata(9).default(''),
  },
  hostKey: {
    toString: (label: string) => label,
    derive: (_key, a) => a.label,
    fromAttributes: ['label'],
  },
});
