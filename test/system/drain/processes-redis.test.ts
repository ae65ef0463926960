/**
 * Real processes over real redis-servers: 4 instance drain processes (`drain-agent.child.ts`), the
 * operator's `saistore drain` commands as processes of their own, agents killed with SIGKILL and
 * started again warm. The hold resumes with its deadline across a crash; no agent flaps when it comes
 * back; every instance follows the chassis and its own intent; `drain show` prints it all.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithNeed, needRedisServer } from '../../helpers/need.js';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { finished, startCli } from '../../cli/run-cli.js';
import { RedisStateDb } from '../../../src/db/index.js';
import { readDrainView } from '../../../src/system/drain/view.js';

const CHILD = resolve(import.meta.dirname, 'drain-agent.child.ts');
const HOLD_MS = 3_600_000; // long: the test checks the deadline survives, it never waits for it

interface Line {
  event: 'ready' | 'decision';
  pid: number;
  drained: boolean;
  basis: string;
  reasons: string[];
  unknown: string[];
  hold?: { deadline: number; startedAt: number; durationMs: number } | null;
}

class Agent {
  readonly lines: Line[] = [];
  readonly child: ChildProcessWithoutNullStreams;
  stderr = '';
  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let buf = '';
    this.child.stdout.on('data', (d) => {
      buf += d;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        this.lines.push(JSON.parse(buf.slice(0, i)) as Line);
        buf = buf.slice(i + 1);
      }
    });
    this.child.stderr.on('data', (d) => (this.stderr += d));
  }
  async until(pred: (l: Line) => boolean, what: string, timeoutMs = 20_000): Promise<Line> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const l = this.lines.find(pred);
      if (l) return l;
      if (Date.now() > end || this.child.exitCode !== null)
        throw new Error(
          `agent ${this.child.pid}: no ${what}; lines ${JSON.stringify(this.lines)}; stderr ${this.stderr}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  get last(): Line {
    return this.lines.at(-1)!;
  }
  kill(): Promise<void> {
    return new Promise((r) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return r();
      this.child.once('exit', () => r());
      this.child.kill('SIGKILL');
    });
  }
}

describeWithNeed(needRedisServer(), 'drain in real processes over Redis, 4 instances', () => {
  let global: RedisServer;
  let chassis: RedisServer;
  let root: string;
  const agents = new Map<string, Agent>();
  const ns = ['asic0', 'asic1', 'asic2', 'asic3'];
  const supFile = () => join(root, 'supervisor.json');

  beforeAll(async () => {
    [global, chassis] = await Promise.all([startRedisServer(), startRedisServer()]);
    root = mkdtempSync(join(tmpdir(), 'drain-procs-'));
    for (const n of ns) mkdirSync(join(root, n));
  });
  afterAll(async () => {
    for (const a of agents.values()) await a.kill();
    await Promise.all([global?.stop(), chassis?.stop()]);
    rmSync(root, { recursive: true, force: true });
  });

  const start = (n: string, boot: 'cold' | 'warm') => {
    const a = new Agent([global.url, chassis.url, n, join(root, n), boot, String(HOLD_MS)]);
    agents.set(n, a);
    return a;
  };
  /** `saistore ARGS --db GLOBAL --chassis-db CHASSIS`, as an operator runs it. */
  const cli = async (...args: string[]) => {
    const r = await finished(startCli([...args, '--db', global.url, '--chassis-db', chassis.url]));
    expect(r.code, `saistore ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  interface View {
    systemMode: string;
    chassis: { published: { value: string } };
    instances: {
      namespace: string;
      intent: { value: string };
      operational?: { mode: string; reasons: string[]; unknown?: string[] };
      hold: { state: string; remainingSeconds?: number };
    }[];
  }
  /**
   * The view `drain show` prints, read in this process (the same `readDrainView`) until `pred`
   * holds: the agents publish asynchronously, and a CLI process per poll would cost seconds.
   */
  const showUntil = async (pred: (v: View) => boolean, what: string): Promise<View> => {
    const db = new RedisStateDb({ url: global.url, chassis: chassis.url, maxRetries: 1, connectTimeoutMs: 2000 });
    try {
      const end = Date.now() + 20_000;
      for (;;) {
        const v = (await readDrainView(db, { now: Date.now() })) as unknown as View;
        if (pred(v)) return v;
        if (Date.now() > end) {
          for (const a of agents.values()) a.child.kill('SIGUSR1');
          await new Promise((r) => setTimeout(r, 3000));
          const dumps = [...agents.values()].map((a) => a.stderr).join('\n');
          throw new Error(`drain show never showed ${what}: ${JSON.stringify(v)}\nagents:\n${dumps}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await db.close();
    }
  };
  const inst = (v: View, n: string) => v.instances.find((i) => i.namespace === n)!;

  it('cold boots hold, crashes resume the hold, both scopes are followed, drain show agrees', async () => {
    await cli('drain', 'off', '--scope', 'chassis', '--config', supFile());
    // Each instance's CONFIG_DB in TSB (SONiC's layout on a shared server: `asicK/` keys).
    for (const n of ns) global.cli('-n', '4', 'HSET', `${n}/BGP_DEVICE_GLOBAL|STATE`, 'tsa_enabled', 'false');

    // 1. Four instances boot cold: each holds (the startup hold), both scopes say TSB.
    for (const n of ns) start(n, 'cold');
    const ready = new Map<string, Line>();
    for (const n of ns) ready.set(n, await agents.get(n)!.until((l) => l.event === 'ready', 'ready'));
    for (const n of ns)
      expect(ready.get(n), n).toMatchObject({ drained: true, reasons: ['startup-hold'], unknown: [] });

    // 2. asic0's agent crashes (SIGKILL) and comes back warm: the same deadline, no flap.
    await agents.get('asic0')!.kill();
    const again = start('asic0', 'warm');
    const r0 = await again.until((l) => l.event === 'ready', 'ready after the crash');
    expect(r0.hold!.deadline).toBe(ready.get('asic0')!.hold!.deadline);
    expect(r0).toMatchObject({ drained: true, reasons: ['startup-hold'] });
    expect(again.lines.filter((l) => l.event === 'decision').map((l) => l.drained)).toEqual([true]);

    // 3. asic1 in TSA by its own scope; then every agent crashes and comes back warm.
    await cli('drain', 'on', '--scope', 'instance', '--asic', '1');
    await showUntil((v) => inst(v, 'asic1').operational?.reasons.includes('instance') === true, 'asic1 by instance');
    for (const n of ns) await agents.get(n)!.kill();
    for (const n of ns) start(n, 'warm');
    for (const n of ns) {
      const l = await agents.get(n)!.until((x) => x.event === 'ready', 'ready (warm)');
      expect(l.hold!.deadline, n).toBe(ready.get(n)!.hold!.deadline);
      expect(l.reasons, n).toEqual(n === 'asic1' ? ['instance', 'startup-hold'] : ['startup-hold']);
      expect(
        agents
          .get(n)!
          .lines.filter((x) => x.event === 'decision')
          .map((x) => x.drained),
        n,
      ).toEqual([true]);
    }

    // 4. The chassis DB server dies: every agent keeps its state and says the chassis is unreachable.
    await chassis.kill();
    await showUntil(
      (v) => ns.every((n) => inst(v, n).operational?.unknown?.includes('chassis:unreachable') === true),
      'the chassis unreachable on every instance',
    );
    // It comes back empty (a restarted redis_chassis): still unknown (missing key), still drained.
    await chassis.restart();
    await showUntil(
      (v) => ns.every((n) => inst(v, n).operational?.unknown?.includes('chassis:missing-key') === true),
      'the chassis key missing on every instance',
    );
    // The supervisor restores its saved TSB, then goes to TSA.
    await cli('drain', 'restore', '--config', supFile());
    await showUntil((v) => ns.every((n) => inst(v, n).operational?.unknown?.length === 0), 'every scope known');
    await cli('drain', 'on', '--scope', 'chassis', '--config', supFile());

    // 5. drain show (the command): every instance in Maintenance by the chassis and its hold, asic1
    //    by itself too.
    await showUntil(
      (v) => ns.every((n) => inst(v, n).operational?.reasons.includes('chassis') === true),
      'the chassis on every instance',
    );
    const view = JSON.parse(await cli('drain', 'show', '--json')) as View;
    expect(view.chassis.published.value).toBe('true');
    for (const n of ns) {
      const i = inst(view, n);
      expect(i.operational!.mode, n).toBe('Maintenance');
      expect(i.operational!.reasons, n).toEqual(
        n === 'asic1' ? ['chassis', 'instance', 'startup_hold'] : ['chassis', 'startup_hold'],
      );
      expect(i.hold.state, n).toBe('running');
      expect(i.hold.remainingSeconds!, n).toBeGreaterThan(0);
      expect(i.hold.remainingSeconds!, n).toBeLessThanOrEqual(HOLD_MS / 1000);
    }
    expect(view.systemMode).toBe('Maintenance');
    const text = await cli('drain', 'show');
    expect(text).toMatch(/^asic1: System Mode: Maintenance$/m);
    expect(text).toMatch(/startup hold +running, \d+ s left/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('System Mode: Maintenance');
  }, 240_000);
});
