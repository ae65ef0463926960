/**
 * SAI object types (`sai_object_type_t`) the project models, with their numeric ids (SAI 1.18).
 * Names drop the `SAI_OBJECT_TYPE_` prefix: `ROUTE_ENTRY` is `SAI_OBJECT_TYPE_ROUTE_ENTRY` (37).
 */
export const SaiObjectTypeId = {
  NULL: 0,
  PORT: 1,
  LAG: 2,
  VIRTUAL_ROUTER: 3,
  NEXT_HOP: 4,
  NEXT_HOP_GROUP: 5,
  ROUTER_INTERFACE: 6,
  LAG_MEMBER: 27,
  FDB_ENTRY: 32,
  SWITCH: 33,
  NEIGHBOR_ENTRY: 36,
  ROUTE_ENTRY: 37,
  VLAN: 38,
  VLAN_MEMBER: 39,
  NEXT_HOP_GROUP_MEMBER: 45,
  BRIDGE: 57,
  BRIDGE_PORT: 58,
} as const;

/** A modeled SAI object type name, e.g. `'ROUTE_ENTRY'`. */
export type SaiObjectType = Exclude<keyof typeof SaiObjectTypeId, 'NULL'>;

const byId = new Map<number, SaiObjectType>(
  Object.entries(SaiObjectTypeId)
    .filter(([name]) => name !== 'NULL')
    .map(([name, id]) => [id, name as SaiObjectType]),
);

/** The modeled object type with SAI id `id`, or undefined (also for `SAI_OBJECT_TYPE_NULL`). */
export function objectTypeFromId(id: number): SaiObjectType | undefined {
  return byId.get(id);
}

/** Every modeled object type name. */
export const SAI_OBJECT_TYPES: readonly SaiObjectType[] = [...byId.values()];
