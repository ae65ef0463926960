/**
 * The state DB on a real redis-server (started here, stopped after): the shared suite, SONiC's key
 * layout read back with redis-cli, changes made by other clients, and every way the server can fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DbConnectionError,
  DbUrlError,
  DbValueError,
  RedisStateDb,
  openStateDb,
  type DbEvent,
  type StateDb,
  type TableChange,
} from '../../src/db/index.js';
import { describeWithNeed, needRedisServer } from '../helpers/need.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { eventually, stateDbSuite } from './state-db.suite.js';

describeWithNeed(needRedisServer(), 'state DB on redis-server', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  stateDbSuite('redis', async (events) => {
    server.cli('FLUSHALL');
    return openStateDb({ url: server.url, onEvent: (e) => events.push(e) });
  });

  describe('SONiC layout', () => {
    let db: StateDb;
    afterEach(async () => {
      await db?.close();
      server.cli('FLUSHALL');
    });

    it('is read by redis-cli as SONiC reads it: database numbers, TABLE|key, APPL_DB TABLE:key, asicN/ prefix', async () => {
      db = await openStateDb({ url: server.url });
      await db.database('STATE_DB').set('WARM_RESTART_TABLE', 'orchagent', { restore_count: '3', state: 'reconciled' });
      await db.database('CONFIG_DB').set('WARM_RESTART', 'swss', { neighsyncd_timer: '120' });
      await db.database('APPL_DB').set('ROUTE_TABLE', '10.0.0.0/8', { nexthop: '10.1.1.1' });
      await db
        .database('STATE_DB', 'asic0')
        .set('WARM_RESTART_TABLE', 'orchagent', { restore_count: '1', state: 'replayed' });
      await db.database('CHASSIS_APP_DB', 'asic0').set('BGP_DEVICE_GLOBAL', 'STATE', { tsa_enabled: 'true' });
      const hash = (out: string) => {
        const lines = out.trim().split('\n');
        const o: Record<string, string> = {};
        for (let i = 0; i + 1 < lines.length; i += 2) o[lines[i]] = lines[i + 1];
        return o;
      };
      expect(hash(server.cli('-n', '6', 'hgetall', 'WARM_RESTART_TABLE|orchagent'))).toEqual({
        restore_count: '3',
        state: 'reconciled',
      });
      expect(hash(server.cli('-n', '4', 'hgetall', 'WARM_RESTART|swss'))).toEqual({ neighsyncd_timer: '120' });
      expect(hash(server.cli('-n', '0', 'hgetall', 'ROUTE_TABLE:10.0.0.0/8'))).toEqual({ nexthop: '10.1.1.1' });
      expect(hash(server.cli('-n', '6', 'hgetall', 'asic0/WARM_RESTART_TABLE|orchagent'))).toEqual({
        restore_count: '1',
        state: 'replayed',
      });
      expect(hash(server.cli('-n', '12', 'hgetall', 'BGP_DEVICE_GLOBAL|STATE'))).toEqual({ tsa_enabled: 'true' });
      // And the other way: rows written by SONiC's tools are ours to read.
      server.cli('-n', '6', 'hset', 'WARM_RESTART_ENABLE_TABLE|system', 'enable', 'true');
      expect(await db.database('STATE_DB').get('WARM_RESTART_ENABLE_TABLE', 'system')).toEqual({ enable: 'true' });
    });

    it('sees changes made by another client (keyspace notifications), enabling them on the server when off', async () => {
      server.cli('CONFIG', 'SET', 'notify-keyspace-events', '');
      db = await openStateDb({ url: server.url });
      const seen: TableChange[] = [];
      await db.database('STATE_DB', 'asic2').subscribe('WARM_RESTART_TABLE', (c) => seen.push(c));
      expect(server.cli('CONFIG', 'GET', 'notify-keyspace-events')).toMatch(/K/);
      server.cli('-n', '6', 'hset', 'asic2/WARM_RESTART_TABLE|bgp', 'state', 'restored', 'restore_count', '1');
      server.cli('-n', '6', 'hset', 'WARM_RESTART_TABLE|bgp', 'state', 'global-not-ours');
      server.cli('-n', '6', 'del', 'asic2/WARM_RESTART_TABLE|bgp');
      await eventually(() => expect(seen.at(-1)).toEqual({ op: 'DEL', table: 'WARM_RESTART_TABLE', key: 'bgp' }));
      expect(seen.filter((c) => c.op === 'SET').every((c) => c.op === 'SET' && c.fields.state === 'restored')).toBe(
        true,
      );
    });

    it('puts a namespace on a server of its own when told (SONiC: one redis per namespace)', async () => {
      const other = await startRedisServer();
      try {
        db = new RedisStateDb({ url: server.url, namespaces: { asic1: other.url } });
        await db.database('STATE_DB', 'asic1').set('WARM_RESTART_TABLE', 'orchagent', { state: 'reconciled' });
        await db.database('STATE_DB', 'asic0').set('WARM_RESTART_TABLE', 'orchagent', { state: 'restored' });
        expect(other.cli('-n', '6', 'hget', 'WARM_RESTART_TABLE|orchagent', 'state').trim()).toBe('reconciled');
        expect(server.cli('-n', '6', 'exists', 'asic1/WARM_RESTART_TABLE|orchagent').trim()).toBe('0');
        expect(server.cli('-n', '6', 'hget', 'asic0/WARM_RESTART_TABLE|orchagent', 'state').trim()).toBe('restored');
        expect(await db.namespaces()).toEqual(['asic0', 'asic1']);
        const seen: TableChange[] = [];
        await db.database('STATE_DB', 'asic1').subscribe('WARM_RESTART_TABLE', (c) => seen.push(c));
        other.cli('-n', '6', 'hset', 'WARM_RESTART_TABLE|bgp', 'state', 'disabled');
        await eventually(() =>
          expect(seen).toEqual([{ op: 'SET', table: 'WARM_RESTART_TABLE', key: 'bgp', fields: { state: 'disabled' } }]),
        );
      } finally {
        await db.close();
        await other.stop();
      }
    });

    it('reports a key that is not a hash as a DbValueError naming it', async () => {
      db = await openStateDb({ url: server.url });
      server.cli('-n', '6', 'set', 'WARM_RESTART_TABLE|orchagent', 'a string');
      const e = await db
        .database('STATE_DB')
        .getField('WARM_RESTART_TABLE', 'orchagent', 'state')
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DbValueError);
      expect((e as Error).message).toBe(
        'STATE_DB (6) "WARM_RESTART_TABLE|orchagent" field "state": holds a Redis value that is not a hash (WRONGTYPE)',
      );
    });
  });

  it('README: the state DB example, as written there', async () => {
    const db = await openStateDb({ url: server.url }); // the README's 'redis://127.0.0.1:6379'
    try {
      const state = db.database('STATE_DB', 'asic0');
      await state.set('WARM_RESTART_TABLE', 'orchagent', { restore_count: '1', state: 'restored' });
      const seen: TableChange[] = [];
      await state.subscribe('WARM_RESTART_TABLE', (c) => seen.push(c));
      server.cli('-n', '6', 'hset', 'asic0/WARM_RESTART_TABLE|orchagent', 'state', 'reconciled');
      await eventually(() =>
        expect(seen).toEqual([
          {
            op: 'SET',
            table: 'WARM_RESTART_TABLE',
            key: 'orchagent',
            fields: { restore_count: '1', state: 'reconciled' },
          },
        ]),
      );
    } finally {
      await db.close();
      server.cli('FLUSHALL');
    }
  });

  describe('bad locations and failing servers', () => {
    const fast = { maxRetries: 3, retryDelayMs: () => 50, connectTimeoutMs: 500, commandTimeoutMs: 1_000 };

    it('refuses a bad URL before connecting', async () => {
      for (const [url, reason] of [
        ['http://localhost:6379', /scheme http is not one of redis, rediss, unix/],
        ['redis://localhost:6379/4', /path \/4: the database is chosen by its SONiC number/],
        ['redis://localhost:0', /port 0 is not in 1\.\.65535/],
        ['redis://localhost:99999', /not a URL/],
        ['localhost:6379', /scheme localhost is not one of/],
        ['unix://', /not a URL|needs a socket path/],
        ['', /empty/],
      ] as const) {
        const e = await openStateDb({ url }).catch((x: unknown) => x);
        expect(e, url).toBeInstanceOf(DbUrlError);
        expect((e as Error).message, url).toMatch(reason);
      }
    });

    it('gives up on an unreachable server after the bound, reporting each attempt', async () => {
      const dead = await startRedisServer();
      const url = dead.url;
      await dead.stop();
      const events: DbEvent[] = [];
      const t0 = Date.now();
      const e = await openStateDb({ url, ...fast, onEvent: (x) => events.push(x) }).catch((x: unknown) => x);
      const ms = Date.now() - t0;
      expect(e).toBeInstanceOf(DbConnectionError);
      const err = e as DbConnectionError;
      expect(err.reason).toBe('unreachable');
      expect(err.attempts).toBe(4);
      expect(err.place).toEqual({ db: 'STATE_DB', namespace: '' });
      expect(err.message).toMatch(
        new RegExp(`^STATE_DB \\(6\\) at ${url}: unreachable after 4 attempts: .*ECONNREFUSED`),
      );
      expect(
        events.filter((x) => x.kind === 'reconnecting').map((x) => x.kind === 'reconnecting' && x.attempt),
      ).toEqual([1, 2, 3]);
      expect(events.filter((x) => x.kind === 'gave-up')).toHaveLength(1);
      expect(ms).toBeLessThan(5_000);
    });

    it('rides out a server restart within the bound: the write lands, subscribers hear of the gap and of later changes', async () => {
      const s = await startRedisServer();
      const events: DbEvent[] = [];
      const db = await openStateDb({
        url: s.url,
        maxRetries: 50,
        retryDelayMs: () => 50,
        onEvent: (x) => events.push(x),
      });
      try {
        const state = db.database('STATE_DB', 'asic0');
        const seen: TableChange[] = [];
        await state.subscribe('WARM_RESTART_TABLE', (c) => seen.push(c));
        await state.set('WARM_RESTART_TABLE', 'orchagent', { state: 'restored' });
        await eventually(() => expect(seen).toHaveLength(1));
        await s.kill();
        const pending = state.set('WARM_RESTART_TABLE', 'orchagent', { state: 'replayed' });
        await new Promise((r) => setTimeout(r, 300));
        await s.restart(); // a fresh server: empty, and keyspace notifications off again
        await pending;
        expect(s.cli('-n', '6', 'hget', 'asic0/WARM_RESTART_TABLE|orchagent', 'state').trim()).toBe('replayed');
        await eventually(() => expect(seen.some((c) => c.op === 'GAP')).toBe(true));
        await state.set('WARM_RESTART_TABLE', 'orchagent', { state: 'reconciled' });
        await eventually(() =>
          expect(seen.at(-1)).toEqual({
            op: 'SET',
            table: 'WARM_RESTART_TABLE',
            key: 'orchagent',
            fields: { state: 'reconciled' },
          }),
        );
        expect(events.some((x) => x.kind === 'connection-lost')).toBe(true);
        expect(events.some((x) => x.kind === 'reconnecting')).toBe(true);
        expect(events.some((x) => x.kind === 'reconnected')).toBe(true);
        expect(events.some((x) => x.kind === 'gave-up')).toBe(false);
      } finally {
        await db.close();
        await s.stop();
      }
    });

    it('fails an operation on a dead server with an error naming the database, key and field, then recovers when it is back', async () => {
      const s = await startRedisServer();
      const events: DbEvent[] = [];
      const db = await openStateDb({ url: s.url, ...fast, onEvent: (x) => events.push(x) });
      try {
        const config = db.database('CONFIG_DB', 'asic3');
        await config.set('WARM_RESTART', 'swss', { neighsyncd_timer: '120' });
        const seen: TableChange[] = [];
        await config.subscribe('WARM_RESTART', (c) => seen.push(c));
        await s.kill();
        const e = await config.getField('WARM_RESTART', 'swss', 'neighsyncd_timer').catch((x: unknown) => x);
        expect(e).toBeInstanceOf(DbConnectionError);
        const err = e as DbConnectionError;
        expect(err.reason).toBe('lost');
        expect(err.place).toEqual({
          db: 'CONFIG_DB',
          namespace: 'asic3',
          key: 'WARM_RESTART|swss',
          field: 'neighsyncd_timer',
        });
        expect(err.message).toMatch(
          /^CONFIG_DB \(4\) namespace asic3 "WARM_RESTART\|swss" field "neighsyncd_timer" at redis:\/\/127\.0\.0\.1:\d+: lost after 4 attempts/,
        );
        expect(events.some((x) => x.kind === 'connection-lost')).toBe(true);
        expect(events.some((x) => x.kind === 'gave-up')).toBe(true);
        await eventually(() =>
          expect(seen.at(-1)).toMatchObject({ op: 'GAP', reason: expect.stringMatching(/subscription ended/) }),
        );
        // The next operation starts a fresh bounded attempt.
        await s.restart();
        await config.set('WARM_RESTART', 'swss', { neighsyncd_timer: '90' });
        expect(await config.getField('WARM_RESTART', 'swss', 'neighsyncd_timer')).toBe('90');
      } finally {
        await db.close();
        await s.stop();
      }
    });

    it('times out on a server that stops answering', async () => {
      const s = await startRedisServer();
      const db = await openStateDb({ url: s.url, ...fast });
      try {
        await db.database('STATE_DB').set('T', 'k', { f: 'v' });
        s.pause();
        const e = await db
          .database('STATE_DB')
          .get('T', 'k')
          .catch((x: unknown) => x);
        expect(e).toBeInstanceOf(DbConnectionError);
        expect((e as DbConnectionError).reason).toBe('timeout');
        expect((e as Error).message).toMatch(/STATE_DB \(6\) "T\|k" at .*: timeout .*no answer within 1000 ms/);
        s.resume();
        expect(await db.database('STATE_DB').get('T', 'k')).toEqual({ f: 'v' });
      } finally {
        s.resume();
        await db.close();
        await s.stop();
      }
    });
  });
});
