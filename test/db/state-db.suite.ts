/**
 * The state DB's behaviour, run on every backend (embedded in `embedded.test.ts`, a real
 * redis-server in `redis.test.ts`): the same answers from both, or a test fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DbConnectionError, DbValueError, type DbEvent, type StateDb, type TableChange } from '../../src/db/index.js';

/** Makes a fresh, empty state DB; `events` receives what it reports. */
export type StateDbFactory = (events: DbEvent[]) => Promise<StateDb>;

/** Waits until `check` passes (it throws until then), polling; fails after `ms`. */
export async function eventually(check: () => void, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** Lets pending notifications arrive (a round trip through the backend, then a short wait). */
async function settle(db: StateDb): Promise<void> {
  await db.database('STATE_DB').get('SETTLE', 'x');
  await new Promise((r) => setTimeout(r, 100));
}

export function stateDbSuite(name: string, factory: StateDbFactory): void {
  describe(`state DB (${name})`, () => {
    let db: StateDb;
    let events: DbEvent[];
    beforeEach(async () => {
      events = [];
      db = await factory(events);
    });
    afterEach(async () => {
      await db.close();
    });

    it('writes, merges and reads rows of string fields', async () => {
      const state = db.database('STATE_DB');
      expect(state.id).toBe(6);
      expect(state.keyOf('WARM_RESTART_TABLE', 'orchagent')).toBe('WARM_RESTART_TABLE|orchagent');
      expect(await state.get('WARM_RESTART_TABLE', 'orchagent')).toBeUndefined();
      await state.set('WARM_RESTART_TABLE', 'orchagent', { restore_count: '0', state: 'initialized' });
      await state.set('WARM_RESTART_TABLE', 'orchagent', { state: 'restored' });
      expect(await state.get('WARM_RESTART_TABLE', 'orchagent')).toEqual({ restore_count: '0', state: 'restored' });
      expect(await state.getField('WARM_RESTART_TABLE', 'orchagent', 'state')).toBe('restored');
      expect(await state.getField('WARM_RESTART_TABLE', 'orchagent', 'nothing')).toBeUndefined();
      expect(await state.getField('WARM_RESTART_TABLE', 'nobody', 'state')).toBeUndefined();
      // Values are kept exactly: empty strings, unicode, separators inside keys and values.
      await state.set('T', 'a|b:c/d', { 'f|g': '', u: 'é\u0000z' });
      expect(await state.get('T', 'a|b:c/d')).toEqual({ 'f|g': '', u: 'é\u0000z' });
    });

    it('deletes fields (the row goes with its last field) and rows', async () => {
      const config = db.database('CONFIG_DB');
      await config.set('WARM_RESTART', 'bgp', { bgp_timer: '120', bgp_eoiu: 'true' });
      expect(await config.deleteFields('WARM_RESTART', 'bgp', ['bgp_eoiu', 'absent'])).toBe(1);
      expect(await config.get('WARM_RESTART', 'bgp')).toEqual({ bgp_timer: '120' });
      expect(await config.deleteFields('WARM_RESTART', 'bgp', ['bgp_timer'])).toBe(1);
      expect(await config.get('WARM_RESTART', 'bgp')).toBeUndefined();
      expect(await config.keys('WARM_RESTART|*')).toEqual([]);
      expect(await config.deleteFields('WARM_RESTART', 'bgp', ['bgp_timer'])).toBe(0);
      await config.set('WARM_RESTART', 'swss', { neighsyncd_timer: '120' });
      expect(await config.delete('WARM_RESTART', 'swss')).toBe(true);
      expect(await config.delete('WARM_RESTART', 'swss')).toBe(false);
    });

    it('lists keys by Redis glob pattern, sorted, with APPL_DB using ":"', async () => {
      const state = db.database('STATE_DB');
      for (const k of ['orchagent', 'bgp', 'neighsyncd', 'a*b', 'a?b', 'x'])
        await state.set('WARM_RESTART_TABLE', k, { state: 'reconciled' });
      await state.set('WARM_RESTART_ENABLE_TABLE', 'system', { enable: 'false' });
      const all = await state.keys();
      expect(all).toEqual([...all].sort());
      expect(all).toHaveLength(7);
      expect(await state.keys('WARM_RESTART_TABLE|*')).toHaveLength(6);
      expect(await state.tableKeys('WARM_RESTART_TABLE')).toEqual([
        'a*b',
        'a?b',
        'bgp',
        'neighsyncd',
        'orchagent',
        'x',
      ]);
      expect(await state.keys('WARM_RESTART_TABLE|?gp')).toEqual(['WARM_RESTART_TABLE|bgp']);
      expect(await state.keys('WARM_RESTART_TABLE|[bn]*')).toEqual([
        'WARM_RESTART_TABLE|bgp',
        'WARM_RESTART_TABLE|neighsyncd',
      ]);
      expect(await state.keys('WARM_RESTART_TABLE|[^bno]*')).toEqual([
        'WARM_RESTART_TABLE|a*b',
        'WARM_RESTART_TABLE|a?b',
        'WARM_RESTART_TABLE|x',
      ]);
      expect(await state.keys('WARM_RESTART_TABLE|[m-o]*')).toEqual([
        'WARM_RESTART_TABLE|neighsyncd',
        'WARM_RESTART_TABLE|orchagent',
      ]);
      expect(await state.keys('WARM_RESTART_TABLE|a\\*b')).toEqual(['WARM_RESTART_TABLE|a*b']);
      expect(await state.keys('*ENABLE*')).toEqual(['WARM_RESTART_ENABLE_TABLE|system']);
      expect(await state.keys('nothing*')).toEqual([]);

      const appl = db.database('APPL_DB');
      expect(appl.separator).toBe(':');
      await appl.set('ROUTE_TABLE', '10.0.0.0/8', { nexthop: '10.1.1.1', ifname: 'Ethernet0' });
      await appl.set('ROUTE_TABLE', '2001:db8::/32', { nexthop: 'fe80::1', ifname: 'Ethernet4' });
      expect(await appl.keys('ROUTE_TABLE:*')).toEqual(['ROUTE_TABLE:10.0.0.0/8', 'ROUTE_TABLE:2001:db8::/32']);
      expect(await appl.tableKeys('ROUTE_TABLE')).toEqual(['10.0.0.0/8', '2001:db8::/32']);
      expect(await appl.get('ROUTE_TABLE', '2001:db8::/32')).toEqual({ nexthop: 'fe80::1', ifname: 'Ethernet4' });
    });

    it('keeps databases and namespaces apart; the chassis databases are one for all', async () => {
      await db.database('STATE_DB').set('WARM_RESTART_TABLE', 'orchagent', { state: 'reconciled' });
      await db.database('CONFIG_DB').set('WARM_RESTART_TABLE', 'orchagent', { state: 'config' });
      await db.database('STATE_DB', 'asic0').set('WARM_RESTART_TABLE', 'orchagent', { state: 'replayed' });
      await db.database('STATE_DB', 'asic1').set('WARM_RESTART_TABLE', 'orchagent', { state: 'failed' });
      await db.database('STATE_DB', 'asic10').set('WARM_RESTART_TABLE', 'bgp', { state: 'disabled' });
      expect(await db.database('STATE_DB').getField('WARM_RESTART_TABLE', 'orchagent', 'state')).toBe('reconciled');
      expect(await db.database('CONFIG_DB').getField('WARM_RESTART_TABLE', 'orchagent', 'state')).toBe('config');
      expect(await db.database('STATE_DB', 'asic0').getField('WARM_RESTART_TABLE', 'orchagent', 'state')).toBe(
        'replayed',
      );
      expect(await db.database('STATE_DB', 'asic1').getField('WARM_RESTART_TABLE', 'orchagent', 'state')).toBe(
        'failed',
      );
      expect(await db.database('STATE_DB', '').keys()).toEqual(['WARM_RESTART_TABLE|orchagent']);
      expect(await db.database('STATE_DB', 'asic0').keys()).toEqual(['WARM_RESTART_TABLE|orchagent']);
      expect(await db.database('STATE_DB', 'asic10').keys('*')).toEqual(['WARM_RESTART_TABLE|bgp']);
      expect(await db.database('STATE_DB', 'asic2').keys()).toEqual([]);
      expect(await db.namespaces()).toEqual(['asic0', 'asic1', 'asic10']);

      await db.database('CHASSIS_APP_DB', 'asic3').set('BGP_DEVICE_GLOBAL', 'STATE', { tsa_enabled: 'true' });
      expect(await db.database('CHASSIS_APP_DB').get('BGP_DEVICE_GLOBAL', 'STATE')).toEqual({ tsa_enabled: 'true' });
      expect(db.database('CHASSIS_STATE_DB', 'asic1').namespace).toBe('');
      expect(db.database('CHASSIS_STATE_DB').id).toBe(13);
      expect(db.database('CHASSIS_APP_DB').id).toBe(12);
    });

    it("reports a table's changes in order: SET with the whole row, DEL once", async () => {
      const state = db.database('STATE_DB', 'asic0');
      const seen: TableChange[] = [];
      const sub = await state.subscribe('WARM_RESTART_TABLE', (c) => seen.push(c));
      await state.set('WARM_RESTART_TABLE', 'orchagent', { restore_count: '1', state: 'restored' });
      await eventually(() => expect(seen).toHaveLength(1));
      await state.set('WARM_RESTART_TABLE', 'orchagent', { state: 'reconciled' });
      await eventually(() => expect(seen).toHaveLength(2));
      await state.deleteFields('WARM_RESTART_TABLE', 'orchagent', ['state']);
      await eventually(() => expect(seen).toHaveLength(3));
      await state.deleteFields('WARM_RESTART_TABLE', 'orchagent', ['restore_count']);
      await eventually(() => expect(seen).toHaveLength(4));
      await state.set('WARM_RESTART_TABLE', 'bgp', { state: 'disabled' });
      await state.delete('WARM_RESTART_TABLE', 'bgp');
      await state.delete('WARM_RESTART_TABLE', 'bgp');
      // Writes elsewhere: another table, namespace, database, the global namespace.
      await state.set('WARM_RESTART_ENABLE_TABLE', 'system', { enable: 'true' });
      await db.database('STATE_DB', 'asic1').set('WARM_RESTART_TABLE', 'orchagent', { state: 'x' });
      await db.database('STATE_DB').set('WARM_RESTART_TABLE', 'orchagent', { state: 'x' });
      await db.database('CONFIG_DB', 'asic0').set('WARM_RESTART_TABLE', 'orchagent', { state: 'x' });
      await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(6));
      await settle(db);
      const t = 'WARM_RESTART_TABLE';
      expect(seen[0]).toEqual({
        op: 'SET',
        table: t,
        key: 'orchagent',
        fields: { restore_count: '1', state: 'restored' },
      });
      expect(seen[1]).toEqual({
        op: 'SET',
        table: t,
        key: 'orchagent',
        fields: { restore_count: '1', state: 'reconciled' },
      });
      expect(seen[2]).toEqual({ op: 'SET', table: t, key: 'orchagent', fields: { restore_count: '1' } });
      expect(seen[3]).toEqual({ op: 'DEL', table: t, key: 'orchagent' });
      // The last two: bgp's SET (its row as read after the change: on Redis the later DEL may win
      // the read, which then shows as a single DEL) and DEL.
      const rest = seen.slice(4);
      expect(rest.at(-1)).toEqual({ op: 'DEL', table: t, key: 'bgp' });
      expect(rest.length === 2 ? rest[0] : { op: 'SET', table: t, key: 'bgp', fields: { state: 'disabled' } }).toEqual({
        op: 'SET',
        table: t,
        key: 'bgp',
        fields: { state: 'disabled' },
      });
      expect(rest.length).toBeLessThanOrEqual(2);

      await sub.close();
      await sub.close();
      await state.set('WARM_RESTART_TABLE', 'late', { state: 'x' });
      await settle(db);
      expect(seen.filter((c) => c.op !== 'GAP' && c.key === 'late')).toEqual([]);
    });

    it('keeps delivering to other subscribers when a listener throws, and says so', async () => {
      const state = db.database('STATE_DB');
      const good: TableChange[] = [];
      await state.subscribe('DPU_STATE', () => {
        throw new Error('listener bug');
      });
      await state.subscribe('DPU_STATE', (c) => good.push(c));
      await state.set('DPU_STATE', 'dpu0', { dpu_control_plane_state: 'up' });
      await eventually(() => expect(good).toHaveLength(1));
      await state.set('DPU_STATE', 'dpu0', { dpu_control_plane_state: 'down' });
      await eventually(() => expect(good).toHaveLength(2));
      await eventually(() => expect(events.filter((e) => e.kind === 'listener-failed')).toHaveLength(2));
      expect(good.map((c) => c.op === 'SET' && c.fields.dpu_control_plane_state)).toEqual(['up', 'down']);
    });

    it('refuses bad names and values with an error naming the database, key and field, writing nothing', async () => {
      const state = db.database('STATE_DB', 'asic0');
      const refused = async (op: () => Promise<unknown>, match: RegExp) => {
        const e = await op().then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(e).toBeInstanceOf(DbValueError);
        expect((e as DbValueError).kind).toBe('DbValueError');
        expect((e as Error).message).toMatch(match);
        return e as DbValueError;
      };
      const bad = (v: unknown) => v as string;
      const e1 = await refused(
        () => state.set('WARM_RESTART_TABLE', 'orchagent', { restore_count: bad(3) }),
        /STATE_DB \(6\) namespace asic0 "WARM_RESTART_TABLE\|orchagent" field "restore_count": value must be a string, got number/,
      );
      expect(e1.place).toEqual({
        db: 'STATE_DB',
        namespace: 'asic0',
        key: 'WARM_RESTART_TABLE|orchagent',
        field: 'restore_count',
      });
      await refused(
        () => state.set('WARM_RESTART_TABLE', 'orchagent', { state: 'ok', restore_count: bad(undefined) }),
        /field "restore_count": value must be a string, got undefined/,
      );
      await refused(() => state.set('WARM_RESTART_TABLE', 'orchagent', { state: bad(null) }), /got null/);
      await refused(() => state.set('WARM_RESTART_TABLE', 'orchagent', {}), /at least one field/);
      await refused(
        () => state.set('WARM|RESTART', 'orchagent', { state: 'x' }),
        /table name "WARM\|RESTART" must match/,
      );
      await refused(() => state.set('asic0/T', 'k', { state: 'x' }), /table name/);
      await refused(() => state.set('WARM_RESTART_TABLE', '', { state: 'x' }), /key must not be empty/);
      await refused(() => state.getField('WARM_RESTART_TABLE', 'orchagent', ''), /field name must not be empty/);
      await refused(() => state.deleteFields('WARM_RESTART_TABLE', 'orchagent', []), /no field/);
      await refused(() => state.subscribe('A*', () => undefined), /table name/);
      expect(() => db.database('STATE_DB', 'asic 0')).toThrow(DbValueError);
      expect(() => db.database('STATE_DB', 'a/b')).toThrow(/namespace "a\/b" must match/);
      expect(() => db.database('NOPE_DB' as 'STATE_DB')).toThrow(/unknown database "NOPE_DB"/);
      expect(await state.keys()).toEqual([]);
    });

    it('fails every call after close with DbConnectionError (closed)', async () => {
      const state = db.database('STATE_DB');
      await state.set('T', 'k', { f: 'v' });
      await db.close();
      const e = await state.get('T', 'k').catch((err: unknown) => err);
      expect(e).toBeInstanceOf(DbConnectionError);
      expect((e as DbConnectionError).reason).toBe('closed');
      expect((e as DbConnectionError).place).toEqual({ db: 'STATE_DB', namespace: '', key: 'T|k' });
    });
  });
}
