import { afterAll, beforeAll } from 'vitest';
import { EmbeddedStateDb, openStateDb } from '../../../src/db/index.js';
import { describeWithNeed, needRedisServer } from '../../helpers/need.js';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { bookkeepingSuite } from './bookkeeping.suite.js';

bookkeepingSuite('embedded', async () => new EmbeddedStateDb());
bookkeepingSuite('embedded, global namespace', async () => new EmbeddedStateDb(), '');

describeWithNeed(needRedisServer(), 'on redis-server', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  bookkeepingSuite('redis', async () => {
    server.cli('FLUSHALL');
    return openStateDb({ url: server.url });
  });
});
