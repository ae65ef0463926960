/**
 * Routes: a ROUTE_ENTRY per prefix of the default virtual router, forwarding to the next hop group
 * of its ECMP set, or dropping, or trapping to the CPU. New routes go through the store's bulk
 * path (`setObjects`); route attribute objects are frozen and shared (one per group).
 */
import type { SaiObjectRef } from '../../store/object-ref.js';
import type { RouteTableDiff } from '../state/route-table.js';
import { ecmpKey, type RouteAction } from '../state/switch-state.js';
import type { AgentContext } from './context.js';
import type { NextHopGroupManager } from './next-hop-group-manager.js';

type RouteAttrs = { readonly nextHopId: bigint } | { readonly packetAction: 'DROP' | 'TRAP' };

const DROP: RouteAttrs = Object.freeze({ packetAction: 'DROP' as const });
const TRAP: RouteAttrs = Object.freeze({ packetAction: 'TRAP' as const });

/** A programmed route: its store reference and the action it was programmed with. */
class Programmed {
  constructor(
    public ref: SaiObjectRef,
    public action: RouteAction,
  ) {}
}

/**
 * Programs the routes of the default virtual router. It keeps what it programmed, so applying a
 * delta again after a failure half way does only what is left (nothing twice, nothing leaked).
 */
export class RouteManager {
  readonly #refs = new Map<string, Programmed>();
  readonly #groupKeys = new WeakMap<RouteAction, string>();
  constructor(
    private readonly ctx: AgentContext,
    private readonly groups: NextHopGroupManager,
  ) {}

  /** Number of programmed routes. */
  get size(): number {
    return this.#refs.size;
  }

  private groupKey(a: RouteAction & { kind: 'forward' }): string {
    let k = this.#groupKeys.get(a);
    if (k === undefined) {
      k = ecmpKey(a.nextHops);
      this.#groupKeys.set(a, k);
    }
    return k;
  }

  private acquire(a: RouteAction): RouteAttrs {
    if (a.kind === 'drop') return DROP;
    if (a.kind === 'trap') return TRAP;
    return this.groups.acquire(a.nextHops, this.groupKey(a));
  }

  private let(a: RouteAction): void {
    if (a.kind === 'forward') this.groups.release(this.groupKey(a));
  }

  /** Adds and changes routes (after neighbors and groups exist). */
  applyAdds(diff: RouteTableDiff<RouteAction>): void {
    const { store, vrId } = this.ctx;
    const routes = store.get('ROUTE_ENTRY');
    const fresh = diff.added.filter(([prefix]) => !this.#refs.has(prefix));
    if (fresh.length > 0) {
      const items = fresh.map(([prefix, action]) => [{ vrId, prefix }, this.acquire(action)] as const);
      let refs: SaiObjectRef[];
      try {
        refs = routes.setObjects(items);
      } catch (e) {
        for (const [, action] of fresh) this.let(action);
        throw e;
      }
      for (let i = 0; i < refs.length; i++) this.#refs.set(fresh[i][0], new Programmed(refs[i], fresh[i][1]));
    }
    const moved: [string, RouteAction][] = diff.changed.map(([prefix, , after]) => [prefix, after]);
    if (fresh.length !== diff.added.length) {
      const isFresh = new Set(fresh);
      for (const a of diff.added) if (!isFresh.has(a)) moved.push(a);
    }
    for (const [prefix, after] of moved) {
      const p = this.#refs.get(prefix);
      if (p && p.action === after) continue;
      const attrs = this.acquire(after);
      let ref: SaiObjectRef;
      try {
        ref = routes.setObject({ vrId, prefix }, attrs);
      } catch (e) {
        this.let(after);
        throw e;
      }
      if (p) {
        p.ref.release();
        this.let(p.action);
        p.ref = ref;
        p.action = after;
      } else {
        this.#refs.set(prefix, new Programmed(ref, after));
      }
    }
  }

  /** Removes routes (before the groups and neighbors they used). */
  applyRemoves(diff: RouteTableDiff<RouteAction>): void {
    for (const [prefix] of diff.removed) {
      const p = this.#refs.get(prefix);
      if (!p) continue;
      p.ref.release();
      this.#refs.delete(prefix);
      this.let(p.action);
    }
  }
}
