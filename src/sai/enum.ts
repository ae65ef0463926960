/**
 * SAI enums by readable name. Values travel through SAI as int32 (`value.s32`); the store and its
 * callers use the short name (`'FORWARD'` for `SAI_PACKET_ACTION_FORWARD` = 1).
 */
export interface SaiEnum<N extends string = string> {
  /** The C enum's name, e.g. `sai_packet_action_t`. */
  readonly cName: string;
  /** The prefix the short names drop, e.g. `SAI_PACKET_ACTION_`. */
  readonly prefix: string;
  /** Short name -> int32 value. */
  readonly values: Readonly<Record<N, number>>;
  /** int32 value -> short name. */
  readonly names: ReadonlyMap<number, N>;
}

/** Declares a SAI enum from its C name, value prefix and short-name -> value table. */
export function defineEnum<const V extends Record<string, number>>(
  cName: string,
  prefix: string,
  values: V,
): SaiEnum<keyof V & string> {
  const names = new Map<number, keyof V & string>();
  for (const [k, v] of Object.entries(values)) names.set(v, k as keyof V & string);
  return Object.freeze({ cName, prefix, values: Object.freeze({ ...values }), names });
}

/** The short names of an enum, as a string union. */
export type EnumName<E> = E extends SaiEnum<infer N> ? N : never;
