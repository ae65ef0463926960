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

/** `SaiStore.get` of a name that is not a modeled SAI object type. */
export class UnknownObjectTypeError extends Error {
  readonly kind = 'UnknownObjectTypeError' as const;
  constructor(
    /** The name asked for. */
    readonly objectType: string,
    /** The modeled object types. */
    readonly known: readonly string[],
  ) {
    super(`unknown SAI object type ${JSON.stringify(objectType)} (known: ${known.join(', ')})`);
    this.name = 'UnknownObjectTypeError';
  }
}

/**
 * `setObject` / `setObjects` was given a host key that the attributes it is derived from
 * (`HostKeySpec.fromAttributes`) do not give: e.g. a next hop keyed (rif A, 10.0.0.1) whose
 * attributes say (rif A, 10.0.0.2), or a member's `nextHopId` changed under a host key naming the
 * old next hop. Nothing was written. Fields: `objectType`, `hostKey`, `derived` (the host key the
 * attributes give, undefined when they give none), `attributes` (the names it derives from).
 */
export class HostKeyMismatchError extends Error {
  readonly kind = 'HostKeyMismatchError' as const;
  constructor(
    readonly objectType: SaiObjectType,
    readonly hostKey: unknown,
    readonly derived: unknown,
    readonly attributes: readonly string[],
  ) {
    super(
      `${objectType} ${formatKey(hostKey)}: host key disagrees with its attributes ${attributes.join(', ')} (they give ${formatKey(derived)}); nothing written`,
    );
    this.name = 'HostKeyMismatchError';
  }
}

/** `release(hostKey)` of a host key that has no live object (a reference the caller never held). */
export class NoSuchObjectError extends Error {
  readonly kind = 'NoSuchObjectError' as const;
  constructor(
    readonly objectType: SaiObjectType,
    readonly hostKey: unknown,
  ) {
    super(`${objectType} ${formatKey(hostKey)}: released, but no such object`);
    this.name = 'NoSuchObjectError';
  }
}

/** An object was released more often than it was referenced (a caller's bookkeeping error). */
export class ReferenceCountError extends Error {
  readonly kind = 'ReferenceCountError' as const;
  constructor(
    readonly objectType: SaiObjectType,
    readonly hostKey: unknown,
  ) {
    super(`${objectType} ${formatKey(hostKey)}: released more often than referenced`);
    this.name = 'ReferenceCountError';
  }
}

/** A `SaiObjectRef` read after `release()`. */
export class ReleasedReferenceError extends Error {
  readonly kind = 'ReleasedReferenceError' as const;
  constructor() {
    super('SaiObjectRef used after release()');
    this.name = 'ReleasedReferenceError';
  }
}

/** One remove the store still owes the adapter (see `SaiStore.pendingRemoves`). */
export interface PendingRemove {
  readonly objectType: SaiObjectType;
  readonly hostKey: unknown;
  /** Why its last attempt failed (a `SaiStatusError`, or a write policy / plan refusal). */
  readonly error: unknown;
}

/**
 * Removes the store still owes after `retryPendingRemoves`: the releases that led to them
 * succeeded (each object's holders are gone), but the adapter refused the remove. The objects stay
 * live in store and adapter, held by the store's retry list, and are retried by the next store
 * call or `retryPendingRemoves`. Fields: `removes` (type, host key and error of each).
 */
export class PendingRemovesError extends Error {
  readonly kind = 'PendingRemovesError' as const;
  constructor(readonly removes: readonly PendingRemove[]) {
    const first = removes[0];
    const why = first.error instanceof Error ? first.error.message : String(first.error);
    super(
      `${removes.length} remove${removes.length === 1 ? '' : 's'} still pending, first ${first.objectType} ${formatKey(first.hostKey)}: ${why}`,
    );
    this.name = 'PendingRemovesError';
  }
}

/** An object live in the adapter was added under a host key the store already has (reload, adapter-owned objects). */
export class DuplicateHostKeyError extends Error {
  readonly kind = 'DuplicateHostKeyError' as const;
  constructor(
    readonly objectType: SaiObjectType,
    readonly hostKey: unknown,
  ) {
    super(`${objectType} ${formatKey(hostKey)}: host key already in the store`);
    this.name = 'DuplicateHostKeyError';
  }
}

/**
 * An adapter-owned object whose host key attributes the adapter cannot read (`NOT_READ`), so the
 * store cannot name it. Fields: `objectType`, `oid`, `attributes` (SAI attribute names).
 */
export class HostKeyUnreadableError extends Error {
  readonly kind = 'HostKeyUnreadableError' as const;
  constructor(
    readonly objectType: SaiObjectType,
    readonly oid: bigint,
    readonly attributes: readonly string[],
  ) {
    super(
      `${objectType} 0x${oid.toString(16)} (adapter-owned): ${attributes.join(', ')} could not be read, so its host key is unknown`,
    );
    this.name = 'HostKeyUnreadableError';
  }
}
