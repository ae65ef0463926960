import { formatKey } from '../sai/errors.js';
import type { SaiObjectType } from '../sai/object-type.js';

/**
 * A later `setObject` changed a CREATE_ONLY attribute. Nothing was written: the caller removes the
 * object and creates it anew, because the new object gets a new id that its dependents must follow.
 * Fields: `objectType`, `hostKey`, `attributes` (the changed attribute names).
 */
export class CreateOnlyAttributeError extends Error {
  readonly kind = 'CreateOnlyAttributeError' as const;
  constructor(
    readonly objectType: SaiObjectType,
    readonly hostKey: unknown,
    readonly attributes: readonly string[],
  ) {
    super(
      `${objectType} ${formatKey(hostKey)}: CREATE_ONLY attribute${attributes.length > 1 ? 's' : ''} ${attributes.join(', ')} changed; remove and recreate the object`,
    );
    this.name = 'CreateOnlyAttributeError';
  }
}

/** An attribute name the object type does not declare. Nothing was written. */
export class UnknownAttributeError extends Error {
  readonly kind = 'UnknownAttributeError' as const;
  constructor(
    readonly objectType: SaiObjectType,
    readonly attribute: string,
  ) {
    super(`${objectType}: unknown attribute ${JSON.stringify(attribute)}`);
    this.name = 'UnknownAttributeError';
  }
}

/**
 * A write reached the adapter while the store's write policy is `fail` (warm boot replay: an
 * unchanged state must cost zero writes). Nothing was written.
 */
export class WritePolicyError extends Error {
  readonly kind = 'WritePolicyError' as const;
  constructor(
    readonly operation: 'create' | 'set' | 'remove',
    readonly objectType: SaiObjectType,
    readonly hostKey: unknown,
    readonly detail: string,
  ) {
    super(`write policy 'fail' refused: ${detail}`);
    this.name = 'WritePolicyError';
  }
}
