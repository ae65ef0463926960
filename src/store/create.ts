/** Creating objects: the adapter create, and objects becoming live in the store. */
import type { BulkCreateEntry } from '../adapter/adapter.js';
import type { SaiTraits } from '../traits/define.js';
import type { InferCreateAttributes, InferHostKey } from '../traits/infer.js';
import type { AttrRecord } from './attributes.js';
import type { StoreCore } from './context.js';
import { DuplicateHostKeyError } from './errors.js';
import { forEachDependency, holdDependency } from './references.js';
import { SaiObject } from './sai-object.js';
import type { StoreWrite } from './write.js';

/**
 * Creates an object through the adapter and adds it to the store (refs 0: the caller takes them).
 * @throws SaiStatusError / WritePolicyError; the store is then as it was.
 */
export function createObject<T extends SaiTraits>(
  core: StoreCore<T>,
  hostKey: InferHostKey<T>,
  attrs: AttrRecord,
): SaiObject<T> {
  const obj = new SaiObject<T>(core.home, 0n, hostKey, core.codec.keep(attrs));
  obj.placeholder = true;
  core.objects.reserve(obj);
  try {
    createPlaceholder(core, obj, attrs);
  } catch (e) {
    core.objects.unreserve(obj);
    throw e;
  }
  return obj;
}

/** Executes the adapter create of a placeholder and makes it live. */
export function createPlaceholder<T extends SaiTraits>(core: StoreCore<T>, obj: SaiObject<T>, attrs: AttrRecord): void {
  const { traits, ctx } = core;
  const saiAttrs = core.codec.createList(attrs);
  const write: (StoreWrite & { op: 'create' }) | undefined = ctx.watching
    ? { op: 'create', objectType: traits.objectType, hostKey: obj.hostKey, attributes: obj.attributes as AttrRecord }
    : undefined;
  if (write) ctx.beforeWrite(write);
  let oid = 0n;
  if (traits.isEntry) {
    ctx.adapter.create(
      traits.objectType,
      traits.hostKey.adapterKey!(obj.hostKey, ctx.switchId) as BulkCreateEntry['key'],
      saiAttrs,
    );
  } else {
    oid = ctx.adapter.create(traits.objectType, undefined, saiAttrs);
  }
  ctx.writes.create++;
  activate(core, obj, oid);
  if (write) ctx.created(write, oid);
}

/** A placeholder became live in the adapter: count and index it, and take its references. */
export function activate<T extends SaiTraits>(core: StoreCore<T>, obj: SaiObject<T>, oid: bigint): void {
  obj.placeholder = false;
  obj.oid = oid;
  core.objects.counted();
  forEachDependency(core, obj, obj.attributes as AttrRecord, holdDependency);
  if (oid !== 0n) core.ctx.indexOid(obj as unknown as SaiObject);
}

/**
 * Adds an object that is live in the adapter (found by reload, or adapter-owned) and takes its
 * references. Its own `refs` starts at 0 (1 if adapter-owned).
 * @returns undefined, with nothing changed, when `unique` and the host key is taken.
 * @throws DuplicateHostKeyError when the host key is taken and not `unique`.
 */
export function insertLive<T extends SaiTraits>(
  core: StoreCore<T>,
  oid: bigint,
  hostKey: InferHostKey<T>,
  attrs: InferCreateAttributes<T>,
  adapterOwned: boolean,
  unique: boolean,
): SaiObject<T> | undefined {
  const obj = new SaiObject<T>(core.home, oid, hostKey, attrs);
  if (!core.objects.putNew(obj)) {
    if (unique) return undefined;
    throw new DuplicateHostKeyError(core.traits.objectType, hostKey);
  }
  if (adapterOwned) {
    obj.adapterOwned = true;
    obj.refs = 1;
  }
  core.objects.counted();
  forEachDependency(core, obj, attrs as AttrRecord, holdDependency);
  if (oid !== 0n) core.ctx.indexOid(obj as unknown as SaiObject);
  return obj;
}
