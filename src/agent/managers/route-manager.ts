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
import type { AgentContext, HoldingSink } from './context.js';
import type { NextHopGroupManager } from './next-hop-group-manager.js';

type RouteAttrs = { readonly nextHopId: bigint } | { readonly packetAction: 'DROP' | 'TRAP' };
type Family = 'v4' | 'v6';

/** New routes per `acquireMany` call. */
const CHUNK = 8192;

/** Progress of one family's apply (see `RouteManager.#done`). */
interface Done {
  readonly segments: {
    readonly list: readonly (readonly [string, ...RouteAction[]])[];
    to: number;
    readonly at: 1 | 2;
  }[];
  readonly changes: RouteChange<RouteAction>[];
}

function emptyDone(): Done {
  return { segments: [], changes: [] };
}

const DROP: RouteAttrs = Object.freeze({ packetAction: 'DROP' as const });
const TRAP: RouteAttrs = Object.freeze({ packetAction: 'TRAP' as const });

/** Programs the routes of the default virtual router. */
export class RouteManager {
  readonly #programmed: Record<Family, RouteTable<RouteAction>> = { v4: RouteTable.empty(), v6: RouteTable.empty() };
  /**
   * What `applyAdds` did, until `applyRemoves` completes the family (then it is the target
   * table): prefixes of the delta's lists done in order (a count, not a copy), and single changes.
   */
  readonly #done: Record<Family, Done> = { v4: emptyDone(), v6: emptyDone() };
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

  /**
   * Adds and changes routes of one family (after neighbors and groups exist). New routes go to
   * the store in chunks of `CHUNK` (`acquireMany`, bulk), so the per-route temporaries of one
   * chunk die young instead of living through a 1.3M-route call.
   */
  applyAdds(family: Family, diff: RouteTableDiff<RouteAction>): void {
    let complete = false;
    try {
      this.addList(family, diff.added, 1);
      this.addList(family, diff.changed, 2);
      complete = true;
    } finally {
      // On success nothing is rebuilt here: `applyRemoves` makes the target table the programmed one.
      if (!complete) this.settle(family);
    }
  }

  /** Programs `list[i][0]` with action `list[i][at]`, chunk by chunk, recording what is done. */
  private addList(family: Family, list: readonly (readonly [string, ...RouteAction[]])[], at: 1 | 2): void {
    if (list.length === 0) return;
    const programmed = this.#programmed[family];
    const done = this.#done[family];
    const segment = { list, to: 0, at };
    done.segments.push(segment);
    const vrId = this.ctx.vrId;
    for (let start = 0; start < list.length; start += CHUNK) {
      const end = Math.min(list.length, start + CHUNK);
      const items: (readonly [{ vrId: bigint; prefix: string }, RouteAttrs])[] = [];
      const actions: RouteAction[] = [];
      try {
        for (let i = start; i < end; i++) {
          const prefix = list[i][0];
          const action = list[i][at] as RouteAction;
          const cur = programmed.get(prefix);
          if (cur === undefined) {
            const attrs = this.acquire(action);
            actions.push(action);
            items.push([{ vrId, prefix }, attrs]);
          } else if (cur !== action && !routeActionEquals(cur, action)) {
            this.move(prefix, cur, action);
            done.changes.push([prefix, action]);
          }
        }
        if (items.length > 0) this.#routes.acquireMany(items);
      } catch (e) {
        // The chunk's new routes are not programmed: what was acquired for them goes.
        for (const a of actions) this.let(a);
        throw e;
      }
      segment.to = end;
    }
  }

  /**
   * Moves a programmed route to another action: the new reference first, then the old one goes
   * (releases cannot fail: a refused remove waits on the store's retry list).
   */
  private move(prefix: string, before: RouteAction, after: RouteAction): void {
    const hostKey = { vrId: this.ctx.vrId, prefix };
    const attrs = this.acquire(after);
    try {
      this.#routes.acquire(hostKey, attrs);
    } catch (e) {
      this.let(after);
      throw e;
    }
    this.#routes.releaseOrDefer(hostKey);
    this.let(before);
  }

  /**
   * Points every route on a group whose NEXT_HOP_GROUP was made anew (an interface of its next
   * hops moved) at the new one. Idempotent: routes already there are skipped. Scans the tables:
   * only after an interface move.
   */
  repoint(): void {
    const vrId = this.ctx.vrId;
    for (const family of ['v4', 'v6'] as const) {
      for (const [prefix, action] of this.#programmed[family].entries()) {
        if (action.kind !== 'forward') continue;
        const attrs = this.groups.movedRouteAttrs(this.groupKey(action));
        if (attrs === undefined) continue;
        const hostKey = { vrId, prefix };
        if (this.#routes.find(hostKey)?.attributes.nextHopId === attrs.nextHopId) continue;
        this.#routes.acquire(hostKey, attrs);
        this.#routes.releaseOrDefer(hostKey);
      }
    }
  }

  /** The tables as programmed (after a failure: the old ones plus exactly what succeeded). */
  programmed(): { v4: RouteTable<RouteAction>; v6: RouteTable<RouteAction> } {
    this.settle('v4');
    this.settle('v6');
    return { v4: this.#programmed.v4, v6: this.#programmed.v6 };
  }

  /** Users each group should have: the programmed routes forwarding over it. */
  groupUsers(): Map<string, number> {
    const out = new Map<string, number>();
    const t = this.programmed();
    for (const table of [t.v4, t.v6]) {
      for (const [, a] of table.entries()) {
        if (a.kind === 'forward') out.set(this.groupKey(a), (out.get(this.groupKey(a)) ?? 0) + 1);
      }
    }
    return out;
  }

  /** The references held: one per programmed route. */
  holdings(sink: HoldingSink): void {
    const t = this.programmed();
    const vrId = this.ctx.vrId;
    for (const table of [t.v4, t.v6]) {
      for (const [prefix] of table.entries()) sink({ objectType: 'ROUTE_ENTRY', hostKey: { vrId, prefix } });
    }
  }

  /** After a failure: what is programmed is the old table plus exactly what succeeded. */
  private settle(family: Family): void {
    const done = this.#done[family];
    if (done.segments.length === 0 && done.changes.length === 0) return;
    function* changes(): IterableIterator<RouteChange<RouteAction>> {
      for (const s of done.segments) {
        for (let i = 0; i < s.to; i++) yield [s.list[i][0], s.list[i][s.at] as RouteAction];
      }
      yield* done.changes;
    }
    this.#programmed[family] = this.#programmed[family].withChanges(changes());
    this.#done[family] = emptyDone();
  }

  /**
   * Removes routes of one family (before the groups and neighbors they used); then what is
   * programmed is `target` itself.
   */
  applyRemoves(family: Family, diff: RouteTableDiff<RouteAction>, target: RouteTable<RouteAction>): void {
    const programmed = this.#programmed[family];
    const done = this.#done[family];
    const vrId = this.ctx.vrId;
    let complete = false;
    try {
      for (const [prefix] of diff.removed) {
        const cur = programmed.get(prefix);
        if (cur === undefined) continue;
        // Neither can fail (a refused remove waits on the store's retry list).
        this.#routes.releaseOrDefer({ vrId, prefix });
        done.changes.push([prefix, undefined]);
        this.let(cur);
      }
      complete = true;
    } finally {
      if (complete) {
        this.#programmed[family] = target;
        this.#done[family] = emptyDone();
      } else {
        this.settle(family);
      }
    }
  }
}
