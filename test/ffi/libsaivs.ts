/**
 * Test helpers for the FFI adapter against our virtual switch, `native/build/libsaivs.so`
 * (`make -C native`). Tests that need it are skipped, with a note, when it has not been built.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FfiSaiAdapter, type FfiSaiAdapterOptions } from '../../src/adapter/ffi/index.js';

/** Path of the built libsaivs. */
export const LIBSAIVS = resolve(import.meta.dirname, '../../native/build/libsaivs.so');

/** True when libsaivs has been built. */
export const HAVE_LIBSAIVS = existsSync(LIBSAIVS);

if (!HAVE_LIBSAIVS && process.env.CI) {
  throw new Error(`test/ffi: ${LIBSAIVS} is missing under CI: \`npm ci\` builds it (make -C native)`);
}
if (!HAVE_LIBSAIVS) {
  console.warn(`test/ffi: ${LIBSAIVS} not built (run \`make -C native\`): libsai tests are skipped`);
}

/** A scratch directory for warm-boot files; `cleanup` removes it. */
export function scratchDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'saistore-ffi-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens libsaivs cold with `ports` front-panel ports (default 8) and extra profile keys. */
export function openVs(options: Partial<FfiSaiAdapterOptions> & { ports?: number } = {}): FfiSaiAdapter {
  return FfiSaiAdapter.open({
    libPath: LIBSAIVS,
    bootType: options.bootType ?? 'cold',
    bulkChunkSize: options.bulkChunkSize,
    profile: { SAI_VS_PORT_COUNT: String(options.ports ?? 8), ...(options.profile ?? {}) },
  });
}
