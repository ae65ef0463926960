/**
 * `operationalDrain`, table-driven: every combination of chassis x instance x hold x last known
 * state, with the design's requirements 5-8 named on the rows that prove them.
 */
import { describe, expect, it } from 'vitest';
import type { HoldStatus } from '../../../src/system/drain/hold.js';
import { known, unknown, type TsaReading } from '../../../src/system/drain/intent.js';
import { operationalDrain, type DrainIntents } from '../../../src/system/drain/operational.js';

const DEADLINE = Date.UTC(2026, 0, 1, 0, 10);
const reading: Record<string, TsaReading> = {
  TSA: known(true),
  TSB: known(false),
  '?': unknown('unreachable', 'CHASSIS_APP_DB: connection refused'),
};
const holds: Record<string, HoldStatus> = {
  run: { state: 'running', startedAt: DEADLINE - 600_000, deadline: DEADLINE, remainingMs: 42_000 },
  none: { state: 'none' },
  exp: { state: 'expired', deadline: DEADLINE },
  end: { state: 'ended', at: DEADLINE - 1000, by: 'operator' },
};
const lasts: Record<string, DrainIntents['last']> = {
  '-': undefined,
  D: { drained: true },
  N: { drained: false },
};

// chassis instance hold last -> drained reasons basis   (req = the requirement a row proves)
// `*` in `last` = every last state gives the same result; `off` in `hold` = none, expired, ended.
const TABLE = `
TSA TSA run *  -> yes chassis,instance,hold intent
TSA TSA off *  -> yes chassis,instance      intent
TSA TSB run *  -> yes chassis,hold          intent       req6 (hold runs beside chassis TSA)
TSA TSB off *  -> yes chassis               intent       req6 (hold expired: still TSA)
TSB TSA run *  -> yes instance,hold         intent       req7
TSB TSA off *  -> yes instance              intent       req7, req8 (chassis TSB keeps instance TSA)
TSB TSB run *  -> yes hold                  intent       req7 (the hold decides)
TSB TSB off *  -> no  -                     intent       req7, req8 (both TSB: normal)
TSA ?   run *  -> yes chassis,hold          intent
TSA ?   off *  -> yes chassis               intent
?   TSA run *  -> yes instance,hold         intent
?   TSA off *  -> yes instance              intent
?   ?   run *  -> yes hold                  intent
TSB ?   run *  -> yes hold                  intent
?   TSB run *  -> yes hold                  intent
?   TSB off -  -> yes unknown:chassis       fail-closed  unreachable chassis at first start
?   TSB off D  -> yes unknown:chassis       last-known   unreachable chassis never undrains
?   TSB off N  -> no  -                     last-known   unreachable chassis never drains a normal device
TSB ?   off -  -> yes unknown:instance      fail-closed
TSB ?   off D  -> yes unknown:instance      last-known
TSB ?   off N  -> no  -                     last-known
?   ?   off -  -> yes unknown:chassis+instance fail-closed
?   ?   off D  -> yes unknown:chassis+instance last-known
?   ?   off N  -> no  -                     last-known
`;

interface Row {
  chassis: string;
  instance: string;
  hold: string;
  last: string;
  drained: boolean;
  reasons: string;
  basis: string;
  note: string;
}

function rows(): Row[] {
  return TABLE.trim()
    .split('\n')
    .map((line) => {
      const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+->\s+(yes|no)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line.trim());
      if (!m) throw new Error(`bad table row: ${line}`);
      return {
        chassis: m[1],
        instance: m[2],
        hold: m[3],
        last: m[4],
        drained: m[5] === 'yes',
        reasons: m[6],
        basis: m[7],
        note: m[8],
      };
    });
}

function reasonWords(d: ReturnType<typeof operationalDrain>): string {
  if (d.reasons.length === 0) return '-';
  return d.reasons
    .map((r) => (r.kind === 'tsa' ? r.scope : r.kind === 'startup-hold' ? 'hold' : `unknown:${r.scopes.join('+')}`))
    .join(',');
}

describe('operationalDrain: every combination of scopes, hold and last known state', () => {
  const expanded: { row: Row; hold: string; last: string }[] = [];
  for (const row of rows()) {
    for (const hold of row.hold === 'off' ? ['none', 'exp', 'end'] : [row.hold])
      for (const last of row.last === '*' ? ['-', 'D', 'N'] : [row.last]) expanded.push({ row, hold, last });
  }

  it('the table covers every combination exactly once', () => {
    const seen = new Set(expanded.map((e) => `${e.row.chassis} ${e.row.instance} ${e.hold} ${e.last}`));
    expect(seen.size).toBe(expanded.length);
    expect(seen.size).toBe(3 * 3 * 4 * 3);
  });

  it.each(expanded)('$row.chassis $row.instance $hold $last -> $row.reasons ($row.note)', ({ row, hold, last }) => {
    const d = operationalDrain({
      chassis: reading[row.chassis],
      instance: reading[row.instance],
      hold: holds[hold],
      last: lasts[last],
    });
    expect(d.drained).toBe(row.drained);
    expect(d.mode).toBe(row.drained ? 'Maintenance' : 'Normal');
    expect(reasonWords(d)).toBe(row.reasons);
    expect(d.basis).toBe(row.basis);
    const unknownScopes = [row.chassis === '?' && 'chassis', row.instance === '?' && 'instance'].filter(Boolean);
    expect(d.unknown.map((u) => u.scope)).toEqual(unknownScopes);
  });

  it('a running hold reports its deadline and the time left', () => {
    const d = operationalDrain({ chassis: known(false), instance: known(false), hold: holds.run });
    expect(d.reasons).toEqual([{ kind: 'startup-hold', deadline: DEADLINE, remainingMs: 42_000 }]);
  });

  it('an unknown scope keeps its cause and detail', () => {
    const d = operationalDrain({
      chassis: unknown('missing-field', 'CHASSIS_APP_DB BGP_DEVICE_GLOBAL|STATE: no field tsa_enabled'),
      instance: known(false),
      hold: holds.none,
      last: { drained: true },
    });
    expect(d.unknown).toEqual([
      {
        scope: 'chassis',
        cause: 'missing-field',
        detail: 'CHASSIS_APP_DB BGP_DEVICE_GLOBAL|STATE: no field tsa_enabled',
      },
    ]);
  });
});

describe('operationalDrain: requirement 8 as a sequence (chassis TSA -> TSB)', () => {
  // Each step feeds the previous decision back as `last`, as the instance does.
  function run(steps: { chassis: TsaReading; instance: TsaReading }[]): boolean[] {
    let last: DrainIntents['last'];
    return steps.map((s) => {
      const d = operationalDrain({ ...s, hold: { state: 'none' }, last });
      last = { drained: d.drained };
      return d.drained;
    });
  }

  it('with the instance in TSB, chassis TSB undrains', () => {
    expect(
      run([
        { chassis: known(true), instance: known(false) },
        { chassis: known(false), instance: known(false) },
      ]),
    ).toEqual([true, false]);
  });

  it('with the instance in TSA, chassis TSB changes nothing', () => {
    expect(
      run([
        { chassis: known(true), instance: known(true) },
        { chassis: known(false), instance: known(true) },
      ]),
    ).toEqual([true, true]);
  });

  it('chassis TSA, then the chassis DB lost, then the instance set to TSB: still drained until the chassis is read', () => {
    const lost = unknown('unreachable', 'lost');
    expect(
      run([
        { chassis: known(true), instance: known(true) },
        { chassis: lost, instance: known(true) },
        { chassis: lost, instance: known(false) },
        { chassis: known(false), instance: known(false) },
      ]),
    ).toEqual([true, true, true, false]);
  });
});
