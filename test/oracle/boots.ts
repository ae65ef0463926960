/**
 * Boots for the oracle and expectation tests, in one place (the boot sequence is moving from
 * `SwitchAgent.boot` into the instance layer: only this file follows it). Every adapter a boot
 * makes goes through a `WriteRecorder`.
 */
import { SwitchAgent, type BootOptions, type SwitchState } from '../../src/agent/index.js';
import type { WriteRecorder } from './recorder.js';

type CreateAdapter = BootOptions['createAdapter'];

/** `createAdapter` with every adapter recorded by `recorder`. */
export function recorded(createAdapter: CreateAdapter, recorder: WriteRecorder): CreateAdapter {
  return (bootType, profile) => recorder.wrap(createAdapter(bootType, profile));
}

/** Boots `desired` (cold, or warm from `stateDir` when it holds a state). */
export function boot(createAdapter: CreateAdapter, desired: SwitchState, options: Partial<BootOptions> = {}) {
  return SwitchAgent.boot({ ...options, createAdapter, desired });
}

/** Warm shutdown of `agent` into `stateDir`. */
export function warmShutdown(agent: SwitchAgent, stateDir: string): void {
  agent.warmShutdown(stateDir);
}

/** Cold shutdown (the adapter, and so a vs library, is free again). */
export function coldShutdown(agent: SwitchAgent): void {
  agent.adapter.shutdown({ warm: false });
}
