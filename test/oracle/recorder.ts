/**
 * A recorder of the writes that reach an adapter, independent of the project's own counters
 * (`src/adapter/counters.ts`, `InstrumentedAdapter`): a Proxy over any `SaiAdapter` that counts
 * every create, set and remove that succeeded, single or bulk (a bulk entry with status 0), as
 * `op TYPE` (a set as `set TYPE#<attribute id>`).
 */
import type { SaiAdapter } from '../../src/adapter/index.js';
import type { SaiAttribute, SaiObjectType } from '../../src/sai/index.js';

/** Writes by `op TYPE` / `set TYPE#id`, e.g. `{ 'create ROUTE_ENTRY': 3, 'set ROUTE_ENTRY#2': 1 }`. */
export type WriteTally = Record<string, number>;

/** Records the writes of every adapter it wraps. */
export class WriteRecorder {
  #tally: WriteTally = {};

  /** The writes since the last `take` (and forgets them). */
  take(): WriteTally {
    const t = this.#tally;
    this.#tally = {};
    return Object.fromEntries(Object.entries(t).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Total creates, sets and removes since the last `take` (without forgetting them). */
  totals(): { create: number; set: number; remove: number } {
    const out = { create: 0, set: 0, remove: 0 };
    for (const [k, n] of Object.entries(this.#tally)) out[k.slice(0, k.indexOf(' ')) as keyof typeof out] += n;
    return out;
  }

  #count(key: string, n = 1): void {
    if (n > 0) this.#tally[key] = (this.#tally[key] ?? 0) + n;
  }

  /** `adapter`, with its writes recorded here. */
  wrap<A extends SaiAdapter>(adapter: A): A {
    const rec = (key: string, n = 1) => this.#count(key, n);
    const ok = (statuses: Int32Array) => statuses.reduce((n, s) => n + (s === 0 ? 1 : 0), 0);
    const wrapped: Partial<SaiAdapter> = {
      create: (type: SaiObjectType, key, attrs) => {
        const id = adapter.create(type, key, attrs);
        rec(`create ${type}`);
        return id;
      },
      remove: (type: SaiObjectType, key) => {
        adapter.remove(type, key);
        rec(`remove ${type}`);
      },
      set: (type: SaiObjectType, key, attr: SaiAttribute) => {
        adapter.set(type, key, attr);
        rec(`set ${type}#${attr.id}`);
      },
      bulkCreate: (type, entries, mode) => {
        const r = adapter.bulkCreate(type, entries, mode);
        rec(`create ${type}`, ok(r.statuses));
        return r;
      },
      bulkRemove: (type, keys, mode) => {
        const r = adapter.bulkRemove(type, keys, mode);
        rec(`remove ${type}`, ok(r));
        return r;
      },
      bulkSet: (type, keys, attrs, mode) => {
        const r = adapter.bulkSet(type, keys, attrs, mode);
        r.forEach((s, i) => s === 0 && rec(`set ${type}#${attrs[i].id}`));
        return r;
      },
    };
    return new Proxy(adapter, {
      get(target, prop) {
        if (Object.prototype.hasOwnProperty.call(wrapped, prop)) return wrapped[prop as keyof SaiAdapter];
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }
}
