/** Where an instance keeps its drain files: beside its checkpoint, in its state directory. */
import { join } from 'node:path';

/**
 * `config`: the instance's saved intent (`drain-config.json`, a config_db.json fragment: see
 * `config-file.ts`); `state`: its startup hold and last operational state (`drain-state.json`).
 */
export function drainFiles(stateDir: string): { readonly config: string; readonly state: string } {
  return { config: join(stateDir, 'drain-config.json'), state: join(stateDir, 'drain-state.json') };
}
