/**
 * Host key = f(attributes) (DESIGN.md rule 1): for types whose host key is made of attributes
 * (`HostKeySpec.fromAttributes`: a next hop's rif and ip, a member's group and next hop, a port's
 * lanes, ...), the host key a caller gives must be the one its attributes give. Checked before
 * any write, so an object can never live under a key its attributes deny (which would surface
 * only at the next warm boot, as a duplicate), and an attribute of the host key is effectively
 * create-only: changing it names another object.
 */
import type { SaiTraits } from '../traits/define.js';
import type { InferHostKey } from '../traits/infer.js';
import type { AttrRecord } from './attributes.js';
import { HostKeyMismatchError } from './errors.js';

/**
 * The check for one type, or undefined when its host key is not made of its attributes (entries
 * are keyed by their entry, a next hop group by its members' set, singletons by nothing).
 */
export function hostKeyCheck<T extends SaiTraits>(
  traits: T,
): ((hostKey: InferHostKey<T>, attrs: AttrRecord) => void) | undefined {
  const names = traits.hostKey.fromAttributes;
  if (traits.isEntry || !names || names.length === 0) return undefined;
  const metas = names.map((n) => {
    const m = traits.attrByName.get(n);
    if (!m) throw new Error(`${traits.objectType}: fromAttributes names ${n}, not an attribute`);
    return m;
  });
  const spec = traits.hostKey;
  const keyOf = spec.toString as (hk: unknown) => string;
  const scopeOf = spec.scope as ((hk: unknown) => bigint) | undefined;
  return (hostKey, attrs) => {
    // An attribute left out has its constant default (a lag's label '').
    let a = attrs;
    for (const m of metas) {
      if (a[m.name] === undefined && m.defaultValue !== undefined) {
        if (a === attrs) a = { ...attrs };
        a[m.name] = m.defaultValue;
      }
    }
    const derived = spec.derive(undefined as never, a as never);
    if (
      derived === undefined ||
      keyOf(derived) !== keyOf(hostKey) ||
      (scopeOf !== undefined && scopeOf(derived) !== scopeOf(hostKey))
    ) {
      throw new HostKeyMismatchError(traits.objectType, hostKey, derived, names);
    }
  };
}
