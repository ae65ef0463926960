/**
 * `reload`: rebuilds a store from what the adapter holds (DESIGN.md rule 4). Adapter keys come
 * from the saved state (any libsai) or the adapter's own enumeration (`sai_get_object_key`);
 * attributes are read back with get calls, only those whose condition holds (`read-back.ts`; entry
 * types: one `bulkGet` per chunk when the adapter has it); host keys are derived from them (a next
 * hop group's from its members' next hops and weights), or taken from the saved map. Every reloaded
 * object gets a warm boot handle. A cold boot reloads too, to pick up the adapter's default objects.
 *
 * Attributes the adapter could not read (`NOT_READ`: a libsai that cannot answer them) are kept as
 * unknown, never as their default, and counted in the report; replay's `setObject` adopts the
 * replayed value for them (see docs/store.md). An adapter-owned object with such attributes gets a
 * warm boot handle too on a warm reload, so replay adopts its values as well.
 */
import { isSaiStatusError, SaiStatusError } from '../sai/errors.js';
import { SaiStatus } from '../sai/status.js';
import type { SaiObjectType } from '../sai/object-type.js';
import type { AdapterKey } from '../sai/entry.js';
import { NOT_READ } from '../sai/value.js';
import { nextHopGroupKeyString, type NextHopGroupHostKey } from '../traits/next-hop-group.js';
import type { NextHopHostKey } from '../traits/next-hop.js';
import { OBJECT_TYPES_BY_RANK } from '../traits/index.js';
import type { SaiStore } from '../store/sai-store.js';
import type { SaiObjectStore } from '../store/object-store.js';
import { ReloadError } from './errors.js';
import { adapterKeysOf, type WarmBootState } from './state.js';
import { readObject, readPlan, storeAttrs, type NotReadCounts } from './read-back.js';
import { saiFunctionName } from '../adapter/status-error.js';

/** What reload found, per type. */
export interface ReloadReport {
  readonly objects: Partial<Record<SaiObjectType, number>>;
  readonly total: number;
  /**
   * Where the adapter keys came from: the saved state, the adapter's enumeration, both, or `none`
   * (a cold reload from an adapter that cannot enumerate: only its own objects, read through the
   * switch's attributes).
   */
  readonly keysFrom: 'state' | 'adapter' | 'state+adapter' | 'none';
  /** Saved objects the adapter no longer has (skipped), per type. */
  readonly missing: Partial<Record<SaiObjectType, number>>;
  /**
   * Attributes the adapter could not read, per type and SAI attribute name: how many objects. They
   * are unknown to the store (never taken for their default); replay adopts the replayed value.
   */
  readonly notRead: NotReadCounts;
  /** When enumeration was asked for (`enumerate`) and the adapter cannot enumerate: why nothing beyond the state was reloaded. */
  readonly enumeration?: { readonly available: false; readonly reason: string };
}

/** Options of `reload`. */
export interface ReloadOptions {
  /** The saved state: its adapter keys and saved host keys. Without it the adapter enumerates. */
  readonly state?: WarmBootState;
  /**
   * With a state: also enumerate the adapter (where it can) and reload what the state does not
   * list, e.g. objects a failed warm boot created before it stopped. An adapter that cannot
   * enumerate reloads the state only, and the report's `enumeration` says so.
   */
  readonly enumerate?: boolean;
  /**
   * Without a state: the adapter was just initialized cold, so it holds only its own default
   * objects; an adapter that cannot enumerate then has nothing else to reload (keys `none`).
   * Without `cold`, such an adapter makes reload throw `ReloadError` (objects could be missed).
   */
  readonly cold?: boolean;
}

/** Keys per `bulkGet` call when reloading entry types. */
export const RELOAD_BULK_GET_CHUNK = 8192;

/** True for the statuses that mean the adapter no longer has the object. */
function isMissingStatus(status: number): boolean {
  return status === SaiStatus.INVALID_OBJECT_ID || status === SaiStatus.ITEM_NOT_FOUND;
}

function isNotImplemented(e: unknown): boolean {
  return isSaiStatusError(e) && e.statusName === 'NOT_IMPLEMENTED';
}

function keyText(key: AdapterKey): string {
  return typeof key === 'bigint'
    ? `0x${key.toString(16)}`
    : JSON.stringify(key, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
}

/** Members of each next hop group, by the members' own attributes (enumerated once), or undefined. */
type MemberIndex = Map<bigint, { nextHop: bigint; weight: unknown }[]>;

function memberIndex(store: SaiStore): MemberIndex | undefined {
  let keys: AdapterKey[];
  try {
    keys = store.adapter.getObjectKeys('NEXT_HOP_GROUP_MEMBER');
  } catch (e) {
    if (isNotImplemented(e)) return undefined;
    throw e;
  }
  const index: MemberIndex = new Map();
  for (const m of keys) {
    const [group, nh, weight] = store.adapter.get('NEXT_HOP_GROUP_MEMBER', m, [0, 1, 2]);
    if (typeof group !== 'bigint' || typeof nh !== 'bigint') continue;
    let list = index.get(group);
    if (!list) index.set(group, (list = []));
    list.push({ nextHop: nh, weight });
  }
  return index;
}

/**
 * A next hop group's host key from its members: (next hop host key, weight) of each. The members
 * are found by their own NEXT_HOP_GROUP_ID where the adapter enumerates (a libsai need not maintain
 * the group's read-only member list), else through the group's NEXT_HOP_MEMBER_LIST.
 */
function groupKeyFromMembers(
  store: SaiStore,
  oid: bigint,
  index: () => MemberIndex | undefined,
): NextHopGroupHostKey | undefined {
  let members: { nextHop: unknown; weight: unknown }[] | undefined = index()?.get(oid);
  if (!members) {
    const [list] = store.adapter.get('NEXT_HOP_GROUP', oid, [1]);
    if (!Array.isArray(list)) return undefined;
    members = (list as bigint[]).map((m) => {
      const [nextHop, weight] = store.adapter.get('NEXT_HOP_GROUP_MEMBER', m, [1, 2]);
      return { nextHop, weight };
    });
  }
  const out: { nextHop: NextHopHostKey; weight: number }[] = [];
  for (const m of members) {
    const nhObj = typeof m.nextHop === 'bigint' ? store.byOid(m.nextHop) : undefined;
    if (!nhObj || nhObj.objectType !== 'NEXT_HOP' || m.weight === NOT_READ) return undefined;
    out.push({ nextHop: nhObj.hostKey as NextHopHostKey, weight: (m.weight as number | undefined) ?? 1 });
  }
  return { members: out };
}

/** Gives adapter-owned objects holding attributes that could not be read a warm boot handle (replay adopts them). */
function handleUnreadOwned(store: SaiStore): void {
  for (const os of store.stores()) {
    for (const obj of os) {
      if (!obj.adapterOwned || obj.warmBootHandle) continue;
      const attrs = obj.attributes as Record<string, unknown>;
      for (const k in attrs) {
        if (attrs[k] !== NOT_READ) continue;
        obj.refs += 1;
        obj.warmBootHandle = true;
        break;
      }
    }
  }
}

/**
 * Reloads the store from the adapter. Adapter-owned objects first (through the switch's
 * attributes), then every type by rising rank, so the objects an object names are in the store
 * before it and it takes its references on them.
 * @throws ReloadError for a duplicate host key (naming both adapter keys), an underivable one, or an
 *   adapter that cannot enumerate when neither a state nor `cold` was given.
 * @throws SaiStatusError when the adapter cannot answer.
 */
export function reload(store: SaiStore, options: ReloadOptions = {}): ReloadReport {
  const { state } = options;
  store.loadAdapterOwned();
  if (state) handleUnreadOwned(store);
  const counts: Partial<Record<SaiObjectType, number>> = {};
  const missing: Partial<Record<SaiObjectType, number>> = {};
  const notRead: NotReadCounts = {};
  let total = 0;
  let enumerated = false;
  let cannotEnumerate: string | undefined;
  let members: MemberIndex | undefined | null = null;
  const index = () => (members === null ? (members = memberIndex(store)) : members);
  for (const type of OBJECT_TYPES_BY_RANK) {
    if (type === 'SWITCH') continue;
    const os = store.get(type) as unknown as SaiObjectStore;
    const traits = os.traits;
    let keys: Iterable<AdapterKey> = [];
    if (state) {
      keys = adapterKeysOf(state, type);
      if (options.enumerate && cannotEnumerate === undefined) {
        try {
          keys = [...keys, ...store.adapter.getObjectKeys(type)];
          enumerated = true;
        } catch (e) {
          if (!isNotImplemented(e)) throw e;
          cannotEnumerate = (e as Error).message;
        }
      }
    } else if (cannotEnumerate === undefined) {
      try {
        keys = store.adapter.getObjectKeys(type);
      } catch (e) {
        if (!isNotImplemented(e)) throw e;
        if (!options.cold) {
          throw new ReloadError(
            type,
            '-',
            [],
            `the adapter cannot enumerate objects (${(e as Error).message}) and no saved state was given`,
          );
        }
        // A cold switch holds only its own objects, already read through the switch's attributes.
        cannotEnumerate = (e as Error).message;
      }
    }
    const plan = readPlan(traits);
    const saved = state?.hostKeys.get(type);
    let n = 0;
    /** Adds one object read back from the adapter. */
    const add = (key: AdapterKey, attrs: Record<string, unknown>): void => {
      // A saved host key is authoritative (a group's key is its configured set, while its members
      // are only its resolved next hops); derivation serves adapters reloaded without a state.
      let hostKey = typeof key === 'bigint' ? saved?.get(key) : undefined;
      const unread = (traits.hostKey.fromAttributes ?? []).filter((a) => attrs[a] === NOT_READ);
      if (hostKey === undefined && unread.length > 0) {
        const names = unread.map((a) => traits.attrByName.get(a)!.saiName).join(', ');
        throw new ReloadError(type, '-', [keyText(key)], `host key attributes could not be read (${names})`);
      }
      hostKey ??= traits.hostKey.derive(key as never, attrs as never);
      if (hostKey === undefined && type === 'NEXT_HOP_GROUP')
        hostKey = groupKeyFromMembers(store, key as bigint, index);
      if (hostKey === undefined) {
        throw new ReloadError(type, '-', [keyText(key)], 'host key cannot be derived and none was saved');
      }
      if (traits.isEntry && !enumerated) {
        // An entry's host key is its key: only a key listed twice can repeat, so one map
        // operation serves as insert and check.
        const obj = os.insert(0n, hostKey as never, attrs as never, false, true);
        if (!obj)
          throw new ReloadError(type, os.keyOf(hostKey as never), [keyText(key)], 'listed twice in the saved state');
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
        throw new ReloadError(type, ks, [`0x${existing.oid.toString(16)}`, keyText(key)], 'duplicate host key');
      }
      const obj = os.insert(typeof key === 'bigint' ? key : 0n, hostKey as never, attrs as never, false);
      obj.refs += 1;
      obj.warmBootHandle = true;
      n++;
    };
    const bulkGet =
      traits.isEntry && plan.conditional.length === 0 ? store.adapter.bulkGet?.bind(store.adapter) : undefined;
    if (bulkGet) {
      // Entries are read in chunks, one bulk get per chunk (one get per entry costs far more).
      const chunk: AdapterKey[] = [];
      const flush = (): void => {
        const r = bulkGet(type, chunk, plan.firstIds);
        for (let k = 0; k < chunk.length; k++) {
          const st = r.statuses[k];
          if (st !== 0) {
            if (isMissingStatus(st)) {
              missing[type] = (missing[type] ?? 0) + 1;
              continue;
            }
            throw new SaiStatusError('get', type, chunk[k], st, undefined, undefined, {
              library: store.adapter.library,
              call: saiFunctionName('bulkGet', type),
            });
          }
          add(chunk[k], storeAttrs(type, plan.first, r.values[k], notRead));
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
          attrs = readObject(store.adapter, traits, key, notRead);
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
  const keysFrom = state
    ? enumerated
      ? 'state+adapter'
      : 'state'
    : cannotEnumerate !== undefined
      ? 'none'
      : 'adapter';
  const report: ReloadReport = { objects: counts, total, keysFrom, missing, notRead };
  if (state && options.enumerate && cannotEnumerate !== undefined) {
    return {
      ...report,
      enumeration: {
        available: false,
        reason: `enumerateAdapter: the adapter cannot enumerate (${cannotEnumerate}); only the objects the saved state lists were reloaded`,
      },
    };
  }
  return report;
}
