/**
 * The conformance harness: the store and warm boot tests run once per adapter in `ADAPTERS`,
 * `fake` and `vs` (the FFI adapter over libsaivs, in its strict mode and in each vendor quirk mode:
 * `mode`, `quirks`), with the same expectations, through `describeEachAdapter`. Each adapter opens
 * as an `InstrumentedAdapter` (counters, call log, fault injection on any adapter). The vs library
 * and profile can come from the environment (`SAISTORE_LIBSAI`, `SAISTORE_PROFILE`; see
 * adapter-factories.ts).
 *
 * `vs` needs `native/build/libsaivs.so` (`SAISTORE_LIBSAIVS`). When it is missing, the `vs` suites
 * FAIL under CI (`process.env.CI` set), and are skipped, with a warning, elsewhere
 * (`describeWithNeed`, test/helpers/need.ts).
 * One vs adapter is open at a time: opening one shuts the previous one down (cold), and every
 * test file closes what is left after its tests.
 */
import { existsSync } from 'node:fs';
import { afterAll } from 'vitest';
import type { InstrumentedAdapter } from '../../src/adapter/index.js';
import {
  agentAdapter,
  closeOpenAdapters,
  FOREIGN_LIBSAI,
  openAdapter,
  vsModes,
  type AdapterKind,
  type OpenOptions,
  type VsMode,
} from './adapter-factories.js';
import { describeWithNeed, needLibsaivs, UNDER_CI, type Need } from './need.js';

export { closeOpenAdapters, type AdapterKind, type OpenOptions, type VsMode } from './adapter-factories.js';

/** One adapter under test. */
export interface TestAdapter {
  /** `fake` or `vs`. */
  readonly name: AdapterKind;
  /** For `vs`: libsaivs's mode, `strict` or a vendor quirk (`strict` for the fake and a foreign libsai). */
  readonly mode: VsMode;
  /** The quirks in force (empty for the fake and strict mode): what a test may not expect of this adapter. */
  readonly quirks: ReadonlySet<VsMode>;
  /** `fake`, `vs`, or `vs get-plain-status` (for titles). */
  readonly label: string;
  /** Why its suites are skipped (libsaivs not built, outside CI); undefined when they run. */
  readonly skip: string | undefined;
  /** A fresh adapter (cold unless the profile or `bootType` says warm), instrumented. */
  open(options?: OpenOptions): InstrumentedAdapter;
  /** A `SwitchAgent.boot` adapter factory with `ports` front-panel ports (default 32). */
  createAdapter(ports?: number): (bootType: 'cold' | 'warm', profile: Record<string, string>) => InstrumentedAdapter;
}

const NEEDS: Readonly<Record<AdapterKind, Need>> = {
  fake: { what: 'nothing', have: true, hint: '' },
  vs: FOREIGN_LIBSAI
    ? { what: FOREIGN_LIBSAI, have: existsSync(FOREIGN_LIBSAI), hint: 'SAISTORE_LIBSAI names a file that is not there' }
    : needLibsaivs(),
};

function vsSkipReason(): string | undefined {
  const need = NEEDS.vs;
  return need.have || UNDER_CI ? undefined : `${need.what} not built: ${need.hint}`;
}

function testAdapter(name: AdapterKind, skip: string | undefined, mode: VsMode = 'strict'): TestAdapter {
  return {
    name,
    mode,
    quirks: new Set(mode === 'strict' ? [] : [mode]),
    label: mode === 'strict' ? name : `${name} ${mode}`,
    skip,
    open: (options) => openAdapter(name, { mode, ...options }),
    createAdapter: (ports) => agentAdapter(name, ports, mode),
  };
}

/**
 * The adapters of the vendor-conformance suites (`describeEachMode`): the fake, and vs in its strict
 * mode and in each quirk mode (`SAISTORE_VS_MODES`).
 */
export const MODE_ADAPTERS: readonly TestAdapter[] = [
  testAdapter('fake', undefined),
  ...vsModes().map((mode) => testAdapter('vs', vsSkipReason(), mode)),
];

/**
 * The adapters every conformance suite runs on: the fake, and vs (libsaivs strict, or
 * `SAISTORE_LIBSAI`). `SAISTORE_MODES_EVERYWHERE=1` runs every suite in the quirk modes too (a deep
 * run; `npm test` runs the quirk modes in the `describeEachMode` suites only).
 */
export const ADAPTERS: readonly TestAdapter[] = process.env.SAISTORE_MODES_EVERYWHERE
  ? MODE_ADAPTERS
  : [testAdapter('fake', undefined), testAdapter('vs', vsSkipReason())];

/**
 * `describe(title [name])` once per adapter in `ADAPTERS` (skipped where `skip` says so), with
 * the adapter given to `body`; what a suite leaves open is shut down after it.
 */
export function describeEachAdapter(title: string, body: (adapter: TestAdapter) => void): void {
  describeEach(ADAPTERS, title, body);
}

/**
 * As `describeEachAdapter`, over `MODE_ADAPTERS`: the suite also runs on libsaivs in each vendor
 * quirk mode (what real libsais answer that the fake never does). A test reads `under.quirks` for
 * what it may not expect (no enumeration with `no-object-keys`, 32 ports with `vendor-keys`, ...)
 * and `under.mode !== 'strict'` to run smaller sizes.
 */
export function describeEachMode(title: string, body: (adapter: TestAdapter) => void): void;
/**
 * As above, leaving out `options.except`: modes whose behaviour the suite's checks cannot observe
 * (`options.why` says why), e.g. tests that count objects through enumeration under `no-object-keys`.
 */
export function describeEachMode(title: string, options: ModeOptions, body: (adapter: TestAdapter) => void): void;
export function describeEachMode(
  title: string,
  a: ModeOptions | ((adapter: TestAdapter) => void),
  b?: (adapter: TestAdapter) => void,
): void {
  const options = typeof a === 'function' ? {} : a;
  const body = typeof a === 'function' ? a : b!;
  const except = new Set(options.except ?? []);
  if (except.size > 0 && !options.why) throw new Error(`${title}: say why the modes ${[...except]} are left out`);
  describeEach(
    MODE_ADAPTERS.filter((x) => !except.has(x.mode)),
    title,
    body,
  );
}

/** Modes a `describeEachMode` suite leaves out, and why. */
export interface ModeOptions {
  readonly except?: readonly VsMode[];
  readonly why?: string;
}

function describeEach(adapters: readonly TestAdapter[], title: string, body: (adapter: TestAdapter) => void): void {
  for (const adapter of adapters) {
    describeWithNeed(NEEDS[adapter.name], `${title} [${adapter.label}]`, () => {
      afterAll(() => closeOpenAdapters());
      body(adapter);
    });
  }
}

afterAll(() => closeOpenAdapters());
