/**
 * The get protocol: reading attributes back from any libsai, whatever it answers for the ones it
 * cannot read, at about one libsai get per object.
 *
 * Real libsais differ from the fake: some fail a multi-attribute get as a whole with a plain status
 * (NOT_IMPLEMENTED) when any one attribute was never set, even one with a SAI default; some answer
 * INVALID_ATTRIBUTE / ATTR_NOT_SUPPORTED + i for an attribute that does not apply. `read-attrs.ts`
 * finds which attributes a get could not answer (by their index, or by asking each alone); this file
 * decides what that means and remembers it:
 *
 * - an attribute the libsai could not answer reads as `NOT_READ` (never as a default);
 * - ATTR_NOT_IMPLEMENTED + i reads as "no value" (`undefined`, libsaivs's and the fake's answer for an
 *   attribute not set and without a constant default); for an attribute *with* a constant default
 *   (which always has a value) it is an attribute the libsai cannot answer: `NOT_READ`;
 * - what the libsai could not answer is remembered per object type for the session
 *   (`GetProtocolMemory`) and not asked again: the next object of the type costs one get, and only an
 *   object that differs from its type's learned answer is split again. Attributes reload cannot do
 *   without (those making up the host key, references to other objects, READ_ONLY ones such as the
 *   switch's default objects) are always asked;
 * - `sai_query_attribute_capability`, where the libsai exports and answers it, is asked once per type
 *   first: an attribute whose get is not implemented is never asked.
 */
import type { SaiObjectType } from '../../sai/object-type.js';
import { SaiObjectTypeId } from '../../sai/object-type.js';
import { NOT_READ, type ReadValue } from '../../sai/value.js';
import type { SaiTraits } from '../../traits/define.js';
import type { SaiLibrary } from './library.js';
import type { NativeBuffer } from './native-memory.js';
import type { ReadResult } from './read-attrs.js';
import type { GetProtocolMemory } from './session.js';

/** Attribute ids of a type that reload cannot do without: host key, references, READ_ONLY. */
const mustReadCache = new WeakMap<SaiTraits, ReadonlySet<number>>();

function mustRead(traits: SaiTraits): ReadonlySet<number> {
  let s = mustReadCache.get(traits);
  if (!s) {
    const names = new Set(traits.hostKey.fromAttributes ?? []);
    s = new Set(
      traits.attrList.filter((m) => names.has(m.name) || m.isReference || m.mode === 'readOnly').map((m) => m.id),
    );
    mustReadCache.set(traits, s);
  }
  return s;
}

/** Which attributes to ask and how to read the answer, for one adapter over one session. */
export class GetProtocol {
  constructor(
    private readonly memory: GetProtocolMemory,
    private readonly lib: SaiLibrary,
    private readonly switchId: () => bigint,
    /** 3 bytes of native memory for `sai_attr_capability_t`. */
    private readonly scratch: NativeBuffer,
  ) {}

  /** The learned set of a type (capability asked on first use). */
  private unanswerable(type: SaiObjectType, traits: SaiTraits | undefined): Set<number> {
    let set = this.memory.unanswerable.get(type);
    if (!set) {
      set = new Set();
      this.memory.unanswerable.set(type, set);
    }
    if (!this.memory.capabilityAsked.has(type)) {
      this.memory.capabilityAsked.add(type);
      const q = this.lib.queryAttributeCapability;
      if (q && traits) {
        for (const m of traits.attrList) {
          this.scratch.view.setUint8(0, 1);
          this.scratch.view.setUint8(1, 1);
          this.scratch.view.setUint8(2, 1);
          let st: number;
          try {
            st = q(this.switchId(), SaiObjectTypeId[type], m.id, this.scratch.address);
          } catch {
            break;
          }
          // Only an answered "get is not implemented" counts; anything else leaves it to the gets.
          if (st === 0 && this.scratch.view.getUint8(2) === 0) set.add(m.id);
        }
      }
    }
    return set;
  }

  /** Positions of `attrIds` to ask the libsai (the others read as `NOT_READ`). */
  plan(type: SaiObjectType, traits: SaiTraits | undefined, attrIds: readonly number[]): number[] {
    const skip = this.unanswerable(type, traits);
    const out: number[] = [];
    for (let i = 0; i < attrIds.length; i++) if (!skip.has(attrIds[i])) out.push(i);
    return out;
  }

  /**
   * The values of every position of `attrIds` from a successful read of the `asked` positions:
   * `NOT_READ` for positions not asked and for attributes the libsai could not answer (learned for
   * the type unless reload cannot do without them), `undefined` for no value.
   */
  settle(
    type: SaiObjectType,
    traits: SaiTraits | undefined,
    attrIds: readonly number[],
    asked: readonly number[],
    r: ReadResult & { ok: true },
  ): ReadValue[] {
    const out: ReadValue[] = new Array<ReadValue>(attrIds.length).fill(NOT_READ);
    for (let j = 0; j < asked.length; j++) out[asked[j]] = r.values[j];
    if (r.noValue.length === 0 && r.unanswered.length === 0) return out;
    const learned = this.memory.unanswerable.get(type);
    const keep = traits ? mustRead(traits) : new Set<number>();
    const learn = (id: number) => {
      if (!keep.has(id)) learned?.add(id);
    };
    for (const j of r.noValue) {
      const id = attrIds[asked[j]];
      const meta = traits?.attrById.get(id);
      if (meta && (meta.defaultKind === 'const' || meta.defaultKind === 'empty')) {
        out[asked[j]] = NOT_READ;
        learn(id);
      } else {
        out[asked[j]] = undefined;
      }
    }
    for (const j of r.unanswered) {
      out[asked[j]] = NOT_READ;
      learn(attrIds[asked[j]]);
    }
    return out;
  }

  /** Attribute ids learned unanswerable per type (for reports). */
  learnedUnanswerable(): ReadonlyMap<SaiObjectType, ReadonlySet<number>> {
    return this.memory.unanswerable;
  }
}
