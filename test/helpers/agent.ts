/** Agent fixtures, with state directories under the OS temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { SwitchAgent, type BootOptions, type SwitchState } from '../../src/agent/index.js';
import { agentAdapter } from './adapter-factories.js';
import { snapshot } from './snapshot.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh temporary state directory, removed after the test. */
export function stateDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'saistore-'));
  dirs.push(d);
  return d;
}

/** The fake adapter factory for `SwitchAgent.boot` (instrumented). */
export const fakeAdapter = (ports = 32): BootOptions['createAdapter'] => agentAdapter('fake', ports);

/** Cold boots `desired` into `dir` and shuts down warm; returns the cold agent's report. */
export function coldThenShutdown(
  desired: SwitchState,
  dir: string,
  createAdapter: BootOptions['createAdapter'] = fakeAdapter(),
) {
  const { agent, report } = SwitchAgent.boot({ createAdapter, desired, stateDir: dir });
  const shutdown = agent.warmShutdown(dir);
  return { agent, report, shutdown };
}

/**
 * The id-free snapshot of a cold boot of `desired` on a fresh adapter, which is then shut down
 * (so a vs adapter is free for the next one).
 */
export function coldBootSnapshot(createAdapter: BootOptions['createAdapter'], desired: SwitchState): string[] {
  const { agent } = SwitchAgent.boot({ createAdapter, desired });
  try {
    return snapshot(agent.store);
  } finally {
    agent.adapter.shutdown({ warm: false });
  }
}
