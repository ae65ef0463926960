/**
 * A plain model of what the adapter must hold for a desired `SwitchState`, written from the
 * agent's documented behaviour and not from its code (no manager, store or traits is used):
 *
 * - each router interface: a ROUTER_INTERFACE on its port or vlan (source MAC, MTU); per address
 *   a route of its subnet to the interface and, unless the address is the whole subnet, a route of
 *   the address itself (/32, /128) to the CPU port;
 * - each neighbor: a NEIGHBOR_ENTRY (MAC) and an IP NEXT_HOP on its interface;
 * - each distinct ECMP set that routes use: one NEXT_HOP_GROUP, with one member per next hop of
 *   the set whose neighbor exists, carrying the set's weight;
 * - each route: a ROUTE_ENTRY that forwards to its group, or drops, or traps (next hop null);
 * - each vlan: a VLAN, a BRIDGE_PORT (admin up) per port any vlan lists, a VLAN_MEMBER per member;
 * - each front-panel port: its configured admin state, MTU and speed, else SAI's defaults (admin
 *   down, MTU 1514) and the speed it last had (`previous`'s, else the switch's 100000).
 *
 * `modelPicture` renders it as `adapterPicture` does, so the two compare line for line;
 * `modelWrites` counts the creates, sets and removes that take the adapter from one model to
 * another (one set per differing attribute), with groups named by their configured set.
 */
import ipaddr from 'ipaddr.js';
import type { SwitchState } from '../../src/agent/index.js';

/** One object of the model: its line as `adapterPicture` prints it (none for a member: it is in its group's line), and its settable attributes. */
export interface ModelObject {
  readonly line?: string;
  readonly attrs: Readonly<Record<string, string>>;
}

/** Model objects by identity (`TYPE name`). */
export type SwitchModel = ReadonlyMap<string, ModelObject>;

/** Options of `switchModel`. */
export interface ModelOptions {
  /** Front-panel ports of the switch. */
  readonly ports: number;
  /** The state before, for what SAI keeps when a setting goes (a port's speed). */
  readonly previous?: SwitchState;
}

/** The switch's speed of a front-panel port at init. */
export const INIT_PORT_SPEED = 100000;

function canonicalAddress(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  return ip.kind() === 'ipv6' ? (ip as ipaddr.IPv6).toRFC5952String() : ip.toString();
}

/** `100.64.0.1/24` -> { subnet: '100.64.0.0/24', host: '100.64.0.1/32' }. */
export function addressRoutes(address: string): { subnet: string; host: string } {
  const [ip, len] = ipaddr.parseCIDR(address);
  const bytes = ip.toByteArray();
  for (let b = 0; b < bytes.length * 8; b++) if (b >= len) bytes[b >> 3] &= ~(0x80 >> (b & 7));
  const net = ipaddr.fromByteArray(bytes);
  return {
    subnet: `${canonicalAddress(net)}/${len}`,
    host: `${canonicalAddress(ip)}/${ip.kind() === 'ipv4' ? 32 : 128}`,
  };
}

/** The model of `state` (see the file comment). */
export function switchModel(state: SwitchState, options: ModelOptions): SwitchModel {
  const m = new Map<string, ModelObject>();
  const add = (id: string, o: ModelObject) => {
    if (m.has(id)) throw new Error(`model: ${id} twice (the state asks for one object twice)`);
    m.set(id, o);
  };

  for (let k = 0; k < options.ports; k++) {
    const cfg = state.ports.get(k);
    const speed = cfg?.speed ?? options.previous?.ports.get(k)?.speed ?? INIT_PORT_SPEED;
    const attrs = { admin: String(cfg?.adminState ?? false), mtu: String(cfg?.mtu ?? 1514), speed: String(speed) };
    add(`PORT port${k}`, { line: `PORT port${k} admin=${attrs.admin} mtu=${attrs.mtu} speed=${attrs.speed}`, attrs });
  }

  const bridgePorts = new Set<number>();
  for (const vlan of state.vlans.values()) {
    add(`VLAN vlan${vlan.id}`, { line: `VLAN vlan${vlan.id}`, attrs: {} });
    for (const member of vlan.members) {
      const bp = `bridgePort(port${member.port})`;
      const tagging = member.tagged ? 'TAGGED' : 'UNTAGGED';
      add(`VLAN_MEMBER vlan${vlan.id}/${bp}`, {
        line: `VLAN_MEMBER vlan${vlan.id}/${bp} tagging=${tagging}`,
        attrs: { tagging },
      });
      bridgePorts.add(member.port);
    }
  }
  for (const port of bridgePorts) {
    add(`BRIDGE_PORT bridgePort(port${port})`, {
      line: `BRIDGE_PORT bridgePort(port${port}) type=PORT admin=true`,
      attrs: { admin: 'true' },
    });
  }

  const rifName = new Map<string, string>();
  for (const rif of state.routerInterfaces.values()) {
    const n = rif.port !== undefined ? `rif(port${rif.port})` : `rif(vlan${rif.vlan})`;
    rifName.set(rif.name, n);
    add(`ROUTER_INTERFACE ${n}`, {
      line: `ROUTER_INTERFACE ${n} mac=${rif.mac} mtu=${rif.mtu}`,
      attrs: { mac: rif.mac, mtu: String(rif.mtu) },
    });
    for (const address of rif.addresses) {
      const { subnet, host } = addressRoutes(address);
      add(`ROUTE_ENTRY ${subnet}`, {
        line: `ROUTE_ENTRY ${subnet} action=FORWARD next=${n}`,
        attrs: { action: 'FORWARD', next: n },
      });
      if (host !== subnet) {
        add(`ROUTE_ENTRY ${host}`, {
          line: `ROUTE_ENTRY ${host} action=FORWARD next=cpu`,
          attrs: { action: 'FORWARD', next: 'cpu' },
        });
      }
    }
  }

  const resolved = new Set<string>();
  for (const nb of state.neighbors.values()) {
    const rif = rifName.get(nb.rif) ?? `rif(${nb.rif}?)`;
    resolved.add(`${nb.rif}|${nb.ip}`);
    add(`NEIGHBOR_ENTRY ${rif}/${nb.ip}`, {
      line: `NEIGHBOR_ENTRY ${rif}/${nb.ip} mac=${nb.mac} action=FORWARD`,
      attrs: { mac: nb.mac },
    });
    add(`NEXT_HOP ${rif}/${nb.ip}`, { line: `NEXT_HOP ${rif}/${nb.ip} type=IP`, attrs: {} });
  }

  for (const family of ['v4', 'v6'] as const) {
    for (const [prefix, action] of state.routes[family].entries()) {
      if (action.kind !== 'forward') {
        const a = action.kind === 'drop' ? 'DROP' : 'TRAP';
        add(`ROUTE_ENTRY ${prefix}`, {
          line: `ROUTE_ENTRY ${prefix} action=${a} next=null`,
          attrs: { action: a, next: 'null' },
        });
        continue;
      }
      const configured = action.nextHops
        .map((n) => `${n.rif}|${n.ip}*${n.weight}`)
        .sort()
        .join(',');
      const groupId = `NEXT_HOP_GROUP [${configured}]`;
      const members = action.nextHops
        .filter((n) => resolved.has(`${n.rif}|${n.ip}`))
        .map((n) => `${rifName.get(n.rif)}/${n.ip}*${n.weight}`)
        .sort();
      const set = `{${members.join(',')}}`;
      if (!m.has(groupId)) {
        m.set(groupId, { line: `NEXT_HOP_GROUP ${set} type=DYNAMIC_UNORDERED_ECMP`, attrs: {} });
        for (const n of action.nextHops) {
          if (!resolved.has(`${n.rif}|${n.ip}`)) continue;
          m.set(`NEXT_HOP_GROUP_MEMBER [${configured}] ${rifName.get(n.rif)}/${n.ip}`, {
            attrs: { weight: String(n.weight) },
          });
        }
      }
      add(`ROUTE_ENTRY ${prefix}`, {
        line: `ROUTE_ENTRY ${prefix} action=FORWARD next=group${set}`,
        attrs: { action: 'FORWARD', next: groupId },
      });
    }
  }
  return m;
}

/** The model's lines, as `adapterPicture` prints the adapter, sorted. */
export function modelPicture(model: SwitchModel): string[] {
  const lines: string[] = [];
  for (const o of model.values()) if (o.line !== undefined) lines.push(o.line);
  return lines.sort();
}

/** Creates, sets (one per differing attribute) and removes that take the adapter from `a` to `b`. */
export function modelWrites(a: SwitchModel, b: SwitchModel): { create: number; set: number; remove: number } {
  let create = 0;
  let set = 0;
  let remove = 0;
  for (const [id, o] of b) {
    const before = a.get(id);
    if (!before) {
      // Ports exist from switch init: going from default to configured is sets, not a create.
      if (id.startsWith('PORT ')) throw new Error(`model: ${id} missing before`);
      create++;
      continue;
    }
    for (const k of new Set([...Object.keys(o.attrs), ...Object.keys(before.attrs)])) {
      if (o.attrs[k] !== before.attrs[k]) set++;
    }
  }
  for (const id of a.keys()) if (!b.has(id)) remove++;
  return { create, set, remove };
}
