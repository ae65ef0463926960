/**
 * The conformance harness: the store and warm boot tests run once per adapter in `ADAPTERS`,
 * `fake` and `vs` (the FFI adapter over libsaivs), with the same expectations, through
 * `describeEachAdapter`. Each adapter opens as an `InstrumentedAdapter` (counters, call log,
 * fault injection on any adapter).
 *
 * `vs` needs `native/build/libsaivs.so` (`SAISTORE_LIBSAIVS`). When it is missing, the `vs` suites
 * FAIL under CI (`process.env.CI` set), and are skipped, with a warning, elsewhere
 * (`describeWithNeed`, test/helpers/need.ts).
 * One vs adapter is open at a time: opening one shuts the previous one down (cold), and every
 * test file closes what is left after its tests.
 */
import { afterAll } from 'vitest';
import type { InstrumentedAdapter } from '../../src/adapter/index.js';
import {
  agentAdapter,
  closeOpenAdapters,
  openAdapter,
  type AdapterKind,
  type OpenOptions,
} from './adapter-factories.js';
import { describeWithNeed, needLibsaivs, UNDER_CI, type Need } from './need.js';

export { closeOpenAdapters, type AdapterKind, type OpenOptions } from './adapter-factories.js';

/** One adapter under test. */
export interface TestAdapter {
  /** `fake` or `vs`. */
  readonly name: AdapterKind;
  /** Why its suites are skipped (libsaivs not built, outside CI); undefined when they run. */
  readonly skip: string | undefined;
  /** A fresh adapter (cold unless the profile or `bootType` says warm), instrumented. */
  open(options?: OpenOptions): InstrumentedAdapter;
  /** A `SwitchAgent.boot` adapter factory with `ports` front-panel ports (default 32). */
  createAdapter(ports?: number): (bootType: 'cold' | 'warm', profile: Record<string, string>) => InstrumentedAdapter;
}

const NEEDS: Readonly<Record<AdapterKind, Need>> = {
  fake: { what: 'nothing', have: true, hint: '' },
  vs: needLibsaivs(),
};

function vsSkipReason(): string | undefined {
  const need = NEEDS.vs;
  return need.have || UNDER_CI ? undefined : `${need.what} not built: ${need.hint}`;
}

function testAdapter(name: AdapterKind, skip: string | undefined): TestAdapter {
  return {
    name,
    skip,
    open: (options) => openAdapter(name, options),
    createAdapter: (ports) => agentAdapter(name, ports),
  };
}

/** The adapters every conformance suite runs on. */
export const ADAPTERS: readonly TestAdapter[] = [testAdapter('fake', undefined), testAdapter('vs', vsSkipReason())];

/**
 * `describe(title [name])` once per adapter in `ADAPTERS` (skipped where `skip` says so), with
 * the adapter given to `body`; what a suite leaves open is shut down after it.
 */
export function describeEachAdapter(title: string, body: (adapter: TestAdapter) => void): void {
  for (const adapter of ADAPTERS) {
    describeWithNeed(NEEDS[adapter.name], `${title} [${adapter.name}]`, () => {
      afterAll(() => closeOpenAdapters());
      body(adapter);
    });
  }
}

afterAll(() => closeOpenAdapters());
