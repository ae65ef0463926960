/**
 * SAI status codes (`sai_status_t`, int32; on Linux code N is `-N`) and the per-attribute ranges that
 * carry the index of the offending attribute in the caller's list (SAI-ABI.md, "Status codes").
 */
export const SaiStatus = {
  SUCCESS: 0,
  FAILURE: -1,
  NOT_SUPPORTED: -2,
  NO_MEMORY: -3,
  INSUFFICIENT_RESOURCES: -4,
  INVALID_PARAMETER: -5,
  ITEM_ALREADY_EXISTS: -6,
  ITEM_NOT_FOUND: -7,
  BUFFER_OVERFLOW: -8,
  INVALID_PORT_NUMBER: -9,
  INVALID_PORT_MEMBER: -10,
  INVALID_VLAN_ID: -11,
  UNINITIALIZED: -12,
  TABLE_FULL: -13,
  MANDATORY_ATTRIBUTE_MISSING: -14,
  NOT_IMPLEMENTED: -15,
  ADDR_NOT_FOUND: -16,
  OBJECT_IN_USE: -17,
  INVALID_OBJECT_TYPE: -18,
  INVALID_OBJECT_ID: -19,
  INVALID_NV_STORAGE: -20,
  NV_STORAGE_FULL: -21,
  SW_UPGRADE_VERSION_MISMATCH: -22,
  NOT_EXECUTED: -23,
  STAGE_MISMATCH: -24,
} as const;

/** A plain status name, e.g. `'OBJECT_IN_USE'`. */
export type SaiStatusName = keyof typeof SaiStatus;

/**
 * The per-attribute status ranges: status = -(base + index).
 * INVALID_ATTRIBUTE 0x10000, INVALID_ATTR_VALUE 0x20000, ATTR_NOT_IMPLEMENTED 0x30000,
 * UNKNOWN_ATTRIBUTE 0x40000, ATTR_NOT_SUPPORTED 0x50000.
 */
export const SaiAttrStatusBase = {
  INVALID_ATTRIBUTE: 0x10000,
  INVALID_ATTR_VALUE: 0x20000,
  ATTR_NOT_IMPLEMENTED: 0x30000,
  UNKNOWN_ATTRIBUTE: 0x40000,
  ATTR_NOT_SUPPORTED: 0x50000,
} as const;

/** A per-attribute status range name, e.g. `'UNKNOWN_ATTRIBUTE'`. */
export type SaiAttrStatusName = keyof typeof SaiAttrStatusBase;

/** The status for attribute `index` in the range `name`: `-(base + index)`. */
export function attrStatus(name: SaiAttrStatusName, index: number): number {
  return -(SaiAttrStatusBase[name] + index);
}

const plainNames = new Map<number, SaiStatusName>(Object.entries(SaiStatus).map(([k, v]) => [v, k as SaiStatusName]));
const rangeNames = new Map<number, SaiAttrStatusName>(
  Object.entries(SaiAttrStatusBase).map(([k, v]) => [v, k as SaiAttrStatusName]),
);

/** A decoded status: its name, and the attribute index for the per-attribute ranges. */
export interface DecodedStatus {
  readonly name: string;
  readonly attrIndex?: number;
}

/**
 * Decodes a status code: `-0x40002` is `{ name: 'UNKNOWN_ATTRIBUTE', attrIndex: 2 }`; an unknown
 * code is named `STATUS_<code>`.
 */
export function decodeStatus(status: number): DecodedStatus {
  const plain = plainNames.get(status);
  if (plain !== undefined) return { name: plain };
  const magnitude = -status;
  if (magnitude > 0) {
    const range = rangeNames.get(magnitude & ~0xffff);
    if (range !== undefined) return { name: range, attrIndex: magnitude & 0xffff };
  }
  return { name: `STATUS_${status}` };
}

/** The readable name of a status, with the attribute index when it carries one: `UNKNOWN_ATTRIBUTE[2]`. */
export function statusName(status: number): string {
  const d = decodeStatus(status);
  return d.attrIndex === undefined ? d.name : `${d.name}[${d.attrIndex}]`;
}
