/**
 * `FakeSaiAdapter`: an in-memory SAI that behaves like a strict real libsai, so code that passes on
 * it passes on a vendor's. Every call is validated against the traits' metadata and answers with
 * SAI's own status codes (SAI-ABI.md), with the attribute index where the status carries one:
 *
 * | check | status |
 * |---|---|
 * | attribute id not declared for the type | UNKNOWN_ATTRIBUTE + i |
 * | READ_ONLY on create or set; CREATE_ONLY on set; the same id twice; a conditional attribute whose condition does not hold | INVALID_ATTRIBUTE + i |
 * | wrong value kind, out of range, not an enum value, non-canonical address; NULL where null is not allowed | INVALID_ATTR_VALUE + i |
 * | a MANDATORY_ON_CREATE attribute (or a conditional one whose condition holds) missing | MANDATORY_ATTRIBUTE_MISSING |
 * | an object id that does not exist or is of a type the attribute does not allow; an entry naming a missing vr / rif / bv | INVALID_OBJECT_ID |
 * | an entry that exists, or a KEY attribute (vlan id, port lanes) already used | ITEM_ALREADY_EXISTS |
 * | remove / set / get of a missing entry | ITEM_NOT_FOUND |
 * | remove / set / get of a missing object id | INVALID_OBJECT_ID |
 * | remove of an object another object references | OBJECT_IN_USE |
 * | remove of the switch, CPU port, default virtual router or default 1Q bridge | INVALID_PARAMETER |
 *
 * It counts creates, sets, removes and gets per object type (objects, so a bulk create of n routes
 * counts n), keeps an optional call log, and injects faults (`injectFault`).
 */
import {
  entryLocal as localOfEntry,
  entryScope as scopeOfEntry,
  makeEntryKey,
  type AdapterKey,
  type EntryKey,
  type EntryObjectType,
  type FdbEntryKey,
  type NeighborEntryKey,
  type RouteEntryKey,
} from '../../sai/entry.js';
import { SaiStatusError, type SaiOperation } from '../../sai/errors.js';
import { objectTypeFromId, SaiObjectTypeId, type SaiObjectType } from '../../sai/object-type.js';
import { attrStatus, SaiStatus } from '../../sai/status.js';
import { isCanonicalIpAddress, isCanonicalIpPrefix, isCanonicalMac, ipFamilyOf } from '../../sai/address.js';
import { NULL_OID, type SaiAttribute, type SaiValue } from '../../sai/value.js';
import { ALL_TRAITS } from '../../traits/index.js';
import type { AttrMeta, SaiTraits } from '../../traits/define.js';
import type {
  BulkCreateEntry,
  BulkCreateResult,
  BulkGetResult,
  BulkErrorMode,
  SaiAdapter,
  SwitchDefaults,
} from '../adapter.js';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { valueFitsKind } from './check-value.js';
import { decodeSlots, encodeSlots } from './warm-file.js';
import { slotGet, slotSet, slotsFrom, slotsOf, type AttrSlots } from './attr-slots.js';
import type { CallLogEntry, FakeCall } from '../faults.js';
import { FaultingAdapter } from '../instrumentation.js';
import { statusError, type StatusErrorContext } from '../status-error.js';
import { makeOid, oidTypeId } from './ids.js';

/** One live object in the fake. */
export interface FakeObject {
  readonly type: SaiObjectType;
  readonly key: AdapterKey;
  /** Attribute values (adapter-level), as `[id, value, ...]` (see `attr-slots.ts`). */
  readonly attrs: AttrSlots;
  /** How many other objects name this one (attributes and entry keys). */
  refCount: number;
  /** Made by switch init and never removable. */
  readonly owned: boolean;
  /** Members of a next hop group / vlan / bridge / lag (their ids). */
  members?: Set<bigint>;
}

/** Options of `FakeSaiAdapter`. */
export interface FakeSaiAdapterOptions {
  /** Front-panel ports made at switch init (default 32), each with 4 lanes and 100G speed. */
  readonly ports?: number;
  /** Keep a log of every call in `callLog` (default false). */
  readonly log?: boolean;
  /**
   * SAI profile key/values, as a real libsai reads them: `SAI_BOOT_TYPE` ("0" cold, "1" warm),
   * `SAI_WARM_BOOT_READ_FILE` (restored at a warm init), `SAI_WARM_BOOT_WRITE_FILE` (written at a
   * warm shutdown).
   */
  readonly profile?: Readonly<Record<string, string>>;
}

/** One entry of the call log. */
export type FakeCallLogEntry = CallLogEntry;

const WRITE_OPS = ['create', 'remove', 'set'] as const;

/** Membership: a member type names its parent through an attribute (or the default bridge). */
const MEMBER_OF: Partial<Record<SaiObjectType, { readonly parentAttrId: number }>> = {
  NEXT_HOP_GROUP_MEMBER: { parentAttrId: 0 },
  VLAN_MEMBER: { parentAttrId: 0 },
  LAG_MEMBER: { parentAttrId: 0 },
  BRIDGE_PORT: { parentAttrId: 6 },
};

const entryScope = (type: SaiObjectType, key: EntryKey) => scopeOfEntry(type as EntryObjectType, key);
const entryLocal = (type: SaiObjectType, key: EntryKey) => localOfEntry(type as EntryObjectType, key);
const makeEntry = (type: SaiObjectType, switchId: bigint, scope: bigint, local: string) =>
  makeEntryKey(type as EntryObjectType, switchId, scope, local);

/**
 * Entry-keyed objects of one type: one map per scope (vr / rif / bv), keyed by the local string,
 * holding only the attribute slots (nothing references an entry, so it needs no count). A route
 * costs the adapter one map slot and one small array.
 */
class EntryTable {
  readonly scopes = new Map<bigint, Map<string, AttrSlots>>();
  size = 0;
  constructor(
    readonly type: SaiObjectType,
    readonly switchId: bigint,
  ) {}
  private view(scope: bigint, local: string, attrs: AttrSlots): FakeObject {
    return {
      type: this.type,
      key: makeEntry(this.type, this.switchId, scope, local),
      attrs,
      refCount: 0,
      owned: false,
    };
  }
  has(scope: bigint, local: string): boolean {
    return this.scopes.get(scope)?.has(local) ?? false;
  }
  get(scope: bigint, local: string, key?: EntryKey): FakeObject | undefined {
    const attrs = this.scopes.get(scope)?.get(local);
    if (attrs === undefined) return undefined;
    return key ? { type: this.type, key, attrs, refCount: 0, owned: false } : this.view(scope, local, attrs);
  }
  /** Replaces an entry's slots (copy on write of shared slots). */
  replace(scope: bigint, local: string, attrs: AttrSlots): void {
    this.scopes.get(scope)!.set(local, attrs);
  }
  set(scope: bigint, local: string, attrs: AttrSlots): void {
    let t = this.scopes.get(scope);
    if (t === undefined) this.scopes.set(scope, (t = new Map()));
    t.set(local, attrs);
    this.size++;
  }
  delete(scope: bigint, local: string): void {
    const t = this.scopes.get(scope);
    if (t?.delete(local)) {
      this.size--;
      if (t.size === 0) this.scopes.delete(scope);
    }
  }
  *values(): IterableIterator<FakeObject> {
    for (const [scope, t] of this.scopes) for (const [local, attrs] of t) yield this.view(scope, local, attrs);
  }
}

/** An in-memory, strict SAI adapter. */
export class FakeSaiAdapter extends FaultingAdapter implements SaiAdapter {
  readonly name = 'fake';
  readonly switchId: bigint;
  /** Objects with object ids. */
  readonly objects = new Map<bigint, FakeObject>();
  /** Entry-keyed objects per type. */
  readonly entries: ReadonlyMap<SaiObjectType, EntryTable>;
  /** KEY-attribute index: "TYPE|value" -> id. */
  private readonly keyIndex = new Map<string, bigint>();
  /** Frozen slot arrays shared by entries created from the same frozen attribute list. */
  private readonly sharedSlots = new WeakMap<readonly SaiAttribute[], AttrSlots>();
  private nextCounter = 1;
  private defaults: SwitchDefaults;

  private readonly profile: Readonly<Record<string, string>>;
  private shutDown = false;

  /**
   * Switch init. Cold: makes the switch, CPU port, `ports` front-panel ports, the default virtual
   * router and the default 1Q bridge. Warm (`SAI_BOOT_TYPE=1`): restores every object, with its id,
   * from `SAI_WARM_BOOT_READ_FILE`.
   * @throws SaiStatusError (shutdown / INVALID_NV_STORAGE) when the warm boot file is missing or damaged.
   */
  constructor(options: FakeSaiAdapterOptions = {}) {
    super(options.log);
    this.profile = options.profile ?? {};
    if (this.profile.SAI_BOOT_TYPE === '1') {
      const restored = this.restore(this.profile.SAI_WARM_BOOT_READ_FILE);
      this.switchId = restored.switchId;
      this.defaults = restored.defaults;
      this.entries = restored.entries;
      return;
    }
    const ports = options.ports ?? 32;
    this.switchId = this.insertOwned('SWITCH', [[SWITCH_ATTR_INIT_SWITCH, true]]);
    this.entries = new Map(
      (['ROUTE_ENTRY', 'NEIGHBOR_ENTRY', 'FDB_ENTRY'] as const).map((t) => [t, new EntryTable(t, this.switchId)]),
    );
    const cpuPort = this.insertOwned('PORT', [
      [30, []],
      [31, 10000],
    ]);
    const portList: bigint[] = [];
    for (let p = 0; p < ports; p++) {
      const lanes = [p * 4 + 1, p * 4 + 2, p * 4 + 3, p * 4 + 4];
      const id = this.insertOwned('PORT', [
        [30, lanes],
        [31, 100000],
      ]);
      // Front-panel ports are made at init but, as on real adapters, may be removed (breakout).
      (this.objects.get(id) as { owned: boolean }).owned = false;
      this.keyIndex.set(`PORT|${lanes.join(',')}`, id);
      portList.push(id);
    }
    const defaultVr = this.insertOwned('VIRTUAL_ROUTER', []);
    const bridge = this.insertOwned('BRIDGE', [[0, 0]]);
    this.objects.get(bridge)!.members = new Set();
    this.defaults = { defaultVirtualRouterId: defaultVr, cpuPort, portList, default1qBridgeId: bridge };
  }

  // ---- warm restart --------------------------------------------------------------------

  /**
   * Switch shutdown. Warm: sets RESTART_WARM and writes every object to `SAI_WARM_BOOT_WRITE_FILE`
   * (temporary file, fsync, rename), as a libsai's `remove_switch` after RESTART_WARM does. The
   * adapter answers UNINITIALIZED afterwards.
   * @throws SaiStatusError INVALID_PARAMETER when a warm shutdown has no SAI_WARM_BOOT_WRITE_FILE.
   */
  shutdown(options: { warm: boolean }): void {
    if (this.shutDown) return;
    if (options.warm) {
      const file = this.profile.SAI_WARM_BOOT_WRITE_FILE;
      if (!file) this.fail('shutdown', 'SWITCH', this.switchId, SaiStatus.INVALID_PARAMETER);
      slotSet(this.objects.get(this.switchId)!.attrs, SWITCH_ATTR_RESTART_WARM, true);
      writeFileAtomic(file, this.serialize());
    }
    this.shutDown = true;
  }

  private serialize(): string {
    const d = this.defaults;
    const lines: string[] = [
      `saistore-fake-warm\t1\t${this.switchId.toString(16)}\t${this.nextCounter}\t${d.defaultVirtualRouterId.toString(16)}\t${d.cpuPort.toString(16)}\t${d.default1qBridgeId.toString(16)}\t${d.portList.map((p) => p.toString(16)).join(',')}`,
    ];
    let count = 0;
    for (const [id, o] of this.objects) {
      lines.push(`O\t${id.toString(16)}\t${o.type}\t${o.owned ? 1 : 0}${encodeSlots(o.attrs)}`);
      count++;
    }
    // Entries grouped by scope and attributes: a group header, then its keys on one line.
    for (const [type, table] of this.entries) {
      for (const [scope, t] of table.scopes) {
        const groups = new Map<AttrSlots, string[]>();
        for (const [local, attrs] of t) {
          let g = groups.get(attrs);
          if (!g) groups.set(attrs, (g = []));
          g.push(local);
        }
        const sc = scope.toString(16);
        for (const [attrs, locals] of groups) {
          lines.push(`G\t${type}\t${sc}\t${locals.length}${encodeSlots(attrs)}`, locals.join(' '));
          count += locals.length;
        }
      }
    }
    lines.push(`end\t${count}`);
    return `${lines.join('\n')}\n`;
  }

  private restore(file: string | undefined): {
    switchId: bigint;
    defaults: SwitchDefaults;
    entries: Map<SaiObjectType, EntryTable>;
  } {
    const damaged = (why: string): never => {
      throw new SaiStatusError(
        'initialize',
        'SWITCH',
        undefined,
        SaiStatus.INVALID_NV_STORAGE,
        `warm boot file ${file}: ${why}`,
      );
    };
    if (!file) return damaged('SAI_WARM_BOOT_READ_FILE is not set');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return damaged((e as Error).message);
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const head = lines[0]?.split('\t') ?? [];
    if (head[0] !== 'saistore-fake-warm' || head[1] !== '1' || head.length !== 8)
      return damaged('not a fake adapter warm boot file');
    const tail = lines[lines.length - 1].split('\t');
    if (tail[0] !== 'end') return damaged('truncated');
    let restoredCount = 0;
    const hex = (x: string) => BigInt(`0x${x}`);
    const switchId = hex(head[2]);
    this.nextCounter = Number(head[3]);
    const defaults: SwitchDefaults = {
      defaultVirtualRouterId: hex(head[4]),
      cpuPort: hex(head[5]),
      default1qBridgeId: hex(head[6]),
      portList: head[7] === '' ? [] : head[7].split(',').map(hex),
    };
    const entries = new Map<SaiObjectType, EntryTable>(
      (['ROUTE_ENTRY', 'NEIGHBOR_ENTRY', 'FDB_ENTRY'] as const).map((t) => [t, new EntryTable(t, switchId)]),
    );
    const entryGroups: { type: SaiObjectType; scope: bigint; attrs: AttrSlots; n: number }[] = [];
    for (let i = 1; i < lines.length - 1; i++) {
      const f = lines[i].split('\t');
      if (f[0] === 'O') {
        const id = hex(f[1]);
        const type = f[2] as SaiObjectType;
        this.objects.set(id, { type, key: id, attrs: decodeSlots(f, 4), refCount: 0, owned: f[3] === '1' });
        restoredCount++;
      } else if (f[0] === 'G') {
        const type = f[1] as SaiObjectType;
        const table = entries.get(type);
        if (!table) return damaged(`line ${i + 1}: ${type} is not an entry type`);
        const scope = hex(f[2]);
        const n = Number(f[3]);
        // Entries with equal attributes share one frozen slot array (copied on a set).
        const attrs = Object.freeze(decodeSlots(f, 4)) as AttrSlots;
        const locals = (lines[++i] ?? '').split(' ');
        if (locals.length !== n || i >= lines.length - 1) return damaged(`line ${i + 1}: ${n} keys expected`);
        for (const local of locals) table.set(scope, local, attrs);
        entryGroups.push({ type, scope, attrs, n });
        restoredCount += n;
      } else {
        return damaged(`line ${i + 1}: unknown record`);
      }
    }
    if (restoredCount !== Number(tail[1])) return damaged(`truncated: ${restoredCount} of ${tail[1]} objects`);
    // References, memberships and KEY indexes are derived state: rebuild them. A bridge port's
    // bridge defaults to the default 1Q bridge (`parentOf`): the defaults must be known first.
    this.defaults = defaults;
    for (const [id, o] of this.objects) {
      this.link(o, id);
      const ks = this.keyString(this.traitsOf(o.type), o.attrs);
      if (ks !== undefined && !o.owned) this.keyIndex.set(ks, id);
    }
    for (const p of defaults.portList) {
      const o = this.objects.get(p);
      if (o) this.keyIndex.set(`PORT|${(slotGet(o.attrs, 30) as number[]).join(',')}`, p);
    }
    for (const g of entryGroups) {
      const key = makeEntry(g.type, switchId, g.scope, '');
      this.link({ type: g.type, key, attrs: g.attrs, refCount: 0, owned: false }, 0n, g.n);
    }
    // The restart flags belong to the shutdown that wrote the file, not to the switch it restores.
    const sw = this.objects.get(switchId);
    if (sw) slotSet(sw.attrs, SWITCH_ATTR_RESTART_WARM, undefined);
    return { switchId, defaults, entries };
  }

  private insertOwned(type: SaiObjectType, attrs: [number, SaiValue][]): bigint {
    const id = makeOid(SaiObjectTypeId[type], this.nextCounter++);
    this.objects.set(id, { type, key: id, attrs: slotsOf(attrs), refCount: 0, owned: true });
    return id;
  }

  /** Numbers one call (entry): UNINITIALIZED after shutdown, else an injected status or 0. */
  private enter(
    op: FakeCall['op'],
    objectType: SaiObjectType,
    key: AdapterKey | undefined,
    attrs: readonly SaiAttribute[],
    bulk: boolean,
  ): number {
    if (this.shutDown) {
      this.seq++;
      return SaiStatus.UNINITIALIZED;
    }
    return this.admit(op, objectType, key, attrs, bulk);
  }

  // ---- lookup ----------------------------------------------------------------------------

  private traitsOf(type: SaiObjectType): SaiTraits {
    return ALL_TRAITS[type] as unknown as SaiTraits;
  }

  private find(type: SaiObjectType, key: AdapterKey): FakeObject | undefined {
    if (typeof key === 'bigint') {
      const o = this.objects.get(key);
      return o && o.type === type ? o : undefined;
    }
    return this.entries.get(type)?.get(entryScope(type, key), entryLocal(type, key), key);
  }

  private missingStatus(key: AdapterKey): number {
    return typeof key === 'bigint' ? SaiStatus.INVALID_OBJECT_ID : SaiStatus.ITEM_NOT_FOUND;
  }

  /** The live object of `type` at `key`, or undefined (for tests and reload checks). */
  lookup(type: SaiObjectType, key: AdapterKey): FakeObject | undefined {
    return this.find(type, key);
  }

  /** Number of live objects of a type. */
  objectCount(type: SaiObjectType): number {
    const table = this.entries.get(type);
    if (table) return table.size;
    let n = 0;
    for (const o of this.objects.values()) if (o.type === type) n++;
    return n;
  }

  // ---- validation ------------------------------------------------------------------------

  /** Does an oid name a live object of one of the allowed types? */
  private refOk(meta: AttrMeta, oid: bigint): boolean {
    const target = this.objects.get(oid);
    return target !== undefined && meta.objectTypeIds!.includes(SaiObjectTypeId[target.type]);
  }

  /** Validates an attribute list for a create; returns 0 or a status. */
  private validateCreate(traits: SaiTraits, attrs: readonly SaiAttribute[]): number {
    const n = attrs.length;
    for (let i = 0; i < n; i++) {
      const { id, value } = attrs[i];
      const meta = traits.attrById.get(id);
      if (meta === undefined) return attrStatus('UNKNOWN_ATTRIBUTE', i);
      if (meta.mode === 'readOnly') return attrStatus('INVALID_ATTRIBUTE', i);
      for (let j = 0; j < i; j++) if (attrs[j].id === id) return attrStatus('INVALID_ATTRIBUTE', i);
      if (!valueFitsKind(meta, value)) return attrStatus('INVALID_ATTR_VALUE', i);
      if (meta.condition && !this.conditionHolds(meta, attrs, traits)) return attrStatus('INVALID_ATTRIBUTE', i);
      const st = this.checkReference(meta, value, i);
      if (st !== 0) return st;
    }
    for (const meta of traits.attrList) {
      if (meta.presence === 'optional') continue;
      if (meta.presence === 'conditional' && !this.conditionHolds(meta, attrs, traits)) continue;
      let found = false;
      for (let i = 0; i < n; i++) if (attrs[i].id === meta.id) found = true;
      if (!found) return SaiStatus.MANDATORY_ATTRIBUTE_MISSING;
    }
    return 0;
  }

  private checkReference(meta: AttrMeta, value: SaiValue, index: number): number {
    if (meta.kind === 'oid') {
      if (value === NULL_OID) return meta.allowsNull ? 0 : attrStatus('INVALID_ATTR_VALUE', index);
      return this.refOk(meta, value as bigint) ? 0 : SaiStatus.INVALID_OBJECT_ID;
    }
    if (meta.kind === 'oidList') {
      for (const oid of value as readonly bigint[]) if (!this.refOk(meta, oid)) return SaiStatus.INVALID_OBJECT_ID;
    }
    return 0;
  }

  private conditionHolds(meta: AttrMeta, attrs: readonly SaiAttribute[], traits: SaiTraits): boolean {
    const cond = meta.condition!;
    let v: SaiValue | undefined;
    for (const a of attrs) if (a.id === cond.attrId) v = a.value;
    if (v === undefined) v = traits.attrById.get(cond.attrId)!.saiDefault;
    return cond.values.includes(v as number);
  }

  private validateEntryKey(type: SaiObjectType, key: EntryKey | undefined): number {
    if (key === undefined || key.switchId !== this.switchId) return SaiStatus.INVALID_PARAMETER;
    switch (type) {
      case 'ROUTE_ENTRY': {
        const k = key as RouteEntryKey;
        if (typeof k.destination !== 'string' || !isCanonicalIpPrefix(k.destination))
          return SaiStatus.INVALID_PARAMETER;
        return this.objects.get(k.vrId)?.type === 'VIRTUAL_ROUTER' ? 0 : SaiStatus.INVALID_OBJECT_ID;
      }
      case 'NEIGHBOR_ENTRY': {
        const k = key as NeighborEntryKey;
        if (typeof k.ipAddress !== 'string' || !isCanonicalIpAddress(k.ipAddress)) return SaiStatus.INVALID_PARAMETER;
        return this.objects.get(k.rifId)?.type === 'ROUTER_INTERFACE' ? 0 : SaiStatus.INVALID_OBJECT_ID;
      }
      default: {
        const k = key as FdbEntryKey;
        if (typeof k.macAddress !== 'string' || !isCanonicalMac(k.macAddress)) return SaiStatus.INVALID_PARAMETER;
        const t = this.objects.get(k.bvId)?.type;
        return t === 'BRIDGE' || t === 'VLAN' ? 0 : SaiStatus.INVALID_OBJECT_ID;
      }
    }
  }

  private keyString(traits: SaiTraits, attrs: AttrSlots): string | undefined {
    for (const meta of traits.attrList) {
      if (!meta.isKey) continue;
      const v = slotGet(attrs, meta.id);
      return `${traits.objectType}|${Array.isArray(v) ? v.join(',') : String(v)}`;
    }
    return undefined;
  }

  // ---- references and membership ------------------------------------------------------------

  private forEachReference(obj: FakeObject, fn: (target: FakeObject) => void): void {
    const traits = this.traitsOf(obj.type);
    for (const meta of traits.references) {
      const v = slotGet(obj.attrs, meta.id);
      if (v === undefined) continue;
      if (meta.kind === 'oid') {
        if (v !== NULL_OID) fn(this.objects.get(v as bigint)!);
      } else {
        for (const oid of v as readonly bigint[]) fn(this.objects.get(oid)!);
      }
    }
    if (traits.isEntry) fn(this.objects.get(entryScope(obj.type, obj.key as EntryKey))!);
  }

  private parentOf(obj: FakeObject): FakeObject | undefined {
    const m = MEMBER_OF[obj.type];
    if (!m) return undefined;
    const v = slotGet(obj.attrs, m.parentAttrId);
    const parentId = v === undefined ? (obj.type === 'BRIDGE_PORT' ? this.defaults.default1qBridgeId : undefined) : v;
    return parentId === undefined ? undefined : this.objects.get(parentId as bigint);
  }

  private link(obj: FakeObject, id: bigint, times = 1): void {
    this.forEachReference(obj, (t) => (t.refCount += times));
    const parent = this.parentOf(obj);
    if (parent) (parent.members ??= new Set()).add(id);
  }

  private unlink(obj: FakeObject, id: bigint): void {
    this.forEachReference(obj, (t) => t.refCount--);
    this.parentOf(obj)?.members?.delete(id);
  }

  // ---- create / remove / set / get -----------------------------------------------------------

  /** Executes one create; returns [status, id]. */
  private doCreate(type: SaiObjectType, key: EntryKey | undefined, attrs: readonly SaiAttribute[]): [number, bigint] {
    const traits = this.traitsOf(type);
    if (traits === undefined || type === 'SWITCH') return [SaiStatus.NOT_SUPPORTED, 0n];
    let st = this.validateCreate(traits, attrs);
    if (st !== 0) return [st, 0n];
    if (traits.isEntry) {
      // Entries created from one frozen attribute list (a group's routes) share one frozen slot
      // array; a set copies it first (see doSet).
      let map: AttrSlots | undefined = Object.isFrozen(attrs) ? this.sharedSlots.get(attrs) : undefined;
      if (map === undefined) {
        map = slotsFrom(attrs);
        if (Object.isFrozen(attrs)) this.sharedSlots.set(attrs, Object.freeze(map) as AttrSlots);
      }
      st = this.validateEntryKey(type, key);
      if (st !== 0) return [st, 0n];
      const table = this.entries.get(type)!;
      const scope = entryScope(type, key!);
      const local = entryLocal(type, key!);
      if (table.has(scope, local)) return [SaiStatus.ITEM_ALREADY_EXISTS, 0n];
      table.set(scope, local, map);
      // An entry's only references: its scope (vr / rif / bv) and its oid attributes.
      this.link({ type, key: key!, attrs: map, refCount: 0, owned: false }, 0n);
      return [0, 0n];
    }
    const map = slotsFrom(attrs);
    const ks = this.keyString(traits, map);
    if (ks !== undefined && this.keyIndex.has(ks)) return [SaiStatus.ITEM_ALREADY_EXISTS, 0n];
    const id = makeOid(traits.objectTypeId, this.nextCounter++);
    const obj: FakeObject = { type, key: id, attrs: map, refCount: 0, owned: false };
    this.objects.set(id, obj);
    if (ks !== undefined) this.keyIndex.set(ks, id);
    this.link(obj, id);
    return [0, id];
  }

  private doRemove(type: SaiObjectType, key: AdapterKey): number {
    const obj = this.find(type, key);
    if (!obj) return this.missingStatus(key);
    if (obj.owned) return SaiStatus.INVALID_PARAMETER;
    if (obj.refCount > 0) return SaiStatus.OBJECT_IN_USE;
    const id = typeof key === 'bigint' ? key : 0n;
    this.unlink(obj, id);
    if (typeof key === 'bigint') {
      this.objects.delete(key);
      const ks = this.keyString(this.traitsOf(type), obj.attrs);
      if (ks !== undefined) this.keyIndex.delete(ks);
    } else {
      this.entries.get(type)!.delete(entryScope(type, key), entryLocal(type, key));
    }
    return 0;
  }

  private doSet(type: SaiObjectType, key: AdapterKey, attr: SaiAttribute): number {
    const obj = this.find(type, key);
    if (!obj) return this.missingStatus(key);
    const meta = this.traitsOf(type).attrById.get(attr.id);
    if (meta === undefined) return attrStatus('UNKNOWN_ATTRIBUTE', 0);
    if (meta.mode !== 'createAndSet') return attrStatus('INVALID_ATTRIBUTE', 0);
    if (!valueFitsKind(meta, attr.value)) return attrStatus('INVALID_ATTR_VALUE', 0);
    const st = this.checkReference(meta, attr.value, 0);
    if (st !== 0) return st;
    const id = typeof key === 'bigint' ? key : 0n;
    this.unlink(obj, id);
    let attrs = obj.attrs;
    if (Object.isFrozen(attrs)) {
      attrs = attrs.slice();
      this.entries.get(type)!.replace(entryScope(type, key as EntryKey), entryLocal(type, key as EntryKey), attrs);
    }
    slotSet(attrs, attr.id, Array.isArray(attr.value) ? [...attr.value] : attr.value);
    this.link({ ...obj, attrs }, id);
    return 0;
  }

  private fail(
    op: SaiOperation,
    type: SaiObjectType,
    key: unknown,
    status: number,
    ctx: StatusErrorContext = {},
  ): never {
    throw statusError(op, type, key, status, ctx);
  }

  create(objectType: SaiObjectType, key: EntryKey | undefined, attrs: readonly SaiAttribute[]): bigint {
    let st = this.enter('create', objectType, key, attrs, false);
    let id = 0n;
    if (st === 0) [st, id] = this.doCreate(objectType, key, attrs);
    this.record('create', objectType, key, attrs, false, st);
    if (st !== 0) this.fail('create', objectType, key, st, { attrs });
    return id;
  }

  remove(objectType: SaiObjectType, key: AdapterKey): void {
    let st = this.enter('remove', objectType, key, [], false);
    if (st === 0) st = this.doRemove(objectType, key);
    this.record('remove', objectType, key, [], false, st);
    if (st !== 0) this.fail('remove', objectType, key, st);
  }

  set(objectType: SaiObjectType, key: AdapterKey, attr: SaiAttribute): void {
    let st = this.enter('set', objectType, key, [attr], false);
    if (st === 0) st = this.doSet(objectType, key, attr);
    this.record('set', objectType, key, [attr], false, st);
    if (st !== 0) this.fail('set', objectType, key, st, { attrs: [attr] });
  }

  get(objectType: SaiObjectType, key: AdapterKey, attrIds: readonly number[]): (SaiValue | undefined)[] {
    let st = this.enter('get', objectType, key, [], false);
    let out: (SaiValue | undefined)[] = [];
    if (st === 0) [st, out] = this.doGet(objectType, key, attrIds);
    this.record('get', objectType, key, [], false, st);
    if (st !== 0) this.fail('get', objectType, key, st, { attrIds });
    return out;
  }

  /** One get: the status and the values (partial when the status is not 0). */
  private doGet(
    objectType: SaiObjectType,
    key: AdapterKey,
    attrIds: readonly number[],
  ): [number, (SaiValue | undefined)[]] {
    const out: (SaiValue | undefined)[] = [];
    const obj = this.find(objectType, key);
    if (!obj) return [this.missingStatus(key), out];
    const traits = this.traitsOf(objectType);
    for (let i = 0; i < attrIds.length; i++) {
      const meta = traits.attrById.get(attrIds[i]);
      if (meta === undefined) return [attrStatus('UNKNOWN_ATTRIBUTE', i), out];
      const v =
        slotGet(obj.attrs, meta.id) ??
        (meta.mode === 'readOnly' ? this.computed(obj, meta) : undefined) ??
        meta.saiDefault;
      out.push(Array.isArray(v) ? [...v] : v);
    }
    return [0, out];
  }

  /** READ_ONLY attributes the fake computes. */
  private computed(obj: FakeObject, meta: AttrMeta): SaiValue | undefined {
    const d = this.defaults;
    switch (`${obj.type}.${meta.name}`) {
      case 'SWITCH.portList':
        return d.portList.filter((p) => this.objects.has(p));
      case 'SWITCH.numberOfActivePorts':
        return d.portList.filter((p) => this.objects.has(p)).length;
      case 'SWITCH.cpuPort':
        return d.cpuPort;
      case 'SWITCH.defaultVirtualRouterId':
        return d.defaultVirtualRouterId;
      case 'SWITCH.default1qBridgeId':
        return d.default1qBridgeId;
      case 'SWITCH.operStatus':
        return 1;
      case 'PORT.type':
        return obj.key === d.cpuPort ? 1 : 0;
      case 'PORT.operStatus':
        return slotGet(obj.attrs, 34) === true ? 1 : 2;
      case 'NEXT_HOP_GROUP.nextHopMemberList':
      case 'VLAN.memberList':
      case 'BRIDGE.portList':
      case 'LAG.portList':
        return [...(obj.members ?? [])];
      case 'NEXT_HOP_GROUP.nextHopCount':
      case 'NEXT_HOP_GROUP.realSize':
        return obj.members?.size ?? 0;
      case 'ROUTE_ENTRY.ipAddrFamily':
        return ipFamilyOf((obj.key as RouteEntryKey).destination) === 4 ? 0 : 1;
      case 'NEIGHBOR_ENTRY.ipAddrFamily':
        return ipFamilyOf((obj.key as NeighborEntryKey).ipAddress) === 4 ? 0 : 1;
      default:
        return undefined;
    }
  }

  // ---- bulk --------------------------------------------------------------------------------

  /** @throws SaiStatusError UNINITIALIZED after shutdown, as a libsai without a switch answers. */
  private requireUp(op: SaiOperation, objectType: SaiObjectType): void {
    if (this.shutDown) this.fail(op, objectType, undefined, SaiStatus.UNINITIALIZED);
  }

  supportsBulk(objectType: SaiObjectType): boolean {
    if (this.shutDown) return false;
    return objectType === 'ROUTE_ENTRY' || objectType === 'NEIGHBOR_ENTRY' || objectType === 'NEXT_HOP_GROUP_MEMBER';
  }

  private requireBulk(op: SaiOperation, objectType: SaiObjectType): void {
    this.requireUp(op, objectType);
    if (!this.supportsBulk(objectType)) this.fail(op, objectType, undefined, SaiStatus.NOT_IMPLEMENTED);
  }

  bulkCreate(objectType: SaiObjectType, entries: readonly BulkCreateEntry[], mode: BulkErrorMode): BulkCreateResult {
    this.requireBulk('bulkCreate', objectType);
    const statuses = new Int32Array(entries.length);
    const ids: bigint[] = new Array(entries.length).fill(0n);
    let stopped = false;
    for (let i = 0; i < entries.length; i++) {
      if (stopped) {
        statuses[i] = SaiStatus.NOT_EXECUTED;
        continue;
      }
      const { key, attrs } = entries[i];
      let st = this.enter('create', objectType, key, attrs, true);
      if (st === 0) [st, ids[i]] = this.doCreate(objectType, key, attrs);
      this.record('create', objectType, key, attrs, true, st);
      statuses[i] = st;
      if (st !== 0 && mode === 'stopOnError') stopped = true;
    }
    return { statuses, ids };
  }

  bulkRemove(objectType: SaiObjectType, keys: readonly AdapterKey[], mode: BulkErrorMode): Int32Array {
    this.requireBulk('bulkRemove', objectType);
    const statuses = new Int32Array(keys.length);
    let stopped = false;
    for (let i = 0; i < keys.length; i++) {
      if (stopped) {
        statuses[i] = SaiStatus.NOT_EXECUTED;
        continue;
      }
      let st = this.enter('remove', objectType, keys[i], [], true);
      if (st === 0) st = this.doRemove(objectType, keys[i]);
      this.record('remove', objectType, keys[i], [], true, st);
      statuses[i] = st;
      if (st !== 0 && mode === 'stopOnError') stopped = true;
    }
    return statuses;
  }

  bulkSet(
    objectType: SaiObjectType,
    keys: readonly AdapterKey[],
    attrs: readonly SaiAttribute[],
    mode: BulkErrorMode,
  ): Int32Array {
    this.requireBulk('bulkSet', objectType);
    const statuses = new Int32Array(keys.length);
    let stopped = false;
    for (let i = 0; i < keys.length; i++) {
      if (stopped) {
        statuses[i] = SaiStatus.NOT_EXECUTED;
        continue;
      }
      let st = this.enter('set', objectType, keys[i], [attrs[i]], true);
      if (st === 0) st = this.doSet(objectType, keys[i], attrs[i]);
      this.record('set', objectType, keys[i], [attrs[i]], true, st);
      statuses[i] = st;
      if (st !== 0 && mode === 'stopOnError') stopped = true;
    }
    return statuses;
  }

  /**
   * Bulk get (any type): per entry the status and values of a single get, numbered, logged (as
   * bulk `get` calls), fault-injected and counted (one get per successful entry) as one.
   */
  bulkGet(objectType: SaiObjectType, keys: readonly AdapterKey[], attrIds: readonly number[]): BulkGetResult {
    this.requireUp('bulkGet', objectType);
    const statuses = new Int32Array(keys.length);
    const values: (SaiValue | undefined)[][] = new Array<(SaiValue | undefined)[]>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      let st = this.enter('get', objectType, keys[i], [], true);
      let out: (SaiValue | undefined)[] = [];
      if (st === 0) [st, out] = this.doGet(objectType, keys[i], attrIds);
      this.record('get', objectType, keys[i], [], true, st);
      statuses[i] = st;
      values[i] = st === 0 ? out : [];
    }
    return { statuses, values };
  }

  // ---- queries -----------------------------------------------------------------------------

  objectTypeQuery(oid: bigint): SaiObjectType | undefined {
    this.requireUp('query', 'SWITCH');
    const type = objectTypeFromId(oidTypeId(oid));
    return type !== undefined && this.objects.get(oid)?.type === type ? type : undefined;
  }

  getObjectKeys(objectType: SaiObjectType): AdapterKey[] {
    this.requireUp('query', objectType);
    const table = this.entries.get(objectType);
    if (table) return [...table.values()].map((o) => o.key);
    const out: bigint[] = [];
    for (const [id, o] of this.objects) if (o.type === objectType) out.push(id);
    return out;
  }

  switchDefaults(): SwitchDefaults {
    this.requireUp('get', 'SWITCH');
    // PORT_LIST as the switch answers it now: ports removed since init are gone.
    return { ...this.defaults, portList: this.defaults.portList.filter((p) => this.objects.has(p)) };
  }

  /** Every write op name, for reports. */
  static readonly writeOps = WRITE_OPS;
}

/** SAI_SWITCH_ATTR_INIT_SWITCH (116). */
const SWITCH_ATTR_INIT_SWITCH = 116;
/** SAI_SWITCH_ATTR_RESTART_WARM (71). */
const SWITCH_ATTR_RESTART_WARM = 71;

/** Writes a file atomically: temporary file, fsync, rename. */
function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
