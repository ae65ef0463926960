/**
 * Appends a caller's attribute list to an `AttrBlock`, each value encoded as its traits declare
 * (`AttrMeta.kind`). An attribute the traits do not model is still passed on (its kind guessed from
 * the JavaScript value, or an all-zero union) so that the libsai answers for it, typically
 * UNKNOWN_ATTRIBUTE with the index. A value that does not fit its declared kind never reaches the
 * libsai: the answer is INVALID_ATTR_VALUE with the attribute's index, as the fake's.
 */
import { attrStatus } from '../../sai/status.js';
import type { SaiAttribute, SaiValueKind } from '../../sai/value.js';
import type { SaiTraits } from '../../traits/define.js';
import type { AttrBlock } from './attr-block.js';
import { guessKind } from './value-codec.js';

/**
 * Appends `attrs` to `block` (already sized by `begin`). Returns 0, or the status of the first
 * attribute that cannot be encoded (`INVALID_ATTR_VALUE + i`, `i` counted from `indexBase`).
 */
export function pushAttrs(
  block: AttrBlock,
  traits: SaiTraits | undefined,
  attrs: readonly SaiAttribute[],
  indexBase = 0,
): number {
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (
      a === null ||
      typeof a !== 'object' ||
      typeof a.id !== 'number' ||
      !Number.isInteger(a.id) ||
      a.id < 0 ||
      a.id > 0xffffffff
    ) {
      return attrStatus('INVALID_ATTRIBUTE', indexBase + i);
    }
    const meta = traits?.attrById.get(a.id);
    if (meta !== undefined) {
      if (!block.push(a.id, meta.kind, a.value)) return attrStatus('INVALID_ATTR_VALUE', indexBase + i);
      continue;
    }
    // Not modeled: let the libsai judge the id; a value the guess cannot encode travels as zeros.
    const mark = block.mark();
    const kind: SaiValueKind | undefined = guessKind(a.value);
    if (kind === undefined || !block.push(a.id, kind, a.value)) {
      block.rewind(mark);
      block.push(a.id, 'u64', 0n);
    }
  }
  return 0;
}
