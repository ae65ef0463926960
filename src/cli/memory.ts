/**
 * Heap measurement: `process.memoryUsage().heapUsed` after a full GC. The GC function is
 * `globalThis.gc` under `--expose-gc`, otherwise obtained at run time (`v8.setFlagsFromString` +
 * a new `vm` context), so the CLI needs no special node flags.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gcFn: (() => void) | null | undefined;

/** The full-GC function, or null when none can be had. */
export function gcFunction(): (() => void) | null {
  if (gcFn !== undefined) return gcFn;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return (gcFn = exposed);
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    gcFn = typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    gcFn = null;
  }
  return gcFn;
}

/** Heap used after a full GC (twice, so weakly held garbage goes too), and whether a GC ran. */
export function heapAfterGc(): { heapUsed: number; gc: boolean } {
  const gc = gcFunction();
  if (gc) {
    gc();
    gc();
  }
  return { heapUsed: process.memoryUsage().heapUsed, gc: gc !== null };
}

/** Resident set size now and the process's peak, bytes. */
export function rss(): { rssBytes: number; peakRssBytes: number } {
  return { rssBytes: process.memoryUsage().rss, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
}
