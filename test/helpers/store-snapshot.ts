/**
 * An id-free picture of a store: every object named by its type and host key, with object ids
 * replaced by the names of the objects they denote, so two switches programmed in different
 * orders compare equal when they hold the same objects. No vitest here: the cross-process child
 * scripts use it too.
 */
import type { SaiObject, SaiStore } from '../../src/store/index.js';
import { NOT_READ } from '../../src/sai/value.js';

function render(store: SaiStore, v: unknown, seen: Set<bigint>): string {
  if (typeof v === 'bigint') {
    if (v === 0n) return 'null';
    const o = store.byOid(v);
    if (!o) return `?${v.toString(16)}`;
    return name(store, o, seen);
  }
  if (Array.isArray(v)) return `[${v.map((x) => render(store, x, seen)).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${k}:${render(store, (v as Record<string, unknown>)[k], seen)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function name(store: SaiStore, o: SaiObject, seen: Set<bigint>): string {
  if (o.adapterOwned) return `${o.objectType}(${render(store, o.hostKey, seen)})`;
  if (o.oid !== 0n && seen.has(o.oid)) return `${o.objectType}(cycle)`;
  const next = new Set(seen);
  if (o.oid !== 0n) next.add(o.oid);
  if (o.objectType === 'NEXT_HOP_GROUP') {
    const hk = o.hostKey as { members: { nextHop: { rifId: bigint; ip: string }; weight: number }[] };
    return `NEXT_HOP_GROUP(${hk.members
      .map((m) => `${render(store, m.nextHop.rifId, next)}/${m.nextHop.ip}*${m.weight}`)
      .sort()
      .join(',')})`;
  }
  const scope = o.scope !== 0n ? `${render(store, o.scope, next)}/` : '';
  if (
    o.objectType === 'NEXT_HOP_GROUP_MEMBER' ||
    o.objectType === 'ROUTER_INTERFACE' ||
    o.objectType === 'VLAN_MEMBER' ||
    o.objectType === 'BRIDGE_PORT' ||
    o.objectType === 'LAG_MEMBER'
  ) {
    return `${o.objectType}(${render(store, o.hostKey, next)})`;
  }
  return `${o.objectType}(${scope}${o.keyString})`;
}

/**
 * Lines `NAME => attributes`, sorted; attributes drop values equal to SAI defaults, and values the
 * store could not read back from a libsai (`NOT_READ`: unknown, so nothing to compare).
 */
export function snapshot(store: SaiStore): string[] {
  const lines: string[] = [];
  for (const os of store.stores()) {
    for (const o of os) {
      if (o.adapterOwned) continue;
      const attrs: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(o.attributes as Record<string, unknown>)) {
        const meta = os.traits.attrByName.get(k)!;
        if (meta.defaultValue !== undefined && v === meta.defaultValue) continue;
        if (v === NOT_READ) continue;
        attrs[k] = v;
      }
      lines.push(`${name(store, o, new Set())} => ${render(store, attrs, new Set())}`);
    }
  }
  return lines.sort();
}

/** Object-level difference: creates, removes and attribute sets from snapshot a to b. */
export function objectDifference(a: string[], b: string[]): { create: number; remove: number; set: number } {
  const parse = (lines: string[]) => new Map(lines.map((l) => l.split(' => ') as [string, string]));
  const ma = parse(a);
  const mb = parse(b);
  let create = 0;
  let remove = 0;
  let set = 0;
  for (const [k, v] of mb) {
    if (!ma.has(k)) create++;
    else if (ma.get(k) !== v) set += attributeDiffs(ma.get(k)!, v);
  }
  for (const k of ma.keys()) if (!mb.has(k)) remove++;
  return { create, remove, set };
}

function attributeDiffs(a: string, b: string): number {
  const split = (s: string) => {
    // top-level "k:v" pairs of "{...}"
    const body = s.slice(1, -1);
    const out = new Map<string, string>();
    let depth = 0;
    let start = 0;
    for (let i = 0; i <= body.length; i++) {
      const c = body[i];
      if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') depth--;
      else if ((c === ',' && depth === 0) || i === body.length) {
        const part = body.slice(start, i);
        if (part) out.set(part.slice(0, part.indexOf(':')), part.slice(part.indexOf(':') + 1));
        start = i + 1;
      }
    }
    return out;
  };
  const x = split(a);
  const y = split(b);
  let n = 0;
  for (const k of new Set([...x.keys(), ...y.keys()])) if (x.get(k) !== y.get(k)) n++;
  return n;
}
