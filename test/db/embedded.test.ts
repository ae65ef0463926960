import { describe, expect, it } from 'vitest';
import { EmbeddedStateDb, openStateDb } from '../../src/db/index.js';
import { stateDbSuite } from './state-db.suite.js';

stateDbSuite('embedded', async (events) => openStateDb({ onEvent: (e) => events.push(e) }));

describe('embedded state DB', () => {
  it('is the default of openStateDb, also as --db embedded', async () => {
    expect((await openStateDb()).backend).toBe('embedded');
    expect((await openStateDb({ url: 'embedded' })).backend).toBe('embedded');
  });

  it('moves its rows to plain data and back', async () => {
    const a = new EmbeddedStateDb();
    await a
      .database('STATE_DB', 'asic1')
      .set('WARM_RESTART_TABLE', 'orchagent', { restore_count: '2', state: 'reconciled' });
    await a.database('STATE_DB').set('WARM_RESTART_ENABLE_TABLE', 'system', { enable: 'true' });
    await a.database('APPL_DB').set('ROUTE_TABLE', '10.0.0.0/8', { nexthop: '10.0.0.1' });
    const rows = a.rows();
    expect(rows.map((r) => `${r.namespace}/${r.db}/${r.key}`)).toEqual([
      '/APPL_DB/ROUTE_TABLE:10.0.0.0/8',
      '/STATE_DB/WARM_RESTART_ENABLE_TABLE|system',
      'asic1/STATE_DB/WARM_RESTART_TABLE|orchagent',
    ]);
    const b = new EmbeddedStateDb();
    await b.load(JSON.parse(JSON.stringify(rows)));
    expect(b.rows()).toEqual(rows);
    await expect(b.load([{ namespace: '', db: 'STATE_DB', key: 'NOKEY', fields: { a: 'b' } }])).rejects.toThrow(
      /key must not be empty/,
    );
  });

  it('does not call a listener during the write that caused the change', async () => {
    const db = new EmbeddedStateDb();
    const state = db.database('STATE_DB');
    let writing = false;
    let calledDuringWrite = false;
    await state.subscribe('T', () => {
      if (writing) calledDuringWrite = true;
    });
    writing = true;
    const p = state.set('T', 'k', { f: 'v' });
    writing = false;
    await p;
    await new Promise((r) => setTimeout(r, 0));
    expect(calledDuringWrite).toBe(false);
  });
});
