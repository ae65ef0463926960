/**
 * Fault sweeps at every adapter call position (see `sweep.ts`): five scenarios on the fake
 * adapter, each with one-shot faults and with removes that keep failing; on the FFI adapter over
 * libsaivs the same scenarios with one-shot faults.
 */
import { describe, expect, it } from 'vitest';
import { describeEachAdapter } from '../helpers/adapters.js';
import { applyScenario, planScenario, warmBootScenario } from './scenarios.js';
import { sweep, type Scenario } from './sweep.js';
import { A, B, M } from './topologies.js';
import type { TestAdapter } from '../helpers/adapters.js';

const scenarios: [string, (under: TestAdapter) => Scenario][] = [
  ['cold apply', (u) => applyScenario(u, 'cold apply', undefined, A)],
  ['A -> B delta', (u) => applyScenario(u, 'A -> B delta', A, B)],
  ['router interface move', (u) => applyScenario(u, 'router interface move', A, M)],
  ['warm boot', (u) => warmBootScenario(u, A, B)],
  ['warm boot under plan', (u) => planScenario(u, A, B)],
];

describeEachAdapter('fault sweep', (under) => {
  for (const [name, make] of scenarios) {
    describe(name, () => {
      const modes = under.name === 'fake' ? [false, true] : [false];
      for (const sticky of modes) {
        it(`a fault at every call${sticky ? ', removes refused until cleared' : ''}: typed error, store = adapter, retry converges`, () => {
          const report = sweep(make(under), { sticky });
          console.info(
            `fault sweep [${under.name}] ${name}${sticky ? ' (sticky removes)' : ''}: N=${report.calls} calls, ${report.swept} swept, ${report.ms} ms, errors ${JSON.stringify(report.errors)}, absorbed ${report.absorbed}`,
          );
          expect(report.calls).toBeGreaterThan(0);
        });
      }
    });
  }
});
