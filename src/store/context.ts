/** What the pieces of an object store share: the owning `SaiStore`'s context and the store's own parts. */
import type { SaiAdapter } from '../adapter/adapter.js';
import type { SaiTraits } from '../traits/define.js';
import type { InferHostKey } from '../traits/infer.js';
import type { AttrCodec, AttrRecord } from './attributes.js';
import type { ObjectMap } from './object-map.js';
import type { PendingRemoves } from './pending-removes.js';
import type { ObjectHome, SaiObject } from './sai-object.js';
import type { StoreWrite } from './write.js';

/** What an object store needs from the `SaiStore` that owns it. */
export interface StoreContext {
  readonly adapter: SaiAdapter;
  readonly switchId: bigint;
  /** The store object with this id, of any type. */
  byOid(oid: bigint): SaiObject | undefined;
  indexOid(obj: SaiObject): void;
  unindexOid(oid: bigint): void;
  /** True when writes must be shown to `beforeWrite` (a write policy other than `allow`, or a watcher). */
  readonly watching: boolean;
  /** Sees a write before it reaches the adapter; throws to stop it (WritePolicyError under `fail`). */
  beforeWrite(write: StoreWrite): void;
  /** Sees the id of an object a watched create made; `write` is the object `beforeWrite` saw. */
  created(write: StoreWrite & { op: 'create' }, oid: bigint): void;
  /** True after warm shutdown: releases no longer reach the adapter. */
  readonly exited: boolean;
  /** Writes that reached the adapter and succeeded, counted without allocating (see `SaiStore.writeCounts`). */
  readonly writes: { create: number; set: number; remove: number };
  /** Removes the adapter refused after their releases succeeded, retried later (every type's). */
  readonly pendingRemoves: PendingRemoves;
}

/** One object store's parts, as its modules (create, update, bulk, references) see them. */
export interface StoreCore<T extends SaiTraits = SaiTraits> {
  readonly traits: T;
  readonly ctx: StoreContext;
  readonly objects: ObjectMap<T>;
  readonly codec: AttrCodec<T>;
  /** The `SaiObjectStore` itself, as its objects' home. */
  readonly home: ObjectHome<T>;
  /** Throws `HostKeyMismatchError` when the attributes give another host key; undefined for types keyed otherwise. */
  readonly checkHostKey: ((hostKey: InferHostKey<T>, attrs: AttrRecord) => void) | undefined;
}
