/** Value-kind checks of the fake adapter: does an adapter-level value fit its attribute? */
import type { SaiValue } from '../../sai/value.js';
import type { AttrMeta } from '../../traits/define.js';
import { valueFitsKind as fits } from '../../traits/value-check.js';

/** True when `value` is a valid adapter-level value for `meta` (kind, range, enum member, format). */
export function valueFitsKind(meta: AttrMeta, value: SaiValue): boolean {
  return fits(meta.kind, value, meta.enumDef?.names);
}
