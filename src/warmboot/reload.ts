/**
 * `reload`: rebuilds a store from what the adapter holds (DESIGN.md rule 4). Adapter keys come
 * from the saved state (any libsai) or the adapter's own enumeration (`sai_get_object_key`);
 * attributes are read back with get calls (entry types: one `bulkGet` per chunk when the adapter has it); host keys are derived from them (a next hop group's
 * from its members' next hops and weights), or taken from the saved map. Every reloaded object
 * gets a warm boot handle. A cold boot reloads too, to pick up the adapter's default objects.
 */
import { isSaiStatusError, SaiStatusError } from '../sai/errors.js';
import { SaiStatus } from '../sai/status.js';
import type { SaiObjectType } from '../sai/object-type.js';
import type { AdapterKey } from '../sai/entry.js';
import type { SaiValue } from '../sai/value.js';
import { fromSaiValue, type AttrMeta, type SaiTraits } from '../traits/define.js';
import { nextHopGroupKeyString, type NextHopGroupHostKey } from '../traits/next-hop-group.js';
import type { NextHopHostKey } from '../traits/next-hop.js';
import { OBJECT_TYPES_BY_RANK } from '../traits/index.js';
import type { SaiStore } from '../store/sai-store.js';
import type { SaiObjectStore } from '../store/object-store.js';
import { ReloadError } from './errors.js';
import { adapterKeysOf, type WarmBootState } from './state.js';

/** What reload found, per type. */
export interface ReloadReport {
  readonly objects: Partial<Record<SaiObjectType, number>>;
  readonly total: number;
  /** Where the adapter keys came from. */
  readonly keysFrom: 'state' | 'adapter' | 'state+adapter';
  /** Saved objects the adapter no longer has (skipped), per type. */
  readonly missing: Partial<Record<SaiObjectType, number>>;
}

/** Options of `reload`. */
export interface ReloadOptions {
  /** The saved state: its adapter keys and saved host keys. Without it the adapter enumerates. */
  readonly state?: WarmBootState;
  /**
   * With a state: also enumerate the adapter (where it can) and reload what the state does not
   * list, e.g. objects a failed warm boot created before it stopped.
   */
  readonly enumerate?: boolean;
}

/** The attributes reload reads of a type: every non-READ_ONLY one. */
function readable(traits: SaiTraits): AttrMeta[] {
  return traits.attrList.filter((m) => m.mode !== 'readOnly');
}

/**
 * Reads an object's attributes as store-level values, leaving out values equal to their constant
 * default (an omitted attribute means its default to the store), so replay compares them equal
 * and objects with equal attributes look alike.
 */
function readAttrs(store: SaiStore, traits: SaiTraits, metas: AttrMeta[], ids: number[], key: AdapterKey) {
  return storeAttrs(metas, store.adapter.get(traits.objectType, key, ids));
}

/** `readAttrs` on values already read (a `get`'s or a `bulkGet` entry's). */
function storeAttrs(metas: AttrMeta[], values: readonly (SaiValue | undefined)[]) {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < metas.length; i++) {
    const v = values[i];
    if (v === undefined) continue;
    const m = metas[i];
    if (
      m.saiDefault !== undefined &&
      m.kind !== 'oidList' &&
      m.kind !== 'u32List' &&
      m.kind !== 'i32List' &&
      v === m.saiDefault
    ) {
      continue;
    }
    out[m.name] = fromSaiValue(m, v as SaiValue);
  }
  return out;
}

/** Keys per `bulkGet` call when reloading entry types. */
export const RELOAD_BULK_GET_CHUNK = 8192;

/** True for the statuses that mean the adapter no longer has the object. */
function isMissingStatus(status: number): boolean {
  return status === SaiStatus.INVALID_OBJECT_ID || status === SaiStatus.ITEM_NOT_FOUND;
}

/** A next hop group's host key from its members: (next hop host key, weight) of each. */
function groupKeyFromMembers(store: SaiStore, oid: bigint): NextHopGroupHostKey | undefined {
  const [list] = store.adapter.get('NEXT_HOP_GROUP', oid, [1]);
  if (!Array.isArray(list)) return undefined;
  const members: { nextHop: NextHopHostKey; weight: number }[] = [];
  for (const m of list as bigint[]) {
    const [nh, weight] = store.adapter.get('NEXT_HOP_GROUP_MEMBER', m, [1, 2]);
    const nhObj = store.byOid(nh as bigint);
    if (!nhObj || nhObj.objectType !== 'NEXT_HOP') return undefined;
    members.push({ nextHop: nhObj.hostKey as NextHopHostKey, weight: (weight as number | undefined) ?? 1 });
  }
  return { members };
}

/**
 * Reloads the store from the adapter. Adapter-owned objects first (through the switch's
 * attributes), then every type by rising rank, so the objects an object names are in the store
 * before it and it takes its references on them.
 * @throws ReloadError for a duplicate host key (naming both adapter keys) or an underivable one.
 * @throws SaiStatusError when the adapter cannot answer (NOT_IMPLEMENTED enumeration without a state).
 */
export function reload(store: SaiStore, options: ReloadOptions = {}): ReloadReport {
  const { state } = options;
  store.loadAdapterOwned();
  const counts: Partial<Record<SaiObjectType, number>> = {};
  const missing: Partial<Record<SaiObjectType, number>> = {};
  let total = 0;
  let enumerated = false;
  for (const type of OBJECT_TYPES_BY_RANK) {
    if (type === 'SWITCH') continue;
    const os = store.get(type) as unknown as SaiObjectStore;
    const traits = os.traits;
    let keys: Iterable<AdapterKey>;
    if (state) {
      keys = adapterKeysOf(state, type);
      if (options.enumerate) {
        try {
          keys = [...keys, ...store.adapter.getObjectKeys(type)];
          enumerated = true;
        } catch (e) {
          if (!(isSaiStatusError(e) && e.statusName === 'NOT_IMPLEMENTED')) throw e;
        }
      }
    } else {
      try {
        keys = store.adapter.getObjectKeys(type);
      } catch (e) {
        if (isSaiStatusError(e) && e.statusName === 'NOT_IMPLEMENTED') {
          throw new ReloadError(type, '-', [], 'the adapter cannot enumerate objects and no saved state was given');
        }
        throw e;
      }
    }
    const metas = readable(traits);
    const ids = metas.map((m) => m.id);
    const saved = state?.hostKeys.get(type);
    let n = 0;
    /** Adds one object read back from the adapter. */
    const add = (key: AdapterKey, attrs: Record<string, unknown>): void => {
      // A saved host key is authoritative (a group's key is its configured set, while its members
      // are only its resolved next hops); derivation serves adapters reloaded without a state.
      let hostKey = typeof key === 'bigint' ? saved?.get(key) : undefined;
      hostKey ??= traits.hostKey.derive(key as never, attrs as never);
      if (hostKey === undefined && type === 'NEXT_HOP_GROUP') hostKey = groupKeyFromMembers(store, key as bigint);
      if (hostKey === undefined) {
        throw new ReloadError(type, '-', [String(key)], 'host key cannot be derived and none was saved');
      }
      if (traits.isEntry && !enumerated) {
        // An entry's host key is its key: only a key listed twice can repeat, so one map
        // operation serves as insert and check.
        const obj = os.insert(0n, hostKey as never, attrs as never, false, true);
        if (!obj) {
          throw new ReloadError(
            type,
            os.keyOf(hostKey as never),
            [JSON.stringify(key, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))],
            'listed twice in the saved state',
          );
        }
        obj.refs += 1;
        obj.warmBootHandle = true;
        n++;
        return;
      }
      const existing = os.find(hostKey as never);
      if (existing && !traits.isEntry && existing.oid === key) return;
      if (existing && traits.isEntry && enumerated) return;
      if (existing) {
        const ks =
          type === 'NEXT_HOP_GROUP' ? nextHopGroupKeyString(hostKey as NextHopGroupHostKey) : existing.keyString;
        const a =
          typeof key === 'bigint'
            ? `0x${key.toString(16)}`
            : JSON.stringify(key, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
        throw new ReloadError(type, ks, [`0x${existing.oid.toString(16)}`, a], 'duplicate host key');
      }
      const obj = os.insert(typeof key === 'bigint' ? key : 0n, hostKey as never, attrs as never, false);
      obj.refs += 1;
      obj.warmBootHandle = true;
      n++;
    };
    const bulkGet = traits.isEntry ? store.adapter.bulkGet?.bind(store.adapter) : undefined;
    if (bulkGet) {
      // Entries are read in chunks, one bulk get per chunk (one get per entry costs far more).
      const chunk: AdapterKey[] = [];
      const flush = (): void => {
        const r = bulkGet(type, chunk, ids);
        for (let k = 0; k < chunk.length; k++) {
          const st = r.statuses[k];
          if (st !== 0) {
            if (isMissingStatus(st)) {
              missing[type] = (missing[type] ?? 0) + 1;
              continue;
            }
            throw new SaiStatusError('get', type, chunk[k], st);
          }
          add(chunk[k], storeAttrs(metas, r.values[k]));
        }
        chunk.length = 0;
      };
      for (const key of keys) {
        chunk.push(key);
        if (chunk.length === RELOAD_BULK_GET_CHUNK) flush();
      }
      if (chunk.length > 0) flush();
    } else {
      for (const key of keys) {
        if (typeof key === 'bigint' && store.byOid(key)) continue; // adapter-owned or listed twice
        let attrs: Record<string, unknown>;
        try {
          attrs = readAttrs(store, traits, metas, ids, key);
        } catch (e) {
          if (isSaiStatusError(e) && isMissingStatus(e.status)) {
            missing[type] = (missing[type] ?? 0) + 1;
            continue;
          }
          throw e;
        }
        add(key, attrs);
      }
    }
    if (n > 0) counts[type] = n;
    total += n;
  }
  return { objects: counts, total, keysFrom: state ? (enumerated ? 'state+adapter' : 'state') : 'adapter', missing };
}
