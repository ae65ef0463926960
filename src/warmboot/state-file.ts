/**
 * The warm-boot state file: written atomically (temporary file, fsync, rename, fsync of the
 * directory), validated with zod and a SHA-256 checksum on load.
 *
 * Layout: one header line of JSON, then the body (JSON):
 *
 *   {"format":"saistore-warm-boot","version":1,"switchId":"0x…","bodyBytes":N,"sha256":"…"}
 *   {"adapterKeys":{"NEXT_HOP":"hex,hex,…","ROUTE_ENTRY":{"<vr hex>":"prefix\nprefix…"}},
 *    "hostKeys":{"NEXT_HOP_GROUP":{"<hex>":<host key>}},"shutdownState":<any JSON>}
 *
 * Adapter keys are columns (see `state.ts`): a 1.3M-route state is a few long strings, which
 * `JSON.parse` and zod handle in milliseconds. Bigints inside host keys are written as `"#b<hex>"`.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SaiObjectType } from '../sai/object-type.js';
import { WarmBootStateError } from './errors.js';
import {
  isEntryType,
  isObjectType,
  WARM_BOOT_STATE_VERSION,
  type AdapterKeyColumn,
  type WarmBootState,
} from './state.js';

const FORMAT = 'saistore-warm-boot';
const HEX = /^[0-9a-f]+$/;

const headerSchema = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  switchId: z.string().regex(/^0x[0-9a-f]+$/),
  bodyBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const bodySchema = z.object({
  adapterKeys: z.record(z.string(), z.union([z.string(), z.record(z.string().regex(HEX), z.string())])),
  hostKeys: z.record(z.string(), z.record(z.string().regex(HEX), z.unknown())),
  shutdownState: z.unknown(),
});

function bigintReplacer(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `#b${v.toString(16)}` : v;
}

function bigintReviver(_k: string, v: unknown): unknown {
  return typeof v === 'string' && v.startsWith('#b') ? BigInt(`0x${v.slice(2)}`) : v;
}

/** Encodes a state as the file's text. @throws TypeError when the ShutdownState is not JSON. */
export function encodeWarmBootState(state: WarmBootState): string {
  const adapterKeys: Record<string, string | Record<string, string>> = {};
  for (const [type, col] of state.adapterKeys) {
    if (col.kind === 'oid') adapterKeys[type] = col.ids.map((id) => id.toString(16)).join(',');
    else {
      const scopes: Record<string, string> = {};
      for (const [scope, locals] of col.scopes) scopes[scope.toString(16)] = locals.join('\n');
      adapterKeys[type] = scopes;
    }
  }
  const hostKeys: Record<string, Record<string, unknown>> = {};
  for (const [type, keys] of state.hostKeys) {
    const out: Record<string, unknown> = {};
    for (const [oid, hk] of keys) out[oid.toString(16)] = JSON.parse(JSON.stringify(hk, bigintReplacer));
    hostKeys[type] = out;
  }
  const body = `{"adapterKeys":${JSON.stringify(adapterKeys)},"hostKeys":${JSON.stringify(hostKeys)},"shutdownState":${JSON.stringify(state.shutdownState ?? null)}}`;
  const header = {
    format: FORMAT,
    version: state.version,
    switchId: `0x${state.switchId.toString(16)}`,
    bodyBytes: Buffer.byteLength(body),
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  return `${JSON.stringify(header)}\n${body}`;
}

/**
 * Decodes and validates a state file's text.
 * @param expectedSwitchId the switch id the adapter came up with; another one is refused.
 * @throws WarmBootStateError naming the reason.
 */
export function decodeWarmBootState(path: string, text: string, expectedSwitchId?: bigint): WarmBootState {
  const bad = (reason: string): never => {
    throw new WarmBootStateError(path, reason);
  };
  const nl = text.indexOf('\n');
  if (nl < 0) bad('truncated: no header line');
  let headerJson: unknown;
  try {
    headerJson = JSON.parse(text.slice(0, nl));
  } catch {
    bad('corrupted header (not JSON)');
  }
  const header = headerSchema.safeParse(headerJson);
  if (!header.success) return bad(`invalid header: ${z.prettifyError(header.error).replace(/\n/g, '; ')}`);
  const h = header.data;
  if (h.version !== WARM_BOOT_STATE_VERSION)
    bad(`format version ${h.version}, this build reads ${WARM_BOOT_STATE_VERSION}`);
  const body = text.slice(nl + 1);
  const bytes = Buffer.byteLength(body);
  if (bytes < h.bodyBytes) bad(`truncated: ${bytes} of ${h.bodyBytes} body bytes`);
  if (bytes > h.bodyBytes) bad(`${bytes - h.bodyBytes} bytes past the end of the body`);
  if (createHash('sha256').update(body).digest('hex') !== h.sha256) bad('checksum mismatch: the file is corrupted');
  const switchId = BigInt(h.switchId);
  if (expectedSwitchId !== undefined && switchId !== expectedSwitchId) {
    bad(`saved for switch 0x${switchId.toString(16)}, the adapter came up as 0x${expectedSwitchId.toString(16)}`);
  }
  let bodyJson: unknown;
  try {
    bodyJson = JSON.parse(body);
  } catch {
    bad('corrupted body (not JSON)');
  }
  const parsed = bodySchema.safeParse(bodyJson);
  if (!parsed.success) return bad(`invalid body: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);

  const adapterKeys = new Map<SaiObjectType, AdapterKeyColumn>();
  for (const [type, col] of Object.entries(parsed.data.adapterKeys)) {
    if (!isObjectType(type)) bad(`unknown object type ${type}`);
    const t = type as SaiObjectType;
    if (isEntryType(t)) {
      if (typeof col === 'string') bad(`${t}: entries must be grouped by scope`);
      const scopes = new Map<bigint, string[]>();
      for (const [scope, locals] of Object.entries(col as Record<string, string>)) {
        scopes.set(BigInt(`0x${scope}`), locals === '' ? [] : locals.split('\n'));
      }
      adapterKeys.set(t, { kind: 'entry', scopes });
    } else {
      if (typeof col !== 'string') bad(`${t}: object ids must be a string`);
      const ids = (col as string) === '' ? [] : (col as string).split(',');
      for (const id of ids) if (!HEX.test(id)) bad(`${t}: object id ${JSON.stringify(id)} is not hex`);
      adapterKeys.set(t, { kind: 'oid', ids: ids.map((id) => BigInt(`0x${id}`)) });
    }
  }
  const hostKeys = new Map<SaiObjectType, Map<bigint, unknown>>();
  for (const [type, keys] of Object.entries(parsed.data.hostKeys)) {
    if (!isObjectType(type)) bad(`unknown object type ${type} in host keys`);
    const m = new Map<bigint, unknown>();
    for (const [oid, hk] of Object.entries(keys))
      m.set(BigInt(`0x${oid}`), JSON.parse(JSON.stringify(hk), bigintReviver));
    hostKeys.set(type as SaiObjectType, m);
  }
  return {
    version: h.version,
    switchId,
    adapterKeys,
    hostKeys,
    shutdownState: parsed.data.shutdownState,
  };
}

/** Options of `writeWarmBootState`. */
export interface WriteStateOptions {
  /**
   * Test hook: write only this many bytes of the temporary file, then throw, as a crash in the
   * middle of the write would. The previous state file stays as it was.
   */
  readonly simulateCrashAfterBytes?: number;
}

/**
 * Writes the state atomically: a temporary file beside `path`, fsync, rename over `path`, fsync
 * of the directory. A crash at any point leaves either the previous file or the new one.
 * @returns the number of bytes written.
 */
export function writeWarmBootState(path: string, state: WarmBootState, options: WriteStateOptions = {}): number {
  const text = encodeWarmBootState(state);
  const data = Buffer.from(text);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    if (options.simulateCrashAfterBytes !== undefined) {
      writeSync(fd, data, 0, Math.min(options.simulateCrashAfterBytes, data.length));
      throw new Error(`simulated crash after ${options.simulateCrashAfterBytes} bytes of ${tmp}`);
    }
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dfd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
  return data.length;
}

/** The result of loading a state file: none there, or a validated state. */
export type LoadedWarmBootState =
  | { readonly kind: 'none'; readonly path: string }
  | { readonly kind: 'state'; readonly state: WarmBootState; readonly bytes: number };

/**
 * Loads and validates a state file. A missing file is `{ kind: 'none' }` ("no warm state").
 * @throws WarmBootStateError for a corrupted, truncated, wrong-version, wrong-switch or
 *   checksum-mismatched file; the caller cold boots.
 */
export function loadWarmBootState(path: string, expectedSwitchId?: bigint): LoadedWarmBootState {
  if (!existsSync(path)) return { kind: 'none', path };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new WarmBootStateError(path, `unreadable: ${(e as Error).message}`);
  }
  return { kind: 'state', state: decodeWarmBootState(path, text, expectedSwitchId), bytes: Buffer.byteLength(text) };
}
