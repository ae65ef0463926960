/**
 * Which adapter a command programs: the in-memory fake (default), the virtual switch libsai built
 * in `native/build/libsaivs.so` (`--adapter vs`), or any libsai (`--libsai PATH`), both through
 * the FFI adapter, with `--profile KEY=VALUE` pairs served to the libsai.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { FakeSaiAdapter } from '../adapter/fake/fake-adapter.js';
import type { BootOptions } from '../agent/switch-agent.js';
import { CliError } from './errors.js';
import { virtualSwitchLibrary } from './package-root.js';

/** The adapter options of a command line. */
export interface AdapterOptions {
  readonly adapter?: string;
  readonly libsai?: string;
  readonly profile: readonly string[];
  readonly ports: number;
}

/** A resolved adapter choice. */
export interface AdapterChoice {
  readonly kind: 'fake' | 'ffi';
  /** For reports: `fake`, or `ffi:<library path>`. */
  readonly label: string;
  readonly libPath?: string;
  readonly ports: number;
  /** Profile pairs from the command line (and `SAI_VS_PORT_COUNT` for `vs`). */
  readonly profile: Readonly<Record<string, string>>;
}

/** Parses `KEY=VALUE` profile pairs. @throws CliError on a pair without `=` or with an empty key. */
export function parseProfile(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new CliError(`--profile ${JSON.stringify(p)}: expected KEY=VALUE`, 2);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

/** Resolves `--adapter`, `--libsai`, `--profile`, `--ports`. @throws CliError on a bad combination or a missing library. */
export function chooseAdapter(o: AdapterOptions): AdapterChoice {
  const profile = parseProfile(o.profile);
  const kind = o.adapter ?? (o.libsai ? 'vs' : 'fake');
  if (kind !== 'fake' && kind !== 'vs') throw new CliError(`--adapter ${kind}: expected fake or vs`, 2);
  if (kind === 'fake') {
    if (o.libsai)
      throw new CliError('--libsai loads a libsai through the FFI adapter: it cannot go with --adapter fake', 2);
    return { kind: 'fake', label: 'fake', ports: o.ports, profile };
  }
  const libPath = o.libsai ? resolve(o.libsai) : virtualSwitchLibrary();
  if (!existsSync(libPath)) {
    throw new CliError(
      o.libsai ? `--libsai ${libPath}: no such file` : `${libPath} is not built: run \`npm ci\` or \`make -C native\``,
    );
  }
  if (!o.libsai) profile.SAI_VS_PORT_COUNT ??= String(o.ports);
  return { kind: 'ffi', label: `ffi:${libPath}`, libPath, ports: o.ports, profile };
}

/**
 * The `createAdapter` of `SwitchAgent.boot` for a choice: the boot's profile (boot type, warm boot
 * files) over the command line's. The FFI adapter (and koffi) is loaded only when chosen.
 */
export async function adapterFactory(choice: AdapterChoice): Promise<BootOptions['createAdapter']> {
  if (choice.kind === 'fake') {
    return (_bootType, profile) =>
      new FakeSaiAdapter({ ports: choice.ports, profile: { ...choice.profile, ...profile } });
  }
  const { FfiSaiAdapter } = await import('../adapter/ffi/index.js');
  return (bootType, profile) =>
    new FfiSaiAdapter({ libPath: choice.libPath!, bootType, profile: { ...choice.profile, ...profile } });
}
