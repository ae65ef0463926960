/**
 * The route limit: how many routes a command may take, so that a table too large for this
 * process's memory is refused while it is read, with the limit named, instead of the process
 * dying of heap exhaustion minutes later (V8 aborts; nothing is saved).
 *
 * The default is the V8 heap limit (`v8.getHeapStatistics().heap_size_limit`, set by
 * `--max-old-space-size`) divided by {@link HEAP_BYTES_PER_ROUTE}, the heap a route costs at the
 * peak of `demo` / `boot` (desired state, store and fake adapter of a programmed table, plus the
 * saved state and the reloaded store of a warm boot). `--max-routes N` sets it instead.
 */
import { getHeapStatistics } from 'node:v8';
import type { RouteLimitError } from '../routes/types.js';

/**
 * Peak heap bytes a route costs, measured with `bench/big-table.ts` (see README "Memory bound"):
 * the limit is the heap divided by this, so a table under it stays within the heap.
 */
export const HEAP_BYTES_PER_ROUTE = 640;

/** Heap kept for everything that does not grow with the table (code, buffers, the adapter's base). */
const HEAP_RESERVE_BYTES = 48 * 2 ** 20;

/** This process's V8 heap limit, bytes. */
export function heapLimitBytes(): number {
  return getHeapStatistics().heap_size_limit;
}

/** The default route limit for a heap of `heapBytes` (default: this process's). */
export function defaultRouteLimit(heapBytes = heapLimitBytes()): number {
  return Math.max(1000, Math.floor((heapBytes - HEAP_RESERVE_BYTES) / HEAP_BYTES_PER_ROUTE));
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;

/**
 * The message for a table over the limit: where it was found, the limit and where it comes from,
 * and how to change it.
 * @param explicit whether the limit was given with `--max-routes`.
 */
export function routeLimitMessage(e: RouteLimitError, explicit: boolean): string {
  const where = `${e.file}${e.line > 0 ? `:${e.line}` : ''}`;
  const limit = e.limit.toLocaleString('en-US');
  if (explicit) {
    return `${where}: the table has more than ${limit} routes, the limit given with --max-routes; nothing was programmed`;
  }
  return (
    `${where}: the table has more than ${limit} routes, the limit for this process's ${mb(heapLimitBytes())} heap ` +
    `(about ${HEAP_BYTES_PER_ROUTE} bytes a route through boot and warm restart); nothing was programmed. ` +
    `Give the process more heap (NODE_OPTIONS=--max-old-space-size=MB; the limit grows with it), ` +
    `or set the limit with --max-routes N`
  );
}
