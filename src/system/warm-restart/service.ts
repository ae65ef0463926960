/**
 * Warm restart bookkeeping for one component of a daemon: the thin shell a `saistore boot` process
 * runs around its instance's boot.
 *
 *   const wr = await WarmRestartService.start({ db, stateDir, writeFile: writeFileAtomic });
 *   const decision = await wr.decide(checkpointVerdict);   // warm, or cold and why (retry policy)
 *   const report = instance.boot({ desired, cold: decision.bootType === 'cold' && decision.reason });
 *   wr.recordBoot(report, decision);                       // synchronous: rows queued in order
 *   const failures = await wr.flush();                     // written (and, embedded, the snapshot)
 *
 * On the embedded DB the rows would die with the process, so `start` loads the daemon's last
 * snapshot from its state directory (the failure history the retry policy reads survives a
 * restart, as SONiC's STATE_DB survives an swss restart) and `flush` writes a new one. The intent
 * left by `saistore warm-restart enable|disable --state-dir` is loaded at `start`.
 */
import { join } from 'node:path';
import { EmbeddedStateDb, type StateDb, type WriteFailure } from '../../db/index.js';
import { bootEvents, type BootOutcome } from './boot-events.js';
import { WarmRestartBook } from './book.js';
import { readEnable } from './read-tables.js';
import { decideWarmStart, type WarmStartDecision, type WarmStartInputs } from './retry-policy.js';
import { STATE_DB_SNAPSHOT_FILE, applyIntent, encodeSnapshot, readIntent, readSnapshot } from './state-dir.js';
import { AGENT_COMPONENT, AGENT_MODULE } from './tables.js';

/** What the service needs. */
export interface WarmRestartServiceOptions {
  readonly db: StateDb;
  /** The instance's namespace (`''`: global). */
  readonly namespace?: string;
  /** The `WARM_RESTART_TABLE` row (default `orchagent`). */
  readonly component?: string;
  /** The module whose `enable` governs it (default `swss`). */
  readonly module?: string;
  /** The daemon's state directory: intent in, snapshot out (embedded DB). */
  readonly stateDir?: string;
  /** The project's atomic file write, for the snapshot (required with `stateDir` on the embedded DB). */
  readonly writeFile?: (path: string, text: string) => void;
}

export class WarmRestartService {
  private constructor(
    private readonly o: WarmRestartServiceOptions,
    readonly book: WarmRestartBook,
  ) {}

  /**
   * Loads the snapshot (embedded) and the intent, then the component's previous record.
   * @throws StateDirFileError for a bad file; DbValueError for a bad row; DbConnectionError.
   */
  static async start(o: WarmRestartServiceOptions): Promise<WarmRestartService> {
    const namespace = o.namespace ?? '';
    if (o.stateDir !== undefined) {
      if (o.db instanceof EmbeddedStateDb) {
        const rows = readSnapshot(o.stateDir);
        if (rows) await o.db.load(rows);
      }
      const intent = readIntent(o.stateDir);
      if (intent) await applyIntent(o.db, intent, namespace);
    }
    const book = await WarmRestartBook.open(o.db, { namespace, component: o.component ?? AGENT_COMPONENT });
    return new WarmRestartService(o, book);
  }

  /** The retry policy's decision for the next boot, from the enable knobs, the checkpoint and the last record. */
  async decide(checkpoint: WarmStartInputs['checkpoint']): Promise<WarmStartDecision> {
    const { enabled, by } = await readEnable(this.o.db, this.o.module ?? AGENT_MODULE, this.o.namespace ?? '');
    return decideWarmStart({
      enabled,
      ...(by !== undefined ? { enabledBy: by } : {}),
      checkpoint,
      ...(this.book.record ? { previous: this.book.record } : {}),
    });
  }

  /** Records a boot from the instance's report (synchronous; `flush` writes). */
  recordBoot(outcome: BootOutcome, decision?: WarmStartDecision): void {
    this.book.apply(bootEvents(outcome, decision));
  }

  /**
   * Records a boot that threw instead of reporting (a warm boot refused with `warmFailure: 'fail'`):
   * a warm start that failed, with its reason.
   */
  recordFailedBoot(
    instance: string,
    reason: string,
    restoreCount: number,
    decision?: WarmStartDecision,
    at = new Date().toISOString(),
  ): void {
    this.book.apply([
      {
        kind: 'boot',
        bootId: `${instance}@${at}`,
        bootType: 'warm',
        restoreCount,
        ...(decision ? { warmFailures: decision.warmFailures } : {}),
        at,
      },
      { kind: 'failed', reason, at },
    ]);
  }

  /** Writes what is queued; on the embedded DB with a state directory, then the snapshot. */
  async flush(): Promise<WriteFailure[]> {
    const failures = await this.book.flush();
    const { db, stateDir, writeFile } = this.o;
    if (db instanceof EmbeddedStateDb && stateDir !== undefined) {
      const path = join(stateDir, STATE_DB_SNAPSHOT_FILE);
      if (writeFile === undefined) {
        failures.push({
          what: `snapshot ${path}`,
          error: new Error('no atomic write given to the warm restart service'),
        });
      } else {
        try {
          writeFile(path, encodeSnapshot(db.rows()));
        } catch (error) {
          failures.push({ what: `snapshot ${path}`, error });
        }
      }
    }
    return failures;
  }
}
