/**
 * Progress bars on stderr (cli-progress) for work that takes more than a second: a bar appears
 * only once its task has run for a second, and never when disabled (`--json`, or stderr is not a
 * TTY), so short runs and machine-read output stay clean.
 */
import cliProgress from 'cli-progress';

/** How long a task runs before its bar is drawn. */
const SHOW_AFTER_MS = 1000;

/** One task's progress. Every method is cheap when no bar is drawn. */
export interface ProgressTask {
  /** Sets the current value (drawing the bar once the task has run a second). */
  update(value: number): void;
  /** Changes the total (e.g. once it is known). */
  setTotal(total: number): void;
  /** Ends the task: a drawn bar is left at its final value. */
  stop(): void;
}

const NONE: ProgressTask = { update() {}, setTotal() {}, stop() {} };

class LazyBar implements ProgressTask {
  #bar: cliProgress.SingleBar | undefined;
  #value = 0;
  #stopped = false;
  readonly #t0 = performance.now();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly unit: string,
    private readonly stream: NodeJS.WritableStream,
  ) {
    // For asynchronous tasks that update rarely: show the bar after a second anyway.
    this.#timer = setTimeout(() => this.#show(), SHOW_AFTER_MS);
    this.#timer.unref();
  }

  #show(): void {
    if (this.#bar || this.#stopped) return;
    this.#bar = new cliProgress.SingleBar(
      {
        stream: this.stream,
        format: `${this.label.padEnd(18)} [{bar}] {percentage}% | {value}/{total} ${this.unit} | {duration_formatted}`,
        hideCursor: true,
        clearOnComplete: false,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    this.#bar.start(this.total, this.#value);
  }

  update(value: number): void {
    this.#value = value;
    if (this.#bar) this.#bar.update(value);
    else if (performance.now() - this.#t0 >= SHOW_AFTER_MS) this.#show();
  }

  setTotal(total: number): void {
    this.total = total;
    this.#bar?.setTotal(total);
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    if (this.#bar) {
      this.#bar.update(this.#value);
      this.#bar.stop();
    }
  }
}

/** Makes progress tasks; all of them no-ops when disabled. */
export class Progress {
  /**
   * @param enabled draw bars at all (the CLI passes `!json && process.stderr.isTTY`).
   * @param stream where bars are drawn (default stderr).
   */
  constructor(
    readonly enabled: boolean,
    private readonly stream: NodeJS.WritableStream = process.stderr,
  ) {}

  /** The CLI's rule: bars only on a TTY stderr and never with `--json`. */
  static forCli(json: boolean): Progress {
    return new Progress(!json && process.stderr.isTTY === true);
  }

  /**
   * Runs a synchronous step that has no progress to report (a warm boot, a warm shutdown): while
   * it runs its label is shown on stderr, and cleared when it ends.
   */
  step<T>(label: string, fn: () => T): T {
    if (!this.enabled) return fn();
    this.stream.write(`${label} ...`);
    try {
      return fn();
    } finally {
      this.stream.write('\r\x1b[K');
    }
  }

  /** Starts a task of `total` `unit`s, labelled `label`. */
  task(label: string, total: number, unit: string): ProgressTask {
    return this.enabled ? new LazyBar(label, total, unit, this.stream) : NONE;
  }
}
