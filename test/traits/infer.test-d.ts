import { describe, expectTypeOf, it } from 'vitest';
import {
  NextHopGroupMemberTraits,
  RouteEntryTraits,
  RouterInterfaceTraits,
  type InferAdapterKey,
  type InferCreateAttributes,
  type InferGetAttributes,
  type InferHostKey,
  type InferSetAttributes,
} from '../../src/traits/index.js';
import type { RouteEntryKey } from '../../src/sai/entry.js';

describe('inferred types', () => {
  it('route entry: every creatable attribute optional, READ_ONLY absent', () => {
    type C = InferCreateAttributes<typeof RouteEntryTraits>;
    expectTypeOf<C>().toEqualTypeOf<{
      readonly packetAction?:
        'DROP' | 'FORWARD' | 'COPY' | 'COPY_CANCEL' | 'TRAP' | 'LOG' | 'DENY' | 'TRANSIT' | 'DONOTDROP';
      readonly nextHopId?: bigint;
      readonly metaData?: number;
    }>();
    expectTypeOf<InferHostKey<typeof RouteEntryTraits>>().toEqualTypeOf<{
      readonly vrId: bigint;
      readonly prefix: string;
    }>();
    expectTypeOf<InferAdapterKey<typeof RouteEntryTraits>>().toEqualTypeOf<RouteEntryKey>();
    expectTypeOf<InferGetAttributes<typeof RouteEntryTraits>>().toHaveProperty('ipAddrFamily');
  });

  it('router interface: MANDATORY_ON_CREATE required, conditional ones optional, CREATE_ONLY not settable', () => {
    type C = InferCreateAttributes<typeof RouterInterfaceTraits>;
    expectTypeOf<C['virtualRouterId']>().toEqualTypeOf<bigint>();
    expectTypeOf<{ virtualRouterId: bigint; type: 'PORT' }>().toMatchTypeOf<C>();
    expectTypeOf<{ type: 'PORT' }>().not.toMatchTypeOf<C>();
    expectTypeOf<C>().toHaveProperty('portId');
    type S = InferSetAttributes<typeof RouterInterfaceTraits>;
    expectTypeOf<S>().not.toHaveProperty('virtualRouterId');
    expectTypeOf<S>().not.toHaveProperty('type');
    expectTypeOf<S>().not.toHaveProperty('isVirtual');
    expectTypeOf<S['mtu']>().toEqualTypeOf<number | undefined>();
  });

  it('group member: mandatory CREATE_AND_SET is required on create and settable', () => {
    type C = InferCreateAttributes<typeof NextHopGroupMemberTraits>;
    type S = InferSetAttributes<typeof NextHopGroupMemberTraits>;
    expectTypeOf<C['nextHopId']>().toEqualTypeOf<bigint>();
    expectTypeOf<S['nextHopId']>().toEqualTypeOf<bigint | undefined>();
    expectTypeOf<S>().not.toHaveProperty('nextHopGroupId');
    expectTypeOf<InferHostKey<typeof NextHopGroupMemberTraits>>().toEqualTypeOf<{
      readonly groupId: bigint;
      readonly nextHopId: bigint;
    }>();
  });
});
