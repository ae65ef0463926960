/**
 * The I/O shell of the bookkeeping: one component's row in one namespace's STATE_DB. It is the
 * only writer of its row: it keeps the record in memory, applies events synchronously (so the
 * synchronous instance can report as it goes), and writes through a `DbWriteQueue` in order; the
 * failures of those writes come back from `flush()`, never as a throw into the caller.
 */
import { DbWriteQueue, type Database, type StateDb, type WriteFailure } from '../../db/index.js';
import {
  RECORD_FIELDS,
  applyEvents,
  recordToRow,
  rowToRecord,
  type BookEvent,
  type ComponentRecord,
} from './component-record.js';
import { AGENT_COMPONENT, STATE_WARM_RESTART_TABLE } from './tables.js';

export class WarmRestartBook {
  private current: ComponentRecord | undefined;
  private written: Record<string, string> | undefined;
  private readonly state: Database;
  /** Events that changed nothing, and why (a state after `failed`, out of order, ...). */
  readonly ignored: string[] = [];

  private constructor(
    db: StateDb,
    readonly namespace: string,
    readonly component: string,
    private readonly queue: DbWriteQueue,
  ) {
    this.state = db.database('STATE_DB', namespace);
  }

  /**
   * Reads the component's row (the previous boot's record, if any).
   * @throws DbValueError when the row is malformed; DbConnectionError when the DB is unreachable.
   */
  static async open(
    db: StateDb,
    options: { namespace?: string; component?: string; queue?: DbWriteQueue } = {},
  ): Promise<WarmRestartBook> {
    const book = new WarmRestartBook(
      db,
      options.namespace ?? '',
      options.component ?? AGENT_COMPONENT,
      options.queue ?? new DbWriteQueue(),
    );
    const row = await book.state.get(STATE_WARM_RESTART_TABLE, book.component);
    if (row !== undefined) {
      book.current = rowToRecord(book.component, row, book.namespace);
      book.written = { ...row };
    }
    return book;
  }

  /** The record as the events so far leave it (the row once the writes are flushed). */
  get record(): ComponentRecord | undefined {
    return this.current;
  }

  /** Applies events and queues the row's write (synchronous; see `flush`). */
  apply(events: readonly BookEvent[]): void {
    const out = applyEvents(this.current, events);
    this.ignored.push(...out.ignored);
    this.current = out.record;
    if (this.current === undefined) return;
    const row = recordToRow(this.current);
    const stale = RECORD_FIELDS.filter((f) => this.written?.[f] !== undefined && row[f] === undefined);
    const changed = Object.fromEntries(Object.entries(row).filter(([f, v]) => this.written?.[f] !== v));
    this.written = { ...this.written, ...row };
    for (const f of stale) delete this.written[f];
    const key = `${STATE_WARM_RESTART_TABLE}|${this.component}`;
    if (Object.keys(changed).length > 0) {
      this.queue.push(`set ${key}`, () => this.state.set(STATE_WARM_RESTART_TABLE, this.component, changed));
    }
    if (stale.length > 0) {
      this.queue.push(`clear ${key} ${stale.join(' ')}`, () =>
        this.state.deleteFields(STATE_WARM_RESTART_TABLE, this.component, stale),
      );
    }
  }

  /** Waits for the queued writes; answers those that failed since the last flush. */
  flush(): Promise<WriteFailure[]> {
    return this.queue.flush();
  }
}
