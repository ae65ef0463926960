/**
 * Where an announce sends a route. The update files carry no next hops, so the choice is made
 * deterministically: the n-th announce of a prefix in the stream (n = 1, 2, ...) maps it to ECMP
 * set `(prefixHash(prefix) + n) mod sets` of its family. The table put the prefix on set
 * `prefixHash(prefix) mod sets`, so every announce of a route already there moves it to another
 * set (a real change of next hops, as a BGP announce of new attributes is), and the same stream
 * always gives the same table. An announce that names a next hop the topology has a neighbor for
 * goes to that next hop. A family without any set drops.
 */
import { prefixHash } from '../agent/state/route-table.js';
import { RouteActionInterner, type RouteAction } from '../agent/state/switch-state.js';
import type { RouteUpdate } from '../routes/types.js';
import type { ActionChoices } from './desired.js';

/** Maps announces to route actions (see the file comment). */
export class UpdateMapper {
  readonly #announces = new Map<string, number>();

  constructor(private readonly choices: ActionChoices) {}

  /** The action of an announce; counts the announce. */
  actionOf(update: RouteUpdate): RouteAction {
    if (update.nextHop !== undefined) {
      const a = this.choices.byNextHop.get(update.nextHop);
      if (a) return a;
    }
    const sets = update.family === 4 ? this.choices.v4 : this.choices.v6;
    if (sets.length === 0) return RouteActionInterner.DROP;
    const n = (this.#announces.get(update.prefix) ?? 0) + 1;
    this.#announces.set(update.prefix, n);
    return sets[(prefixHash(update.prefix) + n) % sets.length];
  }
}
