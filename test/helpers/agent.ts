/** Agent fixtures on the fake adapter, with state directories under the OS temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { FakeSaiAdapter } from '../../src/adapter/index.js';
import { SwitchAgent, type BootOptions, type SwitchState } from '../../src/agent/index.js';

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

/** The fake adapter factory for `SwitchAgent.boot`. */
export const fakeAdapter =
  (ports = 32): BootOptions['createAdapter'] =>
  (_bootType, profile) =>
    new FakeSaiAdapter({ ports, profile });

/** Cold boots `desired` into `dir` and shuts down warm; returns the cold agent's report. */
export function coldThenShutdown(desired: SwitchState, dir: string) {
  const { agent, report } = SwitchAgent.boot({ createAdapter: fakeAdapter(), desired, stateDir: dir });
  const shutdown = agent.warmShutdown(dir);
  return { agent, report, shutdown };
}
