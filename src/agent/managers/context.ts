/** What the managers share: the store, the switch's default objects, and name -> object lookups. */
import type { SaiStore } from '../../store/sai-store.js';
import type { SwitchDefaults } from '../../adapter/adapter.js';
import type { SaiObjectType } from '../../sai/object-type.js';

/** The managers' shared context. */
export interface AgentContext {
  readonly store: SaiStore;
  readonly defaults: SwitchDefaults;
  /** The default virtual router's id. */
  readonly vrId: bigint;
  /** Object id of a front-panel port by index. @throws Error for an index past the port list. */
  portOid(index: number): bigint;
  /** Object id of a router interface by name, or undefined. */
  rifOid(name: string): bigint | undefined;
  /** Object id of a vlan by vlan id, or undefined. */
  vlanOid(id: number): bigint | undefined;
}

/** An error in the desired state (a name that does not exist, an index out of range). */
export class DesiredStateError extends Error {
  readonly kind = 'DesiredStateError' as const;
  constructor(reason: string) {
    super(reason);
    this.name = 'DesiredStateError';
  }
}

/** Builds the context's port lookup. */
export function portLookup(defaults: SwitchDefaults): (index: number) => bigint {
  return (index) => {
    const oid = defaults.portList[index];
    if (oid === undefined)
      throw new DesiredStateError(`port ${index} does not exist (the switch has ${defaults.portList.length})`);
    return oid;
  };
}

/**
 * The config a manager reports for an entry whose programming did not complete (a failure in the
 * middle): equal to no config, so the next delta re-programs the entry from whatever it then wants.
 */
export const UNSETTLED: never = Object.freeze({ unsettled: true }) as never;

/** One reference a manager holds, by object type and host key (see `SwitchAgent.holdings`). */
export interface Holding {
  readonly objectType: SaiObjectType;
  readonly hostKey: unknown;
}

/** Receives the references a manager holds. */
export type HoldingSink = (h: Holding) => void;
