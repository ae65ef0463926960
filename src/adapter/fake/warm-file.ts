/**
 * The fake adapter's warm boot file, its own format as a vendor's is theirs (SAI_WARM_BOOT_WRITE_FILE
 * / SAI_WARM_BOOT_READ_FILE): one line per object, tab-separated, with every id kept.
 *
 *   saistore-fake-warm 1 <switch id> <next counter> <default vr> <cpu port> <1q bridge> <ports,...>
 *   O <oid> <TYPE> <owned 0|1> <id=value>...      an object with an object id
 *   E <TYPE> <scope oid> <local key> <id=value>... an entry (route / neighbor / fdb)
 *   end <object count>
 *
 * Values: `b<hex>` bigint, `n<decimal>` number, `t` / `f` bool, `s<uri-encoded>` string,
 * `B<hex>,<hex>` bigint list, `N<d>,<d>` number list (empty lists `B` / `N`).
 */
import type { SaiValue } from '../../sai/value.js';
import type { AttrSlots } from './attr-slots.js';

/** Encodes one attribute value. */
export function encodeValue(v: SaiValue): string {
  switch (typeof v) {
    case 'bigint':
      return `b${v.toString(16)}`;
    case 'number':
      return `n${v}`;
    case 'boolean':
      return v ? 't' : 'f';
    case 'string':
      return `s${encodeURIComponent(v)}`;
    default: {
      const list = v as readonly (bigint | number)[];
      if (list.length > 0 && typeof list[0] === 'bigint') {
        return `B${(list as readonly bigint[]).map((x) => x.toString(16)).join(',')}`;
      }
      return `N${list.join(',')}`;
    }
  }
}

/** Decodes one attribute value. @throws Error on an unknown tag. */
export function decodeValue(s: string): SaiValue {
  const body = s.slice(1);
  switch (s.charCodeAt(0)) {
    case 98: // b
      return BigInt(`0x${body}`);
    case 110: // n
      return Number(body);
    case 116: // t
      return true;
    case 102: // f
      return false;
    case 115: // s
      return decodeURIComponent(body);
    case 66: // B
      return body === '' ? [] : body.split(',').map((x) => BigInt(`0x${x}`));
    case 78: // N
      return body === '' ? [] : body.split(',').map(Number);
    default:
      throw new Error(`unknown value tag in ${JSON.stringify(s)}`);
  }
}

/** Encodes attribute slots (`[id, value, ...]`) as `id=value` fields. */
export function encodeSlots(slots: AttrSlots): string {
  let out = '';
  for (let i = 0; i < slots.length; i += 2) out += `\t${slots[i] as number}=${encodeValue(slots[i + 1] as SaiValue)}`;
  return out;
}

/** Decodes `id=value` fields (from index `from` of `fields`) into attribute slots. */
export function decodeSlots(fields: readonly string[], from: number): AttrSlots {
  const slots: AttrSlots = new Array((fields.length - from) * 2);
  for (let i = from, j = 0; i < fields.length; i++, j += 2) {
    const f = fields[i];
    const eq = f.indexOf('=');
    slots[j] = Number(f.slice(0, eq));
    slots[j + 1] = decodeValue(f.slice(eq + 1));
  }
  return slots;
}
