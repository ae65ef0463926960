/** The `saistore` command line (commander): demo, boot, shutdown, bench. */
import { Command, CommanderError, Option } from 'commander';
import { runBench, type BenchCliOptions } from './bench.js';
import { runBoot, type BootCliOptions } from './boot.js';
import { addAdapterOptions, addInputOptions, nonNegative } from './cli-options.js';
import { runDemo, type DemoOptions } from './demo.js';
import { addDrainCommands } from './drain.js';
import { describeFailure } from './errors.js';
import { runShutdown, type ShutdownCliOptions } from './shutdown.js';
import { addWarmRestartCommands } from './warm-restart-commands.js';

/** Builds the program; each action runs one command. */
export function buildProgram(): Command {
  const program = new Command('saistore')
    .description('A warm-boot-safe SAI object store: program a route table, restart warm without a write.')
    .showHelpAfterError()
    .exitOverride();

  const demo = program
    .command('demo')
    .description(
      "cold boot, warm shutdown, warm boot with identical state (must write nothing), and with --updates the update stream, then another warm restart; without --routes, a generated table with the real table's shape",
    )
    .option('--state-dir <dir>', 'warm boot state directory (default: a temporary one, removed afterwards)');
  addAdapterOptions(addInputOptions(demo)).action((o: DemoOptions) => runDemo(o));

  const boot = program
    .command('boot')
    .description(
      'run an agent: boot warm from DIR when it holds a valid state (else cold, saying why), print "ready", wait for `saistore shutdown`',
    )
    .requiredOption('--state-dir <dir>', 'warm boot state directory');
  addAdapterOptions(addInputOptions(boot)).action((o: BootCliOptions) => runBoot(o));

  program
    .command('shutdown')
    .description('shut down the agent running on DIR (warm: SIGUSR2, cold: SIGTERM), wait for it and print its report')
    .requiredOption('--state-dir <dir>', "the agent's state directory")
    .option('--warm', 'warm shutdown: save the state, leave the data plane as it is (the default)', false)
    .option('--cold', 'cold shutdown: the next boot is cold', false)
    .addOption(
      new Option('--timeout <seconds>', 'how long to wait for the agent to exit').argParser(nonNegative).default(300),
    )
    .option('--json', 'print the report as JSON', false)
    .action((o: ShutdownCliOptions) => runShutdown(o));

  const bench = program
    .command('bench')
    .description('run the benchmark suite (src/bench)')
    .option('--out <dir>', 'directory for the results (JSON, SVG)');
  addAdapterOptions(addInputOptions(bench)).action((o: BenchCliOptions) => runBench(o));

  addWarmRestartCommands(program);
  addDrainCommands(program);

  return program;
}

/**
 * Runs the command line and answers the exit code: 0 on success, 2 on a usage error, otherwise
 * the failure's (1 unless it says otherwise). Failures are reported on stderr: the message alone
 * for expected ones (a bad route file reads `FILE:LINE: REASON`), the stack trace for bugs.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2; // commander has printed the message
    const { text, exitCode } = describeFailure(e);
    process.stderr.write(`${text}\n`);
    return exitCode;
  }
}
