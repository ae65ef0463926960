/** Shapes of the benchmark suite's jobs and results (plain JSON). */
import type { WriteCounts } from '../agent/switch-agent.js';

/** What a worker is asked to run. */
export interface BenchJob {
  readonly kind: 'cold' | 'warm' | 'changed' | 'updates';
  /** Route files; none: the generated table with the real table's size and length distribution. */
  readonly routes: readonly string[];
  readonly updates: readonly string[];
  /** Fraction of the table to use (1/8 ... 1): its first `fraction * size` routes. */
  readonly fraction: number;
  readonly stateDir: string;
  readonly batchSize: number;
  /** `changed`: percent of routes moved to another ECMP set, and withdrawn. */
  readonly changePct?: number;
  readonly withdrawPct?: number;
}

/** A measured phase against its raw-Map baseline in the same process. */
export interface Phase {
  readonly ms: number;
  readonly baselineMs?: number;
  /** ms / baselineMs. */
  readonly ratio?: number;
}

/** What a worker reports. */
export interface BenchJobResult {
  readonly kind: BenchJob['kind'];
  readonly routes: number;
  readonly v4: number;
  readonly v6: number;
  readonly source: 'files' | 'generated';
  /** cold: programming; warm/changed: the warm boot cycle (loadState + reload + replay + release). */
  readonly total?: Phase & { perSec?: number };
  readonly phases?: Record<string, Phase>;
  readonly ops?: WriteCounts;
  /** changed: the writes the change must cost, and what applying it wrote. */
  readonly expectedOps?: WriteCounts;
  readonly applyOps?: WriteCounts;
  readonly shutdown?: { readonly ms: number; readonly stateBytes: number };
  readonly updates?: { readonly count: number; readonly perSec: number; readonly batches: number };
  readonly memory?: { readonly heapBytesPerRoute: number; readonly rssBytes: number };
}
