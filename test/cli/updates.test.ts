/**
 * Update batches: announces move routes deterministically or go to the next hop they name (a new
 * one gets its neighbor and interface address), withdraws remove, absent withdraws are counted,
 * interface prefixes are shadowed.
 */
import { describe, expect, it } from 'vitest';
import { RouteActionInterner, stateDelta, type RouteAction } from '../../src/agent/index.js';
import { batchState } from '../../src/cli/apply-updates.js';
import { buildDesired } from '../../src/cli/desired.js';
import { UpdateMapper } from '../../src/cli/update-mapper.js';
import type { RouteUpdate } from '../../src/routes/index.js';

const a = (prefix: string, line = 1, nextHop?: string): RouteUpdate => ({
  op: 'announce',
  prefix,
  family: prefix.includes(':') ? 6 : 4,
  line,
  ...(nextHop ? { nextHop } : {}),
});
const w = (prefix: string, line = 1): RouteUpdate => ({
  op: 'withdraw',
  prefix,
  family: prefix.includes(':') ? 6 : 4,
  line,
});

const via = (action: RouteAction | undefined) =>
  action?.kind === 'forward' ? action.nextHops.map((n) => `${n.rif}/${n.ip}`).join(',') : action?.kind;

describe('update batches, synthetic table', () => {
  const desired = buildDesired(
    { routes: [{ prefix: '10.0.0.0/8' }, { prefix: '192.0.2.0/24' }, { prefix: '2001:db8::/32' }] },
    { ports: 32, interner: new RouteActionInterner() },
  );
  const state = desired.state;

  it('an announce of a present prefix moves it to another ECMP set, the same way every time', () => {
    const r1 = batchState(state, [a('10.0.0.0/8')], new UpdateMapper({ desired }));
    const r2 = batchState(state, [a('10.0.0.0/8')], new UpdateMapper());
    const moved = r1.next.routes.v4.get('10.0.0.0/8');
    expect(moved).toBeDefined();
    expect(moved).not.toEqual(state.routes.v4.get('10.0.0.0/8'));
    expect(r2.next.routes.v4.get('10.0.0.0/8')).toEqual(moved);
    expect(desired.choices.v4).toContain(moved);
    // A second announce moves it again.
    const twice = batchState(state, [a('10.0.0.0/8'), a('10.0.0.0/8')], new UpdateMapper({ desired }));
    expect(twice.next.routes.v4.get('10.0.0.0/8')).not.toBe(moved);
  });

  it('withdraws remove; a withdraw of an absent prefix is counted and ignored', () => {
    const r = batchState(
      state,
      [w('192.0.2.0/24'), w('198.51.100.0/24'), a('2001:db8:1::/48'), w('2001:db8::/32')],
      new UpdateMapper({ desired }),
    );
    expect(r.ignoredWithdraws).toBe(1);
    expect(r.next.routes.v4.has('192.0.2.0/24')).toBe(false);
    expect(r.next.routes.v4.size).toBe(1);
    expect(r.next.routes.v6.has('2001:db8:1::/48')).toBe(true);
    expect(r.next.routes.v6.has('2001:db8::/32')).toBe(false);
    expect(r.next.neighbors).toBe(state.neighbors); // only the route tables change
    expect(r.next.routerInterfaces).toBe(state.routerInterfaces);
  });

  it('within one batch a withdraw after an announce of a new prefix removes it; a second withdraw is ignored', () => {
    const r = batchState(
      state,
      [a('203.0.113.0/24'), w('203.0.113.0/24'), w('203.0.113.0/24')],
      new UpdateMapper({ desired }),
    );
    expect(r.next.routes.v4.has('203.0.113.0/24')).toBe(false);
    expect(r.ignoredWithdraws).toBe(1);
  });

  it('an announce naming a next hop the synthetic table lacks is programmed to it: new neighbor and interface address', () => {
    const r = batchState(state, [a('10.0.0.0/8', 7, '193.203.0.88')], new UpdateMapper({ desired }));
    expect(r.refused).toEqual([]);
    expect(via(r.next.routes.v4.get('10.0.0.0/8'))).toBe('Ethernet0/193.203.0.88');
    expect(r.newNeighbors).toBe(1);
    expect(r.next.neighbors.get('Ethernet0|193.203.0.88')).toMatchObject({ rif: 'Ethernet0', ip: '193.203.0.88' });
    expect(r.next.routerInterfaces.get('Ethernet0')!.addresses).toContain('193.203.0.1/24');
    // The synthetic interface keeps its addresses.
    expect(r.next.routerInterfaces.get('Ethernet0')!.addresses).toContain('100.64.0.1/24');
  });
});

describe('update batches, next-hop table', () => {
  const desired = buildDesired(
    {
      routes: [
        { prefix: '10.0.0.0/8', nextHop: '192.168.1.2' },
        { prefix: '172.16.0.0/12', nextHop: '192.168.2.2' },
        { prefix: '193.203.0.0/23', nextHop: '202.249.2.184' },
      ],
    },
    { ports: 32 },
  );
  const state = desired.state;

  it('announces with a known next hop go to it', () => {
    const r = batchState(state, [a('10.0.0.0/8', 1, '192.168.2.2')], new UpdateMapper({ desired }));
    expect(r.next.routes.v4.get('10.0.0.0/8')).toBe(state.routes.v4.get('172.16.0.0/12'));
  });

  it('an announce with a new next hop is programmed as named, never replaced by another peer', () => {
    // The case: 109.109.32.0/19 announced via 193.203.0.88 must not go via 202.249.2.184.
    const r = batchState(state, [a('109.109.32.0/19', 1, '193.203.0.88')], new UpdateMapper({ desired }));
    expect(via(r.next.routes.v4.get('109.109.32.0/19'))).toBe('Ethernet3/193.203.0.88');
    expect(r.newNeighbors).toBe(1);
    expect(r.next.routerInterfaces.get('Ethernet3')!.addresses).toEqual(['193.203.0.1/24']);
    // The agent sees an interface, a neighbor and a route to add: nothing else.
    const d = stateDelta(state, r.next);
    expect(d.routerInterfaces.added.map(([k]) => k)).toEqual(['Ethernet3']);
    expect(d.neighbors.added.map(([k]) => k)).toEqual(['Ethernet3|193.203.0.88']);
    expect(d.routes.v4.added.map(([p]) => p)).toEqual(['109.109.32.0/19']);
  });

  it("an announce via an interface's own address is refused with the reason, and nothing else of it is made", () => {
    const own = state.routerInterfaces.get('Ethernet0')!.addresses[0].split('/')[0];
    const r = batchState(state, [a('11.0.0.0/8', 4, own), a('12.0.0.0/8', 5)], new UpdateMapper({ desired }));
    expect(r.refused).toEqual([
      { update: a('11.0.0.0/8', 4, own), reason: `next hop ${own} is router interface Ethernet0's own address` },
    ]);
    expect(r.next.routes.v4.has('11.0.0.0/8')).toBe(false);
    // The announce without a next hop got the synthetic topology (added on first use), not a peer's next hop.
    const action = r.next.routes.v4.get('12.0.0.0/8');
    expect(via(action)).toMatch(/^Ethernet\d+\/100\.64\./);
    expect(r.next.neighbors.size).toBe(state.neighbors.size + 64 * 2);
  });

  it('an announce of a connected subnet is shadowed; a new interface address shadows the table route for its subnet', () => {
    const mapper = new UpdateMapper({ desired });
    const r1 = batchState(state, [a('192.168.1.0/24', 1, '202.249.2.184')], mapper);
    expect(r1.shadowed).toBe(1);
    expect(r1.next.routes.v4.has('192.168.1.0/24')).toBe(false);
    // 193.203.0.0/23 is in the table; a route 193.203.1.0/24 then a next hop inside it.
    const r2 = batchState(
      r1.next,
      [a('193.203.1.0/24', 2, '192.168.1.2'), a('8.8.8.0/24', 3, '193.203.1.7')],
      mapper,
    );
    expect(r2.shadowed).toBe(1);
    expect(r2.next.routes.v4.has('193.203.1.0/24')).toBe(false); // the connected route wins
    expect(r2.next.routes.v4.has('193.203.0.0/23')).toBe(true); // a covering route is no clash
    expect(via(r2.next.routes.v4.get('8.8.8.0/24'))).toBe('Ethernet3/193.203.1.7');
  });

  it('a new interface address avoids the host routes of the table', () => {
    const withHost = batchState(state, [a('203.0.113.1/32', 1, '192.168.1.2')], new UpdateMapper({ desired }));
    const r = batchState(withHost.next, [a('8.8.8.0/24', 2, '203.0.113.9')], new UpdateMapper());
    expect(r.next.routerInterfaces.get('Ethernet3')!.addresses).toEqual(['203.0.113.2/24']);
    expect(r.next.routes.v4.has('203.0.113.1/32')).toBe(true);
    expect(r.shadowed).toBe(0);
  });

  it('a mapper given another state rebuilds its topology from that state', () => {
    const mapper = new UpdateMapper({ desired });
    const r1 = batchState(state, [a('9.0.0.0/8', 1, '198.51.100.5')], mapper);
    // A batch against the original state again: the new next hop is made afresh, on the same interface.
    const r2 = batchState(state, [a('9.0.0.0/8', 1, '198.51.100.5')], mapper);
    expect(r2.next.routerInterfaces.get('Ethernet3')).toEqual(r1.next.routerInterfaces.get('Ethernet3'));
    expect(r2.newNeighbors).toBe(1);
  });
});
