/**
 * Test helpers for the FFI adapter against our virtual switch, `native/build/libsaivs.so`
 * (`make -C native`). Suites that need it use `describeWithNeed(needLibsaivs(), ...)`: skipped
 * with a warning when it has not been built, failing under CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FfiSaiAdapter, type FfiSaiAdapterOptions } from '../../src/adapter/ffi/index.js';
import { LIBSAIVS_PATH } from '../helpers/need.js';

/** Path of the built libsaivs (`SAISTORE_LIBSAIVS` overrides it). */
export const LIBSAIVS = LIBSAIVS_PATH;

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
