/**
 * After the chassis redis-server restarts, every instance subscribes again and follows the next
 * change. Real clock, real servers: the timing is the point. (The failure this found, an instance
 * whose re-subscription failed while its re-read succeeded, keeping a "missing key" reading with no
 * subscription and no retry, depends on timing here; `instance-drain.test.ts` has it deterministic.)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RedisStateDb } from '../../../src/db/index.js';
import { setChassisDrain } from '../../../src/system/drain/chassis.js';
import { InstanceDrain } from '../../../src/system/drain/instance-drain.js';
import { describeWithNeed, needRedisServer } from '../../helpers/need.js';
import { startRedisServer } from '../../helpers/redis-server.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWithNeed(needRedisServer(), 'drain subscriptions across a chassis redis restart', () => {
  it('8 instances follow the supervisor after the chassis server restarts', async () => {
    const [g, c] = await Promise.all([startRedisServer(), startRedisServer()]);
    const root = mkdtempSync(join(tmpdir(), 'drain-resub-'));
    const opts = { url: g.url, chassis: c.url, maxRetries: 1, connectTimeoutMs: 2000, commandTimeoutMs: 5000 };
    const dbs = Array.from({ length: 8 }, () => new RedisStateDb(opts));
    const sup = new RedisStateDb({ url: c.url, maxRetries: 1 });
    const drains: InstanceDrain[] = [];
    try {
      await setChassisDrain(sup, join(root, 'sup.json'), false);
      for (const [i, db] of dbs.entries()) {
        mkdirSync(join(root, `asic${i}`));
        drains.push(
          await InstanceDrain.start({
            db,
            namespace: `asic${i}`,
            stateDir: join(root, `asic${i}`),
            bootType: 'cold',
            retryMs: 200,
          }),
        );
      }
      await c.kill();
      await sleep(2000);
      await c.restart();
      await sleep(1000);
      await setChassisDrain(sup, join(root, 'sup.json'), true);
      const end = Date.now() + 15_000;
      while (drains.some((d) => !d.decision.reasons.some((r) => r.kind === 'tsa' && r.scope === 'chassis'))) {
        if (Date.now() > end) break;
        await sleep(100);
      }
      expect(drains.map((d) => d.readings.chassis)).toEqual(drains.map(() => ({ kind: 'known', tsaEnabled: true })));
    } finally {
      for (const d of drains) await d.stop();
      for (const db of [...dbs, sup]) await db.close();
      await Promise.all([g.stop(), c.stop()]);
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
