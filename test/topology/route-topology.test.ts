/**
 * The desired state of a route table (src/agent/route-topology.ts, next-hop-topology.ts): shadowed
 * connected routes, interface addresses that avoid next hops and host routes, mixed tables, the
 * synthetic subnets, and the agent accepting every state built (its interface-route check never
 * fires on a built state).
 */
import { describe, expect, it } from 'vitest';
import { FakeSaiAdapter } from '../../src/adapter/fake/fake-adapter.js';
import {
  NextHopTopology,
  SwitchAgent,
  buildRouteTopology,
  syntheticTopology,
  type RouteAction,
  type SwitchState,
  type TopologyRoute,
} from '../../src/agent/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'saistore-topology-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Cold boots `state` on the fake adapter (throws what the agent throws) and answers the routes programmed. */
function boot(state: SwitchState): number {
  const { agent } = SwitchAgent.boot({
    createAdapter: (_t, profile) => new FakeSaiAdapter({ profile }),
    desired: state,
    stateDir: join(dir, `s${n++}`),
  });
  const routes = agent.state.routes.v4.size + agent.state.routes.v6.size;
  agent.adapter.shutdown({ warm: false });
  return routes;
}

const via = (a: RouteAction | undefined) =>
  a?.kind === 'forward' ? a.nextHops.map((h) => `${h.rif}/${h.ip}`).join(',') : a?.kind;

describe('buildRouteTopology', () => {
  it('without next hops: exactly the synthetic topology', () => {
    const routes: TopologyRoute[] = [{ prefix: '10.0.0.0/8' }, { prefix: '2001:db8::/32' }, { prefix: '1.0.0.0/24' }];
    const built = buildRouteTopology(routes);
    const synthetic = syntheticTopology(routes);
    expect(built.kind).toBe('synthetic');
    expect(built.state.routerInterfaces).toEqual(synthetic.routerInterfaces);
    expect(built.state.neighbors).toEqual(synthetic.neighbors);
    expect([...built.state.routes.v4.entries()]).toEqual([...synthetic.routes.v4.entries()]);
    expect([...built.state.routes.v6.entries()]).toEqual([...synthetic.routes.v6.entries()]);
  });

  it("a table route for a next hop's connected subnet is shadowed, counted and named; the agent takes the rest", () => {
    const routes: TopologyRoute[] = [
      { prefix: '3.0.0.0/8', nextHop: '193.203.0.88' },
      { prefix: '193.203.0.0/24', nextHop: '193.203.0.88' },
      { prefix: '193.203.0.0/23', nextHop: '202.249.2.184' }, // covers it: no clash
      { prefix: '2001:7f8:1::/64', nextHop: '2001:7f8:1::a500:3333:1' },
      { prefix: '2001:db8::/32', nextHop: '2001:7f8:1::a500:3333:1' },
    ];
    const built = buildRouteTopology(routes);
    expect(built.kind).toBe('next-hop');
    expect(built.shadowed).toBe(2);
    expect(built.firstShadowed).toEqual([
      { index: 1, prefix: '193.203.0.0/24', rif: 'Ethernet0' },
      { index: 3, prefix: '2001:7f8:1::/64', rif: 'Ethernet2' },
    ]);
    expect(built.state.routes.v4.size + built.state.routes.v6.size).toBe(3);
    expect(via(built.state.routes.v4.get('3.0.0.0/8'))).toBe('Ethernet0/193.203.0.88');
    expect(boot(built.state)).toBe(3);
  });

  it("the interface's own address avoids every next hop of its subnet and the table's host routes", () => {
    // Before: the first next hop .5 made the interface .1; the later next hop .1 became a neighbor at the interface's address.
    const built = buildRouteTopology([
      { prefix: '1.0.0.0/24', nextHop: '10.0.0.5' },
      { prefix: '2.0.0.0/24', nextHop: '10.0.0.1' },
      { prefix: '10.0.0.2/32', nextHop: '10.0.0.5' },
      { prefix: '3.0.0.0/24', nextHop: '2001:db8::1' },
    ]);
    expect(built.state.routerInterfaces.get('Ethernet0')!.addresses).toEqual(['10.0.0.3/24']);
    expect(built.state.routerInterfaces.get('Ethernet1')!.addresses).toEqual(['2001:db8::2/64']);
    expect(built.refused).toEqual([]);
    expect(built.shadowed).toBe(0);
    expect(via(built.state.routes.v4.get('2.0.0.0/24'))).toBe('Ethernet0/10.0.0.1');
    expect(via(built.state.routes.v4.get('3.0.0.0/24'))).toBe('Ethernet1/2001:db8::1'); // RFC 8950
    expect(boot(built.state)).toBe(4);
  });

  it('mixed: routes without a next hop get the synthetic ECMP sets, never DROP', () => {
    const routes: TopologyRoute[] = [
      ...Array.from({ length: 200 }, (_, i) => ({ prefix: `20.${i}.0.0/16` })),
      { prefix: '198.51.100.0/24', nextHop: '192.0.2.1' },
      { prefix: '2001:db8::/32' },
    ];
    const built = buildRouteTopology(routes);
    expect(built.kind).toBe('mixed');
    const actions = [...built.state.routes.v4.entries(), ...built.state.routes.v6.entries()].map(([, a]) => a);
    expect(actions.filter((a) => a.kind !== 'forward')).toEqual([]);
    expect(via(built.state.routes.v4.get('198.51.100.0/24'))).toBe('Ethernet0/192.0.2.1');
    expect(via(built.state.routes.v4.get('20.0.0.0/16'))).toMatch(/100\.64\./);
    // Ethernet0 has the synthetic addresses first, then the next hop's subnet.
    expect(built.state.routerInterfaces.get('Ethernet0')!.addresses).toEqual([
      '100.64.0.1/24',
      'fd00::1/64',
      '192.0.2.2/24',
    ]);
    expect(boot(built.state)).toBe(202);
  });

  it("next hops in the synthetic subnets sit on the synthetic interface; its own address is refused", () => {
    const built = buildRouteTopology([
      { prefix: '203.0.113.0/24' },
      { prefix: '198.51.100.0/24', nextHop: '100.64.3.1' },
      { prefix: '198.51.101.0/24', nextHop: '100.64.3.10' },
      { prefix: '198.51.102.0/24', nextHop: '100.64.3.200' },
      { prefix: '100.64.5.1/32', nextHop: '100.64.3.10' },
    ]);
    expect(built.refused).toEqual([
      {
        index: 1,
        prefix: '198.51.100.0/24',
        nextHop: '100.64.3.1',
        reason: "next hop 100.64.3.1 is router interface Ethernet3's own address",
      },
    ]);
    expect(via(built.state.routes.v4.get('198.51.101.0/24'))).toBe('Ethernet3/100.64.3.10');
    expect(via(built.state.routes.v4.get('198.51.102.0/24'))).toBe('Ethernet3/100.64.3.200');
    // The synthetic neighbor is reused, not duplicated.
    expect(built.state.neighbors.get('Ethernet3|100.64.3.10')!.mac).toBe('02:00:00:03:00:04');
    expect(built.shadowed).toBe(1); // 100.64.5.1/32 is Ethernet5's own address
    expect(boot(built.state)).toBe(3);
  });

  it('without the synthetic interfaces, a next hop in 100.64.3.0/24 still makes Ethernet3 with .1', () => {
    const built = buildRouteTopology([{ prefix: '198.51.101.0/24', nextHop: '100.64.3.10' }]);
    expect([...built.state.routerInterfaces.keys()]).toEqual(['Ethernet3']);
    expect(built.state.routerInterfaces.get('Ethernet3')!.addresses).toEqual(['100.64.3.1/24']);
  });

  it('spreads new subnets over the ports in order of first next hop', () => {
    const routes = Array.from({ length: 5 }, (_, i) => ({ prefix: `${i + 1}.0.0.0/8`, nextHop: `10.${i}.0.9` }));
    const built = buildRouteTopology(routes, { ports: 2 });
    expect(built.state.routerInterfaces.get('Ethernet0')!.addresses).toEqual(['10.0.0.1/24', '10.2.0.1/24', '10.4.0.1/24']);
    expect(built.state.routerInterfaces.get('Ethernet1')!.addresses).toEqual(['10.1.0.1/24', '10.3.0.1/24']);
  });
});

describe('NextHopTopology.fromState', () => {
  it('rebuilds the topology of a built state: same actions, the next subnet index, the synthetic sets', () => {
    const built = buildRouteTopology([
      { prefix: '1.0.0.0/8', nextHop: '10.0.0.5' },
      { prefix: '2.0.0.0/8' },
      { prefix: '3.0.0.0/8', nextHop: '10.1.0.5' },
    ]);
    const t = NextHopTopology.fromState(built.state);
    expect(t.hasSynthetic).toBe(true);
    expect(t.action('10.0.0.5')).toEqual(built.state.routes.v4.get('1.0.0.0/8'));
    expect(t.owner('10.1.0.0/24')).toBe('Ethernet1');
    expect(t.owner('100.64.7.1/32')).toBe('Ethernet7');
    expect(via(t.action('10.2.0.7') as RouteAction)).toBe('Ethernet2/10.2.0.7');
    expect(t.takeChanges().routerInterfaces.map((r) => [r.name, r.addresses])).toEqual([
      ['Ethernet2', ['100.64.2.1/24', 'fd00:0:0:2::1/64', '10.2.0.1/24']],
    ]);
  });
});
