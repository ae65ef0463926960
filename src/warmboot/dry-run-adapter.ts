/**
 * An adapter for planning: reads go to the real adapter; writes are accepted without reaching it,
 * and creates answer placeholder ids (`PLACEHOLDER_BASE | n`) that dependents may name.
 */
import type {
  BulkCreateEntry,
  BulkCreateResult,
  BulkErrorMode,
  SaiAdapter,
  SwitchDefaults,
} from '../adapter/adapter.js';
import type { AdapterKey } from '../sai/entry.js';
import type { SaiObjectType } from '../sai/object-type.js';
import type { ReadValue, SaiAttribute } from '../sai/value.js';

/** Placeholder ids are `PLACEHOLDER_BASE | n`, n counting from 1: no adapter hands out such ids. */
export const PLACEHOLDER_BASE = 0xfeed_0000_0000_0000n;

/** A read-through, write-swallowing adapter. */
export class DryRunAdapter implements SaiAdapter {
  readonly name: string;
  private next = 1n;

  /** Bulk reads go to the real adapter too, when it has them. */
  readonly bulkGet?: SaiAdapter['bulkGet'];

  constructor(private readonly real: SaiAdapter) {
    this.name = `dry-run(${real.name})`;
    if (real.bulkGet) this.bulkGet = (type, keys, ids) => real.bulkGet!(type, keys, ids);
  }

  get switchId(): bigint {
    return this.real.switchId;
  }

  create(objectType: SaiObjectType): bigint {
    return this.placeholder(objectType);
  }

  private placeholder(objectType: SaiObjectType): bigint {
    // Entry types have no id; every other type gets a placeholder.
    return objectType === 'ROUTE_ENTRY' || objectType === 'NEIGHBOR_ENTRY' || objectType === 'FDB_ENTRY'
      ? 0n
      : PLACEHOLDER_BASE | this.next++;
  }

  remove(): void {}

  set(): void {}

  get(objectType: SaiObjectType, key: AdapterKey, attrIds: readonly number[]): ReadValue[] {
    return this.real.get(objectType, key, attrIds);
  }

  supportsBulk(objectType: SaiObjectType): boolean {
    return this.real.supportsBulk(objectType);
  }

  bulkCreate(objectType: SaiObjectType, entries: readonly BulkCreateEntry[], _mode: BulkErrorMode): BulkCreateResult {
    return { statuses: new Int32Array(entries.length), ids: entries.map(() => this.placeholder(objectType)) };
  }

  bulkRemove(_t: SaiObjectType, keys: readonly AdapterKey[]): Int32Array {
    return new Int32Array(keys.length);
  }

  bulkSet(_t: SaiObjectType, keys: readonly AdapterKey[], _a: readonly SaiAttribute[]): Int32Array {
    return new Int32Array(keys.length);
  }

  objectTypeQuery(oid: bigint): SaiObjectType | undefined {
    return this.real.objectTypeQuery(oid);
  }

  getObjectKeys(objectType: SaiObjectType): AdapterKey[] {
    return this.real.getObjectKeys(objectType);
  }

  switchDefaults(): SwitchDefaults {
    return this.real.switchDefaults();
  }

  shutdown(): void {}
}
