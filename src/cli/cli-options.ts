/** The options several commands share, declared once, and their parsed shapes. */
import { InvalidArgumentError, Option, type Command } from 'commander';

/** Parses a positive integer option value. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** Parses a non-negative number option value. */
export function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a non-negative number');
  return n;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Options of the route input and update stream. */
export interface InputOptions {
  routes: string[];
  updates: string[];
  batch: number;
  skipBad: boolean;
  allowEmpty: boolean;
  maxRoutes?: number;
  generate?: number;
  json: boolean;
}

/** Options of the adapter. */
export interface AdapterCliOptions {
  adapter?: string;
  libsai?: string;
  profile: string[];
  ports: number;
}

/** Adds `--routes`, `--updates`, `--batch`, `--skip-bad`, `--allow-empty`, `--max-routes`, `--generate`, `--json`. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('--routes <file>', 'route table file (prefix list or bgpdump -m, plain or gzip); repeatable', collect, [])
    .option(
      '--updates <file>',
      'update stream to apply after the boot (A/W lines or bgpdump -m); repeatable',
      collect,
      [],
    )
    .addOption(new Option('--batch <n>', 'updates per batch').argParser(positiveInt).default(1000))
    .option('--skip-bad', 'count and skip bad lines instead of stopping at the first', false)
    .option('--allow-empty', 'accept a route file with no route and an empty table (default: refused)', false)
    .addOption(
      new Option(
        '--max-routes <n>',
        'refuse a table with more routes than this (default: what the heap holds, about 640 bytes a route)',
      ).argParser(positiveInt),
    )
    .addOption(
      new Option(
        '--generate <n>',
        'without --routes: size of the generated table (default: the real table, 1,288,500)',
      ).argParser(positiveInt),
    )
    .option('--json', 'print one JSON report (no progress bars)', false);
}

/** Adds `--adapter`, `--libsai`, `--profile`, `--ports`. */
export function addAdapterOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--adapter <kind>', 'fake (in memory, default) or vs (native/build/libsaivs.so through FFI)').choices([
        'fake',
        'vs',
      ]),
    )
    .option('--libsai <path>', 'any libsai.so, through the FFI adapter')
    .option('--profile <KEY=VALUE>', 'SAI profile value for the libsai; repeatable', collect, [])
    .addOption(new Option('--ports <n>', 'front-panel ports of the switch').argParser(positiveInt).default(32));
}
