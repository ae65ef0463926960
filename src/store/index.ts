export { SaiObject } from './sai-object.js';
export { SaiObjectRef, type RefReleaser } from './object-ref.js';
export { SaiObjectStore, type SetObjectItem, type SetObjectsOptions, type StoreContext } from './object-store.js';
export { SaiStore, describeWrite, type WritePolicy, type HostKeyOf, type CreateAttributesOf } from './sai-store.js';
export type { StoreWrite, WriteWatcher } from './write.js';
export {
  CreateOnlyAttributeError,
  UnknownAttributeError,
  WritePolicyError,
  UnknownObjectTypeError,
  HostKeyMismatchError,
  NoSuchObjectError,
  ReferenceCountError,
  ReleasedReferenceError,
  DuplicateHostKeyError,
  HostKeyUnreadableError,
  PendingRemovesError,
  type PendingRemove,
} from './errors.js';
