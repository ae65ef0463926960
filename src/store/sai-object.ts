import type { SaiTraits } from '../traits/define.js';
import type { InferAdapterKey, InferCreateAttributes, InferHostKey } from '../traits/infer.js';

/**
 * One live object in the adapter with its cached attributes (store-level values: enum names,
 * canonical strings, bigint ids). Owned by its `SaiObjectStore`; callers see it through
 * `SaiObjectRef`.
 *
 * `refs` counts every holder: each caller reference, the warm boot handle, every store object whose
 * attributes or entry key name this one, and a permanent one for adapter-owned objects. At zero the
 * object is removed from the adapter.
 */
export class SaiObject<T extends SaiTraits = SaiTraits> {
  /** Holders of this object (see the class comment). */
  refs = 0;
  /** True while the object is held by its warm boot handle (found by reload, not yet claimed). */
  warmBootHandle = false;
  /** True between a bulk call's placeholder insert and the adapter's create. */
  pending = false;

  constructor(
    readonly traits: T,
    /** Object id for oid types; 0n for entry-keyed types (their AdapterKey comes from the host key). */
    public oid: bigint,
    readonly hostKey: InferHostKey<T>,
    /** `traits.hostKey.scope(hostKey)`, or 0n: which of the store's maps holds the object. */
    readonly scope: bigint,
    /** `traits.hostKey.toString(hostKey)`: the object's key within its scope. */
    readonly keyString: string,
    /** The attributes as last written (or read back at reload). */
    public attributes: InferCreateAttributes<T>,
    /** Made by the adapter at switch init (switch, default VR, CPU port, ports, default bridge): never removed. */
    readonly adapterOwned: boolean,
    private readonly switchId: bigint,
  ) {}

  /** The AdapterKey: the object id, or the entry struct for route / neighbor / fdb entries. */
  get adapterKey(): InferAdapterKey<T> {
    if (!this.traits.isEntry) return this.oid as InferAdapterKey<T>;
    return this.traits.hostKey.adapterKey!(this.hostKey, this.switchId) as InferAdapterKey<T>;
  }

  /** The SAI object type. */
  get objectType(): T['objectType'] {
    return this.traits.objectType;
  }
}
