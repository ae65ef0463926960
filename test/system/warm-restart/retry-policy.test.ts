/** The retry policy as a table: intent, checkpoint, previous record -> decision. */
import { describe, expect, it } from 'vitest';
import type { ComponentRecord } from '../../../src/system/warm-restart/component-record.js';
import { decideWarmStart, type WarmStartInputs } from '../../../src/system/warm-restart/retry-policy.js';

const record = (over: Partial<ComponentRecord>): ComponentRecord => ({
  restoreCount: 1,
  state: 'reconciled',
  bootId: 'sw@t0',
  bootType: 'warm',
  at: {},
  warmFailures: 0,
  ...over,
});
const usable = { usable: true } as const;

const cases: { name: string; input: WarmStartInputs; expect: Record<string, unknown>; reason?: RegExp }[] = [
  {
    name: 'first warm start',
    input: { enabled: undefined, checkpoint: usable },
    expect: { bootType: 'warm', attempt: 1, warmFailures: 0 },
  },
  {
    name: 'after a reconciled warm start',
    input: { enabled: true, checkpoint: usable, previous: record({}) },
    expect: { bootType: 'warm', attempt: 1 },
  },
  {
    name: 'disabled by the knob',
    input: { enabled: false, enabledBy: 'WARM_RESTART_ENABLE_TABLE|swss', checkpoint: usable },
    expect: { bootType: 'cold', fallback: false },
    reason: /warm restart disabled \(STATE_DB WARM_RESTART_ENABLE_TABLE\|swss enable=false\)/,
  },
  {
    name: 'no usable checkpoint: its reason',
    input: { enabled: true, checkpoint: { usable: false, reason: 'no checkpoint in /tmp/sw' } },
    expect: { bootType: 'cold', fallback: false, reason: 'no checkpoint in /tmp/sw' },
  },
  {
    name: 'one failed warm start: retried warm once',
    input: {
      enabled: true,
      checkpoint: usable,
      previous: record({ state: 'failed', reason: 'x', warmFailures: 1, lastFailure: { reason: 'x', at: 't' } }),
    },
    expect: { bootType: 'warm', attempt: 2, warmFailures: 1 },
    reason: /retrying warm once after a failed warm start \(x\)/,
  },
  {
    name: 'a warm start that died at restored counts as failed: retried once',
    input: { enabled: true, checkpoint: usable, previous: record({ state: 'restored' }) },
    expect: { bootType: 'warm', attempt: 2, warmFailures: 1 },
    reason: /stopped at restored \(the process died\)/,
  },
  {
    name: 'two failed warm starts in a row: cold, explicitly',
    input: {
      enabled: true,
      checkpoint: usable,
      previous: record({ state: 'failed', warmFailures: 2, lastFailure: { reason: 'replay wrote', at: 't' } }),
    },
    expect: { bootType: 'cold', fallback: true, warmFailures: 2 },
    reason: /2 warm starts failed in a row \(last: replay wrote\); starting cold instead of trying again/,
  },
  {
    name: 'the retry died too: cold',
    input: { enabled: true, checkpoint: usable, previous: record({ state: 'initialized', warmFailures: 1 }) },
    expect: { bootType: 'cold', fallback: true, warmFailures: 2 },
  },
  {
    name: 'a cold boot that came up after failures resets nothing by itself; its record says so',
    input: {
      enabled: true,
      checkpoint: usable,
      previous: record({ bootType: 'cold', state: 'disabled', warmFailures: 0 }),
    },
    expect: { bootType: 'warm', attempt: 1 },
  },
];

describe('decideWarmStart', () => {
  for (const c of cases) {
    it(c.name, () => {
      const d = decideWarmStart(c.input);
      expect(d).toMatchObject(c.expect);
      if (c.reason) expect(d.reason).toMatch(c.reason);
    });
  }
});
