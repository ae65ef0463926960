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

/**
 * A SAI call returned a non-success status.
 * Fields: `operation`, `objectType`, `key` (the AdapterKey, or undefined for a create),
 * `status` (the raw int32), `statusName` (e.g. `'OBJECT_IN_USE'`, `'UNKNOWN_ATTRIBUTE'`) and
 * `attrIndex` (the index of the offending attribute in the caller's list, for the per-attribute
 * statuses), `bulkIndex` (the failing entry of a bulk call).
 */
export class SaiStatusError extends Error {
  readonly kind = 'SaiStatusError' as const;
  readonly statusName: string;
  readonly attrIndex: number | undefined;
  constructor(
    readonly operation: SaiOperation,
    readonly objectType: SaiObjectType | 'SWITCH',
    readonly key: unknown,
    readonly status: number,
    readonly detail?: string,
    readonly bulkIndex?: number,
  ) {
    const d = decodeStatus(status);
    const where = d.attrIndex === undefined ? '' : ` (attribute index ${d.attrIndex})`;
    const entry = bulkIndex === undefined ? '' : ` at bulk entry ${bulkIndex}`;
    super(
      `SAI ${operation} ${objectType} ${formatKey(key)} failed: ${d.name}${where}${entry}${detail ? `: ${detail}` : ''}`,
    );
    this.name = 'SaiStatusError';
    this.statusName = d.name;
    this.attrIndex = d.attrIndex;
  }
}

/** True when `e` is a SaiStatusError (by its `kind` tag, so it works across package copies). */
export function isSaiStatusError(e: unknown): e is SaiStatusError {
  return typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'SaiStatusError';
}
