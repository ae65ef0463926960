/**
 * Real route input as an operator gives it (issue 11): RIB dumps holding their own peering subnet,
 * announces with new next hops, mixed inputs, empty files, conflicting duplicates, refused next
 * hops, the route limit, and the messages for the wrong files. Rules run in process
 * (`prepareDesired`); exit codes, stderr and "nothing written" through the CLI.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSaiAdapter } from '../../src/adapter/fake/fake-adapter.js';
import { SwitchAgent, type RouteAction, type SwitchState } from '../../src/agent/index.js';
import { applyUpdateFiles } from '../../src/cli/apply-updates.js';
import { CliError } from '../../src/cli/errors.js';
import { prepareDesired, type PrepareOptions } from '../../src/cli/prepare.js';
import { Progress } from '../../src/cli/progress.js';
import { demoReportSchema } from '../../src/cli/report.js';
import { defaultRouteLimit, HEAP_BYTES_PER_ROUTE } from '../../src/cli/route-limit.js';
import { UpdateMapper } from '../../src/cli/update-mapper.js';
import { RouteFileError } from '../../src/routes/index.js';
import { describeWithNeed, needShared, SHARED_DIR } from '../helpers/need.js';
import { FIXTURES, ROOT, runCli, tempDir } from './run-cli.js';

const input = (name: string) => join(ROOT, 'test', 'fixtures', 'input', name);
const quiet = Progress.forCli(true);

/** prepareDesired with the CLI's defaults, stderr captured. */
async function prepare(routes: string[], o: Partial<PrepareOptions> = {}) {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const r = await prepareDesired({ routes, skipBad: false, ports: 32, progress: quiet, ...o });
    return { ...r, stderr: stderr.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    stderr.mockRestore();
  }
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => new Error('expected a failure'),
    (err: unknown) => err as Error,
  );
  expect(e.message).not.toBe('expected a failure');
  return e;
}

const via = (a: RouteAction | undefined) =>
  a?.kind === 'forward' ? a.nextHops.map((h) => `${h.rif}/${h.ip}`).join(',') : a?.kind;

function bootAgent(state: SwitchState, dir: string): SwitchAgent {
  return SwitchAgent.boot({ createAdapter: (_t, profile) => new FakeSaiAdapter({ profile }), desired: state, stateDir: dir })
    .agent;
}

afterEach(() => vi.restoreAllMocks());

describe('item 1: a RIB dump holding its own peering subnet', () => {
  it('2002 TABLE_DUMP: the connected routes win; the table routes are shadowed, counted, named; it programs', async () => {
    const path = input('rib-2002-own-subnet.txt');
    const { input: report, desired, stderr } = await prepare([path]);
    expect(report).toMatchObject({ routes: 3, duplicates: 2, conflicts: 2, shadowed: 2, topology: 'next-hop', bad: 0 });
    expect(stderr).toContain('2 table routes shadowed by a connected route');
    expect(stderr).toContain(`${path}:4: 193.203.0.0/24 is router interface Ethernet0's connected subnet`);
    expect(stderr).toContain(`${path}:6: 202.249.2.0/24 is router interface Ethernet1's connected subnet`);
    const agent = bootAgent(desired.state, tempDir());
    expect(agent.counts.routes).toBeGreaterThanOrEqual(3);
    agent.adapter.shutdown({ warm: false });
  });

  it('IPv4 add-path dump: the interface address avoids the table\'s /32, only the subnet is shadowed', async () => {
    const { input: report, desired } = await prepare([input('rib-addpath-own-subnet.txt')]);
    expect(report).toMatchObject({ routes: 3, duplicates: 1, conflicts: 1, shadowed: 1 });
    expect(desired.state.routerInterfaces.get('Ethernet0')!.addresses).toEqual(['80.249.208.2/24']);
    expect(desired.state.routes.v4.has('80.249.208.1/32')).toBe(true);
  });

  it('the CLI runs it: cold, warm boot with zero writes, the shadowed count in the report', async () => {
    const r = await runCli(['demo', '--json', '--routes', input('rib-2002-own-subnet.txt')]);
    expect(r.code).toBe(0);
    const report = demoReportSchema.parse(JSON.parse(r.stdout));
    expect(report.input).toMatchObject({ routes: 3, shadowed: 2, conflicts: 2 });
    expect(report.warmBoot.ops).toEqual({ create: 0, set: 0, remove: 0 });
    expect(r.stderr).toMatch(/shadowed by a connected route/);
  });
});

describe('item 2: an announce programs the next hop it names', () => {
  it('a next hop the table lacks gets its neighbor (and interface address); the route goes via it', async () => {
    const { desired } = await prepare([input('rib-2002-own-subnet.txt')]);
    const agent = bootAgent(desired.state, tempDir());
    const run = await applyUpdateFiles(agent, [input('updates-new-next-hop.txt')], {
      batchSize: 2,
      skipBad: false,
      mapper: new UpdateMapper({ desired, ports: 32 }),
      progress: quiet,
    });
    expect(run).toMatchObject({ count: 4, announces: 3, withdraws: 1, newNeighbors: 2, shadowed: 0, bad: 0 });
    const s = agent.state;
    expect(via(s.routes.v4.get('109.109.32.0/19'))).toBe('Ethernet0/193.203.0.99');
    expect(via(s.routes.v4.get('3.0.0.0/8'))).toBe('Ethernet1/202.249.2.184');
    expect(via(s.routes.v4.get('64.71.128.0/18'))).toBe('Ethernet2/198.32.176.20');
    expect(s.routerInterfaces.get('Ethernet2')!.addresses).toEqual(['198.32.176.1/24']);
    expect(s.routes.v4.has('210.0.0.0/8')).toBe(false);
    agent.adapter.shutdown({ warm: false });
  });

  it('through the CLI: counted in the report, and the warm boot after the updates writes nothing', async () => {
    const r = await runCli([
      'demo',
      '--json',
      '--routes',
      input('rib-2002-own-subnet.txt'),
      '--updates',
      input('updates-new-next-hop.txt'),
    ]);
    expect(r.code).toBe(0);
    const report = demoReportSchema.parse(JSON.parse(r.stdout));
    expect(report.updates).toMatchObject({ count: 4, newNeighbors: 2, shadowed: 0, bad: 0, ignoredWithdraws: 0 });
    expect(report.afterUpdates!.warmBoot.ops).toEqual({ create: 0, set: 0, remove: 0 });
    expect(report.afterUpdates!.warmBoot.applyOps).toEqual({ create: 0, set: 0, remove: 0 });
  });
});

describe('item 3: mixed inputs', () => {
  it('routes without a next hop get the synthetic topology beside the ones with; nothing is dropped', async () => {
    const { input: report, desired } = await prepare([join(FIXTURES, 'v4.txt'), input('one-next-hop.txt')]);
    expect(report).toMatchObject({ routes: 262, topology: 'mixed' });
    const actions = [...desired.state.routes.v4.entries()].map(([, a]) => a);
    expect(actions.filter((a) => a.kind !== 'forward')).toEqual([]);
    expect(via(desired.state.routes.v4.get('198.51.100.0/24'))).toBe('Ethernet0/192.0.2.1');
    const agent = bootAgent(desired.state, tempDir());
    agent.adapter.shutdown({ warm: false });
  });
});

describe('item 4: empty tables must be explicit', () => {
  it('an empty or comments-only file is refused before anything is written; --allow-empty accepts it', async () => {
    for (const name of ['empty.txt', 'comments-only.txt']) {
      const e = await rejection(prepare([input(name)]));
      expect(e).toBeInstanceOf(CliError);
      expect(e.message).toBe(
        `${input(name)}: no route in the file (empty, or only blank and comment lines); nothing was programmed. Give --allow-empty to accept it`,
      );
      const ok = await prepare([input(name)], { allowEmpty: true });
      expect(ok.input.routes).toBe(0);
    }
    // Beside a real table, an empty file is refused too (a failed export, most likely).
    await expect(prepare([join(FIXTURES, 'v4.txt'), input('empty.txt')])).rejects.toThrow(/empty\.txt: no route in the file/);
  });

  it('a table left empty by --skip-bad is refused too', async () => {
    const path = join(tempDir(), 'all-bad.txt');
    writeFileSync(path, '10.0.0.1/8\n10.0.0.0/8 0.0.0.0\n');
    const e = await rejection(prepare([path], { skipBad: true }));
    expect(e).toBeInstanceOf(CliError);
    expect(e.message).toBe(
      'the route input has no route to program (2 bad lines skipped); nothing was programmed. Give --allow-empty to program an empty table',
    );
    expect((await prepare([path], { skipBad: true, allowEmpty: true })).input).toMatchObject({ routes: 0, bad: 2 });
  });

  it('through the CLI: exit 1, the message, and the state directory untouched', async () => {
    const dir = tempDir();
    const r = await runCli(['demo', '--json', '--state-dir', dir, '--routes', input('comments-only.txt')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/comments-only\.txt: no route in the file .* Give --allow-empty to accept it/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('item 5: duplicate prefixes with conflicting next hops', () => {
  it('the first record wins; duplicates and conflicts are counted and the conflicts listed', async () => {
    const path = input('conflicting-duplicates.txt');
    const { input: report, desired, stderr } = await prepare([path]);
    expect(report).toMatchObject({ routes: 3, duplicates: 3, conflicts: 2 });
    expect(via(desired.state.routes.v4.get('1.0.0.0/24'))).toMatch(/\/193\.0\.0\.56$/);
    expect(via(desired.state.routes.v4.get('1.0.4.0/22'))).toMatch(/\/193\.0\.0\.56$/);
    expect(stderr).toContain('2 duplicate prefixes with another next hop than the first (the first is kept):');
    expect(stderr).toContain(`${path}:2: 1.0.0.0/24 via 193.0.0.57 ignored: kept via 193.0.0.56 from ${path}:1`);
  });

  it('across files the earlier file wins', async () => {
    const second = join(tempDir(), 'override.txt');
    writeFileSync(second, '1.0.4.0/22 192.0.2.77\n203.0.113.0/24 192.0.2.77\n');
    const { input: report, desired } = await prepare([input('conflicting-duplicates.txt'), second]);
    expect(report).toMatchObject({ routes: 4, duplicates: 4, conflicts: 3 });
    expect(via(desired.state.routes.v4.get('1.0.4.0/22'))).toMatch(/\/193\.0\.0\.56$/);
  });
});

describe('item 6: addresses that cannot be next hops', () => {
  it('a per-line error naming file, line and reason; --skip-bad counts them and programs the rest', async () => {
    const path = input('bad-next-hops.txt');
    const e = await rejection(prepare([path]));
    expect(e).toBeInstanceOf(RouteFileError);
    expect(e.message).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}:2: bad next hop: 0\\.0\\.0\\.0 is the unspecified address`));
    const { input: report, firstBad } = await prepare([path], { skipBad: true });
    expect(report).toMatchObject({ routes: 1, bad: 11 });
    expect(firstBad.map((b) => b.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it("a next hop that is an interface's own address: file and line, or counted with --skip-bad", async () => {
    const path = input('own-address-next-hop.txt');
    const e = await rejection(prepare([path]));
    expect(e.message).toBe(
      `${path}:3: route 198.51.100.0/24 via 100.64.3.1: next hop 100.64.3.1 is router interface Ethernet3's own address`,
    );
    const { input: report } = await prepare([path], { skipBad: true });
    expect(report).toMatchObject({ routes: 2, bad: 1, topology: 'mixed' });
  });
});

describe('item 7: the route limit', () => {
  it('a table over --max-routes is refused while it is read, naming the limit; nothing is written', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.txt');
    const prefixes = Array.from({ length: 3000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    // Sorted (as RIB dumps and `sort` output are): found at the line that crosses the limit.
    writeFileSync(path, [...prefixes].sort().join('\n'));
    const e = await rejection(prepare([path], { maxRoutes: 1000 }));
    expect(e.message).toBe(
      `${path}:1001: the table has more than 1,000 routes, the limit given with --max-routes; nothing was programmed`,
    );
    // Unsorted: found at the next bulk pass, before twice the limit.
    const unsorted = join(dir, 'unsorted.txt');
    writeFileSync(unsorted, prefixes.join('\n'));
    const e2 = await rejection(prepare([unsorted], { maxRoutes: 1000 }));
    const line = Number(/unsorted\.txt:(\d+): the table has more than 1,000 routes/.exec(e2.message)?.[1]);
    expect(line).toBeGreaterThan(1000);
    expect(line).toBeLessThanOrEqual(2001);
    const state = join(dir, 'state');
    mkdirSync(state);
    const r = await runCli(['demo', '--state-dir', state, '--max-routes', '1000', '--routes', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/more than 1,000 routes, the limit given with --max-routes/);
    expect(readdirSync(state)).toEqual([]);
  });

  it('the default limit follows the heap: a small heap refuses early and says how to raise it', async () => {
    expect(defaultRouteLimit(4096 * 2 ** 20)).toBe(Math.floor((4096 - 48) * 2 ** 20 / HEAP_BYTES_PER_ROUTE));
    const dir = tempDir();
    const path = join(dir, 'wide.txt');
    // 200,000 distinct /32s: more than a 64 MB heap is allowed.
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) lines.push(`11.${i >> 16}.${(i >> 8) & 255}.${i & 255}/32`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const r = await runCli(['demo', '--json', '--routes', path], { NODE_OPTIONS: '--max-old-space-size=64' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /: the table has more than [\d,]+ routes, the limit for this process's \d+ MB heap \(about \d+ bytes a route through boot and warm restart\); nothing was programmed\. Give the process more heap \(NODE_OPTIONS=--max-old-space-size=MB; the limit grows with it\), or set the limit with --max-routes N/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('item 8: messages', () => {
  it('a directory given as a route file is named', async () => {
    const dir = tempDir();
    const r = await runCli(['demo', '--routes', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`saistore: ${dir}: a directory, not a route file\n`);
  });

  it('binary garbage is escaped, never echoed raw', async () => {
    const path = join(tempDir(), 'rib.20020501.0000');
    writeFileSync(path, Buffer.from('\x00\x00\x00\x0d\x1b]2;owned\x07\x1b[2J\xff\n', 'latin1'));
    const r = await runCli(['demo', '--routes', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('binary data, not a text route file (an MRT dump must be converted with `bgpdump -m` first)');
    expect(r.stderr).toContain('\\x1b]2;owned\\x07\\x1b[2J');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('the wrong kind of file is named in command-line words', async () => {
    const updates = input('updates-new-next-hop.txt');
    const r1 = await runCli(['demo', '--routes', updates]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(
      new RegExp(`^saistore: ${updates.replace(/[.]/g, '\\.')}:1: an update stream \\(bgpdump-updates\\), not a route table: give it with --updates \\(BGP4MP`),
    );
    expect(r1.stderr).not.toMatch(/loadRouteUpdates|readRouteUpdates/);
    const table = input('rib-2002-own-subnet.txt');
    const r2 = await runCli(['demo', '--routes', table, '--updates', table]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`${table}:1: a route table (bgpdump-table), not an update stream: give it with --routes`);
    expect(r2.stderr).not.toMatch(/loadRouteTable/);
  });
});

const RIS_V4 = join(SHARED_DIR, 'data', 'routes', 'ris-20260511-as3333-v4.txt.gz');

describeWithNeed(needShared('data/routes/ris-20260511-as3333-v4.txt.gz'), 'item 3 on the real table', () => {
  it('the RIS v4 table plus a one-line file with a next hop: 1,042,326 forwarding routes, none dropped', async () => {
    const { input: report, desired } = await prepare([RIS_V4, input('one-next-hop.txt')]);
    expect(report).toMatchObject({ routes: 1_042_326, v4: 1_042_326, topology: 'mixed', shadowed: 0, conflicts: 0 });
    let notForward = 0;
    for (const [, a] of desired.state.routes.v4.entries()) if (a.kind !== 'forward') notForward++;
    expect(notForward).toBe(0);
    expect(via(desired.state.routes.v4.get('198.51.100.0/24'))).toBe('Ethernet0/192.0.2.1');
  });
});
