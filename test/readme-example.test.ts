/** The README's examples, as written there, with their claims checked. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FakeSaiAdapter, SaiStore, SwitchAgent, syntheticTopology } from '../src/index.js';

it('README: using the store', () => {
  const adapter = new FakeSaiAdapter({ ports: 32 });
  const store = new SaiStore(adapter);
  store.loadAdapterOwned();
  const { defaultVirtualRouterId: vrId, portList } = adapter.switchDefaults();

  const rif = store
    .get('ROUTER_INTERFACE')
    .setObject(
      { vrId, type: 'PORT', portId: portList[0] },
      { virtualRouterId: vrId, type: 'PORT', portId: portList[0], mtu: 9100 },
    );
  const nh = store
    .get('NEXT_HOP')
    .setObject({ rifId: rif.oid, ip: '10.0.0.2' }, { type: 'IP', ip: '10.0.0.2', routerInterfaceId: rif.oid });
  const route = store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '192.0.2.0/24' }, { nextHopId: nh.oid });

  store.get('ROUTE_ENTRY').setObject({ vrId, prefix: '192.0.2.0/24' }, { nextHopId: nh.oid }).release();
  expect(adapter.writes()).toMatchObject({ create: 3, set: 0, remove: 0 });

  nh.release();
  expect(adapter.objectCount('NEXT_HOP')).toBe(1);
  route.release();
  expect(adapter.objectCount('NEXT_HOP')).toBe(0);
  expect(adapter.objectCount('ROUTE_ENTRY')).toBe(0);
  rif.release();
  expect(adapter.objectCount('ROUTER_INTERFACE')).toBe(0);
});

it('README: warm boot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saistore-readme-'));
  try {
    const desired = syntheticTopology([{ prefix: '10.0.0.0/8' }, { prefix: '2001:db8::/32' }]);
    const createAdapter = (_bootType: 'cold' | 'warm', profile: Record<string, string>) =>
      new FakeSaiAdapter({ profile });
    const { agent } = SwitchAgent.boot({ createAdapter, desired, stateDir: dir });
    agent.warmShutdown(dir);
    const { report } = SwitchAgent.boot({ createAdapter, desired, stateDir: dir });
    expect(report.bootType).toBe('warm');
    expect(report.ops).toEqual({ create: 0, set: 0, remove: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
