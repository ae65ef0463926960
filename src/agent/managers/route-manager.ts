/**
 * Routes: a ROUTE_ENTRY per prefix of the default virtual router, forwarding to the next hop group
 * of its ECMP set, or dropping, or trapping to the CPU.
 *
 * At 1.3 million routes the manager keeps nothing per route of its own: it holds each route's
 * store reference by host key (`acquire` / `release`, no handle object), route attribute objects
 * are frozen and shared (one per group), and what it programmed is a `RouteTable` that, once an
 * apply completes, is the desired state's own table (shared, not copied). After a failure half way
 * it is the old table plus exactly what succeeded, so applying again does only what is left.
 */
import type { SaiObjectStore } from '../../store/object-store.js';
import type { TraitsOf } from '../../traits/index.js';
import { RouteTable, type RouteChange, type RouteTableDiff } from '../state/route-table.js';
import { ecmpKey, routeActionEquals, type RouteAction } from '../state/switch-state.js';
import type { AgentContext } from './context.js';
import type { NextHopGroupManager } from './next-hop-group-manager.js';

type RouteAttrs = { readonly nextHopId: bigint } | { readonly packetAction: 'DROP' | 'TRAP' };
type Family = 'v4' | 'v6';

const DROP: RouteAttrs = Object.freeze({ packetAction: 'DROP' as const });
const TRAP: RouteAttrs = Object.freeze({ packetAction: 'TRAP' as const });

/** Programs the routes of the default virtual router. */
export class RouteManager {
  readonly #programmed: Record<Family, RouteTable<RouteAction>> = { v4: RouteTable.empty(), v6: RouteTable.empty() };
  /** What `applyAdds` did, until `applyRemoves` completes the family (then it is the target table). */
  readonly #added: Record<Family, RouteChange<RouteAction>[]> = { v4: [], v6: [] };
  readonly #groupKeys = new WeakMap<RouteAction, string>();
  readonly #routes: SaiObjectStore<TraitsOf<'ROUTE_ENTRY'>>;

  constructor(
    private readonly ctx: AgentContext,
    private readonly groups: NextHopGroupManager,
  ) {
    this.#routes = ctx.store.get('ROUTE_ENTRY');
  }

  /** Number of programmed routes. */
  get size(): number {
    return this.#programmed.v4.size + this.#programmed.v6.size;
  }

  private groupKey(a: RouteAction & { kind: 'forward' }): string {
    let k = this.#groupKeys.get(a);
    if (k === undefined) {
      k = ecmpKey(a.nextHops);
      this.#groupKeys.set(a, k);
    }
    return k;
  }

  /** One more user of what the action needs; the route attributes naming it. */
  private acquire(a: RouteAction): RouteAttrs {
    if (a.kind === 'drop') return DROP;
    if (a.kind === 'trap') return TRAP;
    return this.groups.acquire(a.nextHops, this.groupKey(a));
  }

  /** One user fewer of what the action needed. */
  private let(a: RouteAction): void {
    if (a.kind === 'forward') this.groups.release(this.groupKey(a));
  }

  /** Adds and changes routes of one family (after neighbors and groups exist). */
  applyAdds(family: Family, diff: RouteTableDiff<RouteAction>): void {
    const programmed = this.#programmed[family];
    const creates: [string, RouteAction][] = [];
    const moves: [string, RouteAction, RouteAction][] = [];
    const sort = (prefix: string, action: RouteAction) => {
      const cur = programmed.get(prefix);
      if (cur === undefined) creates.push([prefix, action]);
      else if (cur !== action && !routeActionEquals(cur, action)) moves.push([prefix, cur, action]);
    };
    for (const [prefix, action] of diff.added) sort(prefix, action);
    for (const [prefix, , action] of diff.changed) sort(prefix, action);
    const done = this.#added[family];
    const vrId = this.ctx.vrId;
    let complete = false;
    try {
      if (creates.length > 0) {
        const items = creates.map(([prefix, action]) => [{ vrId, prefix }, this.acquire(action)] as const);
        try {
          this.#routes.acquireMany(items);
        } catch (e) {
          for (const [, action] of creates) this.let(action);
          throw e;
        }
        for (const c of creates) done.push(c);
      }
      for (const [prefix, before, after] of moves) {
        const hostKey = { vrId, prefix };
        const attrs = this.acquire(after);
        try {
          this.#routes.acquire(hostKey, attrs);
        } catch (e) {
          this.let(after);
          throw e;
        }
        // The new reference holds the route; drop the old one and the old group's use.
        this.#routes.release(hostKey);
        this.let(before);
        done.push([prefix, after]);
      }
      complete = true;
    } finally {
      // On success nothing is rebuilt here: `applyRemoves` makes the target table the programmed one.
      if (!complete) this.settle(family);
    }
  }

  /** After a failure: what is programmed is the old table plus exactly what succeeded. */
  private settle(family: Family): void {
    this.#programmed[family] = this.#programmed[family].withChanges(this.#added[family]);
    this.#added[family] = [];
  }

  /**
   * Removes routes of one family (before the groups and neighbors they used); then what is
   * programmed is `target` itself.
   */
  applyRemoves(family: Family, diff: RouteTableDiff<RouteAction>, target: RouteTable<RouteAction>): void {
    const programmed = this.#programmed[family];
    const done = this.#added[family];
    const vrId = this.ctx.vrId;
    let complete = false;
    try {
      for (const [prefix] of diff.removed) {
        const cur = programmed.get(prefix);
        if (cur === undefined) continue;
        this.#routes.release({ vrId, prefix });
        this.let(cur);
        done.push([prefix, undefined]);
      }
      complete = true;
    } finally {
      if (complete) {
        this.#programmed[family] = target;
        this.#added[family] = [];
      } else {
        this.settle(family);
      }
    }
  }
}
