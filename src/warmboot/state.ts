/**
 * `WarmBootState`: what warm shutdown saves and warm boot reads back (DESIGN.md rule 7): the
 * format version, the switch id, the adapter keys of every store object per type, the host keys
 * that cannot be derived from the adapter, and the caller's ShutdownState.
 *
 * Adapter keys are kept as columns, not objects: object ids as one hex string per type, entries as
 * one newline-joined string of prefixes / addresses per scope (virtual router, router interface,
 * bridge). 1.3 million routes are then a few strings that JSON parses and zod validates in
 * milliseconds, instead of 1.3 million objects.
 */
import type { SaiObjectType } from '../sai/object-type.js';
import { SAI_OBJECT_TYPES } from '../sai/object-type.js';
import type { EntryKey, EntryObjectType } from '../sai/entry.js';
import { makeEntryKey } from '../sai/entry.js';
import { ALL_TRAITS } from '../traits/index.js';
import type { SaiStore } from '../store/sai-store.js';

/** The current state format version. */
export const WARM_BOOT_STATE_VERSION = 1;

/** Adapter keys of one type: object ids, or entries grouped by scope. */
export type AdapterKeyColumn =
  | { readonly kind: 'oid'; readonly ids: readonly bigint[] }
  | { readonly kind: 'entry'; readonly scopes: ReadonlyMap<bigint, readonly string[]> };

/** The warm boot state in memory. */
export interface WarmBootState {
  readonly version: number;
  readonly switchId: bigint;
  readonly adapterKeys: ReadonlyMap<SaiObjectType, AdapterKeyColumn>;
  /** Host keys reload cannot derive (next hop groups, as a fallback), by type and object id. */
  readonly hostKeys: ReadonlyMap<SaiObjectType, ReadonlyMap<bigint, unknown>>;
  /** The caller's desired state at shutdown (any JSON value). */
  readonly shutdownState: unknown;
}

/** Types whose host key reload derives from other objects; their keys are saved as a fallback. */
const SAVED_HOST_KEY_TYPES: readonly SaiObjectType[] = ['NEXT_HOP_GROUP'];

/** Builds the state of every store object that is not adapter-owned. */
export function stateFromStore(store: SaiStore, shutdownState: unknown): WarmBootState {
  const adapterKeys = new Map<SaiObjectType, AdapterKeyColumn>();
  const hostKeys = new Map<SaiObjectType, Map<bigint, unknown>>();
  for (const os of store.stores()) {
    const traits = os.traits;
    const type = traits.objectType;
    if (traits.isEntry) {
      const scopes = new Map<bigint, string[]>();
      for (const obj of os) {
        let list = scopes.get(obj.scope);
        if (!list) scopes.set(obj.scope, (list = []));
        list.push(obj.keyString);
      }
      if (scopes.size > 0) adapterKeys.set(type, { kind: 'entry', scopes });
      continue;
    }
    const ids: bigint[] = [];
    const saved = SAVED_HOST_KEY_TYPES.includes(type) ? new Map<bigint, unknown>() : undefined;
    for (const obj of os) {
      if (obj.adapterOwned) continue;
      ids.push(obj.oid);
      saved?.set(obj.oid, obj.hostKey);
    }
    if (ids.length > 0) adapterKeys.set(type, { kind: 'oid', ids });
    if (saved && saved.size > 0) hostKeys.set(type, saved);
  }
  return { version: WARM_BOOT_STATE_VERSION, switchId: store.switchId, adapterKeys, hostKeys, shutdownState };
}

/** The adapter keys of one type in a state, as AdapterKeys (made one at a time, as iterated). */
export function* adapterKeysOf(state: WarmBootState, type: SaiObjectType): IterableIterator<bigint | EntryKey> {
  const col = state.adapterKeys.get(type);
  if (!col) return;
  if (col.kind === 'oid') {
    yield* col.ids;
    return;
  }
  for (const [scope, locals] of col.scopes) {
    for (const local of locals) yield makeEntryKey(type as EntryObjectType, state.switchId, scope, local);
  }
}

/** True for a modeled object type name. */
export function isObjectType(name: string): name is SaiObjectType {
  return (SAI_OBJECT_TYPES as readonly string[]).includes(name);
}

/** True when a type's AdapterKey is an entry struct. */
export function isEntryType(type: SaiObjectType): type is EntryObjectType {
  return ALL_TRAITS[type].isEntry;
}
