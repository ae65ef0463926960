/**
 * saistore: a warm-boot-safe SAI object store.
 *
 * Layers (each imports only those below): store -> adapter -> traits -> sai.
 * See README.md and docs/store.md for why the API looks as it does.
 */
export * from './sai/index.js';
export * from './traits/index.js';
export * from './adapter/index.js';
export * from './store/index.js';
export * from './warmboot/index.js';
export * from './agent/index.js';
