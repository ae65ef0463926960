/**
 * Where a next hop sits: its connected subnet, /24 for IPv4 and /64 for IPv6, and whether that is
 * one of the synthetic topology's subnets (`100.64.i.0/24`, `fd00:0:0:i::/64`, i < 16), which
 * always belong to `Ethernet<i>`. See next-hop-topology.ts for the rules built on it.
 */
import ipaddr from 'ipaddr.js';
import { formatIpv4, parseIpv4 } from '../sai/address.js';

/** The synthetic topology's interfaces (`syntheticBase()`'s default). */
const SYNTHETIC_RIFS = 16;

/** Where an address sits. */
export interface Placement {
  /** The connected subnet, canonical (`193.203.0.0/24`, `2001:db8::/64`). */
  readonly subnet: string;
  /** The synthetic interface index owning the subnet, or -1. */
  readonly synthetic: number;
  /** The subnet's length: 24 or 64. */
  readonly len: number;
  /** The subnet's k-th address (k = 1, 2, …), canonical. */
  host(k: number): string;
  /** How many k `host` may be given (254 for IPv4; 65,535 for IPv6, the last group). */
  readonly hosts: number;
}

/** The placement of a canonical address (see the file comment). */
export function place(ip: string): Placement {
  if (!ip.includes(':')) {
    const net = (parseIpv4(ip) & 0xffffff00) >>> 0;
    const synthetic = net >>> 12 === 0x64400 ? (net >>> 8) & 15 : -1; // 100.64.0.0/20
    return { subnet: `${formatIpv4(net)}/24`, synthetic, len: 24, host: (k) => formatIpv4(net + k), hosts: 254 };
  }
  const parts = ipaddr.IPv6.parse(ip).parts.slice(0, 4);
  const at = (k: number) => new ipaddr.IPv6([...parts, 0, 0, 0, k]).toRFC5952String();
  const synthetic = parts[0] === 0xfd00 && parts[1] === 0 && parts[2] === 0 && parts[3] < SYNTHETIC_RIFS ? parts[3] : -1;
  return { subnet: `${at(0)}/64`, synthetic, len: 64, host: at, hosts: 0xffff };
}

/**
 * The connected subnet a next hop is placed in (see the file comment): its /24 or /64, canonical.
 * `ip` must be a canonical address.
 */
export function connectedSubnetOf(ip: string): string {
  if (!ip.includes(':')) return `${formatIpv4((parseIpv4(ip) & 0xffffff00) >>> 0)}/24`;
  return place(ip).subnet;
}

/** The host route of an address: `/32` or `/128`. */
export function hostRoute(ip: string): string {
  return `${ip}/${ip.includes(':') ? 128 : 32}`;
}

