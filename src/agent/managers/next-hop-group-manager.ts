/**
 * Next hop groups: one per distinct ECMP set, shared by every route that uses it, removed when the
 * last route lets go. The group's host key is its configured set of (next hop, weight); members
 * exist for the next hops that are resolved (their neighbor is known), so a neighbor coming or
 * going changes members only, never the group or the routes on it (as FBOSS does).
 *
 * A group is registered as soon as its NEXT_HOP_GROUP exists, and each member is recorded as soon
 * as it exists; a group missing a member after a failure is `incomplete` and is completed by the
 * next `acquire` or `repair`. When a router interface moves, a group listing a next hop on it
 * has a new host key: `rehome` makes the new NEXT_HOP_GROUP (the old one is `stale`), the route
 * manager points the routes at it, and `releaseStale` lets the old one go.
 */
import type { SaiObjectRef } from '../../store/object-ref.js';
import { nextHopGroupKeyString, type NextHopGroupHostKey } from '../../traits/next-hop-group.js';
import type { NextHopHostKey } from '../../traits/next-hop.js';
import { ecmpKey, type NextHop } from '../state/switch-state.js';
import { DesiredStateError, type AgentContext, type HoldingSink } from './context.js';

/** One NEXT_HOP_GROUP with its members. */
interface GroupObject {
  readonly ref: SaiObjectRef;
  /** Its host key's string (changes when an interface of its next hops moves). */
  readonly hostKey: string;
  /** Member refs by next hop key (`rif|ip`), for resolved next hops. */
  readonly members: Map<string, SaiObjectRef>;
  /** Frozen route attributes naming this group, shared by its routes. */
  readonly routeAttrs: { readonly nextHopId: bigint };
}

interface Group {
  readonly key: string;
  readonly nextHops: readonly NextHop[];
  current: GroupObject;
  /** Objects it had before an interface moved, kept until no route names them. */
  readonly stale: GroupObject[];
  /** True while a resolved next hop may lack its member (a member create failed). */
  incomplete: boolean;
  users: number;
}

/** Resolves next hop keys (`rif|ip`) to next hop object ids. */
export interface NextHopResolver {
  nextHopOid(key: string): bigint | undefined;
}

function nhKey(n: NextHop): string {
  return `${n.rif}|${n.ip}`;
}

/** Programs next hop groups and their members. */
export class NextHopGroupManager {
  readonly #groups = new Map<string, Group>();
  /** Next hop key -> keys of the groups that list it. */
  readonly #byNextHop = new Map<string, Set<string>>();
  #resolver: NextHopResolver | undefined;

  constructor(private readonly ctx: AgentContext) {}

  /** Set once by the agent: the neighbor manager resolves next hops. */
  setResolver(r: NextHopResolver): void {
    this.#resolver = r;
  }

  /** Number of live groups. */
  get size(): number {
    return this.#groups.size;
  }

  private hostKey(nextHops: readonly NextHop[]): NextHopGroupHostKey {
    return {
      members: nextHops.map((n) => {
        const rifId = this.ctx.rifOid(n.rif);
        if (rifId === undefined)
          throw new DesiredStateError(`next hop ${n.ip}: router interface ${n.rif} does not exist`);
        return { nextHop: { rifId, ip: n.ip } as NextHopHostKey, weight: n.weight };
      }),
    };
  }

  /** A new NEXT_HOP_GROUP for `hostKey` (members follow). */
  private makeObject(hostKey: NextHopGroupHostKey): GroupObject {
    const ref = this.ctx.store.get('NEXT_HOP_GROUP').setObject(hostKey, { type: 'DYNAMIC_UNORDERED_ECMP' });
    return {
      ref,
      hostKey: nextHopGroupKeyString(hostKey),
      members: new Map(),
      routeAttrs: Object.freeze({ nextHopId: ref.oid }),
    };
  }

  /**
   * One more user of the group for `nextHops` (created with its resolved members on first use).
   * @returns the frozen route attributes `{ nextHopId }` naming the group.
   * @throws SaiStatusError / DesiredStateError; the user is then not counted (what was made is
   *   recorded: the group, and its members so far).
   */
  acquire(nextHops: readonly NextHop[], key = ecmpKey(nextHops)): { readonly nextHopId: bigint } {
    let g = this.#groups.get(key);
    if (!g) {
      const current = this.makeObject(this.hostKey(nextHops));
      g = { key, nextHops, current, stale: [], incomplete: true, users: 0 };
      this.#groups.set(key, g);
      for (const n of nextHops) {
        const k = nhKey(n);
        let set = this.#byNextHop.get(k);
        if (!set) this.#byNextHop.set(k, (set = new Set()));
        set.add(key);
      }
    }
    if (g.incomplete) {
      try {
        this.complete(g);
      } catch (e) {
        // A group no route uses is not kept (what it made is released).
        if (g.users === 0) this.release(key);
        throw e;
      }
    }
    g.users++;
    return g.current.routeAttrs;
  }

  /** Adds the members a group's resolved next hops lack. */
  private complete(g: Group): void {
    for (const n of g.nextHops) {
      const k = nhKey(n);
      if (g.current.members.has(k)) continue;
      const nh = this.#resolver?.nextHopOid(k);
      if (nh !== undefined) this.addMember(g, k, nh, n.weight);
    }
    g.incomplete = false;
  }

  /** Completes every group a failure left without a member. */
  repair(): void {
    for (const g of this.#groups.values()) if (g.incomplete) this.complete(g);
  }

  /** One user fewer; the last one removes the members and the group. Cannot fail. */
  release(key: string): void {
    const g = this.#groups.get(key);
    if (!g) return;
    if (g.users > 1) {
      g.users--;
      return;
    }
    for (const obj of [...g.stale, g.current]) {
      for (const m of obj.members.values()) m.releaseOrDefer();
      obj.ref.releaseOrDefer();
    }
    this.#groups.delete(key);
    g.users = 0;
    for (const n of g.nextHops) {
      const set = this.#byNextHop.get(nhKey(n));
      set?.delete(key);
      if (set?.size === 0) this.#byNextHop.delete(nhKey(n));
    }
  }

  private addMember(g: Group, key: string, nextHopId: bigint, weight: number): void {
    const groupId = g.current.ref.oid;
    g.incomplete = true;
    const ref = this.ctx.store
      .get('NEXT_HOP_GROUP_MEMBER')
      .setObject({ groupId, nextHopId }, { nextHopGroupId: groupId, nextHopId, weight });
    g.current.members.set(key, ref);
  }

  /** A next hop became resolved: add it to every group that lists it. */
  resolved(key: string, nextHopId: bigint): void {
    for (const gk of this.#byNextHop.get(key) ?? []) {
      const g = this.#groups.get(gk)!;
      if (g.current.members.has(key)) continue;
      const weight = g.nextHops.find((n) => nhKey(n) === key)!.weight;
      const was = g.incomplete;
      this.addMember(g, key, nextHopId, weight);
      g.incomplete = was;
    }
  }

  /** A next hop is no longer resolved: remove it from every group. Cannot fail. */
  unresolved(key: string): void {
    for (const gk of this.#byNextHop.get(key) ?? []) {
      const g = this.#groups.get(gk)!;
      for (const obj of [g.current, ...g.stale]) {
        const m = obj.members.get(key);
        if (!m) continue;
        obj.members.delete(key);
        m.releaseOrDefer();
      }
    }
  }

  /**
   * Groups listing a next hop on a moved interface get a NEXT_HOP_GROUP for their new host key,
   * with its members; the old object becomes stale. Idempotent: groups already moved are skipped.
   */
  rehome(moved: ReadonlySet<string>): void {
    const seen = new Set<string>();
    for (const [nh, keys] of this.#byNextHop) {
      if (!moved.has(nh.slice(0, nh.indexOf('|')))) continue;
      for (const gk of keys) {
        if (seen.has(gk)) continue;
        seen.add(gk);
        const g = this.#groups.get(gk)!;
        const hostKey = this.hostKey(g.nextHops);
        if (nextHopGroupKeyString(hostKey) === g.current.hostKey) {
          if (g.incomplete) this.complete(g);
          continue;
        }
        const obj = this.makeObject(hostKey);
        g.stale.push(g.current);
        g.current = obj;
        g.incomplete = true;
        this.complete(g);
      }
    }
  }

  /** Route attributes of group `key` when it has stale objects routes may still name, else undefined. */
  movedRouteAttrs(key: string): { readonly nextHopId: bigint } | undefined {
    const g = this.#groups.get(key);
    return g && g.stale.length > 0 ? g.current.routeAttrs : undefined;
  }

  /** True when a group has stale objects (routes to point at its current one first). */
  get hasStale(): boolean {
    for (const g of this.#groups.values()) if (g.stale.length > 0) return true;
    return false;
  }

  /** Releases the stale objects (after the routes moved to the current ones). Cannot fail. */
  releaseStale(): void {
    for (const g of this.#groups.values()) {
      while (g.stale.length > 0) {
        const obj = g.stale.shift()!;
        for (const m of obj.members.values()) m.releaseOrDefer();
        obj.ref.releaseOrDefer();
      }
    }
  }

  /** Users per group key (routes on it), for consistency checks. */
  users(): Map<string, number> {
    return new Map([...this.#groups].map(([k, g]) => [k, g.users]));
  }

  /** The references held. */
  holdings(sink: HoldingSink): void {
    for (const g of this.#groups.values()) {
      for (const obj of [g.current, ...g.stale]) {
        sink({ objectType: 'NEXT_HOP_GROUP', hostKey: obj.ref.hostKey });
        for (const m of obj.members.values()) sink({ objectType: m.objectType, hostKey: m.hostKey });
      }
    }
  }
}
