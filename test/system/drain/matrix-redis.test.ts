/**
 * The drain requirement matrix (see `matrix.ts`) over real redis-servers, 4 instances: the global
 * server holds the supervisor's CONFIG_DB and every instance's namespace (`asicK/` keys), a second
 * server is the chassis DB (SONiC's redis_chassis). "Chassis DB unreachable" kills that server;
 * it comes back empty, as a restarted redis_chassis does, and the supervisor restores it.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { RedisStateDb } from '../../../src/db/index.js';
import { describeWithNeed, needRedisServer } from '../../helpers/need.js';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { ChassisHarness } from './chassis-harness.js';
import { defineDrainMatrix } from './matrix.js';

describeWithNeed(needRedisServer(), 'drain matrix, Redis state DB (global + chassis servers), 4 instances', () => {
  let global: RedisServer;
  let chassis: RedisServer;
  beforeAll(async () => {
    [global, chassis] = await Promise.all([startRedisServer(), startRedisServer()]);
  });
  afterAll(async () => {
    await Promise.all([global?.stop(), chassis?.stop()]);
  });
  beforeEach(async () => {
    // a case that killed the chassis server may have left it down
    if (chassis.pid === -1) await chassis.restart();
    global.cli('FLUSHALL');
    chassis.cli('FLUSHALL');
  });

  defineDrainMatrix(async () => {
    const db = new RedisStateDb({
      url: global.url,
      chassis: chassis.url,
      maxRetries: 1,
      connectTimeoutMs: 2000,
      commandTimeoutMs: 5000,
    });
    await db.connect();
    const h = new ChassisHarness(db, {
      goDown: () => chassis.kill(),
      comeBack: async () => {
        await chassis.restart();
        return false;
      },
    });
    const close = h.close.bind(h);
    h.close = async () => {
      await close();
      await db.close();
    };
    return h;
  });
});
