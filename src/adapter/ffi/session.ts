/**
 * `SaiSession`: one libsai loaded and initialized in this process, shared by every switch opened on
 * it (SAI is process-global: `sai_api_initialize` once, one set of method tables). Several switches
 * may live in one session, each created with its own SAI_SWITCH_ATTR_SWITCH_PROFILE_ID (113): the
 * session's service method table answers `profile_get_value(profile_id, ...)` from that switch's
 * profile.
 *
 * Life: the first switch opened on a library loads it, serves its profile as profile 0 and calls
 * `sai_api_initialize` (so a libsai that reads profile 0 at initialize sees it), queries the API
 * version and binds the method tables. Later switches take the lowest free profile id. When the last
 * switch is closed (or the only one failed to open), the session calls `sai_api_uninitialize` and
 * unloads the library: nothing stays initialized, and a later open starts afresh.
 *
 * The session also keeps what the libsai taught about itself (`GetProtocolMemory`: attributes it
 * cannot answer per object type, bulk gets it does not have), for every switch of the session.
 */
import { realpathSync } from 'node:fs';
import { SaiStatusError } from '../../sai/errors.js';
import type { SaiObjectType } from '../../sai/object-type.js';
import { saiVersion } from './abi.js';
import { loadSaiLibrary, type SaiLibrary } from './library.js';
import { bindMethodTables, type ApiQueryResult, type ObjectOps } from './method-tables.js';
import { NativeBuffer } from './native-memory.js';
import { ProfileServices } from './profile-services.js';

/** What the libsai taught about itself during a session (see `get-protocol.ts`). */
export interface GetProtocolMemory {
  /** Per object type, attribute ids the libsai could not answer (never asked again, see `mustRead`). */
  readonly unanswerable: Map<SaiObjectType, Set<number>>;
  /** Object types whose `sai_query_attribute_capability` was asked (answered or not). */
  readonly capabilityAsked: Set<SaiObjectType>;
  /** Object types whose bulk get answered NOT_IMPLEMENTED for the whole call. */
  readonly noBulkGet: Set<SaiObjectType>;
}

/** Sessions of this process, by the library's real path. */
const sessions = new Map<string, SaiSession>();

function libraryKey(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** One initialized libsai and its method tables, shared by the switches opened on it. */
export class SaiSession {
  /** `sai_query_api_version` (10000 * major + 100 * minor + revision); 1.0.0 when not exported. */
  readonly apiVersion: number;
  /** The bound functions per object type. */
  readonly ops: ReadonlyMap<SaiObjectType, ObjectOps>;
  /** What `sai_api_query` answered per API. */
  readonly apis: ReadonlyMap<string, ApiQueryResult>;
  /** What the libsai taught about itself. */
  readonly learned: GetProtocolMemory = {
    unanswerable: new Map(),
    capabilityAsked: new Set(),
    noBulkGet: new Set(),
  };

  private constructor(
    /** The path given by the first switch. */
    readonly libPath: string,
    private readonly key: string,
    readonly lib: SaiLibrary,
    readonly services: ProfileServices,
    apiVersion: number,
    bound: { ops: Map<SaiObjectType, ObjectOps>; apis: Map<string, ApiQueryResult> },
  ) {
    this.apiVersion = apiVersion;
    this.ops = bound.ops;
    this.apis = bound.apis;
  }

  /**
   * Serves `profile` for a new switch on the library at `libPath`, initializing the library when no
   * session holds it yet. Answers the session and the switch's profile id; the caller creates the
   * switch with that SWITCH_PROFILE_ID and hands the id back with `release` when the switch is gone
   * or failed to come up.
   * @throws SaiLibraryError (load), SaiStatusError (`sai_api_initialize`); nothing stays loaded.
   */
  static attach(
    libPath: string,
    profile: Readonly<Record<string, string>>,
  ): { session: SaiSession; profileId: number } {
    const key = libraryKey(libPath);
    const live = sessions.get(key);
    if (live) return { session: live, profileId: live.services.add(profile) };
    const lib = loadSaiLibrary(libPath);
    const services = new ProfileServices();
    const scratch = new NativeBuffer(64);
    let initialized = false;
    try {
      const profileId = services.add(profile);
      const st = lib.apiInitialize(0n, services.tableAddress);
      if (st !== 0) {
        throw new SaiStatusError('initialize', 'SWITCH', undefined, st, undefined, undefined, {
          library: libPath,
          call: 'sai_api_initialize',
        });
      }
      initialized = true;
      const version = queryVersion(lib, scratch);
      const bound = bindMethodTables(lib, version, scratch);
      const session = new SaiSession(libPath, key, lib, services, version, bound);
      sessions.set(key, session);
      return { session, profileId };
    } catch (e) {
      if (initialized) lib.apiUninitialize();
      services.dispose();
      lib.unload();
      throw e;
    } finally {
      scratch.free();
    }
  }

  /** True while this session is the library's live one. */
  get isLive(): boolean {
    return sessions.get(this.key) === this;
  }

  /** Switches (profiles) served now. */
  get switchCount(): number {
    return this.services.size;
  }

  /** Profile keys the libsai looked up through profile `profileId`, in order. */
  lookupsOf(profileId: number): readonly string[] {
    return this.services.lookupsOf(profileId);
  }

  /**
   * Stops serving profile `profileId` (its switch was removed, or never came up). The last one ends
   * the session: `sai_api_uninitialize`, callbacks unregistered, library unloaded.
   * @returns the status `sai_api_uninitialize` answered (0 when the session goes on).
   */
  release(profileId: number): number {
    this.services.remove(profileId);
    if (this.services.size > 0 || !this.isLive) return 0;
    sessions.delete(this.key);
    const st = this.lib.apiUninitialize();
    this.services.dispose();
    this.lib.unload();
    return st;
  }
}

function queryVersion(lib: SaiLibrary, scratch: NativeBuffer): number {
  if (!lib.queryApiVersion) return saiVersion(1, 0, 0);
  scratch.view.setBigUint64(0, 0n, true);
  const st = lib.queryApiVersion(scratch.address);
  if (st !== 0) return saiVersion(1, 0, 0);
  const v = scratch.view.getBigUint64(0, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? saiVersion(1, 0, 0) : Number(v);
}
