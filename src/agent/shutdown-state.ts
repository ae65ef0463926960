/**
 * The agent's ShutdownState: its SwitchState as compact JSON, saved in the warm-boot state file
 * and replayed at warm boot. Routes are columns: each distinct action once, then per family and
 * action one newline-joined string of prefixes, so 1.3 million routes parse in milliseconds.
 */
import { z } from 'zod';
import { RouteTable } from './state/route-table.js';
import {
  RouteActionInterner,
  neighborKey,
  type NeighborConfig,
  type PortConfig,
  type RouteAction,
  type RouterInterfaceConfig,
  type SwitchState,
  type VlanConfig,
} from './state/switch-state.js';

const actionSchema = z.union([
  z.object({
    kind: z.literal('forward'),
    nextHops: z.array(z.tuple([z.string(), z.string(), z.number().int().positive()])),
  }),
  z.object({ kind: z.literal('drop') }),
  z.object({ kind: z.literal('trap') }),
]);

/** zod schema of the encoded ShutdownState. */
export const shutdownStateSchema = z.object({
  format: z.literal('saistore-switch-state-1'),
  ports: z.array(z.tuple([z.number().int().nonnegative(), z.boolean(), z.number().int(), z.number().int()])),
  vlans: z.array(
    z.tuple([z.number().int().min(1).max(4094), z.array(z.tuple([z.number().int().nonnegative(), z.boolean()]))]),
  ),
  routerInterfaces: z.array(
    z.object({
      name: z.string(),
      port: z.number().int().nonnegative().optional(),
      vlan: z.number().int().optional(),
      mac: z.string(),
      mtu: z.number().int(),
      addresses: z.array(z.string()),
    }),
  ),
  neighbors: z.array(z.tuple([z.string(), z.string(), z.string()])),
  actions: z.array(actionSchema),
  routes: z.object({ v4: z.array(z.string()), v6: z.array(z.string()) }),
});

/** The encoded form. */
export type EncodedSwitchState = z.infer<typeof shutdownStateSchema>;

/** Encodes a SwitchState as JSON-safe data. */
export function encodeSwitchState(s: SwitchState): EncodedSwitchState {
  const actionIndex = new Map<RouteAction, number>();
  const actions: EncodedSwitchState['actions'] = [];
  const routes = { v4: [] as string[][], v6: [] as string[][] };
  for (const family of ['v4', 'v6'] as const) {
    for (const [prefix, action] of s.routes[family].entries()) {
      let i = actionIndex.get(action);
      if (i === undefined) {
        i = actions.length;
        actionIndex.set(action, i);
        actions.push(
          action.kind === 'forward'
            ? {
                kind: 'forward',
                nextHops: action.nextHops.map((n) => [n.rif, n.ip, n.weight] as [string, string, number]),
              }
            : { kind: action.kind },
        );
      }
      (routes[family][i] ??= []).push(prefix);
    }
  }
  const join = (cols: string[][]) => Array.from({ length: actions.length }, (_, i) => (cols[i] ?? []).join('\n'));
  return {
    format: 'saistore-switch-state-1',
    ports: [...s.ports].map(([i, p]) => [i, p.adminState, p.mtu, p.speed]),
    vlans: [...s.vlans].map(([id, v]) => [id, v.members.map((m) => [m.port, m.tagged] as [number, boolean])]),
    routerInterfaces: [...s.routerInterfaces.values()].map((r) => ({ ...r, addresses: [...r.addresses] })),
    neighbors: [...s.neighbors.values()].map((n) => [n.rif, n.ip, n.mac]),
    actions,
    routes: { v4: join(routes.v4), v6: join(routes.v6) },
  };
}

/**
 * An encoded ShutdownState that does not decode: `reason` names the first problem (zod's message,
 * or an action index that does not exist). Nothing reached the adapter.
 */
export class ShutdownStateError extends Error {
  readonly kind = 'ShutdownStateError' as const;
  constructor(readonly reason: string) {
    super(`ShutdownState: ${reason}`);
    this.name = 'ShutdownStateError';
  }
}

/**
 * Decodes and validates an encoded SwitchState.
 * @throws ShutdownStateError naming the first problem.
 */
export function decodeSwitchState(data: unknown, interner = new RouteActionInterner()): SwitchState {
  const parsed = shutdownStateSchema.safeParse(data);
  if (!parsed.success) throw new ShutdownStateError(z.prettifyError(parsed.error).replace(/\n/g, '; '));
  const d = parsed.data;
  const actions = d.actions.map((a) =>
    a.kind === 'forward'
      ? interner.forward(a.nextHops.map(([rif, ip, weight]) => ({ rif, ip, weight })))
      : a.kind === 'drop'
        ? RouteActionInterner.DROP
        : RouteActionInterner.TRAP,
  );
  const table = (cols: string[]) => {
    const entries: [string, RouteAction][] = [];
    cols.forEach((col, i) => {
      if (col === '') return;
      const action = actions[i];
      if (action === undefined) throw new ShutdownStateError(`routes name action ${i}, which does not exist`);
      for (const prefix of col.split('\n')) entries.push([prefix, action]);
    });
    return RouteTable.from(entries);
  };
  return {
    ports: new Map<number, PortConfig>(
      d.ports.map(([i, adminState, mtu, speed]) => [i, Object.freeze({ adminState, mtu, speed })]),
    ),
    vlans: new Map<number, VlanConfig>(
      d.vlans.map(([id, members]) => [
        id,
        Object.freeze({ id, members: members.map(([port, tagged]) => ({ port, tagged })) }),
      ]),
    ),
    routerInterfaces: new Map<string, RouterInterfaceConfig>(d.routerInterfaces.map((r) => [r.name, Object.freeze(r)])),
    neighbors: new Map<string, NeighborConfig>(
      d.neighbors.map(([rif, ip, mac]) => [neighborKey(rif, ip), Object.freeze({ rif, ip, mac })]),
    ),
    routes: { v4: table(d.routes.v4), v6: table(d.routes.v6) },
  };
}
