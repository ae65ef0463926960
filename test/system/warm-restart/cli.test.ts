/**
 * `saistore warm-restart config|state|enable|disable`: SONiC's layout (the expected texts below are
 * what sonic-utilities' `show warm_restart` prints for the same rows), over Redis and over a
 * daemon's state directory.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { namespaceBlocks, tabulate } from '../../../src/cli/warm-restart-format.js';
import { EmbeddedStateDb, openStateDb } from '../../../src/db/index.js';
import { WarmRestartService } from '../../../src/system/warm-restart/service.js';
import { describeWithNeed, needRedisServer } from '../../helpers/need.js';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { coldBoot, warmBoot } from './fixtures.js';

/** Runs the CLI in this process; answers its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await runCli(['node', 'saistore', 'warm-restart', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const dedent = (s: string) => s.replace(/^\n/, '').replace(/^ {6}/gm, '');

describe("tabulate: sonic-utilities' layout", () => {
  it('state: numbers right-aligned, headers padded by 2, no trailing blanks', () => {
    expect(
      tabulate(
        ['name', 'restore_count', 'state'],
        [
          ['orchagent', '1', 'restored'],
          ['syncd', '1', 'reconciled'],
        ],
      ) + '\n',
    ).toBe(
      dedent(`
      name         restore_count  state
      ---------  ---------------  ----------
      orchagent                1  restored
      syncd                    1  reconciled
      `),
    );
  });
  it('config: a column holding NULL is text; an empty table is its header', () => {
    const h = ['name', 'enable', 'timer_name', 'timer_duration', 'eoiu_enable'];
    expect(
      tabulate(h, [
        ['teamd', 'false', 'teamsyncd_timer', '120', 'NULL'],
        ['system', 'true', 'NULL', 'NULL', 'NULL'],
      ]) + '\n',
    ).toBe(
      dedent(`
      name    enable    timer_name       timer_duration    eoiu_enable
      ------  --------  ---------------  ----------------  -------------
      teamd   false     teamsyncd_timer  120               NULL
      system  true      NULL             NULL              NULL
      `),
    );
    expect(
      namespaceBlocks([
        { namespace: '', table: tabulate(h, []) },
        { namespace: 'asic0', table: tabulate(h, [['teamd', 'false', 'teamsyncd_timer', '180', 'NULL']]) },
      ]),
    ).toBe(
      dedent(`

      For namespace global:

      name    enable    timer_name    timer_duration    eoiu_enable
      ------  --------  ------------  ----------------  -------------

      For namespace asic0:

      name    enable    timer_name         timer_duration  eoiu_enable
      ------  --------  ---------------  ----------------  -------------
      teamd   false     teamsyncd_timer               180  NULL
      `),
    );
  });
});

describe('saistore warm-restart', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'saistore-wr-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
  });

  it('needs --db or --state-dir: the embedded DB lives in the daemon', async () => {
    const r = await cli('state');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /the embedded state DB lives in the daemon's process: give --state-dir DIR .* or --db redis:\/\/HOST:PORT/,
    );
    expect((await cli('state', '--db', 'embedded')).code).toBe(2);
    const bad = await cli('state', '--db', 'http://x');
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('saistore: state DB URL "http://x": scheme http is not one of redis, rediss, unix\n');
    const none = await cli('state', '--state-dir', tempDir());
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/holds no state DB snapshot \(state-db\.json\) nor warm restart intent/);
  });

  it("--state-dir: shows the daemon's snapshot; enable|disable leave intent its next start loads", async () => {
    const dir = tempDir();
    const writeFile = (p: string, text: string) => writeFileSync(p, text);
    // The daemon: a cold boot, then (restarted: a new process, a new embedded DB) a warm one.
    let wr = await WarmRestartService.start({ db: new EmbeddedStateDb(), stateDir: dir, writeFile });
    wr.recordBoot(coldBoot('no checkpoint'), await wr.decide({ usable: true }));
    expect(await wr.flush()).toEqual([]);
    wr = await WarmRestartService.start({ db: new EmbeddedStateDb(), stateDir: dir, writeFile });
    expect(wr.book.record).toMatchObject({ state: 'disabled', restoreCount: 0 }); // the snapshot came back
    wr.recordBoot(warmBoot(1), await wr.decide({ usable: true }));
    expect(await wr.flush()).toEqual([]);

    expect((await cli('state', '--state-dir', dir)).out).toBe(
      dedent(`
      name         restore_count  state
      ---------  ---------------  ----------
      orchagent                1  reconciled
      `),
    );
    const json = JSON.parse((await cli('state', '--state-dir', dir, '--json')).out);
    expect(json.global[0]).toMatchObject({
      name: 'orchagent',
      restore_count: '1',
      state: 'reconciled',
      boot_type: 'warm',
      reconcile_same: '12',
    });

    const d = await cli('disable', 'swss', '--state-dir', dir);
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/warm restart swss: enable=false \(pending: the daemon on .* loads it at its next start\)/);
    expect(JSON.parse(readFileSync(join(dir, 'warm-restart-intent.json'), 'utf8'))).toMatchObject({
      enable: { swss: false },
    });
    await cli('enable', '--state-dir', dir);
    expect((await cli('config', '--state-dir', dir)).out).toBe(
      dedent(`
      name    enable    timer_name    timer_duration    eoiu_enable
      ------  --------  ------------  ----------------  -------------
      swss    false     NULL          NULL              NULL
      system  true      NULL          NULL              NULL
      `),
    );
    // The daemon's next start loads the intent: system on wins over swss off, as in SONiC.
    wr = await WarmRestartService.start({ db: new EmbeddedStateDb(), stateDir: dir, writeFile });
    expect(await wr.decide({ usable: true })).toMatchObject({ bootType: 'warm' });
    await cli('disable', '--state-dir', dir);
    wr = await WarmRestartService.start({ db: new EmbeddedStateDb(), stateDir: dir, writeFile });
    expect(await wr.decide({ usable: true })).toMatchObject({
      bootType: 'cold',
      reason: /WARM_RESTART_ENABLE_TABLE\|system enable=false/,
    });

    const unknown = await cli('enable', 'syncd', '--state-dir', dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('saistore: unknown module "syncd" (known: system, swss, bgp, teamd)\n');
    writeFileSync(
      join(dir, 'warm-restart-intent.json'),
      '{"format":"saistore-warm-restart-intent","version":1,"enable":{},"config":{"bgp":{"bgp_timer":"0"}}}',
    );
    const badIntent = await cli('config', '--state-dir', dir);
    expect(badIntent.code).toBe(1);
    expect(badIntent.err).toMatch(
      /warm-restart-intent\.json: config\.bgp: CONFIG_DB \(4\) "WARM_RESTART\|bgp" field "bgp_timer": "0": a timer is 1\.\.3600 seconds/,
    );
  });

  describeWithNeed(needRedisServer(), '--db redis', () => {
    let server: RedisServer;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(async () => {
      await server?.stop();
    });
    afterEach(() => {
      server.cli('FLUSHALL');
    });

    it("prints SONiC's tables for rows SONiC's tools wrote, one block per namespace", async () => {
      server.cli('-n', '6', 'hset', 'WARM_RESTART_TABLE|orchagent', 'restore_count', '1', 'state', 'restored');
      server.cli('-n', '6', 'hset', 'WARM_RESTART_TABLE|syncd', 'restore_count', '1', 'state', 'reconciled');
      server.cli('-n', '4', 'hset', 'WARM_RESTART|teamd', 'teamsyncd_timer', '120');
      server.cli('-n', '6', 'hset', 'WARM_RESTART_ENABLE_TABLE|system', 'enable', 'true');
      expect((await cli('state', '--db', server.url)).out).toBe(
        dedent(`
        name         restore_count  state
        ---------  ---------------  ----------
        orchagent                1  restored
        syncd                    1  reconciled
        `).replace(/^ {2}/gm, ''),
      );
      expect((await cli('config', '--db', server.url)).out).toBe(
        dedent(`
        name    enable    timer_name       timer_duration    eoiu_enable
        ------  --------  ---------------  ----------------  -------------
        teamd   false     teamsyncd_timer  120               NULL
        system  true      NULL             NULL              NULL
        `).replace(/^ {2}/gm, ''),
      );
      const db = await openStateDb({ url: server.url });
      await db
        .database('STATE_DB', 'asic1')
        .set('WARM_RESTART_TABLE', 'orchagent', { restore_count: '0', state: 'disabled' });
      await db.close();
      expect((await cli('state', '--db', server.url)).out).toBe(
        dedent(`

        For namespace global:

        name         restore_count  state
        ---------  ---------------  ----------
        orchagent                1  restored
        syncd                    1  reconciled

        For namespace asic1:

        name         restore_count  state
        ---------  ---------------  --------
        orchagent                0  disabled
        `).replace(/^ {2}/gm, ''),
      );
      expect((await cli('state', '--db', server.url, '-n', 'asic1')).out).toMatch(/^name {9}restore_count  state\n/);
    });

    it('enable|disable write STATE_DB WARM_RESTART_ENABLE_TABLE live; a bad row is an error naming it', async () => {
      expect((await cli('enable', 'bgp', '--db', server.url)).code).toBe(0);
      expect(server.cli('-n', '6', 'hget', 'WARM_RESTART_ENABLE_TABLE|bgp', 'enable').trim()).toBe('true');
      expect((await cli('disable', 'bgp', '--db', server.url, '-n', 'asic0')).code).toBe(0);
      expect(server.cli('-n', '6', 'hget', 'asic0/WARM_RESTART_ENABLE_TABLE|bgp', 'enable').trim()).toBe('false');
      server.cli('-n', '4', 'hset', 'WARM_RESTART|bgp', 'bgp_timer', '99999');
      const r = await cli('config', '--db', server.url, '-n', 'global');
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        'saistore: CONFIG_DB (4) "WARM_RESTART|bgp" field "bgp_timer": "99999": a timer is 1..3600 seconds\n',
      );
    });
  });
});
