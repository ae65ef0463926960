/**
 * One process of the cross-process warm boot test (`cross-process.test.ts`), run as
 * `node --import tsx test/conformance/warm-exit.child.ts <program|warm> <fake|vs> <stateDir>`.
 *
 * - `program`: cold boots the switch agent on a fresh adapter, programs the desired state, records
 *   what the adapter holds, and exits warm: the agent's state file, then the adapter's warm
 *   shutdown (for vs, by the SAI protocol: RESTART_WARM, remove_switch writing
 *   SAI_WARM_BOOT_WRITE_FILE).
 * - `warm`: boots from the state directory (the adapter restores from SAI_WARM_BOOT_READ_FILE),
 *   replays under write policy `fail`, and reports its writes (zero expected), then what the
 *   adapter holds.
 *
 * Prints one line of JSON on stdout: the report the test asserts on.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { SwitchAgent, stateFiles, syntheticTopology, type SwitchState } from '../../src/agent/index.js';
import type { SaiObjectType } from '../../src/sai/index.js';
import { agentAdapter, type AdapterKind } from '../helpers/adapter-factories.js';
import { adapterDump, digestOf } from '../helpers/adapter-dump.js';
import { snapshot } from '../helpers/store-snapshot.js';
import type { InstrumentedAdapter } from '../../src/adapter/index.js';

/** The state both processes want: 8,000 IPv4 and 2,000 IPv6 routes over ECMP groups. */
export function desiredState(): SwitchState {
  const v4 = Array.from({ length: 8000 }, (_, i) => ({
    prefix: `${20 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`,
  }));
  const v6 = Array.from({ length: 2000 }, (_, i) => ({ prefix: `2001:db8:${(i + 1).toString(16)}::/48` }));
  return syntheticTopology([...v4, ...v6], undefined, { rifs: 8, neighborsPerRif: 2, groups: 16 });
}

const TYPES: readonly SaiObjectType[] = [
  'ROUTER_INTERFACE',
  'NEIGHBOR_ENTRY',
  'NEXT_HOP',
  'NEXT_HOP_GROUP',
  'NEXT_HOP_GROUP_MEMBER',
  'ROUTE_ENTRY',
];

function main(): void {
  const [mode, kind, dir] = process.argv.slice(2);
  if ((mode !== 'program' && mode !== 'warm') || (kind !== 'fake' && kind !== 'vs') || !dir) {
    throw new Error('usage: warm-exit.child.ts <program|warm> <fake|vs> <stateDir>');
  }
  const files = stateFiles(dir);
  const { agent, report } = SwitchAgent.boot({
    createAdapter: agentAdapter(kind as AdapterKind),
    desired: desiredState(),
    stateDir: dir,
  });
  const adapter = agent.adapter as InstrumentedAdapter;
  // Counted before anything below reads the adapter.
  const writes = adapter.writes();
  const counters = Object.fromEntries(TYPES.map((t) => [t, adapter.countersOf(t)]));
  const dump = adapterDump(adapter);
  const out: Record<string, unknown> = {
    pid: process.pid,
    mode,
    adapter: adapter.inner.name,
    bootType: report.bootType,
    coldReason: report.coldReason,
    ops: report.ops,
    applyOps: report.applyOps,
    reloaded: report.reload?.total,
    keysFrom: report.reload?.keysFrom,
    writes,
    counters,
    switchId: `0x${adapter.switchId.toString(16)}`,
    objects: Object.fromEntries(TYPES.map((t) => [t, adapter.objectCount(t)])),
    adapterDigest: digestOf(dump),
    adapterObjects: dump.length,
    storeDigest: digestOf(snapshot(agent.store)),
  };
  if (mode === 'program') {
    agent.warmShutdown(dir);
    out.stateFileBytes = existsSync(files.state) ? statSync(files.state).size : 0;
    out.adapterFileBytes = existsSync(files.adapter) ? statSync(files.adapter).size : 0;
    out.adapterFileHead = existsSync(files.adapter)
      ? readFileSync(files.adapter).subarray(0, 18).toString('latin1')
      : '';
  } else {
    agent.adapter.shutdown({ warm: false });
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
