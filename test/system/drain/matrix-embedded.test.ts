/** The drain requirement matrix (see `matrix.ts`) over the embedded state DB, 4 instances in one process. */
import { describe } from 'vitest';
import { EmbeddedStateDb } from '../../../src/db/embedded.js';
import { ChassisHarness } from './chassis-harness.js';
import { defineDrainMatrix } from './matrix.js';
import { ChassisOutageDb } from './outage.js';

describe('drain matrix, embedded state DB, 4 instances', () => {
  defineDrainMatrix(async () => {
    const db = new ChassisOutageDb(new EmbeddedStateDb());
    return new ChassisHarness(db, {
      goDown: async () => db.goDown(),
      comeBack: async () => {
        db.comeBack();
        return true;
      },
    });
  });
});
