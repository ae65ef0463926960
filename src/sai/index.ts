export * from './address.js';
export * from './entry.js';
export * from './enum.js';
export * from './enums.js';
export * from './errors.js';
export * from './object-type.js';
export * from './status.js';
export * from './value.js';
