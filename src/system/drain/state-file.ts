/**
 * An instance's drain state file (`drain-state.json` beside its checkpoint): the startup hold with
 * its deadline, and the last operational state decided, so a restart of the agent resumes the
 * hold's remaining time and keeps the last state while a scope is unknown. This is state, not
 * config: no `config save` or config reload reads or writes it.
 *
 *   { "version": 1,
 *     "hold": { "startedAt": 1780000000000, "durationMs": 600000, "deadline": 1780000600000 },
 *     "last": { "drained": true, "at": 1780000000000, "reasons": ["startup hold until ..."] } }
 */
import { z } from 'zod';
import type { StartupHold } from './hold.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

const VERSION = 1;
const ms = z.number().int().nonnegative();

const schema = z
  .object({
    version: z.literal(VERSION),
    hold: z
      .object({
        startedAt: ms,
        durationMs: ms.positive(),
        deadline: ms,
        endedEarly: z
          .object({ at: ms, by: z.literal('operator') })
          .strict()
          .optional(),
      })
      .strict()
      .refine((h) => h.deadline === h.startedAt + h.durationMs, {
        message: 'deadline must equal startedAt + durationMs',
        path: ['deadline'],
      })
      .nullable(),
    last: z
      .object({ drained: z.boolean(), at: ms, reasons: z.array(z.string()) })
      .strict()
      .nullable(),
  })
  .strict();

/** What the file holds. */
export interface DrainStateRecord {
  readonly hold?: StartupHold;
  readonly last?: { readonly drained: boolean; readonly at: number; readonly reasons: readonly string[] };
}

/**
 * Loads the drain state; `undefined` when there is none.
 * @throws DrainFileError naming the file and the field.
 */
export function loadDrainState(path: string): DrainStateRecord | undefined {
  const r = readJsonFile(path, schema);
  if (r === undefined) return undefined;
  return { hold: r.hold ?? undefined, last: r.last ?? undefined };
}

/** Saves the drain state atomically. */
export function saveDrainState(path: string, record: DrainStateRecord): void {
  writeJsonFile(path, { version: VERSION, hold: record.hold ?? null, last: record.last ?? null });
}
