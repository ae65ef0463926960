/** From command line to desired state: load (or generate) the routes, build the SwitchState. */
import { RouteActionInterner } from '../agent/state/switch-state.js';
import type { BadLine } from '../routes/types.js';
import { buildDesired, type Desired } from './desired.js';
import { loadRouteInput } from './inputs.js';
import type { Progress } from './progress.js';
import { roundMs, type InputReport } from './report.js';

/** Options of `prepareDesired`. */
export interface PrepareOptions {
  readonly routes: readonly string[];
  readonly skipBad: boolean;
  readonly generate?: number;
  readonly ports: number;
  readonly progress: Progress;
}

/**
 * Loads the route input and builds its desired state. The route records are dropped once the
 * state is built (only the state, the input's summary and the first few bad lines are returned),
 * so they do not count in the heap measured afterwards.
 */
export async function prepareDesired(
  o: PrepareOptions,
): Promise<{ input: InputReport; desired: Desired; firstBad: readonly BadLine[] }> {
  const loaded = await loadRouteInput({
    files: o.routes,
    skipBad: o.skipBad,
    generate: o.generate,
    progress: o.progress,
  });
  const t = performance.now();
  const desired = buildDesired(loaded.routes, loaded.hasNextHops, new RouteActionInterner(), o.ports);
  const { v4, v6 } = desired.state.routes;
  return {
    desired,
    firstBad: loaded.bad.slice(0, 5),
    input: {
      routes: v4.size + v6.size,
      v4: v4.size,
      v6: v6.size,
      source: loaded.source,
      files: [...loaded.files],
      bad: loaded.bad.length,
      topology: desired.topology,
      loadMs: roundMs(loaded.ms),
      buildMs: roundMs(performance.now() - t),
    },
  };
}
