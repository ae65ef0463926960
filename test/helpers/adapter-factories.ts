/**
 * The adapters the conformance suite runs on, without vitest (the cross-process child scripts use
 * this too): `fake` (`FakeSaiAdapter`) and `vs` (`FfiSaiAdapter` over our virtual switch,
 * `native/build/libsaivs.so`, built by `make -C native`). Each opens as an `InstrumentedAdapter`,
 * so tests count, log and inject faults the same way on both.
 *
 * SAI is a per-process singleton: one `FfiSaiAdapter` per library may be open at a time. Opening
 * a `vs` adapter shuts the previous one down (cold) when it is still open; `closeOpenAdapters`
 * shuts down whatever is left.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { FakeSaiAdapter, InstrumentedAdapter, type SaiAdapter } from '../../src/adapter/index.js';
import { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';

/** The adapters under test. */
export type AdapterKind = 'fake' | 'vs';

/** Path of the built libsaivs (`SAISTORE_LIBSAIVS` overrides it, e.g. for another build of it). */
export const LIBSAIVS = process.env.SAISTORE_LIBSAIVS
  ? resolve(process.env.SAISTORE_LIBSAIVS)
  : resolve(import.meta.dirname, '../../native/build/libsaivs.so');

/** True when libsaivs has been built. */
export function haveLibsaivs(): boolean {
  return existsSync(LIBSAIVS);
}

/** What `openAdapter` takes. */
export interface OpenOptions {
  /** Front-panel ports made at a cold switch init (default 32). */
  readonly ports?: number;
  /**
   * SAI profile key/values (`SAI_BOOT_TYPE`, `SAI_WARM_BOOT_READ_FILE`, `SAI_WARM_BOOT_WRITE_FILE`,
   * ...), as `SwitchAgent` passes them.
   */
  readonly profile?: Readonly<Record<string, string>>;
  /** Cold or warm; default from `profile.SAI_BOOT_TYPE` ("1" = warm), else cold. */
  readonly bootType?: 'cold' | 'warm';
  /** Keep a call log in the instrumented adapter. */
  readonly log?: boolean;
}

/** The vs adapter open in this process, if any. */
let openVs: FfiSaiAdapter | undefined;

/** Shuts down (cold) the open vs adapter, if it is still open; errors of that shutdown are ignored. */
export function closeOpenAdapters(): void {
  const a = openVs;
  openVs = undefined;
  if (a?.isOpen) {
    try {
      a.shutdown({ warm: false });
    } catch {
      // The library is released even when the libsai reports a failure.
    }
  }
}

/** Opens a fresh adapter of `kind`, wrapped in an `InstrumentedAdapter`. */
export function openAdapter(kind: AdapterKind, options: OpenOptions = {}): InstrumentedAdapter {
  const ports = options.ports ?? 32;
  const bootType = options.bootType ?? (options.profile?.SAI_BOOT_TYPE === '1' ? 'warm' : 'cold');
  const profile = { ...(options.profile ?? {}), SAI_BOOT_TYPE: bootType === 'warm' ? '1' : '0' };
  let inner: SaiAdapter;
  if (kind === 'fake') {
    inner = new FakeSaiAdapter({ ports, profile });
  } else {
    if (!haveLibsaivs()) throw new Error(`${LIBSAIVS} is not built (run \`make -C native\`)`);
    closeOpenAdapters();
    const { SAI_BOOT_TYPE: _boot, ...rest } = profile;
    openVs = FfiSaiAdapter.open({
      libPath: LIBSAIVS,
      bootType,
      profile: { SAI_VS_PORT_COUNT: String(ports), ...rest },
    });
    inner = openVs;
  }
  return new InstrumentedAdapter(inner, { log: options.log });
}

/** A `SwitchAgent.boot` `createAdapter` for `kind`, with `ports` front-panel ports. */
export function agentAdapter(
  kind: AdapterKind,
  ports = 32,
): (bootType: 'cold' | 'warm', profile: Record<string, string>) => InstrumentedAdapter {
  return (bootType, profile) => openAdapter(kind, { ports, profile, bootType });
}
