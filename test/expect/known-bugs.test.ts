/**
 * Bugs found by the model-based warm boot property (test/warmboot/property.test.ts), each as the
 * smallest case. A known bug is written as `it.fails` (the test asserts the correct behaviour and
 * passes only while that assertion fails); when it is fixed its test turns red: make it a plain
 * `it` and drop the matching workaround in the property. Both below are fixed (issue 9).
 */
import { expect, it } from 'vitest';
import { describeEachAdapter } from '../helpers/adapters.js';
import { stateDir } from '../helpers/agent.js';
import { adapterPicture } from '../oracle/adapter-picture.js';
import { boot, coldShutdown, warmShutdown } from '../oracle/boots.js';
import { buildState } from '../oracle/states.js';

const PORTS = 2;

describeEachAdapter('bugs found by the warm boot property', (under) => {
  // Fixed (issue 9: the port manager's first apply brings ports it does not configure to defaults).
  it('a warm boot replaying the desired state directly resets a port setting the state dropped', () => {
    const dir = stateDir();
    const cold = boot(
      under.createAdapter(PORTS),
      buildState({ ports: { 1: { admin: true, mtu: 9100, speed: 40000 } } }),
      {
        stateDir: dir,
      },
    );
    warmShutdown(cold.agent, dir);
    // The reset is a write: replayed under `allow` (under the default `fail` it is refused, as any write).
    const warm = boot(under.createAdapter(PORTS), buildState({}), {
      stateDir: dir,
      replay: 'desired',
      replayPolicy: 'allow',
    });
    try {
      expect(warm.report.bootType).toBe('warm');
      // As a live apply of the same change does (agent-programs: "port settings removed").
      expect(adapterPicture(warm.agent.adapter)).toContain('PORT port1 admin=false mtu=1514 speed=40000');
    } finally {
      coldShutdown(warm.agent);
    }
  });

  // Fixed (issue 9: a bridge port lives while a vlan member names it).
  it('the bridge port of a port that leaves its last vlan is removed', () => {
    const { agent } = boot(under.createAdapter(PORTS), buildState({ vlans: { 100: [[1, 'tagged']] } }));
    try {
      agent.apply(buildState({ vlans: { 100: [] } }));
      expect(adapterPicture(agent.adapter).filter((l) => l.startsWith('BRIDGE_PORT'))).toEqual([]);
    } finally {
      coldShutdown(agent);
    }
  });
});
