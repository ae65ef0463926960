/**
 * Fault sweeps at every adapter call position (see `sweep.ts`): five scenarios on the fake
 * adapter, each with one-shot faults and with removes that keep failing; on the FFI adapter over
 * libsaivs the delta, the interface move and the warm boot with one-shot faults (the cold apply
 * and the planned warm boot make the same kinds of calls; the fake sweeps them).
 */
import { describe, expect, it } from 'vitest';
import { describeEachAdapter } from '../helpers/adapters.js';
import { applyScenario, planScenario, warmBootScenario } from './scenarios.js';
import { sweep, type Scenario } from './sweep.js';
import { A, B, M } from './topologies.js';
import type { TestAdapter } from '../helpers/adapters.js';

/** The scenarios, and whether they are swept on libsaivs too (all of them on the fake). */
const scenarios: [string, (under: TestAdapter) => Scenario, boolean][] = [
  ['cold apply', (u) => applyScenario(u, 'cold apply', undefined, A), false],
  ['A -> B delta', (u) => applyScenario(u, 'A -> B delta', A, B), true],
  ['router interface move', (u) => applyScenario(u, 'router interface move', A, M), true],
  ['warm boot', (u) => warmBootScenario(u, A, B), true],
  ['warm boot under plan', (u) => planScenario(u, A, B), false],
];

describeEachAdapter('fault sweep', (under) => {
  for (const [name, make, onVs] of scenarios) {
    if (under.name !== 'fake' && !onVs) continue;
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
