/** Errors of the drain: each names the file or DB key and the field, and says why. */

/**
 * A drain file (a scope's config file, an instance's drain state file) cannot be used: not JSON,
 * a field missing or of the wrong shape, unreadable. `field` is the JSON path
 * (`BGP_DEVICE_GLOBAL.STATE.tsa_enabled`) or `line N` for a syntax error. Loading never changes
 * the file; the caller keeps the last good value it holds.
 */
export class DrainFileError extends Error {
  readonly kind = 'DrainFileError' as const;
  constructor(
    readonly path: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${path}: ${field}: ${reason}`);
    this.name = 'DrainFileError';
  }
}
