/**
 * A process for `vendor-quirks.test.ts`: `node --import tsx vendor-quirks.child.ts LIB READ WRITE`.
 * Keeps a cold switch of libsaivs open, tries a warm start of a second switch (quirk
 * warm-write-at-uninit) from READ (missing: the start fails), writing WRITE next time, and exits
 * without closing anything: the library's exit handler truncates WRITE, as vendors that rewrite
 * their warm file when the process ends.
 */
import { FfiSaiAdapter } from '../../src/adapter/ffi/index.js';

const [lib, read, write] = process.argv.slice(2);
FfiSaiAdapter.open({ libPath: lib, profile: { SAI_VS_PORT_COUNT: '1' } });
try {
  FfiSaiAdapter.open({
    libPath: lib,
    bootType: 'warm',
    profile: { SAI_VS_QUIRKS: 'warm-write-at-uninit', SAI_WARM_BOOT_READ_FILE: read, SAI_WARM_BOOT_WRITE_FILE: write },
  });
  process.exitCode = 1; // the warm start must fail
} catch {
  // expected: INVALID_NV_STORAGE
}
process.exit();
