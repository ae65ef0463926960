/** Update batches: announces move routes deterministically, withdraws remove, absent withdraws are counted. */
import { describe, expect, it } from 'vitest';
import { RouteActionInterner } from '../../src/agent/index.js';
import { batchState } from '../../src/cli/apply-updates.js';
import { buildDesired } from '../../src/cli/desired.js';
import { UpdateMapper } from '../../src/cli/update-mapper.js';
import type { RouteUpdate } from '../../src/routes/index.js';

const a = (prefix: string, line = 1): RouteUpdate => ({
  op: 'announce',
  prefix,
  family: prefix.includes(':') ? 6 : 4,
  line,
});
const w = (prefix: string, line = 1): RouteUpdate => ({
  op: 'withdraw',
  prefix,
  family: prefix.includes(':') ? 6 : 4,
  line,
});

describe('update batches', () => {
  const desired = buildDesired(
    [{ prefix: '10.0.0.0/8' }, { prefix: '192.0.2.0/24' }, { prefix: '2001:db8::/32' }],
    false,
    new RouteActionInterner(),
    32,
  );
  const state = desired.state;

  it('an announce of a present prefix moves it to another ECMP set, the same way every time', () => {
    const r1 = batchState(state, [a('10.0.0.0/8')], new UpdateMapper(desired.choices));
    const r2 = batchState(state, [a('10.0.0.0/8')], new UpdateMapper(desired.choices));
    const moved = r1.next.routes.v4.get('10.0.0.0/8');
    expect(moved).toBeDefined();
    expect(moved).not.toBe(state.routes.v4.get('10.0.0.0/8'));
    expect(r2.next.routes.v4.get('10.0.0.0/8')).toBe(moved);
    expect(desired.choices.v4).toContain(moved);
    // A second announce moves it again.
    const mapper = new UpdateMapper(desired.choices);
    const twice = batchState(state, [a('10.0.0.0/8'), a('10.0.0.0/8')], mapper);
    expect(twice.next.routes.v4.get('10.0.0.0/8')).not.toBe(moved);
  });

  it('withdraws remove; a withdraw of an absent prefix is counted and ignored', () => {
    const r = batchState(
      state,
      [w('192.0.2.0/24'), w('198.51.100.0/24'), a('2001:db8:1::/48'), w('2001:db8::/32')],
      new UpdateMapper(desired.choices),
    );
    expect(r.ignoredWithdraws).toBe(1);
    expect(r.next.routes.v4.has('192.0.2.0/24')).toBe(false);
    expect(r.next.routes.v4.size).toBe(1);
    expect(r.next.routes.v6.has('2001:db8:1::/48')).toBe(true);
    expect(r.next.routes.v6.has('2001:db8::/32')).toBe(false);
    expect(r.next.neighbors).toBe(state.neighbors); // only the route tables change
  });

  it('within one batch a withdraw after an announce of a new prefix removes it; a second withdraw is ignored', () => {
    const r = batchState(
      state,
      [a('203.0.113.0/24'), w('203.0.113.0/24'), w('203.0.113.0/24')],
      new UpdateMapper(desired.choices),
    );
    expect(r.next.routes.v4.has('203.0.113.0/24')).toBe(false);
    expect(r.ignoredWithdraws).toBe(1);
  });

  it('announces with a known next hop go to it (next-hop topology)', () => {
    const nh = buildDesired(
      [
        { prefix: '10.0.0.0/8', nextHop: '192.168.1.2' },
        { prefix: '172.16.0.0/12', nextHop: '192.168.2.2' },
      ],
      true,
      new RouteActionInterner(),
      32,
    );
    const r = batchState(nh.state, [{ ...a('10.0.0.0/8'), nextHop: '192.168.2.2' }], new UpdateMapper(nh.choices));
    expect(r.next.routes.v4.get('10.0.0.0/8')).toBe(nh.state.routes.v4.get('172.16.0.0/12'));
  });
});
