/**
 * Next hop groups: one per distinct ECMP set, shared by every route that uses it, removed when the
 * last route lets go. The group's host key is its configured set of (next hop, weight); members
 * exist for the next hops that are resolved (their neighbor is known), so a neighbor coming or
 * going changes members only, never the group or the routes on it (as FBOSS does).
 */
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { NextHopHostKey } from '../../traits/next-hop.js';
import { ecmpKey, type NextHop } from '../state/switch-state.js';
import { DesiredStateError, type AgentContext } from './context.js';

interface Group {
  readonly key: string;
  readonly ref: SaiObjectRef;
  readonly nextHops: readonly NextHop[];
  /** Member refs by next hop key (`rif|ip`), for resolved next hops. */
  readonly members: Map<string, SaiObjectRef>;
  /** Frozen route attributes naming this group, shared by its routes. */
  readonly routeAttrs: { readonly nextHopId: bigint };
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

  private hostKey(nextHops: readonly NextHop[]) {
    return {
      members: nextHops.map((n) => {
        const rifId = this.ctx.rifOid(n.rif);
        if (rifId === undefined)
          throw new DesiredStateError(`next hop ${n.ip}: router interface ${n.rif} does not exist`);
        return { nextHop: { rifId, ip: n.ip } as NextHopHostKey, weight: n.weight };
      }),
    };
  }

  /**
   * One more user of the group for `nextHops` (created with its resolved members on first use).
   * @returns the frozen route attributes `{ nextHopId }` naming the group.
   */
  acquire(nextHops: readonly NextHop[], key = ecmpKey(nextHops)): { readonly nextHopId: bigint } {
    let g = this.#groups.get(key);
    if (!g) {
      const ref = this.ctx.store
        .get('NEXT_HOP_GROUP')
        .setObject(this.hostKey(nextHops), { type: 'DYNAMIC_UNORDERED_ECMP' });
      g = { key, ref, nextHops, members: new Map(), routeAttrs: Object.freeze({ nextHopId: ref.oid }), users: 0 };
      this.#groups.set(key, g);
      for (const n of nextHops) {
        const k = nhKey(n);
        let set = this.#byNextHop.get(k);
        if (!set) this.#byNextHop.set(k, (set = new Set()));
        set.add(key);
        const nh = this.#resolver?.nextHopOid(k);
        if (nh !== undefined) this.addMember(g, k, nh, n.weight);
      }
    }
    g.users++;
    return g.routeAttrs;
  }

  /** One user fewer; the last one removes the members and the group. */
  release(key: string): void {
    const g = this.#groups.get(key);
    if (!g) return;
    if (--g.users > 0) return;
    for (const m of g.members.values()) m.release();
    g.ref.release();
    this.#groups.delete(key);
    for (const n of g.nextHops) {
      const set = this.#byNextHop.get(nhKey(n));
      set?.delete(key);
      if (set?.size === 0) this.#byNextHop.delete(nhKey(n));
    }
  }

  private addMember(g: Group, key: string, nextHopId: bigint, weight: number): void {
    const groupId = g.ref.oid;
    g.members.set(
      key,
      this.ctx.store
        .get('NEXT_HOP_GROUP_MEMBER')
        .setObject({ groupId, nextHopId }, { nextHopGroupId: groupId, nextHopId, weight }),
    );
  }

  /** A next hop became resolved: add it to every group that lists it. */
  resolved(key: string, nextHopId: bigint): void {
    for (const gk of this.#byNextHop.get(key) ?? []) {
      const g = this.#groups.get(gk)!;
      if (g.members.has(key)) continue;
      const weight = g.nextHops.find((n) => nhKey(n) === key)!.weight;
      this.addMember(g, key, nextHopId, weight);
    }
  }

  /** A next hop is no longer resolved: remove it from every group. */
  unresolved(key: string): void {
    for (const gk of this.#byNextHop.get(key) ?? []) {
      const g = this.#groups.get(gk)!;
      g.members.get(key)?.release();
      g.members.delete(key);
    }
  }
}
