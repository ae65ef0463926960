/**
 * The FFI benchmark: the store + switch agent through `FfiSaiAdapter` (koffi) on a libsai, against
 * `route_bench` (`native/bench/route_bench.c`, built by `make -C native bench`), a C program that
 * makes the same SAI calls into the same libsai directly: the limit of what the work costs without
 * JavaScript. Both run in the same `runFfiBenchmarks` call, on the same prefixes, one after the
 * other (the agent first, then the C program as a child process), and each result is a ratio
 * ours / C's.
 *
 * What is measured (every time is wall clock, in ms):
 * - cold programming: `SwitchAgent.boot` of `syntheticTopology(prefixes)` on a cold switch; `ms` is
 *   its `apply` phase (router interfaces with their connected / ip2me routes, neighbors, next
 *   hops, next hop groups and members, the routes through the bulk create), the C baseline the same
 *   calls in the same order and chunk size. `bootMs` adds the adapter start (load, initialize,
 *   create_switch) and the reload of the default objects; its baseline adds initialize,
 *   create_switch and the switch's default objects.
 * - warm shutdown: `agent.warmShutdown(dir)` (state file, PRE_SHUTDOWN, RESTART_WARM,
 *   remove_switch writing the libsai's warm file, sai_api_uninitialize); C: the same four SAI calls.
 * - warm boot: `SwitchAgent.boot` with the identical desired state from that directory: the
 *   adapter start with SAI_BOOT_TYPE=1 (`phases.open`), then the agent's phases (loadState,
 *   reload, replay, release, apply); `writes` is what the libsai saw created, set or removed
 *   (must be 0). C: initialize + create_switch warm + a get of every object's attributes (the
 *   route bulk get when the libsai has one, else per entry): what any reload must do at minimum.
 * - cycle: warm shutdown + warm boot.
 *
 * One `FfiSaiAdapter` per library per process: the cold adapter is shut down (warm) before the
 * warm one is opened, and every adapter opened here is closed before this returns or throws.
 * Under `node --expose-gc` garbage is collected before each step, so one step's garbage is not
 * collected in the next one's time. Times are wall clock, and the `cpuMs` beside them this
 * process's CPU time: on a shared machine compare both.
 */
import { execFile } from 'node:child_process';
import { packageRoot } from '../../cli/package-root.js';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FfiSaiAdapter } from '../../adapter/ffi/index.js';
import type { BulkCreateEntry, BulkErrorMode } from '../../adapter/adapter.js';
import type { SaiObjectType } from '../../sai/object-type.js';
import { SwitchAgent, type BootReport } from '../../agent/switch-agent.js';
import { syntheticTopology } from '../../agent/topology.js';

/** Options of `runFfiBenchmarks`. */
export interface FfiBenchOptions {
  /** Canonical prefixes (`10.0.0.0/8`, `2001:db8::/32`); a repeated prefix counts once. */
  readonly prefixes: readonly string[];
  /** The libsai (default: the package's `native/build/libsaivs.so`). */
  readonly libPath?: string;
  /** The C baseline program (default: `route_bench` beside the libsai, else in the package's `native/build`). */
  readonly routeBenchPath?: string;
  /**
   * Entries per libsai bulk call on the FFI side (the adapter's `bulkChunkSize`, default 32768).
   * The store also chunks its bulk creates; the C program uses the size the libsai actually saw
   * per call: min(the store's chunk, this).
   */
  readonly chunkSize?: number;
  /**
   * Directory for the prefix file, the warm boot state and the warm files (default: a new
   * directory under the OS temp dir, removed afterwards). Files written here are removed
   * afterwards; the directory itself is kept when given.
   */
  readonly workDir?: string;
}

/** The agent's warm boot phases (ms), plus `open`: the adapter start (load, initialize, create_switch). */
export interface FfiWarmBootPhases {
  readonly open: number;
  readonly loadState: number;
  readonly reload: number;
  readonly replay: number;
  readonly release: number;
  readonly apply: number;
}

/** What `route_bench` prints (one JSON line); times in ms. */
export interface RouteBenchOutput {
  readonly program: 'route_bench';
  readonly lib: string;
  readonly apiVersion: number;
  /** Table routes programmed through create_route_entries (the prefixes). */
  readonly routes: number;
  readonly v4: number;
  readonly v6: number;
  /** Connected and ip2me routes of the router interfaces (create_route_entry each). */
  readonly connectedRoutes: number;
  /** `sai_get_object_count(ROUTE_ENTRY)` after the cold programming, and after the warm boot. */
  readonly routeEntries: number;
  readonly warmRouteEntries: number;
  readonly rifs: number;
  readonly neighbors: number;
  readonly nextHops: number;
  readonly groups: number;
  readonly members: number;
  /** Entries per create_route_entries call. */
  readonly chunk: number;
  /** The warm boot's gets: routes, other objects, `bulk` or `per-entry`, wrong next hops read back. */
  readonly gets: {
    readonly routes: number;
    readonly others: number;
    readonly mode: string;
    readonly mismatches: number;
  };
  readonly warmFileBytes: number;
  readonly ms: {
    /** sai_api_initialize, sai_api_query, create_switch, the switch defaults (cold). */
    readonly init: number;
    /** Router interfaces, connected routes, neighbors, next hops. */
    readonly coldBase: number;
    /** Next hop groups and members at first use, and the bulk route creates. */
    readonly coldRoutes: number;
    /** coldBase + coldRoutes: the programming. */
    readonly cold: number;
    /** PRE_SHUTDOWN, RESTART_WARM, remove_switch, sai_api_uninitialize. */
    readonly shutdown: number;
    /** sai_api_initialize, sai_api_query, create_switch (warm), the switch defaults. */
    readonly warmInit: number;
    /** The gets of every object's attributes. */
    readonly warmGets: number;
    /** warmInit + warmGets. */
    readonly warmBoot: number;
  };
  /** This process's CPU time of the same steps (init, cold, shutdown, warmInit, warmGets, warmBoot). */
  readonly cpuMs: {
    readonly init: number;
    readonly cold: number;
    readonly shutdown: number;
    readonly warmInit: number;
    readonly warmGets: number;
    readonly warmBoot: number;
  };
}

/** The result of `runFfiBenchmarks`. Ratios are ours / C's (1 = as fast as C). */
export interface FfiBenchResult {
  /** Table routes programmed (distinct prefixes). */
  readonly routes: number;
  readonly cold: {
    /** The agent's programming (the boot's `apply` phase). */
    readonly ms: number;
    /** Routes per second of `ms` (table routes). */
    readonly perSec: number;
    /** The C program's programming. */
    readonly baselineMs: number;
    readonly ratio: number;
    /** The whole cold boot (adapter start, reload of the default objects, programming). */
    readonly bootMs: number;
    /** C: initialize, create_switch, defaults, programming. */
    readonly bootBaselineMs: number;
    /** CPU time of the whole cold boot (every thread of this process, GC helpers included) / of C's. */
    readonly bootCpuMs: number;
    readonly bootBaselineCpuMs: number;
    /** Creates, sets and removes the libsai saw (FFI adapter counters). */
    readonly writes: number;
    /** ROUTE_ENTRY creates the libsai saw (table routes + connected / ip2me routes). */
    readonly routeEntries: number;
  };
  readonly warmBoot: {
    /** The warm `SwitchAgent.boot` (its report's `ms`: state file, adapter start, reload, replay, release, apply). */
    readonly ms: number;
    readonly phases: FfiWarmBootPhases;
    /** Creates, sets and removes the libsai saw during the warm boot (must be 0). */
    readonly writes: number;
    /** Writes the store counted (replay + release + apply). */
    readonly storeWrites: number;
    /** C: initialize + create_switch warm + the gets. */
    readonly baselineMs: number;
    readonly ratio: number;
    /** CPU time of the warm boot (this process, every thread) / of C's. */
    readonly cpuMs: number;
    readonly baselineCpuMs: number;
    readonly baselinePhases: { readonly init: number; readonly gets: number };
    /** How the C program read the routes back: `bulk` or `per-entry`. */
    readonly baselineGetMode: string;
    /** Objects reload read back (FFI adapter get counters) / routes the C program read back. */
    readonly gets: number;
  };
  readonly shutdown: {
    /** `agent.warmShutdown` (state file + SAI warm shutdown). */
    readonly ms: number;
    /** C: PRE_SHUTDOWN, RESTART_WARM, remove_switch, sai_api_uninitialize. */
    readonly baselineMs: number;
    readonly ratio: number;
    /** CPU time (this process, every thread) / of C's. */
    readonly cpuMs: number;
    readonly baselineCpuMs: number;
    /** Size of the agent's state file. */
    readonly stateBytes: number;
  };
  /** Warm shutdown + warm boot (wall and CPU ms). */
  readonly cycle: {
    readonly ms: number;
    readonly baselineMs: number;
    readonly ratio: number;
    readonly cpuMs: number;
    readonly baselineCpuMs: number;
  };
  /** The C program's own output. */
  readonly baseline: RouteBenchOutput;
  /** What was checked and anything worth knowing (targets, chunk sizes, get mode). */
  readonly notes: string[];
}

/** Targets of issue 5, section 4. */
export const FFI_BENCH_TARGETS = { coldRoutesPerSec: 500_000, warmCycleMs: 3_000 } as const;

/** Default paths of the libsai and the C baseline. */
export function defaultFfiBenchPaths(): { libPath: string; routeBenchPath: string } {
  const build = join(packageRoot(fileURLToPath(import.meta.url)), 'native', 'build');
  return { libPath: join(build, 'libsaivs.so'), routeBenchPath: join(build, 'route_bench') };
}

function runRouteBench(path: string, args: string[]): Promise<RouteBenchOutput> {
  return new Promise((resolvePromise, reject) => {
    execFile(path, args, { maxBuffer: 16 << 20, timeout: 30 * 60_000 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`${path} ${args.join(' ')} failed: ${err.message}${stderr ? `\n${stderr.trim()}` : ''}`));
        return;
      }
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        const out = JSON.parse(line) as RouteBenchOutput;
        if (out.program !== 'route_bench') throw new Error('not route_bench output');
        resolvePromise(out);
      } catch (e) {
        reject(new Error(`${path}: cannot read its output (${(e as Error).message}): ${line.slice(0, 200)}`));
      }
    });
  });
}

/** CPU time of this process so far (ms, user + system, every thread). */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const sumWrites = (c: { create: number; set: number; remove: number }) => c.create + c.set + c.remove;
const ratio = (ours: number, theirs: number) => (theirs > 0 ? ours / theirs : Number.POSITIVE_INFINITY);

/**
 * Runs the FFI benchmark (see the file comment).
 * @throws Error when the library or `route_bench` is missing, a boot is not the kind expected,
 *   or the two paths did not program the same routes; `SaiStatusError` from the adapter.
 */
export async function runFfiBenchmarks(options: FfiBenchOptions): Promise<FfiBenchResult> {
  const defaults = defaultFfiBenchPaths();
  const libPath = resolve(options.libPath ?? defaults.libPath);
  const routeBench = resolve(
    options.routeBenchPath ??
      (existsSync(join(dirname(libPath), 'route_bench'))
        ? join(dirname(libPath), 'route_bench')
        : defaults.routeBenchPath),
  );
  if (!existsSync(libPath)) throw new Error(`${libPath}: no libsai (run \`make -C native\`)`);
  if (!existsSync(routeBench)) throw new Error(`${routeBench}: no C baseline (run \`make -C native bench\`)`);
  const bulkChunkSize = Math.max(1, Math.floor(options.chunkSize ?? 32768));
  const notes: string[] = [];

  const ownDir = options.workDir === undefined;
  const workDir = ownDir ? mkdtempSync(join(tmpdir(), 'saistore-ffi-bench-')) : resolve(options.workDir!);
  mkdirSync(workDir, { recursive: true });
  // A fresh state directory: a leftover state would make the first boot warm.
  const stateDir = mkdtempSync(join(workDir, 'state-'));
  const prefixFile = join(workDir, `prefixes-${process.pid}.txt`);
  const opened: FfiSaiAdapter[] = [];
  try {
    const desired = syntheticTopology(options.prefixes.map((prefix) => ({ prefix })));
    const routes = desired.routes.v4.size + desired.routes.v6.size;
    // The C program programs the prefixes in file order, IPv4 first: the agent's order.
    const lines: string[] = [];
    for (const [p] of desired.routes.v4.entries()) lines.push(p);
    for (const [p] of desired.routes.v6.entries()) lines.push(p);
    writeFileSync(prefixFile, lines.join('\n') + '\n');
    lines.length = 0;

    // Adapters: timed start, and on the cold one the size of the route bulk calls the store makes.
    let openMs = 0;
    let maxRouteBulk = 0;
    const createAdapter = (bootType: 'cold' | 'warm', profile: Record<string, string>) => {
      const t = performance.now();
      const a = FfiSaiAdapter.open({ libPath, bootType, profile, bulkChunkSize });
      openMs = performance.now() - t;
      opened.push(a);
      if (bootType === 'cold') {
        const bulkCreate = a.bulkCreate;
        // An own property over the one method: the other calls (gets, creates) stay direct.
        a.bulkCreate = (type: SaiObjectType, entries: readonly BulkCreateEntry[], mode: BulkErrorMode) => {
          if (type === 'ROUTE_ENTRY' && entries.length > maxRouteBulk) maxRouteBulk = entries.length;
          return bulkCreate.call(a, type, entries, mode);
        };
      }
      return a;
    };
    const gc = (globalThis as { gc?: () => void }).gc;

    // (a) cold boot, warm shutdown, warm boot through the store and the FFI adapter.
    gc?.();
    let cpu0 = cpuNow();
    const cold = SwitchAgent.boot({ createAdapter, desired, stateDir });
    const coldCpu = cpuNow() - cpu0;
    if (cold.report.bootType !== 'cold') throw new Error(`the first boot was ${cold.report.bootType}, not cold`);
    const coldOpenMs = openMs;
    const coldAdapter = cold.agent.adapter as FfiSaiAdapter;
    const coldWrites = coldAdapter.writes().total;
    const routeEntries = coldAdapter.countersOf('ROUTE_ENTRY').create;
    const agentRoutes = cold.agent.counts.routes;
    const agentGroups = cold.agent.counts.groups;
    const coldReport: BootReport = cold.report;

    gc?.();
    cpu0 = cpuNow();
    const sd = cold.agent.warmShutdown(stateDir);
    const shutdownCpu = cpuNow() - cpu0;

    gc?.();
    cpu0 = cpuNow();
    const warm = SwitchAgent.boot({ createAdapter, desired, stateDir });
    const warmCpu = cpuNow() - cpu0;
    const warmAdapter = warm.agent.adapter as FfiSaiAdapter;
    if (warm.report.bootType !== 'warm')
      throw new Error(`the second boot was ${warm.report.bootType}, not warm: ${warm.report.coldReason ?? ''}`);
    const warmWrites = warmAdapter.writes().total;
    let warmGets = 0;
    for (const t of [
      'ROUTE_ENTRY',
      'NEXT_HOP',
      'NEXT_HOP_GROUP',
      'NEXT_HOP_GROUP_MEMBER',
      'NEIGHBOR_ENTRY',
      'ROUTER_INTERFACE',
    ] as const)
      warmGets += warmAdapter.countersOf(t).get;
    const warmReport = warm.report;
    const warmOpenMs = openMs;
    warmAdapter.shutdown({ warm: false });

    // (b) the C program on the same prefixes, the same libsai, the chunk size the libsai saw.
    const chunk = Math.max(1, Math.min(maxRouteBulk || bulkChunkSize, bulkChunkSize));
    // Its warm file goes to the (fresh) state directory: runs sharing a work directory do not collide.
    const args = ['--lib', libPath, '--prefixes', prefixFile, '--chunk', String(chunk), '--dir', stateDir];
    gc?.();
    const c = await runRouteBench(routeBench, args);

    // (c) checks and result.
    if (c.routes !== routes || c.routes !== agentRoutes)
      throw new Error(`routes programmed: FFI ${agentRoutes} (desired ${routes}), C ${c.routes}`);
    if (c.routeEntries !== routeEntries)
      throw new Error(`ROUTE_ENTRY creates: FFI ${routeEntries}, C ${c.routeEntries} (sai_get_object_count)`);
    if (c.gets.mismatches !== 0) throw new Error(`route_bench read back ${c.gets.mismatches} wrong values`);
    notes.push(
      `both paths programmed ${routes} routes (${c.v4} IPv4, ${c.v6} IPv6) and ${routeEntries} ROUTE_ENTRY objects in all; ` +
        `${c.groups} next hop groups (agent ${agentGroups}), ${c.members} members, ${c.neighbors} neighbors`,
    );
    notes.push(
      `route bulk creates: the store sends up to ${maxRouteBulk} entries per call, the adapter's chunk is ${bulkChunkSize}: ` +
        `${chunk} per create_route_entries call on both sides`,
    );
    notes.push(
      `warm boot: FFI reload read ${warmGets} objects (entries through bulkGet where the library has it, other objects one get each); C read ${c.gets.routes} routes ` +
        `(${c.gets.mode}) and ${c.gets.others} other objects`,
    );
    if (warmWrites !== 0) notes.push(`warm boot wrote ${warmWrites} times to the libsai (must be 0)`);
    const storeWrites = sumWrites(warmReport.ops) + sumWrites(warmReport.applyOps);
    if (storeWrites !== 0) notes.push(`warm boot: the store counted ${storeWrites} writes (must be 0)`);

    const coldMs = coldReport.phases.apply;
    const perSec = coldMs > 0 ? routes / (coldMs / 1000) : Number.POSITIVE_INFINITY;
    const cycleMs = sd.ms + warmReport.ms;
    const cycleBase = c.ms.shutdown + c.ms.warmBoot;
    notes.push(
      `cold programming ${Math.round(perSec).toLocaleString('en-US')} routes/s: target ${FFI_BENCH_TARGETS.coldRoutesPerSec.toLocaleString('en-US')} ` +
        (perSec >= FFI_BENCH_TARGETS.coldRoutesPerSec ? 'met' : 'missed'),
    );
    notes.push(
      `warm boot ${warmReport.ms.toFixed(0)} ms, warm shutdown + warm boot ${cycleMs.toFixed(0)} ms: target ${FFI_BENCH_TARGETS.warmCycleMs} ms ` +
        `${warmReport.ms <= FFI_BENCH_TARGETS.warmCycleMs ? 'met' : 'missed'} by the boot, ` +
        `${cycleMs <= FFI_BENCH_TARGETS.warmCycleMs ? 'met' : 'missed'} by the cycle; writes ${warmWrites}`,
    );
    return {
      routes,
      cold: {
        ms: coldMs,
        perSec,
        baselineMs: c.ms.cold,
        ratio: ratio(coldMs, c.ms.cold),
        bootMs: coldReport.ms,
        bootBaselineMs: c.ms.init + c.ms.cold,
        bootCpuMs: coldCpu,
        bootBaselineCpuMs: c.cpuMs.init + c.cpuMs.cold,
        writes: coldWrites,
        routeEntries,
      },
      warmBoot: {
        ms: warmReport.ms,
        phases: { open: warmOpenMs, ...warmReport.phases },
        writes: warmWrites,
        storeWrites,
        baselineMs: c.ms.warmBoot,
        ratio: ratio(warmReport.ms, c.ms.warmBoot),
        cpuMs: warmCpu,
        baselineCpuMs: c.cpuMs.warmBoot,
        baselinePhases: { init: c.ms.warmInit, gets: c.ms.warmGets },
        baselineGetMode: c.gets.mode,
        gets: warmGets,
      },
      shutdown: {
        ms: sd.ms,
        baselineMs: c.ms.shutdown,
        ratio: ratio(sd.ms, c.ms.shutdown),
        cpuMs: shutdownCpu,
        baselineCpuMs: c.cpuMs.shutdown,
        stateBytes: sd.stateBytes,
      },
      cycle: {
        ms: cycleMs,
        baselineMs: cycleBase,
        ratio: ratio(cycleMs, cycleBase),
        cpuMs: shutdownCpu + warmCpu,
        baselineCpuMs: c.cpuMs.shutdown + c.cpuMs.warmBoot,
      },
      baseline: c,
      notes: [
        `cold adapter start ${coldOpenMs.toFixed(1)} ms, warm adapter start ${warmOpenMs.toFixed(1)} ms`,
        ...notes,
      ],
    };
  } finally {
    for (const a of opened) {
      try {
        if (a.isOpen) a.shutdown({ warm: false });
      } catch {
        // closing is best effort here: the error that got us here is the one to see
      }
    }
    rmSync(prefixFile, { force: true });
    rmSync(stateDir, { recursive: true, force: true });
    if (ownDir) rmSync(workDir, { recursive: true, force: true });
  }
}

/** The result as a few readable lines. */
export function formatFfiBenchResult(r: FfiBenchResult): string {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const x = (v: number) => `${v.toFixed(2)}x`;
  const p = r.warmBoot.phases;
  return [
    `FFI benchmark, ${r.routes.toLocaleString('en-US')} routes (C baseline: route_bench, same libsai, same calls)`,
    `  cold programming  ${ms(r.cold.ms)}  ${Math.round(r.cold.perSec).toLocaleString('en-US')} routes/s  C ${ms(r.cold.baselineMs)}  ratio ${x(r.cold.ratio)}` +
      `  (whole boot ${ms(r.cold.bootMs)}, C ${ms(r.cold.bootBaselineMs)}; CPU ${ms(r.cold.bootCpuMs)}, C ${ms(r.cold.bootBaselineCpuMs)})`,
    `  warm shutdown     ${ms(r.shutdown.ms)}  C ${ms(r.shutdown.baselineMs)}  ratio ${x(r.shutdown.ratio)}` +
      `  (CPU ${ms(r.shutdown.cpuMs)}, C ${ms(r.shutdown.baselineCpuMs)})`,
    `  warm boot         ${ms(r.warmBoot.ms)}  writes ${r.warmBoot.writes}  C ${ms(r.warmBoot.baselineMs)}  ratio ${x(r.warmBoot.ratio)}` +
      `  (CPU ${ms(r.warmBoot.cpuMs)}, C ${ms(r.warmBoot.baselineCpuMs)})`,
    `    phases: open ${ms(p.open)}, loadState ${ms(p.loadState)}, reload ${ms(p.reload)}, replay ${ms(p.replay)}, ` +
      `release ${ms(p.release)}, apply ${ms(p.apply)}; C init ${ms(r.warmBoot.baselinePhases.init)}, gets ${ms(r.warmBoot.baselinePhases.gets)} (${r.warmBoot.baselineGetMode})`,
    `  cycle             ${ms(r.cycle.ms)}  C ${ms(r.cycle.baselineMs)}  ratio ${x(r.cycle.ratio)}` +
      `  (CPU ${ms(r.cycle.cpuMs)}, C ${ms(r.cycle.baselineCpuMs)})`,
    ...r.notes.map((n) => `  - ${n}`),
  ].join('\n');
}
