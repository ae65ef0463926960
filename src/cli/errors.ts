/**
 * Errors of the CLI: which failures are expected (a message on stderr, no stack trace) and which
 * are bugs (the stack trace too).
 */
import { DesiredStateError } from '../agent/managers/context.js';
import { RouteFileError } from '../routes/types.js';
import { SaiStatusError } from '../sai/errors.js';
import { DrainFileError } from '../system/drain/errors.js';
import { WritePolicyError } from '../store/errors.js';
import { ReloadError, WarmBootPlanError, WarmBootStateError } from '../warmboot/errors.js';

/** An expected failure of a command: the message is shown as is, and the process exits `exitCode`. */
export class CliError extends Error {
  readonly kind = 'CliError' as const;
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const EXPECTED_FS_CODES = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM', 'EEXIST']);

/** Error classes whose message says everything a user needs. */
function isExpected(e: Error): boolean {
  return (
    e instanceof CliError ||
    e instanceof RouteFileError ||
    e instanceof SaiStatusError ||
    e instanceof WritePolicyError ||
    e instanceof WarmBootStateError ||
    e instanceof WarmBootPlanError ||
    e instanceof ReloadError ||
    e instanceof DesiredStateError ||
    e instanceof DrainFileError ||
    e.name === 'SaiLibraryError' || // not imported: that would load koffi for every command
    EXPECTED_FS_CODES.has((e as NodeJS.ErrnoException).code ?? '')
  );
}

/**
 * What to print for a failure and the exit code: an expected error's message alone (a
 * RouteFileError reads `FILE:LINE: REASON (TEXT)`), anything else with its stack trace.
 */
export function describeFailure(e: unknown): { text: string; exitCode: number } {
  if (!(e instanceof Error)) return { text: `saistore: ${String(e)}`, exitCode: 1 };
  const exitCode = e instanceof CliError ? e.exitCode : 1;
  if (isExpected(e)) return { text: `saistore: ${e.message}`, exitCode };
  return { text: `saistore: unexpected error: ${e.stack ?? e.message}`, exitCode };
}
