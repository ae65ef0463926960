import { describe, expect, it } from 'vitest';
import { DbValueError } from '../../../src/db/index.js';
import { parseEnableRow, parseWarmRestartConfig } from '../../../src/system/warm-restart/config-schema.js';

describe('CONFIG_DB WARM_RESTART and STATE_DB WARM_RESTART_ENABLE_TABLE schemas', () => {
  it("accepts SONiC's timers and ours, as numbers", () => {
    expect(parseWarmRestartConfig('bgp', { bgp_timer: '120', bgp_eoiu: 'true' })).toEqual({
      bgp_timer: 120,
      bgp_eoiu: 'true',
    });
    expect(parseWarmRestartConfig('swss', { neighsyncd_timer: '9999', orchagent_timer: '1' })).toEqual({
      neighsyncd_timer: 9999,
      orchagent_timer: 1,
    });
    expect(parseWarmRestartConfig('teamd', {})).toEqual({});
    expect(parseEnableRow('system', { enable: 'true' })).toBe(true);
    expect(parseEnableRow('swss', { enable: 'false' })).toBe(false);
  });

  it('names the database, key and field of what it refuses', () => {
    const cases: [() => unknown, string][] = [
      [
        () => parseWarmRestartConfig('bgp', { bgp_timer: '3601' }, 'asic2'),
        'CONFIG_DB (4) namespace asic2 "WARM_RESTART|bgp" field "bgp_timer": "3601": a timer is 1..3600 seconds',
      ],
      [
        () => parseWarmRestartConfig('bgp', { bgp_timer: '0' }),
        'CONFIG_DB (4) "WARM_RESTART|bgp" field "bgp_timer": "0": a timer is 1..3600 seconds',
      ],
      [
        () => parseWarmRestartConfig('bgp', { bgp_timer: '0x10' }),
        'CONFIG_DB (4) "WARM_RESTART|bgp" field "bgp_timer": "0x10": a timer is a whole number of seconds',
      ],
      [
        () => parseWarmRestartConfig('bgp', { bgp_eoiu: 'yes' }),
        'CONFIG_DB (4) "WARM_RESTART|bgp" field "bgp_eoiu": "yes": must be "true" or "false"',
      ],
      [
        () => parseWarmRestartConfig('swss', { bgp_timer: '10' }),
        'CONFIG_DB (4) "WARM_RESTART|swss" field "bgp_timer": unknown field (known: neighsyncd_timer, orchagent_timer)',
      ],
      [
        () => parseWarmRestartConfig('syncd', { x: '1' }),
        'CONFIG_DB (4) "WARM_RESTART|syncd": unknown module "syncd" (known: swss, bgp, teamd)',
      ],
      [
        () => parseEnableRow('swss', { enable: 'on' }),
        'STATE_DB (6) "WARM_RESTART_ENABLE_TABLE|swss" field "enable": "on": must be "true" or "false"',
      ],
      [
        () => parseEnableRow('swss', {}),
        'STATE_DB (6) "WARM_RESTART_ENABLE_TABLE|swss" field "enable": missing: must be "true" or "false"',
      ],
      [
        () => parseEnableRow('swss', { enable: 'true', extra: '1' }),
        'STATE_DB (6) "WARM_RESTART_ENABLE_TABLE|swss" field "extra": unknown field (known: enable)',
      ],
      [
        () => parseEnableRow('nope', { enable: 'true' }),
        'STATE_DB (6) "WARM_RESTART_ENABLE_TABLE|nope": unknown module "nope" (known: system, swss, bgp, teamd)',
      ],
    ];
    for (const [f, message] of cases) {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DbValueError);
      expect((err as Error).message).toBe(message);
    }
  });
});

describe('readWarmStartTimer (SONiC getWarmStartTimer)', () => {
  it('answers the seconds, undefined when not configured, and refuses a bad row', async () => {
    const { EmbeddedStateDb } = await import('../../../src/db/index.js');
    const { readWarmStartTimer } = await import('../../../src/system/warm-restart/read-tables.js');
    const db = new EmbeddedStateDb();
    expect(await readWarmStartTimer(db, 'bgp', 'bgp_timer')).toBeUndefined();
    await db.database('CONFIG_DB', 'asic0').set('WARM_RESTART', 'bgp', { bgp_timer: '120', bgp_eoiu: 'true' });
    expect(await readWarmStartTimer(db, 'bgp', 'bgp_timer', 'asic0')).toBe(120);
    expect(await readWarmStartTimer(db, 'bgp', 'bgp_timer')).toBeUndefined();
    await db.database('CONFIG_DB').set('WARM_RESTART', 'bgp', { bgp_timer: 'soon' });
    await expect(readWarmStartTimer(db, 'bgp', 'bgp_timer')).rejects.toThrow(
      /field "bgp_timer": "soon": a timer is a whole number of seconds/,
    );
  });
});
