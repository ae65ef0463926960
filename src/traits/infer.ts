/**
 * Types inferred from a traits declaration: create, set and get attribute types and the host key.
 * The rule deciding which keys a create requires lives here, once.
 */
import type { AnyAttr, Attr, AttrMode, AttrPresence } from './attr.js';

type Prettify<T> = { [K in keyof T]: T[K] } & {};

/** The value type of one attribute declaration. */
export type AttrValue<A> = A extends Attr<infer V, AttrMode, AttrPresence> ? V : never;

type AttrsOf<T> = T extends { readonly attributes: infer A } ? A : T;

type RequiredCreateKeys<A> = {
  [K in keyof A]: A[K] extends Attr<unknown, infer M, infer P>
    ? M extends 'readOnly'
      ? never
      : P extends 'required'
        ? K
        : never
    : never;
}[keyof A];

type OptionalCreateKeys<A> = {
  [K in keyof A]: A[K] extends Attr<unknown, infer M, infer P>
    ? M extends 'readOnly'
      ? never
      : P extends 'required'
        ? never
        : K
    : never;
}[keyof A];

type SettableKeys<A> = {
  [K in keyof A]: A[K] extends Attr<unknown, infer M, AttrPresence> ? (M extends 'createAndSet' ? K : never) : never;
}[keyof A];

/**
 * The attributes a create takes: MANDATORY_ON_CREATE ones required, other creatable ones optional,
 * READ_ONLY ones absent. `T` is a traits object or an attribute map.
 */
export type InferCreateAttributes<T> = Prettify<
  { readonly [K in RequiredCreateKeys<AttrsOf<T>>]: AttrValue<AttrsOf<T>[K]> } & {
    readonly [K in OptionalCreateKeys<AttrsOf<T>>]?: AttrValue<AttrsOf<T>[K]>;
  }
>;

/** The attributes a set takes: CREATE_AND_SET only (CREATE_ONLY and READ_ONLY are absent). */
export type InferSetAttributes<T> = Prettify<{
  readonly [K in SettableKeys<AttrsOf<T>>]?: AttrValue<AttrsOf<T>[K]>;
}>;

/** The attributes a get may return: every declared attribute, each possibly absent. */
export type InferGetAttributes<T> = Prettify<{
  readonly [K in keyof AttrsOf<T>]?: AttrValue<AttrsOf<T>[K]>;
}>;

/** The AdapterHostKey type of a traits object. */
export type InferHostKey<T> = T extends { readonly __hostKey: infer HK } ? HK : never;

/** The AdapterKey type of a traits object. */
export type InferAdapterKey<T> = T extends { readonly __adapterKey: infer K } ? K : never;

/** Any attribute map. */
export type AttrMap = Readonly<Record<string, AnyAttr>>;
