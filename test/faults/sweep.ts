/**
 * The fault sweep: a scenario is run once to count its adapter calls N (every call and bulk entry,
 * gets included, as the instrumented adapter numbers them), then for k = 1..N once more with call
 * k failing (TABLE_FULL; OBJECT_IN_USE for a remove), and each time:
 *
 * 1. the error is typed (an Error with a `kind` tag), or, for a remove only, absent because the
 *    remove went to the store's retry list and its retry succeeded;
 * 2. store = adapter (every object and attribute) and every reference is accounted for
 *    (`consistency.ts`), and each group's users are the routes on it;
 * 3. finishing the scenario again converges to the adapter content of a clean cold boot;
 * 4. applying the empty state leaves only adapter-owned objects, consistently.
 *
 * With `sticky`, a faulted remove keeps failing until the faults are cleared (an adapter that
 * keeps refusing), so every position must end in a typed error.
 */
import { expect } from 'vitest';
import type { InstrumentedAdapter } from '../../src/adapter/index.js';
import { emptySwitchState, type SwitchAgent } from '../../src/agent/index.js';
import { SaiStatus } from '../../src/sai/index.js';
import { keyText } from '../helpers/adapter-dump.js';
import { snapshot } from '../helpers/snapshot.js';
import { nonOwnedObjects, refCountDifferences, storeAdapterDifferences } from './consistency.js';

/** One run of a scenario, on a fresh adapter. */
export interface ScenarioRun {
  readonly adapter: InstrumentedAdapter;
  /** The swept calls. */
  act(): void;
  /**
   * Where `act` stopped: a phase whose failure leaves no store to compare (reload, planning: they
   * only read) returns true, and is then checked for having written nothing.
   */
  readOnlyPhase(): boolean;
  /** After a failure of `act` (faults cleared): finishes the scenario. */
  retry(): void;
  /** The agent to check (after `retry`, possibly a new one). */
  agent(): SwitchAgent;
  close(): void;
}

/** A scenario: how to start a run, and the snapshot of a clean cold boot of its target. */
export interface Scenario {
  readonly name: string;
  start(): ScenarioRun;
  readonly expected: string[];
}

/** What a sweep saw. */
export interface SweepReport {
  readonly calls: number;
  /** Positions swept (with `sticky`, the removes). */
  readonly swept: number;
  readonly ops: readonly string[];
  /** Positions whose fault surfaced as an error, by error kind. */
  readonly errors: Record<string, number>;
  /** Positions whose fault the store's retry absorbed (removes only). */
  readonly absorbed: number;
  readonly ms: number;
}

function checkConsistent(run: ScenarioRun, where: string): void {
  const agent = run.agent();
  const problems = [
    ...storeAdapterDifferences(agent.store, run.adapter),
    ...refCountDifferences(agent.store, agent.holdings()),
    ...agent.groupUserMismatches().map((m) => `group ${m.key}: ${m.users} users, ${m.routes} routes`),
  ];
  expect(problems, where).toEqual([]);
}

/** Runs a scenario once cleanly (counting its calls), then with a fault at every call. */
export function sweep(scenario: Scenario, options: { sticky?: boolean; only?: number[] } = {}): SweepReport {
  const t0 = performance.now();
  // The clean run: count calls and note each one's op.
  const ops: string[] = [];
  {
    const run = scenario.start();
    run.adapter.injectFault({
      when: (c) => {
        ops.push(c.op);
        return false;
      },
      status: SaiStatus.FAILURE,
      times: Infinity,
    });
    run.act();
    run.adapter.clearFaults();
    checkConsistent(run, `${scenario.name}: clean run`);
    expect(snapshot(run.agent().store), `${scenario.name}: clean run`).toEqual(scenario.expected);
    run.close();
  }
  const errors: Record<string, number> = {};
  let absorbed = 0;
  // A sticky fault differs from a one-shot one only at a remove.
  const positions = (options.only ?? ops.map((_, i) => i + 1)).filter(
    (k) => !options.sticky || ops[k - 1] === 'remove',
  );
  for (const k of positions) {
    const where = `${scenario.name}: fault at call ${k} of ${ops.length} (${ops[k - 1]})`;
    const run = scenario.start();
    const adapter = run.adapter;
    const status = ops[k - 1] === 'remove' ? SaiStatus.OBJECT_IN_USE : SaiStatus.TABLE_FULL;
    let n = 0;
    let stuck: string | undefined;
    adapter.injectFault({
      when: (c) => {
        n++;
        if (n === k) {
          if (options.sticky && c.op === 'remove') stuck = `${c.objectType} ${keyText(c.key!)}`;
          return true;
        }
        return stuck !== undefined && c.op === 'remove' && `${c.objectType} ${keyText(c.key!)}` === stuck;
      },
      status,
      times: Infinity,
    });
    const writesBefore = adapter.writes().total;
    let err: unknown;
    try {
      run.act();
    } catch (e) {
      err = e;
    }
    adapter.clearFaults();
    expect(n, `${where}: the fault was reached`).toBeGreaterThanOrEqual(k);
    if (err === undefined) {
      expect(ops[k - 1], `${where}: no error`).toBe('remove');
      expect(options.sticky, `${where}: no error under a sticky fault`).not.toBe(true);
      absorbed++;
    } else {
      expect(err, where).toBeInstanceOf(Error);
      const kind = (err as { kind?: unknown }).kind;
      expect(typeof kind, `${where}: typed error, got ${String(err)}`).toBe('string');
      expect(['SaiStatusError', 'PendingRemovesError'], `${where}: ${String(err)}`).toContain(kind);
      errors[kind as string] = (errors[kind as string] ?? 0) + 1;
    }
    if (err !== undefined && run.readOnlyPhase()) {
      expect(adapter.writes().total, `${where}: a read phase wrote`).toBe(writesBefore);
    } else {
      checkConsistent(run, `${where}: after the failure`);
    }
    run.retry();
    checkConsistent(run, `${where}: after the retry`);
    expect(snapshot(run.agent().store), `${where}: the retry converges to a cold boot's content`).toEqual(
      scenario.expected,
    );
    run.agent().apply(emptySwitchState());
    expect(nonOwnedObjects(run.agent().store, adapter), `${where}: empty state`).toEqual([]);
    checkConsistent(run, `${where}: empty state`);
    run.close();
  }
  return { calls: ops.length, swept: positions.length, ops, errors, absorbed, ms: Math.round(performance.now() - t0) };
}
