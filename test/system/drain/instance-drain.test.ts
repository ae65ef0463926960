/**
 * `InstanceDrain` over the embedded state DB with a hand-moved clock: the first decision, changes
 * through subscriptions, the startup hold's timer and its resumption across restarts, the STATE_DB
 * row, the saved instance config, and the effect callback.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStateDb } from '../../../src/db/embedded.js';
import { setChassisDrain } from '../../../src/system/drain/chassis.js';
import { InstanceDrain, type InstanceDrainOptions } from '../../../src/system/drain/instance-drain.js';
import { drainFiles } from '../../../src/system/drain/paths.js';
import { ManualClock } from './manual-clock.js';
import { ChassisOutageDb } from './outage.js';

let dir: string;
let db: EmbeddedStateDb;
let clock: ManualClock;
const running: InstanceDrain[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'instance-drain-'));
  db = new EmbeddedStateDb();
  clock = new ManualClock();
});
afterEach(async () => {
  for (const d of running.splice(0)) await d.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(o: Partial<InstanceDrainOptions> = {}): Promise<InstanceDrain> {
  const d = await InstanceDrain.start({ db, namespace: 'asic0', stateDir: dir, bootType: 'cold', clock, ...o });
  running.push(d);
  return d;
}

/** Lets the embedded DB deliver its notifications and the drain decide. */
async function settle(d: InstanceDrain): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  await d.evaluate();
}

const instanceConfig = () => db.database('CONFIG_DB', 'asic0');
const stateRow = () => db.database('STATE_DB', 'asic0').get('BGP_DEVICE_GLOBAL', 'STATE');
const chassisFile = () => join(dir, 'chassis-config.json');

describe('InstanceDrain', () => {
  it('nothing configured anywhere: drained, fail closed, and says why in STATE_DB', async () => {
    const d = await start();
    expect(d.decision).toMatchObject({ drained: true, basis: 'fail-closed' });
    expect(await stateRow()).toMatchObject({
      tsa_enabled: 'true',
      system_mode: 'Maintenance',
      reasons: 'unknown',
      basis: 'fail-closed',
      chassis_tsa_enabled: 'unknown',
      instance_tsa_enabled: 'unknown',
      unknown: 'chassis:missing-key,instance:missing-key',
      startup_hold: 'none',
    });
  });

  it('both TSB: normal; chassis TSA drains; chassis TSB with the instance in TSA stays drained (req 8)', async () => {
    await setChassisDrain(db, chassisFile(), false);
    await instanceConfig().set('BGP_DEVICE_GLOBAL', 'STATE', { tsa_enabled: 'false' });
    const seen: boolean[] = [];
    const d = await start({ onDecision: (x) => void seen.push(x.drained) });
    expect(d.decision.drained).toBe(false);
    await setChassisDrain(db, chassisFile(), true);
    await settle(d);
    expect(d.decision).toMatchObject({ drained: true, reasons: [{ kind: 'tsa', scope: 'chassis' }] });
    await instanceConfig().set('BGP_DEVICE_GLOBAL', 'STATE', { tsa_enabled: 'true' });
    await settle(d);
    await setChassisDrain(db, chassisFile(), false);
    await settle(d);
    expect(d.decision).toMatchObject({ drained: true, reasons: [{ kind: 'tsa', scope: 'instance' }] });
    await instanceConfig().set('BGP_DEVICE_GLOBAL', 'STATE', { tsa_enabled: 'false' });
    await settle(d);
    expect(d.decision.drained).toBe(false);
    expect(seen).toEqual([false, true, false]);
    expect(await stateRow()).toMatchObject({ tsa_enabled: 'false', system_mode: 'Normal', reasons: 'none' });
  });

  it("the instance's CONFIG_DB value is saved to its config file; a CONFED key or another field changes nothing", async () => {
    await setChassisDrain(db, chassisFile(), false);
    await instanceConfig().set('BGP_DEVICE_GLOBAL', 'STATE', { tsa_enabled: 'true' });
    const d = await start();
    expect(JSON.parse(readFileSync(drainFiles(dir).config, 'utf8'))).toEqual({
      BGP_DEVICE_GLOBAL: { STATE: { tsa_enabled: 'true' } },
    });
    await instanceConfig().set('BGP_DEVICE_GLOBAL', 'CONFED', { asn: '65100', peers: '65300' });
    await instanceConfig().set('BGP_DEVICE_GLOBAL', 'STATE', { wcmp_enabled: 'true' });
    await db.database('CHASSIS_APP_DB').set('BGP_DEVICE_GLOBAL', 'STATE', { idf_isolation_state: 'unisolated' });
    await settle(d);
    expect(d.decision).toMatchObject({ drained: true, basis: 'intent', unknown: [] });
  });

  it('the startup hold drains until its deadline, then the scopes decide', async () => {
    await setChassisDrain(db, chassisFile(), false);
    await instanceConfig().set('BGP_DEVICE_GLOBAL', 'STATE', { tsa_enabled: 'false' });
    const d = await start({ holdMs: 600_000 });
    expect(d.decision).toMatchObject({ drained: true, reasons: [{ kind: 'startup-hold', remainingMs: 600_000 }] });
    expect(await stateRow()).toMatchObject({ startup_hold: 'running', reasons: 'startup_hold' });
    clock.advance(599_999);
    await settle(d);
    expect(d.decision.drained).toBe(true);
    clock.advance(1);
    await settle(d);
    expect(d.decision.drained).toBe(false);
    expect(await stateRow()).toMatchObject({ startup_hold: 'expired', tsa_enabled: 'false' });
  });

  it('an agent restart (warm) resumes the hold with the time left; an instance reboot (cold) begins a new one', async () => {
    await setChassisDrain(db, chassisFile(), false);
    await instanceConfig().set('BGP_DEVICE_GLOBAL', 'STATE', { tsa_enabled: 'false' });
    const first = await start({ holdMs: 600_000 });
    const deadline = first.hold!.deadline;
    clock.advance(200_000);
    await first.stop();
    const again = await start({ holdMs: 600_000, bootType: 'warm' });
    expect(again.hold!.deadline).toBe(deadline);
    expect(again.decision.reasons).toEqual([{ kind: 'startup-hold', deadline, remainingMs: 400_000 }]);
    await again.stop();
    const rebooted = await start({ holdMs: 600_000, bootType: 'cold' });
    expect(rebooted.hold!.deadline).toBe(clock.now() + 600_000);
  });

  it('a subscription refused while the read works is retried until it is made (then changes are followed)', async () => {
    const outage = new ChassisOutageDb(db);
    await setChassisDrain(db, chassisFile(), false);
    await instanceConfig().set('BGP_DEVICE_GLOBAL', 'STATE', { tsa_enabled: 'false' });
    const d = await start({ db: outage, retryMs: 1000 });
    // The chassis DB restarts empty: the subscription ends (GAP), the re-subscription is refused, the
    // re-read works and finds no key.
    await db.database('CHASSIS_APP_DB').delete('BGP_DEVICE_GLOBAL', 'STATE');
    outage.refuseSubscriptions = true;
    outage.goDown();
    outage.comeBack();
    await settle(d);
    expect(d.readings.chassis).toMatchObject({ kind: 'unknown', cause: 'missing-key' });
    expect(d.events.some((e) => e.kind === 'subscribe-failed')).toBe(true);
    outage.refuseSubscriptions = false;
    clock.advance(1000); // the retry subscribes again
    await settle(d);
    await setChassisDrain(db, chassisFile(), true);
    await settle(d);
    expect(d.readings.chassis).toEqual({ kind: 'known', tsaEnabled: true });
    expect(d.decision).toMatchObject({ drained: true, reasons: [{ kind: 'tsa', scope: 'chassis' }] });
  });
});
