/**
 * `SaiStatusError` with its context, for both adapters: the SAI function that failed (named as the
 * SAI headers name it, e.g. `create_route_entry`, `set_next_hop_attribute`), the library, and the
 * attribute the status names, resolved through the traits: `INVALID_ATTR_VALUE + i` and the other
 * per-attribute statuses name attribute i of the caller's list (its SAI name, id and the value given);
 * MANDATORY_ATTRIBUTE_MISSING names the first mandatory attribute the create left out.
 */
import { SaiStatusError, type SaiErrorAttribute, type SaiOperation } from '../sai/errors.js';
import type { SaiObjectType } from '../sai/object-type.js';
import { decodeStatus, SaiStatus } from '../sai/status.js';
import type { SaiAttribute } from '../sai/value.js';
import type { SaiTraits } from '../traits/define.js';
import { ALL_TRAITS } from '../traits/index.js';

function traitsOf(type: SaiObjectType | 'SWITCH'): SaiTraits | undefined {
  return (ALL_TRAITS as unknown as Record<string, SaiTraits | undefined>)[type];
}

/** The SAI function of an operation on a type: `create_route_entry`, `remove_next_hop_group_members`, ... */
export function saiFunctionName(op: SaiOperation, type: SaiObjectType | 'SWITCH'): string | undefined {
  const t = type.toLowerCase();
  const plural = t.endsWith('entry') ? `${t.slice(0, -5)}entries` : `${t}s`;
  switch (op) {
    case 'create':
      return `create_${t}`;
    case 'remove':
      return `remove_${t}`;
    case 'set':
      return `set_${t}_attribute`;
    case 'get':
      return `get_${t}_attribute`;
    case 'bulkCreate':
      return `create_${plural}`;
    case 'bulkRemove':
      return `remove_${plural}`;
    case 'bulkSet':
      return `set_${plural}_attribute`;
    case 'bulkGet':
      return `get_${plural}_attribute`;
    default:
      return undefined;
  }
}

/** The first mandatory attribute (or conditional one whose condition holds) that `attrs` leave out. */
export function missingMandatory(
  type: SaiObjectType | 'SWITCH',
  attrs: readonly SaiAttribute[],
): SaiErrorAttribute | undefined {
  const traits = traitsOf(type);
  if (!traits) return undefined;
  const given = new Map<number, unknown>();
  for (const a of attrs) if (a && typeof a === 'object') given.set(a.id, a.value);
  for (const m of traits.attrList) {
    if (m.presence === 'optional' || given.has(m.id)) continue;
    if (m.presence === 'conditional' && m.condition) {
      const c = m.condition;
      const cm = traits.attrById.get(c.attrId);
      const v = given.has(c.attrId) ? given.get(c.attrId) : cm?.saiDefault;
      if (!c.values.includes(v as number)) continue;
    }
    return { saiName: m.saiName, id: m.id };
  }
  return undefined;
}

/**
 * The attribute a status names: attribute `attrIndex - indexBase` of `attrs` (a create's or set's
 * attributes, with their values) or of `attrIds` (a get's), with its SAI name from the traits.
 */
export function attributeOf(
  type: SaiObjectType | 'SWITCH',
  status: number,
  list: { readonly attrs?: readonly SaiAttribute[]; readonly attrIds?: readonly number[]; readonly indexBase?: number },
): SaiErrorAttribute | undefined {
  if (status === SaiStatus.MANDATORY_ATTRIBUTE_MISSING && list.attrs) return missingMandatory(type, list.attrs);
  const d = decodeStatus(status);
  if (d.attrIndex === undefined) return undefined;
  const i = d.attrIndex - (list.indexBase ?? 0);
  let id: number | undefined;
  let value: unknown;
  let hasValue = false;
  if (list.attrs) {
    const a = list.attrs[i] as SaiAttribute | undefined;
    if (!a || typeof a !== 'object') return undefined;
    id = a.id;
    value = a.value;
    hasValue = true;
  } else if (list.attrIds) {
    id = list.attrIds[i];
  }
  if (typeof id !== 'number') return undefined;
  const meta = traitsOf(type)?.attrById.get(id);
  const saiName = meta?.saiName ?? `attribute ${id} (not modeled for ${type})`;
  return hasValue ? { saiName, id, value } : { saiName, id };
}

/** What `statusError` knows of the call. */
export interface StatusErrorContext {
  /** A create's or set's attributes (with values). */
  readonly attrs?: readonly SaiAttribute[];
  /** A get's attribute ids. */
  readonly attrIds?: readonly number[];
  /** The libsai's path (FFI). */
  readonly library?: string;
  /** The SAI function, when it is not the operation's usual one. */
  readonly call?: string;
  readonly detail?: string;
  readonly bulkIndex?: number;
}

/** A `SaiStatusError` naming the library, the SAI function and the attribute the status names. */
export function statusError(
  op: SaiOperation,
  type: SaiObjectType | 'SWITCH',
  key: unknown,
  status: number,
  ctx: StatusErrorContext = {},
): SaiStatusError {
  return new SaiStatusError(op, type, key, status, ctx.detail, ctx.bulkIndex, {
    library: ctx.library,
    call: ctx.call ?? saiFunctionName(op, type),
    attribute: attributeOf(type, status, ctx),
  });
}
