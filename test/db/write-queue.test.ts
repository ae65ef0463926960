import { describe, expect, it } from 'vitest';
import { DbValueError, DbWriteQueue, EmbeddedStateDb, type WriteFailure } from '../../src/db/index.js';

describe('DbWriteQueue (synchronous callers, asynchronous DB)', () => {
  it('runs pushed writes one at a time in push order; a failure is kept, reported, and the rest still run', async () => {
    const db = new EmbeddedStateDb();
    const state = db.database('STATE_DB');
    const told: WriteFailure[] = [];
    const queue = new DbWriteQueue((f) => told.push(f));
    const order: string[] = [];
    // Pushed synchronously, as an instance's lifecycle does; the second would finish first if they ran together.
    queue.push('initialized', async () => {
      await new Promise((r) => setTimeout(r, 20));
      await state.set('WARM_RESTART_TABLE', 'orchagent', { state: 'initialized' });
      order.push('initialized');
    });
    queue.push('bad row', () => state.set('WARM_RESTART_TABLE', 'orchagent', { state: 1 as unknown as string }));
    queue.push('restored', async () => {
      await state.set('WARM_RESTART_TABLE', 'orchagent', { state: 'restored' });
      order.push('restored');
    });
    expect(queue.pending).toBe(3);
    const failures = await queue.flush();
    expect(queue.pending).toBe(0);
    expect(order).toEqual(['initialized', 'restored']);
    expect(await state.getField('WARM_RESTART_TABLE', 'orchagent', 'state')).toBe('restored');
    expect(failures.map((f) => f.what)).toEqual(['bad row']);
    expect(failures[0].error).toBeInstanceOf(DbValueError);
    expect(told).toEqual(failures);
    expect(await queue.flush()).toEqual([]);
  });
});
