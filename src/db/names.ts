/**
 * SONiC's databases as this project uses them: names, numbers and key separators
 * (sonic-buildimage `database_config.json`), and the rules for table, key, field and namespace names.
 */

/** A SONiC database this project reads or writes. */
export type DbName = 'APPL_DB' | 'CONFIG_DB' | 'STATE_DB' | 'CHASSIS_APP_DB' | 'CHASSIS_STATE_DB';

/** The namespace of the host (SONiC's default namespace, `""`): every instance sees it. */
export const GLOBAL_NAMESPACE = '';

interface DbInfo {
  /** The Redis database number (`redis-cli -n ID`). */
  readonly id: number;
  /** Between the table name and the key: `TABLE|key` (APPL_DB: `TABLE:key`). */
  readonly separator: '|' | ':';
  /** Kept once for the whole chassis (SONiC's `redis_chassis` instance), not per namespace. */
  readonly chassisWide: boolean;
}

/** SONiC's numbers and separators (sonic-buildimage dockers/docker-database/database_config.json.j2). */
export const DATABASES: Readonly<Record<DbName, DbInfo>> = {
  APPL_DB: { id: 0, separator: ':', chassisWide: false },
  CONFIG_DB: { id: 4, separator: '|', chassisWide: false },
  STATE_DB: { id: 6, separator: '|', chassisWide: false },
  CHASSIS_APP_DB: { id: 12, separator: '|', chassisWide: true },
  CHASSIS_STATE_DB: { id: 13, separator: '|', chassisWide: true },
};

/** Every database name, in number order. */
export const DB_NAMES: readonly DbName[] = Object.keys(DATABASES) as DbName[];

/** The namespace's character set: `asic0`, `dpu3`, `linecard-1` (never a separator, `/` or a glob character). */
const NAMESPACE_RE = /^[A-Za-z0-9_-]+$/;
/** A table name: SONiC's are upper-case words joined by `_`; never a separator, `/` or a glob character. */
const TABLE_RE = /^[A-Za-z0-9_-]+$/;

/** Why a namespace name is not acceptable, or undefined when it is. */
export function namespaceProblem(namespace: string): string | undefined {
  if (namespace === GLOBAL_NAMESPACE) return undefined;
  return NAMESPACE_RE.test(namespace) ? undefined : `namespace ${JSON.stringify(namespace)} must match ${NAMESPACE_RE}`;
}

/** Why a table name is not acceptable, or undefined when it is. */
export function tableProblem(table: unknown): string | undefined {
  if (typeof table !== 'string') return `table name must be a string, got ${typeof table}`;
  return TABLE_RE.test(table) ? undefined : `table name ${JSON.stringify(table)} must match ${TABLE_RE}`;
}

/** Why a key (the part after the table) is not acceptable, or undefined when it is. */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return `key must be a string, got ${typeof key}`;
  return key.length === 0 ? 'key must not be empty' : undefined;
}

/** Why a field name is not acceptable, or undefined when it is. */
export function fieldProblem(field: unknown): string | undefined {
  if (typeof field !== 'string') return `field name must be a string, got ${typeof field}`;
  return field.length === 0 ? 'field name must not be empty' : undefined;
}

/** Why a field value is not acceptable (every value is a string, as in Redis), or undefined. */
export function valueProblem(value: unknown): string | undefined {
  return typeof value === 'string'
    ? undefined
    : `value must be a string, got ${value === null ? 'null' : typeof value}`;
}

/**
 * True when a raw Redis key belongs to a namespace kept on a shared server (`asic0/TABLE|key`),
 * so a global scan leaves it out: its first segment, before any separator, holds a `/` (table
 * names never do).
 */
export function isNamespacedRawKey(raw: string): boolean {
  const slash = raw.indexOf('/');
  if (slash <= 0) return false;
  const bar = raw.indexOf('|');
  const colon = raw.indexOf(':');
  return (bar < 0 || slash < bar) && (colon < 0 || slash < colon) && NAMESPACE_RE.test(raw.slice(0, slash));
}

/** The namespace named by a raw key's prefix (`asic0/...` -> `asic0`), or undefined. */
export function rawKeyNamespace(raw: string): string | undefined {
  return isNamespacedRawKey(raw) ? raw.slice(0, raw.indexOf('/')) : undefined;
}
