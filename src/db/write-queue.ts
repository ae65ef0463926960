/**
 * The bridge between synchronous code (the store, the agent, an instance's lifecycle) and the
 * asynchronous state DB: synchronous callers `push` writes, which run one at a time in push order;
 * `flush()` waits for all of them. A failing write never throws into the caller that pushed it: it
 * is kept (and told to `onFailure`) and returned by the next `flush()`, and the writes after it
 * still run.
 */

/** A write that failed: what it was and the error (a state DB error for DB writes). */
export interface WriteFailure {
  readonly what: string;
  readonly error: unknown;
}

export class DbWriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private failures: WriteFailure[] = [];
  private pendingCount = 0;

  constructor(private readonly onFailure?: (failure: WriteFailure) => void) {}

  /** Queues `write` (described by `what` for reports) after every write pushed before it. */
  push(what: string, write: () => Promise<unknown>): void {
    this.pendingCount++;
    this.tail = this.tail.then(async () => {
      try {
        await write();
      } catch (error) {
        const failure = { what, error };
        this.failures.push(failure);
        this.onFailure?.(failure);
      } finally {
        this.pendingCount--;
      }
    });
  }

  /** Writes queued and not yet finished. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Waits for every write pushed so far; answers the failures since the last flush. */
  async flush(): Promise<WriteFailure[]> {
    await this.tail;
    const out = this.failures;
    this.failures = [];
    return out;
  }
}
