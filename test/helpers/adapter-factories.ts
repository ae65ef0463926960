/**
 * The adapters the conformance suite runs on, without vitest (the cross-process child scripts use
 * this too): `fake` (`FakeSaiAdapter`) and `vs` (`FfiSaiAdapter` over a libsai: our virtual switch,
 * `native/build/libsaivs.so`, built by `make -C native`, in its strict mode and in each vendor quirk
 * mode). Each opens as an `InstrumentedAdapter`, so tests count, log and inject faults the same way
 * on both.
 *
 * Environment:
 * - `SAISTORE_LIBSAI=PATH` runs the `vs` suites on another libsai, with the profile pairs of
 *   `SAISTORE_PROFILE` (`K=V` separated by `;` or new lines); the quirk modes (which are libsaivs's)
 *   are then not run. `SAISTORE_LIBSAIVS` points at another build of libsaivs.
 * - `SAISTORE_VS_MODES`: the libsaivs modes the suites run in, comma-separated (`strict`, quirk
 *   names, `all`: the default, `strict` alone to skip the quirk modes);
 * - `SAISTORE_VS_MODE`: the mode `openAdapter` uses when the caller names none (child processes of
 *   a quirk-mode suite get it from their parent).
 *
 * One vs adapter is kept open at a time by these helpers: opening one shuts the previous one down
 * (cold) when it is still open; `closeOpenAdapters` shuts down whatever is left.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { FakeSaiAdapter, InstrumentedAdapter, type SaiAdapter } from '../../src/adapter/index.js';
import { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';

/** The adapters under test. */
export type AdapterKind = 'fake' | 'vs';

/** The vendor quirk modes of libsaivs (profile key SAI_VS_QUIRKS; native/README.md, "Quirk modes"). */
export const VS_QUIRKS = [
  'get-plain-status',
  'no-object-keys',
  'no-bulk-get',
  'bulk-validate-first',
  'warm-write-at-uninit',
  'vendor-keys',
  'stale-ro-lists',
] as const;

/** A mode of the vs adapter: libsaivs strict, or one quirk mode. */
export type VsMode = 'strict' | (typeof VS_QUIRKS)[number];

/** Path of the built libsaivs (`SAISTORE_LIBSAIVS` overrides it, e.g. for another build of it). */
export const LIBSAIVS = process.env.SAISTORE_LIBSAIVS
  ? resolve(process.env.SAISTORE_LIBSAIVS)
  : resolve(import.meta.dirname, '../../native/build/libsaivs.so');

/** Another libsai to run the vs suites on (`SAISTORE_LIBSAI`), or undefined for libsaivs. */
export const FOREIGN_LIBSAI = process.env.SAISTORE_LIBSAI ? resolve(process.env.SAISTORE_LIBSAI) : undefined;

/** The library the vs adapter opens. */
export const VS_LIBRARY = FOREIGN_LIBSAI ?? LIBSAIVS;

/** Parses `K=V` pairs separated by `;` or new lines (blank pieces ignored). @throws Error naming a bad pair. */
export function parseProfileText(text: string, where = 'SAISTORE_PROFILE'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const piece of text.split(/[;\n]/)) {
    const p = piece.trim();
    if (p === '') continue;
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`${where}: ${JSON.stringify(p)} is not KEY=VALUE`);
    out[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  return out;
}

/** The profile pairs of `SAISTORE_PROFILE`. */
export const ENV_PROFILE: Readonly<Record<string, string>> = parseProfileText(process.env.SAISTORE_PROFILE ?? '');

/** True when the vs adapter's library exists. */
export function haveLibsaivs(): boolean {
  return existsSync(VS_LIBRARY);
}

/** The profile keys a libsaivs mode adds. */
export function modeProfile(mode: VsMode): Record<string, string> {
  if (mode === 'strict') return {};
  if (mode === 'vendor-keys') return { SAI_VS_QUIRKS: mode, SAI_VS_SWITCH_TYPE: 'SAI_VS_SWITCH_TYPE_NPU32' };
  return { SAI_VS_QUIRKS: mode };
}

function isVsMode(m: string): m is VsMode {
  return m === 'strict' || (VS_QUIRKS as readonly string[]).includes(m);
}

/** The vs modes the conformance suites run in (see the file comment). */
export function vsModes(): VsMode[] {
  if (FOREIGN_LIBSAI) return ['strict'];
  const text = (process.env.SAISTORE_VS_MODES ?? 'all').trim();
  if (text === 'all') return ['strict', ...VS_QUIRKS];
  const modes = text
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  for (const m of modes) if (!isVsMode(m)) throw new Error(`SAISTORE_VS_MODES: unknown mode ${JSON.stringify(m)}`);
  return modes as VsMode[];
}

/** The default mode of `openAdapter` (`SAISTORE_VS_MODE`, else strict). */
function defaultMode(): VsMode {
  const m = process.env.SAISTORE_VS_MODE ?? 'strict';
  if (!isVsMode(m)) throw new Error(`SAISTORE_VS_MODE: unknown mode ${JSON.stringify(m)}`);
  return m;
}

/** What `openAdapter` takes. */
export interface OpenOptions {
  /** Front-panel ports made at a cold switch init (default 32; quirk `vendor-keys` ignores it). */
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
  /** The libsaivs mode of a vs adapter (default `SAISTORE_VS_MODE`, else strict). */
  readonly mode?: VsMode;
}

/** The vs adapter open in this process, if any. */
let openVs: FfiSaiAdapter | undefined;

/** Shuts down (cold) the open vs adapter, if it is still open; errors of that shutdown are ignored. */
export function closeOpenAdapters(): void {
  const a = openVs;
  openVs = undefined;
  if (a?.isOpen) {
    try {
      a.close();
    } catch {
      // The switch is released even when the libsai reports a failure.
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
    if (!haveLibsaivs()) throw new Error(`${VS_LIBRARY} is not built (run \`make -C native\`)`);
    closeOpenAdapters();
    const { SAI_BOOT_TYPE: _boot, ...rest } = profile;
    const own = FOREIGN_LIBSAI
      ? {}
      : { SAI_VS_PORT_COUNT: String(ports), ...modeProfile(options.mode ?? defaultMode()) };
    openVs = FfiSaiAdapter.open({ libPath: VS_LIBRARY, bootType, profile: { ...own, ...ENV_PROFILE, ...rest } });
    inner = openVs;
  }
  return new InstrumentedAdapter(inner, { log: options.log });
}

/** A `SwitchAgent.boot` `createAdapter` for `kind` (and a vs `mode`), with `ports` front-panel ports. */
export function agentAdapter(
  kind: AdapterKind,
  ports = 32,
  mode?: VsMode,
): (bootType: 'cold' | 'warm', profile: Record<string, string>) => InstrumentedAdapter {
  return (bootType, profile) => openAdapter(kind, { ports, profile, bootType, mode });
}
