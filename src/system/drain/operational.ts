/**
 * `operationalDrain`: the one pure function that decides whether an instance is drained (TSA,
 * SONiC's "System Mode: Maintenance") from every scope's intent. Nothing else decides it.
 *
 * The rule (SONiC's Reliable TSA requirements 5-8, fail-closed where SONiC fails open):
 * 1. Drained when the chassis says TSA, or the instance says TSA, or the startup hold runs: each is
 *    a reason (requirement 5; 6: chassis TSA wins over everything; 7: with the chassis in TSB the
 *    instance and its hold decide; 8: chassis TSA -> TSB undrains only if nothing else drains).
 * 2. Otherwise, when a scope is unknown (its DB unreachable, its key or field missing, a value of
 *    another shape), the last known operational state is kept, drained or not: an unknown scope
 *    never undrains, and never drains a device that was carrying traffic either. Without a last
 *    known state (a first start) it is drained: the safe side.
 * 3. Otherwise (every scope known, none drains): normal.
 */
import type { HoldStatus } from './hold.js';
import type { ConfigScope, TsaReading, UnknownCause } from './intent.js';

/** Everything the decision depends on. */
export interface DrainIntents {
  /** CHASSIS_APP_DB `BGP_DEVICE_GLOBAL|STATE` `tsa_enabled`, as this instance last read it. */
  readonly chassis: TsaReading;
  /** The instance's CONFIG_DB `BGP_DEVICE_GLOBAL|STATE` `tsa_enabled`. */
  readonly instance: TsaReading;
  /** The startup hold at the moment of the decision. */
  readonly hold: HoldStatus;
  /** The last operational state decided (and persisted); `undefined` before the first decision. */
  readonly last?: { readonly drained: boolean };
}

/** Why an instance is drained. */
export type DrainReason =
  /** A scope's `tsa_enabled` is `"true"`. */
  | { readonly kind: 'tsa'; readonly scope: ConfigScope }
  /** The startup hold runs until `deadline` (ms since the epoch), `remainingMs` from now. */
  | { readonly kind: 'startup-hold'; readonly deadline: number; readonly remainingMs: number }
  /**
   * Nothing known drains, but `scopes` are unknown: the last known state (drained) is kept, or,
   * with no last known state (`lastKnown: false`), the instance starts drained.
   */
  | { readonly kind: 'unknown'; readonly scopes: readonly ConfigScope[]; readonly lastKnown: boolean };

/** A scope that could not be read, and why. */
export interface UnknownScope {
  readonly scope: ConfigScope;
  readonly cause: UnknownCause;
  readonly detail: string;
}

/** The operational drain state and why. */
export interface DrainDecision {
  /** TSA (drained, traffic shifted away) or TSB. */
  readonly drained: boolean;
  /** SONiC TSC's words: `Maintenance` when drained, else `Normal`. */
  readonly mode: 'Maintenance' | 'Normal';
  /** What drains it, in the order chassis, instance, startup hold, unknown; empty when normal. */
  readonly reasons: readonly DrainReason[];
  /** The scopes whose intent is unknown (also when a known reason drains). */
  readonly unknown: readonly UnknownScope[];
  /**
   * Where `drained` comes from: `intent` (the known scopes decide), `last-known` (an unknown scope
   * kept the last state) or `fail-closed` (an unknown scope and no last state: drained).
   */
  readonly basis: 'intent' | 'last-known' | 'fail-closed';
}

/** The operational drain state of an instance from every scope's intent. Pure. */
export function operationalDrain(intents: DrainIntents): DrainDecision {
  const reasons: DrainReason[] = [];
  const unknownScopes: UnknownScope[] = [];
  for (const scope of ['chassis', 'instance'] as const) {
    const r = intents[scope];
    if (r.kind === 'known') {
      if (r.tsaEnabled) reasons.push({ kind: 'tsa', scope });
    } else {
      unknownScopes.push({ scope, cause: r.cause, detail: r.detail });
    }
  }
  if (intents.hold.state === 'running') {
    reasons.push({ kind: 'startup-hold', deadline: intents.hold.deadline, remainingMs: intents.hold.remainingMs });
  }
  if (reasons.length > 0) return decision(true, reasons, unknownScopes, 'intent');
  if (unknownScopes.length === 0) return decision(false, reasons, unknownScopes, 'intent');
  const scopes = unknownScopes.map((u) => u.scope);
  if (intents.last === undefined) {
    return decision(true, [{ kind: 'unknown', scopes, lastKnown: false }], unknownScopes, 'fail-closed');
  }
  const drained = intents.last.drained;
  return decision(drained, drained ? [{ kind: 'unknown', scopes, lastKnown: true }] : [], unknownScopes, 'last-known');
}

function decision(
  drained: boolean,
  reasons: DrainReason[],
  unknownScopes: UnknownScope[],
  basis: DrainDecision['basis'],
): DrainDecision {
  return { drained, mode: drained ? 'Maintenance' : 'Normal', reasons, unknown: unknownScopes, basis };
}

/** One line per reason, for logs and `drain show`, e.g. `chassis tsa_enabled=true`. */
export function describeReason(r: DrainReason): string {
  switch (r.kind) {
    case 'tsa':
      return `${r.scope} tsa_enabled=true`;
    case 'startup-hold':
      return `startup hold until ${new Date(r.deadline).toISOString()} (${Math.ceil(r.remainingMs / 1000)} s left)`;
    case 'unknown':
      return r.lastKnown
        ? `${r.scopes.join(' and ')} unknown: last known state (drained) kept`
        : `${r.scopes.join(' and ')} unknown and no last known state: drained (fail closed)`;
  }
}
