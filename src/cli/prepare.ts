/** From command line to desired state: load (or generate) the routes, build the SwitchState. */
import { RouteActionInterner } from '../agent/state/switch-state.js';
import type { BadLine } from '../routes/types.js';
import { buildDesired, type Desired } from './desired.js';
import { CliError } from './errors.js';
import { loadRouteInput } from './inputs.js';
import type { Progress } from './progress.js';
import { roundMs, type InputReport } from './report.js';
import { warnConflicts, warnShadowed } from './warnings.js';

/** Options of `prepareDesired`. */
export interface PrepareOptions {
  readonly routes: readonly string[];
  readonly skipBad: boolean;
  /** Accept an empty route file and an empty table (`--allow-empty`). */
  readonly allowEmpty?: boolean;
  /** `--max-routes` (default: what the heap holds). */
  readonly maxRoutes?: number;
  readonly generate?: number;
  readonly ports: number;
  readonly progress: Progress;
}

/**
 * Loads the route input and builds its desired state; says on stderr which duplicates conflicted
 * and which routes were shadowed (the first few of each). The route records are dropped once the
 * state is built (only the state, the input's summary and the first few bad lines are returned),
 * so they do not count in the heap measured afterwards.
 * @throws CliError when the table has no route to program (unless `allowEmpty`), and as
 *   `loadRouteInput` and `buildDesired` do; nothing has been written then.
 */
export async function prepareDesired(
  o: PrepareOptions,
): Promise<{ input: InputReport; desired: Desired; firstBad: readonly BadLine[] }> {
  const loaded = await loadRouteInput({
    files: o.routes,
    skipBad: o.skipBad,
    allowEmpty: o.allowEmpty,
    maxRoutes: o.maxRoutes,
    generate: o.generate,
    progress: o.progress,
  });
  const t = performance.now();
  const desired = buildDesired(loaded, { ports: o.ports, skipBad: o.skipBad, interner: new RouteActionInterner() });
  const { v4, v6 } = desired.state.routes;
  const bad = [...loaded.bad, ...desired.bad];
  warnConflicts(loaded.firstConflicts, loaded.conflicts);
  warnShadowed(desired.firstShadowed, desired.shadowed);
  if (v4.size + v6.size === 0 && o.allowEmpty !== true) {
    const left = [
      bad.length > 0 ? `${bad.length} bad line${bad.length === 1 ? '' : 's'} skipped` : '',
      desired.shadowed > 0 ? `${desired.shadowed} shadowed` : '',
    ].filter(Boolean);
    throw new CliError(
      `the route input has no route to program${left.length > 0 ? ` (${left.join(', ')})` : ''}; nothing was programmed. Give --allow-empty to program an empty table`,
    );
  }
  return {
    desired,
    firstBad: bad.slice(0, 5),
    input: {
      routes: v4.size + v6.size,
      v4: v4.size,
      v6: v6.size,
      source: loaded.source,
      files: [...loaded.files],
      bad: bad.length,
      duplicates: loaded.duplicates,
      conflicts: loaded.conflicts,
      shadowed: desired.shadowed,
      topology: desired.topology,
      loadMs: roundMs(loaded.ms),
      buildMs: roundMs(performance.now() - t),
    },
  };
}
