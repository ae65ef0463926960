/**
 * Warm restart bookkeeping as SONiC's swss tests check it (restore_count old + 1 after a warm
 * start and 0 after a cold one, states reach reconciled), plus what SONiC lacks (failed survives,
 * the fallback is recorded), run on every state DB backend.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateDb } from '../../../src/db/index.js';
import { WarmRestartService } from '../../../src/system/warm-restart/service.js';
import { coldBoot, warmBoot, warmDiedAfterReload, warmFellBackCold } from './fixtures.js';

const usable = { usable: true } as const;

export function bookkeepingSuite(name: string, open: () => Promise<StateDb>, namespace = 'asic0'): void {
  describe(`warm restart bookkeeping (${name})`, () => {
    let db: StateDb;
    beforeEach(async () => {
      db = await open();
    });
    afterEach(async () => {
      await db.close();
    });
    const row = () => db.database('STATE_DB', namespace).get('WARM_RESTART_TABLE', 'orchagent');
    /** One daemon start: decide, boot (the outcome the instance would report), record, flush. */
    const start = async (
      outcome: (
        d: Awaited<ReturnType<WarmRestartService['decide']>>,
      ) => Parameters<WarmRestartService['recordBoot']>[0],
    ) => {
      const wr = await WarmRestartService.start({ db, namespace });
      const decision = await wr.decide(usable);
      wr.recordBoot(outcome(decision), decision);
      expect(await wr.flush()).toEqual([]);
      return { decision, wr };
    };

    it('restore_count is 0 after a cold start and old + 1 after each warm start; states reach reconciled', async () => {
      await start(() => coldBoot('no checkpoint'));
      expect(await row()).toMatchObject({
        restore_count: '0',
        state: 'disabled',
        boot_type: 'cold',
        cold_reason: 'no checkpoint',
      });
      await start(() => warmBoot(1));
      const r1 = await row();
      expect(r1).toMatchObject({ restore_count: '1', state: 'reconciled', boot_type: 'warm', warm_failures: '0' });
      expect(r1!.cold_reason).toBeUndefined(); // the cold boot's fields are gone
      expect(r1!.disabled_at).toBeUndefined();
      for (const s of ['initialized', 'restored', 'replayed', 'reconciled'])
        expect(Date.parse(r1![`${s}_at`])).toBeGreaterThan(0);
      expect(r1).toMatchObject({
        reconcile_stale_removed: '0',
        reconcile_new: '0',
        reconcile_same: '12',
        reconcile_changed: '0',
      });
      await start(() => warmBoot(2));
      expect(await row()).toMatchObject({ restore_count: '2', state: 'reconciled' });
    });

    it('a failed warm start is retried warm once, then cold explicitly, recorded; failed survives its boot', async () => {
      await start(() => warmBoot(1));
      // 1: the warm start fails and the boot goes on cold: failed stays the state.
      const first = await start(() => warmFellBackCold(2, 'adapter refused SAI_WARM_BOOT_READ_FILE'));
      expect(first.decision).toMatchObject({ bootType: 'warm', attempt: 1 });
      expect(await row()).toMatchObject({
        state: 'failed',
        reason: 'adapter refused SAI_WARM_BOOT_READ_FILE',
        boot_type: 'cold',
        restore_count: '0',
        warm_failures: '1',
        last_failed_reason: 'adapter refused SAI_WARM_BOOT_READ_FILE',
      });
      // 2: retried warm once; it dies half way (no record past restored).
      const second = await start(() => warmDiedAfterReload(1));
      expect(second.decision).toMatchObject({ bootType: 'warm', attempt: 2 });
      expect(await row()).toMatchObject({ state: 'restored', warm_failures: '1' });
      // 3: cold, explicitly, with the reason recorded.
      const third = await start((d) => coldBoot(d.reason));
      expect(third.decision).toMatchObject({ bootType: 'cold', fallback: true, warmFailures: 2 });
      const r = await row();
      expect(r).toMatchObject({ state: 'disabled', boot_type: 'cold', restore_count: '0', warm_failures: '0' });
      expect(r!.fallback_reason).toMatch(
        /^2 warm starts failed in a row \(last: the warm start of boot sw@.* stopped at restored \(the process died\)\); starting cold instead of trying again$/,
      );
      expect(r!.cold_reason).toBe(r!.fallback_reason);
      expect(r!.reason).toBeUndefined();
      // 4: the cold boot came up: the next start is warm again.
      const fourth = await start(() => warmBoot(1));
      expect(fourth.decision).toMatchObject({ bootType: 'warm', attempt: 1 });
      expect(await row()).toMatchObject({ state: 'reconciled', restore_count: '1', warm_failures: '0' });
    });

    it('the enable knobs: system or module true = on, set and none true = cold with the row named', async () => {
      const enable = db.database('STATE_DB', namespace);
      await enable.set('WARM_RESTART_ENABLE_TABLE', 'swss', { enable: 'false' });
      let wr = await WarmRestartService.start({ db, namespace });
      expect(await wr.decide(usable)).toMatchObject({
        bootType: 'cold',
        reason: 'warm restart disabled (STATE_DB WARM_RESTART_ENABLE_TABLE|swss enable=false)',
      });
      await enable.set('WARM_RESTART_ENABLE_TABLE', 'system', { enable: 'true' });
      wr = await WarmRestartService.start({ db, namespace });
      expect(await wr.decide(usable)).toMatchObject({ bootType: 'warm' });
      await enable.set('WARM_RESTART_ENABLE_TABLE', 'system', { enable: 'maybe' });
      wr = await WarmRestartService.start({ db, namespace });
      await expect(wr.decide(usable)).rejects.toThrow(
        `STATE_DB (6) ${namespace ? `namespace ${namespace} ` : ''}"WARM_RESTART_ENABLE_TABLE|system" field "enable": "maybe": must be "true" or "false"`,
      );
    });

    it('leaves fields written by others alone, and reads a row SONiC wrote', async () => {
      const state = db.database('STATE_DB', namespace);
      await state.set('WARM_RESTART_TABLE', 'orchagent', {
        restore_count: '7',
        state: 'reconciled',
        restore_check: 'passed',
      });
      const { decision } = await start(() => warmBoot(8));
      expect(decision).toMatchObject({ bootType: 'warm', attempt: 1 });
      expect(await row()).toMatchObject({ restore_count: '8', state: 'reconciled', restore_check: 'passed' });
    });
  });
}
