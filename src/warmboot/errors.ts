/**
 * The warm-boot state file cannot be used: `reason` says why (missing fields, checksum mismatch,
 * truncated, wrong version, another switch, unreadable). The caller cold boots; nothing reached
 * the adapter.
 */
export class WarmBootStateError extends Error {
  readonly kind = 'WarmBootStateError' as const;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`warm boot state ${path}: ${reason}`);
    this.name = 'WarmBootStateError';
  }
}

/** Reload found two objects with one host key: `adapterKeys` names both. */
export class ReloadError extends Error {
  readonly kind = 'ReloadError' as const;
  constructor(
    readonly objectType: string,
    readonly hostKey: string,
    readonly adapterKeys: readonly string[],
    reason: string,
  ) {
    super(`reload ${objectType} ${hostKey}: ${reason} (${adapterKeys.join(', ')})`);
    this.name = 'ReloadError';
  }
}

/** A warm boot plan was refused (too many operations) or execution left the plan. Nothing past that point was written. */
export class WarmBootPlanError extends Error {
  readonly kind = 'WarmBootPlanError' as const;
  constructor(readonly reason: string) {
    super(`warm boot plan: ${reason}`);
    this.name = 'WarmBootPlanError';
  }
}
