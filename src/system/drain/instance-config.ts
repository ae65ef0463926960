/**
 * An instance's saved intent and its CONFIG_DB, kept in step: the file is loaded into CONFIG_DB at
 * boot when CONFIG_DB has no `BGP_DEVICE_GLOBAL|STATE` (a rebooted or flushed DB) and at a config
 * reload; a valid change in CONFIG_DB (an operator's `drain on|off --scope instance`) is saved to
 * the file, so it survives a reboot. Only `tsa_enabled` is ever written to CONFIG_DB: other fields
 * of the row are left as they are.
 */
import type { Database } from '../../db/types.js';
import { loadDrainConfig, saveDrainConfig, type DrainConfig } from './config-file.js';
import { DrainFileError } from './errors.js';
import { BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, known, TSA_ENABLED, tsaValue, type TsaReading } from './intent.js';
import { readingOfError } from './read-scope.js';

type Report = (
  kind: 'config-restored' | 'config-saved' | 'config-file-unreadable' | 'publish-failed',
  detail: string,
) => void;

export class InstanceConfig {
  /** The file as last loaded or saved; `null` when unreadable (then it is never overwritten by a sync). */
  #saved: DrainConfig | undefined | null;
  #loaded = false;

  constructor(
    readonly path: string,
    private readonly configDb: Database,
    private readonly report: Report,
  ) {}

  /**
   * Loads the file into CONFIG_DB (`tsa_enabled` only). Answers the reading it wrote, or undefined
   * when there is nothing to load (no file, a bad file: recorded, CONFIG_DB left as it was).
   */
  async restore(): Promise<TsaReading | undefined> {
    const file = this.#load(true);
    if (!file) return undefined;
    try {
      await this.configDb.set(BGP_DEVICE_GLOBAL, BGP_DEVICE_GLOBAL_KEY, { [TSA_ENABLED]: tsaValue(file.tsaEnabled) });
    } catch (e) {
      return readingOfError(this.configDb, e);
    }
    this.report('config-restored', `${this.path}: tsa_enabled=${tsaValue(file.tsaEnabled)} into CONFIG_DB`);
    return known(file.tsaEnabled);
  }

  /** Saves a known CONFIG_DB value that differs from the file. Never overwrites an unreadable file. */
  async sync(reading: TsaReading): Promise<void> {
    if (reading.kind !== 'known') return;
    const file = this.#load(false);
    if (file === null || file?.tsaEnabled === reading.tsaEnabled) return;
    try {
      this.#saved = saveDrainConfig(this.path, reading.tsaEnabled, file?.document);
      this.report('config-saved', `${this.path}: tsa_enabled=${tsaValue(reading.tsaEnabled)}`);
    } catch (e) {
      this.report('publish-failed', `${this.path}: ${(e as Error).message}`);
    }
  }

  /** The file (re-read when `fresh`, else once); null when it cannot be used. */
  #load(fresh: boolean): DrainConfig | undefined | null {
    if (this.#loaded && !fresh) return this.#saved;
    this.#loaded = true;
    try {
      this.#saved = loadDrainConfig(this.path);
    } catch (e) {
      if (!(e instanceof DrainFileError)) throw e;
      this.report('config-file-unreadable', `${e.message}: CONFIG_DB keeps its value`);
      this.#saved = null;
    }
    return this.#saved;
  }
}
