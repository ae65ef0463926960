import type { SaiObjectType } from './object-type.js';
import { decodeStatus } from './status.js';

/** The SAI operation that failed. */
export type SaiOperation =
  | 'create'
  | 'remove'
  | 'set'
  | 'get'
  | 'bulkCreate'
  | 'bulkRemove'
  | 'bulkSet'
  | 'bulkGet'
  | 'query'
  | 'initialize'
  | 'shutdown';

/** Formats an AdapterKey or host key for messages: bigint as hex, objects as JSON with hex ids. */
export function formatKey(key: unknown): string {
  if (typeof key === 'bigint') return `0x${key.toString(16)}`;
  if (key === undefined) return '-';
  return JSON.stringify(key, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
}

/** The attribute a status names (decoded from `INVALID_ATTR_VALUE + i` and friends, or a missing mandatory one). */
export interface SaiErrorAttribute {
  /** SAI attribute name, e.g. `SAI_ROUTE_ENTRY_ATTR_NEXT_HOP_ID`. */
  readonly saiName: string;
  /** SAI attribute id. */
  readonly id: number;
  /** The value the caller gave (absent for a get, or a missing attribute). */
  readonly value?: unknown;
}

/** Where a failed call went: the library, the SAI function and the attribute it names. */
export interface SaiErrorContext {
  /** The libsai's path (FFI adapter), or the adapter's name (`fake`). */
  readonly library?: string;
  /** The SAI function called, e.g. `create_route_entry`, `get_next_hop_attribute`. */
  readonly call?: string;
  /** The attribute the status names. */
  readonly attribute?: SaiErrorAttribute;
}

/** Formats a value for an error message: bigint as hex, strings quoted, lists and objects as JSON. */
export function formatValue(v: unknown): string {
  if (typeof v === 'bigint') return `0x${v.toString(16)}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
  if (typeof v === 'symbol') return v.description ?? 'symbol';
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x));
  } catch {
    return String(v);
  }
}

/**
 * A SAI call returned a non-success status.
 * Fields: `operation`, `objectType`, `key` (the AdapterKey, or undefined for a create),
 * `status` (the raw int32), `statusName` (e.g. `'OBJECT_IN_USE'`, `'UNKNOWN_ATTRIBUTE'`) and
 * `attrIndex` (the index of the offending attribute in the caller's list, for the per-attribute
 * statuses), `bulkIndex` (the failing entry of a bulk call), and where known `library` (the libsai's
 * path), `call` (the SAI function, e.g. `create_route_entry`) and `attribute` (SAI name, id and the
 * value given) of the attribute the status names. The message names all of them, e.g.
 * `SAI create NEXT_HOP - failed: INVALID_ATTR_VALUE (attribute index 1: SAI_NEXT_HOP_ATTR_IP, id 1,
 * value "10.0.0.300") [libsai /usr/lib/libsai.so, create_next_hop]`.
 */
export class SaiStatusError extends Error {
  readonly kind = 'SaiStatusError' as const;
  readonly statusName: string;
  readonly attrIndex: number | undefined;
  readonly library: string | undefined;
  readonly call: string | undefined;
  readonly attribute: SaiErrorAttribute | undefined;
  constructor(
    readonly operation: SaiOperation,
    readonly objectType: SaiObjectType | 'SWITCH',
    readonly key: unknown,
    readonly status: number,
    readonly detail?: string,
    readonly bulkIndex?: number,
    context?: SaiErrorContext,
  ) {
    const d = decodeStatus(status);
    const a = context?.attribute;
    const named = a
      ? `${a.saiName}, id ${a.id}${'value' in a && a.value !== undefined ? `, value ${formatValue(a.value)}` : ''}`
      : undefined;
    const where =
      d.attrIndex === undefined
        ? named
          ? ` (${named})`
          : ''
        : ` (attribute index ${d.attrIndex}${named ? `: ${named}` : ''})`;
    const entry = bulkIndex === undefined ? '' : ` at bulk entry ${bulkIndex}`;
    const origin =
      context?.library || context?.call
        ? ` [${[context.library ? `libsai ${context.library}` : undefined, context.call].filter(Boolean).join(', ')}]`
        : '';
    super(
      `SAI ${operation} ${objectType} ${formatKey(key)} failed: ${d.name}${where}${entry}${detail ? `: ${detail}` : ''}${origin}`,
    );
    this.name = 'SaiStatusError';
    this.statusName = d.name;
    this.attrIndex = d.attrIndex;
    this.library = context?.library;
    this.call = context?.call;
    this.attribute = a;
  }
}

/** True when `e` is a SaiStatusError (by its `kind` tag, so it works across package copies). */
export function isSaiStatusError(e: unknown): e is SaiStatusError {
  return typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'SaiStatusError';
}
