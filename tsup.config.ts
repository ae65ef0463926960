import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM and CommonJS, with declarations.
    entry: { index: 'src/index.ts', ffi: 'src/adapter/ffi/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    sourcemap: true,
    clean: false,
    splitting: false,
  },
  {
    // The command and the benchmark suite: ESM programs.
    entry: { cli: 'src/cli/main.ts', bench: 'src/bench/index.ts', 'bench-worker': 'src/bench/worker.ts' },
    format: ['esm'],
    target: 'node20',
    sourcemap: true,
    clean: false,
    splitting: false,
  },
]);
