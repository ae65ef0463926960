/**
 * One instance's drain as a real process, for the process tests: an `InstanceDrain` on a Redis
 * state DB with the system clock. Prints one JSON line per decision that takes effect
 * (`{"event":"decision",...}`), a `ready` line once started; SIGTERM stops it cleanly, SIGKILL is a
 * crash.
 *
 *   node --import tsx drain-agent.child.ts URL CHASSIS_URL NAMESPACE STATE_DIR cold|warm HOLD_MS
 */
import { RedisStateDb } from '../../../src/db/index.js';
import { InstanceDrain } from '../../../src/system/drain/instance-drain.js';
import type { DrainDecision } from '../../../src/system/drain/operational.js';

const [url, chassis, namespace, stateDir, bootType, holdMs] = process.argv.slice(2);
const say = (o: object): void => void process.stdout.write(`${JSON.stringify(o)}\n`);
const brief = (d: DrainDecision) => ({
  drained: d.drained,
  basis: d.basis,
  reasons: d.reasons.map((r) => (r.kind === 'tsa' ? r.scope : r.kind)),
  unknown: d.unknown.map((u) => `${u.scope}:${u.cause}`),
});

const db = new RedisStateDb({ url, chassis, maxRetries: 1, connectTimeoutMs: 2000, commandTimeoutMs: 5000 });
const drain = await InstanceDrain.start({
  db,
  namespace,
  stateDir,
  bootType: bootType as 'cold' | 'warm',
  holdMs: Number(holdMs),
  retryMs: 200,
  onDecision: (d) => say({ event: 'decision', pid: process.pid, ...brief(d) }),
});
say({ event: 'ready', pid: process.pid, hold: drain.hold ?? null, ...brief(drain.decision) });

process.on('SIGTERM', () => {
  void drain
    .stop()
    .then(() => db.close())
    .then(() => process.exit(0));
});

// SIGUSR1: a dump of what the drain did, for a failing test to show.
process.on('SIGUSR1', () => {
  const idle = Promise.race([
    drain.evaluate().then(() => 'idle'),
    new Promise((r) => setTimeout(() => r('STUCK'), 2000)),
  ]);
  void idle.then((q) =>
    process.stderr.write(
      `${JSON.stringify({ pid: process.pid, namespace, queue: q, readings: drain.readings, events: drain.events })}\n`,
    ),
  );
});
