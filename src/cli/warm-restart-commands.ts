/** Registers `saistore warm-restart ...` (commander). */
import type { Command } from 'commander';
import {
  runWarmRestartConfig,
  runWarmRestartEnable,
  runWarmRestartState,
  type WarmRestartCliOptions,
} from './warm-restart.js';

function sourceOptions(c: Command): Command {
  return c
    .option('--db <url>', 'the state DB: redis://HOST:PORT, rediss://..., unix:///PATH (every process sees it live)')
    .option(
      '--state-dir <dir>',
      "the daemon's state directory (embedded DB: its snapshot of its rows, and intent for its next start)",
    )
    .option('-n, --namespace <ns>', 'one namespace (asic0, ...; global for the global one); default: all');
}

/** Adds the `warm-restart` command group to `program`. */
export function addWarmRestartCommands(program: Command): void {
  const wr = program
    .command('warm-restart')
    .description("SONiC's warm restart tables: show warm_restart config|state, config warm_restart enable|disable");
  sourceOptions(wr.command('state').description('per component: name restore_count state (SONiC columns)'))
    .option('--json', 'every field of every row, as JSON', false)
    .action((o: WarmRestartCliOptions) => runWarmRestartState(o));
  sourceOptions(
    wr.command('config').description('per module: name enable timer_name timer_duration eoiu_enable (SONiC columns)'),
  )
    .option('--json', 'as JSON', false)
    .action((o: WarmRestartCliOptions) => runWarmRestartConfig(o));
  for (const [verb, enable] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    sourceOptions(
      wr
        .command(`${verb} [module]`)
        .description(`${verb} warm restart for a module (swss, bgp, teamd) or the system (default)`),
    ).action((module: string | undefined, o: WarmRestartCliOptions) => runWarmRestartEnable(enable, module, o));
  }
}
