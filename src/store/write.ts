import type { SaiObjectType } from '../sai/object-type.js';

/**
 * A write the store is about to send to the adapter, in host-key terms (plain data, printable):
 * the unit of write policies, warm boot plans and their enforcement.
 */
export type StoreWrite =
  | {
      readonly op: 'create';
      readonly objectType: SaiObjectType;
      readonly hostKey: unknown;
      /** Store-level create attributes. */
      readonly attributes: Readonly<Record<string, unknown>>;
    }
  | {
      readonly op: 'set';
      readonly objectType: SaiObjectType;
      readonly hostKey: unknown;
      /** Attribute name, e.g. `nextHopId`. */
      readonly attribute: string;
      readonly value: unknown;
    }
  | { readonly op: 'remove'; readonly objectType: SaiObjectType; readonly hostKey: unknown };

/** Watches the store's writes: `before` may throw to stop a write; `created` sees new object ids. */
export interface WriteWatcher {
  before(write: StoreWrite): void;
  created?(write: StoreWrite & { op: 'create' }, oid: bigint): void;
}
