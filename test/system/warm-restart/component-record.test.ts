/** The record's rules, table-driven: base record, events, expected row and refusals. */
import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  recordToRow,
  rowToRecord,
  type BookEvent,
  type ComponentRecord,
} from '../../../src/system/warm-restart/component-record.js';
import { DbValueError } from '../../../src/db/index.js';

const t = (n: number) => `2026-11-29T10:00:0${n}.000Z`;
const warmBoot = (restoreCount: number, warmFailures?: number): BookEvent => ({
  kind: 'boot',
  bootId: `sw@${t(0)}`,
  bootType: 'warm',
  restoreCount,
  at: t(0),
  ...(warmFailures !== undefined ? { warmFailures } : {}),
});
const coldBoot: BookEvent = {
  kind: 'boot',
  bootId: `sw@${t(0)}`,
  bootType: 'cold',
  restoreCount: 0,
  coldReason: 'no checkpoint',
  at: t(0),
};
const st = (state: 'restored' | 'replayed' | 'reconciled', n: number): BookEvent => ({
  kind: 'state',
  state,
  at: t(n),
});

const cases: {
  name: string;
  before?: ComponentRecord;
  events: BookEvent[];
  row: Record<string, string>;
  ignored?: RegExp[];
}[] = [
  {
    name: 'a warm boot reaches reconciled, with a time per state',
    events: [warmBoot(3), st('restored', 1), st('replayed', 2), st('reconciled', 3), { kind: 'running', at: t(4) }],
    row: {
      restore_count: '3',
      state: 'reconciled',
      boot_id: `sw@${t(0)}`,
      boot_type: 'warm',
      warm_failures: '0',
      initialized_at: t(0),
      restored_at: t(1),
      replayed_at: t(2),
      reconciled_at: t(3),
    },
  },
  {
    name: 'a cold boot is disabled with restore_count 0 and its reason; warm states do not apply',
    events: [coldBoot, st('restored', 1), st('reconciled', 2)],
    row: {
      restore_count: '0',
      state: 'disabled',
      boot_id: `sw@${t(0)}`,
      boot_type: 'cold',
      cold_reason: 'no checkpoint',
      warm_failures: '0',
      disabled_at: t(0),
    },
    ignored: [/restored: a cold boot stays disabled/, /reconciled: a cold boot stays disabled/],
  },
  {
    name: 'failed survives every later state and failure of the same boot (SONiC overwrites it)',
    events: [
      warmBoot(1),
      st('restored', 1),
      { kind: 'failed', reason: 'replay wrote under fail', at: t(2) },
      st('replayed', 3),
      st('reconciled', 4),
      { kind: 'failed', reason: 'second', at: t(5) },
      { kind: 'running', at: t(6) },
    ],
    row: {
      restore_count: '1',
      state: 'failed',
      reason: 'replay wrote under fail',
      boot_id: `sw@${t(0)}`,
      boot_type: 'warm',
      warm_failures: '1',
      initialized_at: t(0),
      restored_at: t(1),
      failed_at: t(2),
      last_failed_reason: 'replay wrote under fail',
      last_failed_at: t(2),
    },
    ignored: [
      /replayed: state stays failed \(replay wrote under fail\)/,
      /reconciled: state stays failed/,
      /failure "second": state stays failed/,
    ],
  },
  {
    name: 'a warm attempt that falls back cold: failed with the reason, boot type cold, restore_count 0',
    events: [
      warmBoot(2),
      { kind: 'coldFallback', reason: 'adapter refused the warm file', restoreCount: 0, at: t(1) },
      { kind: 'running', at: t(2) },
    ],
    row: {
      restore_count: '0',
      state: 'failed',
      reason: 'adapter refused the warm file',
      boot_id: `sw@${t(0)}`,
      boot_type: 'cold',
      cold_reason: 'warm start failed: adapter refused the warm file',
      warm_failures: '1',
      initialized_at: t(0),
      failed_at: t(1),
      last_failed_reason: 'adapter refused the warm file',
      last_failed_at: t(1),
    },
  },
  {
    name: 'states out of order are refused',
    events: [warmBoot(1), st('replayed', 1), st('restored', 2)],
    row: {
      restore_count: '1',
      state: 'replayed',
      boot_id: `sw@${t(0)}`,
      boot_type: 'warm',
      warm_failures: '0',
      initialized_at: t(0),
      replayed_at: t(1),
    },
    ignored: [/restored after replayed/],
  },
  {
    name: "a new boot clears the last boot's fields but keeps the failure history; reaching running resets the count",
    before: {
      restoreCount: 4,
      state: 'failed',
      bootId: 'old',
      bootType: 'warm',
      reason: 'old failure',
      at: { initialized: t(0), failed: t(1) },
      reconcile: { staleRemoved: 1, new: 2, same: 3, changed: 4 },
      warmFailures: 1,
      lastFailure: { reason: 'old failure', at: t(1) },
    },
    events: [
      warmBoot(5, 1),
      st('restored', 1),
      st('replayed', 2),
      st('reconciled', 3),
      { kind: 'reconcile', counts: { staleRemoved: 5, new: 6, same: 7, changed: 8 } },
      { kind: 'running', at: t(4) },
    ],
    row: {
      restore_count: '5',
      state: 'reconciled',
      boot_id: `sw@${t(0)}`,
      boot_type: 'warm',
      warm_failures: '0',
      initialized_at: t(0),
      restored_at: t(1),
      replayed_at: t(2),
      reconciled_at: t(3),
      reconcile_stale_removed: '5',
      reconcile_new: '6',
      reconcile_same: '7',
      reconcile_changed: '8',
      last_failed_reason: 'old failure',
      last_failed_at: t(1),
    },
  },
  {
    name: 'events before any boot change nothing',
    events: [st('restored', 1)],
    row: {},
    ignored: [/state before any boot was recorded/],
  },
];

describe('WARM_RESTART_TABLE record rules', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { record, ignored } = applyEvents(c.before, c.events);
      expect(record === undefined ? {} : recordToRow(record)).toEqual(c.row);
      expect(ignored).toHaveLength(c.ignored?.length ?? 0);
      c.ignored?.forEach((re, i) => expect(ignored[i]).toMatch(re));
      if (record) expect(rowToRecord('orchagent', recordToRow(record))).toEqual(record);
    });
  }

  it("reads SONiC's own rows (restore_count and state only), and refuses a malformed one naming the field", () => {
    expect(
      rowToRecord('orchagent', { restore_count: '2', state: 'reconciled', restore_check: 'passed' }),
    ).toMatchObject({
      restoreCount: 2,
      state: 'reconciled',
      bootType: 'warm',
      warmFailures: 0,
    });
    expect(() => rowToRecord('orchagent', { restore_count: 'two', state: 'reconciled' }, 'asic1')).toThrow(
      new DbValueError(
        { db: 'STATE_DB', namespace: 'asic1', key: 'WARM_RESTART_TABLE|orchagent', field: 'restore_count' },
        '"two": a count is a whole number',
      ),
    );
    expect(() => rowToRecord('orchagent', { restore_count: '1', state: 'frozen' })).toThrow(
      /field "state": "frozen": must be one of initialized, restored/,
    );
    expect(() => rowToRecord('orchagent', { state: 'reconciled' })).toThrow(/field "restore_count": missing/);
  });
});
