/**
 * The design's requirement list as a test matrix, run on any state DB backend:
 *   {chassis, instance} x {TSA, TSB} x {instance reboot, supervisor reboot, config reload, agent
 *   restart, startup hold running, chassis DB unreachable, key deleted, unrelated field written}
 * with 4 instances. Each case starts from both scopes in TSB, sets one scope to TSA or TSB, checks
 * every instance, applies the event, and checks that every instance reaches the expected
 * operational state (no instance left behind), that the hold resumes rather than restarts, that an
 * unknown scope never undrains, and that nothing is persisted that should not be.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChassisHarness } from './chassis-harness.js';

export type Scope = 'chassis' | 'instance';
export type Value = 'TSA' | 'TSB';
export const EVENTS = [
  'instance reboot',
  'supervisor reboot',
  'config reload',
  'agent restart',
  'startup hold running',
  'chassis DB unreachable',
  'key deleted',
  'unrelated field written',
] as const;
export type DrainEventName = (typeof EVENTS)[number];

const HOLD_MS = 600_000;

interface Case {
  readonly h: ChassisHarness;
  readonly scope: Scope;
  readonly value: Value;
  /** The operational state the scopes ask for: drained iff the scope set says TSA. */
  readonly drained: boolean;
  readonly chassisTsa: boolean;
  readonly instanceTsa: boolean;
}

async function setUp(h: ChassisHarness, scope: Scope, value: Value): Promise<Case> {
  await h.setChassis(false);
  await h.setInstances(false);
  await h.bootAll('cold');
  await h.expectAll(false);
  const tsa = value === 'TSA';
  if (scope === 'chassis') await h.setChassis(tsa);
  else await h.setInstances(tsa);
  const c: Case = {
    h,
    scope,
    value,
    drained: tsa,
    chassisTsa: scope === 'chassis' && tsa,
    instanceTsa: scope === 'instance' && tsa,
  };
  await h.expectAll(c.drained);
  return c;
}

/** After an event: every instance as the scopes ask, both scopes known, nothing persisted wrongly. */
async function expectSettled(c: Case): Promise<void> {
  await c.h.expectAll(c.drained, (d) => expect(d.decision.unknown, 'no scope unknown').toEqual([]));
  await c.h.expectPersisted(c.instanceTsa, c.chassisTsa);
}

const run: Record<DrainEventName, (c: Case) => Promise<void>> = {
  async 'instance reboot'(c) {
    for (const ns of c.h.namespaces) await c.h.instanceReboot(ns);
    // The instance's intent comes back from its saved file; the chassis from CHASSIS_APP_DB.
    await expectSettled(c);
    for (const ns of c.h.namespaces)
      expect(
        c.h.drain(ns).events.some((e) => e.kind === 'config-restored'),
        ns,
      ).toBe(true);
  },

  async 'supervisor reboot'(c) {
    await c.h.supervisorGoesDown();
    // While the supervisor is down the chassis scope is unknown: the last state is kept, both ways.
    await c.h.expectAll(c.drained, (d) =>
      expect(d.decision.unknown.map((u) => `${u.scope}:${u.cause}`)).toEqual(['chassis:missing-key']),
    );
    await c.h.supervisorRestore();
    await expectSettled(c);
  },

  async 'config reload'(c) {
    // The supervisor's config reload (its saved file, loaded again) and each instance's (CONFIG_DB
    // flushed, then loaded from its saved file).
    await c.h.supervisorRestore();
    for (const ns of c.h.namespaces) await c.h.instanceConfigFlush(ns);
    await c.h.expectAll(c.drained, (d) =>
      expect(d.decision.unknown.map((u) => `${u.scope}:${u.cause}`)).toEqual(['instance:missing-key']),
    );
    for (const ns of c.h.namespaces) await c.h.drain(ns).reloadConfig();
    await expectSettled(c);
  },

  async 'agent restart'(c) {
    const before = new Map(c.h.namespaces.map((ns) => [ns, c.h.effects.get(ns)!.length]));
    for (const ns of c.h.namespaces) await c.h.agentRestart(ns);
    await expectSettled(c);
    // The new agent applies the same state once (its first decision), never the other one.
    for (const ns of c.h.namespaces) {
      expect(c.h.effects.get(ns)!.slice(before.get(ns)!), ns).toEqual([c.drained]);
    }
  },

  async 'startup hold running'(c) {
    c.h.holdMs = HOLD_MS;
    for (const ns of c.h.namespaces) await c.h.instanceReboot(ns);
    const deadline = c.h.clock.now() + HOLD_MS;
    await c.h.expectAll(true, (d) => expect(d.hold?.deadline).toBe(deadline));
    // Agent restarts during the hold resume it: same deadline, the time left, never a new timer.
    await c.h.advance(200_000);
    for (const ns of c.h.namespaces) await c.h.agentRestart(ns);
    await c.h.expectAll(true, (d) => {
      expect(d.hold?.deadline).toBe(deadline);
      const hold = d.decision.reasons.find((r) => r.kind === 'startup-hold');
      expect(hold).toEqual({ kind: 'startup-hold', deadline, remainingMs: HOLD_MS - 200_000 });
    });
    // The hold never reaches config: no save while it runs captures it.
    await c.h.expectPersisted(c.instanceTsa, c.chassisTsa);
    await c.h.advance(HOLD_MS - 200_000 - 1);
    await c.h.expectAll(true);
    // At expiry the scopes decide: still TSA when a scope says TSA (requirement 6).
    await c.h.advance(1);
    await expectSettled(c);
    for (const ns of c.h.namespaces) {
      const hold = c.h.drain(ns).decision.reasons.find((r) => r.kind === 'startup-hold');
      expect(hold, ns).toBeUndefined();
    }
  },

  async 'chassis DB unreachable'(c) {
    await c.h.outage.goDown();
    await c.h.advance(c.h.retryMs); // nothing re-reads until told: make every instance look
    for (const ns of c.h.namespaces) await c.h.drain(ns).refresh();
    await c.h.expectAll(c.drained, (d) =>
      expect(d.decision.unknown.map((u) => `${u.scope}:${u.cause}`)).toEqual(['chassis:unreachable']),
    );
    // The instance scope goes to TSA and back to TSB while the chassis is unknown: never undrains.
    await c.h.setInstances(true);
    await c.h.expectAll(true);
    await c.h.setInstances(c.instanceTsa);
    await c.h.expectAll(true, (d) => expect(d.decision.basis).toBe(c.instanceTsa ? 'intent' : 'last-known'));
    const survived = await c.h.outage.comeBack();
    if (!survived) await c.h.supervisorRestore(); // a restarted redis_chassis comes back empty
    await c.h.advance(c.h.retryMs);
    await expectSettled(c);
  },

  async 'key deleted'(c) {
    if (c.scope === 'chassis') await c.h.db.database('CHASSIS_APP_DB').delete('BGP_DEVICE_GLOBAL', 'STATE');
    else for (const ns of c.h.namespaces) await c.h.instanceConfigFlush(ns);
    await c.h.expectAll(c.drained, (d) =>
      expect(d.decision.unknown.map((u) => `${u.scope}:${u.cause}`)).toEqual([`${c.scope}:missing-key`]),
    );
    if (c.scope === 'chassis') await c.h.supervisorRestore();
    else for (const ns of c.h.namespaces) await c.h.drain(ns).reloadConfig();
    await expectSettled(c);
  },

  async 'unrelated field written'(c) {
    const before = new Map(c.h.namespaces.map((ns) => [ns, c.h.effects.get(ns)!.length]));
    await c.h.db.database('CHASSIS_APP_DB').set('BGP_DEVICE_GLOBAL', 'STATE', { wcmp_enabled: 'true' });
    await c.h.db.database('CHASSIS_APP_DB').set('BGP_DEVICE_GLOBAL', 'CONFED', { asn: '65100', peers: '65300' });
    for (const ns of c.h.namespaces) {
      await c.h.db.database('CONFIG_DB', ns).set('BGP_DEVICE_GLOBAL', 'STATE', { idf_isolation_state: 'unisolated' });
      await c.h.db.database('CONFIG_DB', ns).set('BGP_DEVICE_GLOBAL', 'CONFED', { asn: '65100' });
    }
    await expectSettled(c);
    for (const ns of c.h.namespaces) expect(c.h.effects.get(ns)!.length, `${ns}: no new effect`).toBe(before.get(ns));
  },
};

/** Registers the matrix: `make` builds a fresh chassis for each case. */
export function defineDrainMatrix(
  make: () => Promise<ChassisHarness>,
  events: readonly DrainEventName[] = EVENTS,
): void {
  let h: ChassisHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  for (const scope of ['chassis', 'instance'] as const) {
    for (const value of ['TSA', 'TSB'] as const) {
      describe(`${scope} ${value}`, () => {
        for (const event of events) {
          it(event, async () => {
            h = await make();
            const c = await setUp(h, scope, value);
            await run[event](c);
          });
        }
      });
    }
  }
}
