/**
 * What an adapter holds, read through the `SaiAdapter` interface only (`getObjectKeys`, `get`):
 * the basis of store-to-adapter checks on any adapter, and of the id-ful digest the cross-process
 * test compares before a warm exit and after the warm boot. No vitest here.
 */
import { createHash } from 'node:crypto';
import type { SaiAdapter } from '../../src/adapter/index.js';
import {
  NOT_READ,
  SAI_OBJECT_TYPES,
  type AdapterKey,
  type ReadValue,
  type SaiObjectType,
} from '../../src/sai/index.js';
import { ALL_TRAITS } from '../../src/traits/index.js';
import type { SaiTraits } from '../../src/traits/define.js';

/** An AdapterKey as text: object ids in hex, entries as JSON with sorted fields and hex ids. */
export function keyText(key: AdapterKey): string {
  if (typeof key === 'bigint') return `0x${key.toString(16)}`;
  const o = key as unknown as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${k}:${typeof o[k] === 'bigint' ? `0x${(o[k] as bigint).toString(16)}` : JSON.stringify(o[k])}`)
    .join(',')}}`;
}

/** The keys of every live object of `type` in the adapter, as `keyText` (through `getObjectKeys`). */
export function adapterKeySet(adapter: SaiAdapter, type: SaiObjectType): Set<string> {
  return new Set(adapter.getObjectKeys(type).map(keyText));
}

function valueText(v: ReadValue): string {
  if (v === NOT_READ) return 'NOT_READ';
  return JSON.stringify(v ?? null, (_k, x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x));
}

/**
 * One line per live object of every type but the switch, `TYPE key => values of its settable
 * attributes`, sorted: object ids included, so equal dumps mean every object kept its id too.
 */
export function adapterDump(adapter: SaiAdapter): string[] {
  const lines: string[] = [];
  for (const type of SAI_OBJECT_TYPES as readonly SaiObjectType[]) {
    if (type === 'SWITCH') continue;
    const traits = (ALL_TRAITS as unknown as Record<string, SaiTraits | undefined>)[type];
    if (!traits) continue;
    const ids = traits.attrList.filter((m) => m.mode !== 'readOnly').map((m) => m.id);
    for (const key of adapter.getObjectKeys(type)) {
      const values = ids.length > 0 ? adapter.get(type, key, ids) : [];
      lines.push(`${type} ${keyText(key)} => [${values.map(valueText).join(',')}]`);
    }
  }
  return lines.sort();
}

/** sha256 of some lines, for a short comparison across processes. */
export function digestOf(lines: readonly string[]): string {
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return h.digest('hex');
}
