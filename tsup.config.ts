import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ffi: 'src/adapter/ffi/index.ts',
    cli: 'src/cli/main.ts',
    bench: 'src/bench/index.ts',
    'bench-worker': 'src/bench/worker.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', ffi: 'src/adapter/ffi/index.ts' } },
  target: 'node20',
  sourcemap: true,
  clean: true,
  splitting: false,
});
