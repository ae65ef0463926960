/**
 * What a route file may say, beyond syntax: the addresses that cannot be a route's next hop and
 * the prefixes that are not routes. Every reader applies them to every line, so a bad line is
 * refused where it is read (`FILE:LINE: REASON (TEXT)`, or counted and skipped with `skipBad`).
 *
 * A next hop is refused when it is
 * - the unspecified address (`0.0.0.0`, `::`): "no next hop" is written by leaving the column out;
 * - a loopback address (`127.0.0.0/8`, `::1`): the switch's own, never a neighbor's;
 * - multicast (`224.0.0.0/4`, `ff00::/8`) or the limited broadcast address `255.255.255.255`:
 *   not one neighbor;
 * - in `240.0.0.0/4` (reserved, "class E"): not assignable;
 * - IPv4-mapped IPv6 (`::ffff:a.b.c.d`): an IPv4 address in IPv6 clothing; the reason names the
 *   IPv4 address to write instead;
 * - an IPv4 address for an IPv6 route (no IPv6 packet can be sent to an IPv4 neighbor). The
 *   reverse, an IPv6 next hop for an IPv4 route (RFC 8950), is accepted.
 *
 * Ranges come from ipaddr.js's classification (`range()`), memoised per distinct next hop (a table
 * has few). Other special ranges (private, link-local, documentation, CGNAT) are accepted: BGP
 * sessions run over them. The router interface's own address is a topology matter, refused where
 * the topology is built (src/agent/next-hop-topology.ts).
 *
 * A prefix is refused when it is IPv4-mapped IPv6 (`::ffff:0:0/96` or longer): it is an IPv4
 * route written as IPv6; the reason names the IPv4 prefix to write instead.
 */
import ipaddr from 'ipaddr.js';
import type { IpFamily } from '../sai/address.js';

const memo = new Map<string, string | null>();
const MEMO_LIMIT = 4096;

/** The IPv4 address inside an IPv4-mapped IPv6 address. */
function mappedV4(ip: ipaddr.IPv6): string {
  return ip.toIPv4Address().toString();
}

function classify(nextHop: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(nextHop);
  } catch {
    return null; // syntax is the parser's business; the readers only pass canonical addresses
  }
  const range = ip.range();
  switch (range) {
    case 'unspecified':
      return `${nextHop} is the unspecified address (leave the column out for a route without a next hop)`;
    case 'loopback':
      return `${nextHop} is a loopback address`;
    case 'multicast':
      return `${nextHop} is a multicast address`;
    case 'broadcast':
      return `${nextHop} is the limited broadcast address`;
    case 'ipv4Mapped':
      return `${nextHop} is IPv4-mapped IPv6: write the IPv4 address ${mappedV4(ip as ipaddr.IPv6)}`;
    default:
      if (ip.kind() === 'ipv4' && (ip as ipaddr.IPv4).octets[0] >= 240) {
        return `${nextHop} is in 240.0.0.0/4 (reserved, not assignable)`;
      }
      return null;
  }
}

/**
 * Why `nextHop` (a canonical address) cannot be the next hop of a route of family `family`, as
 * `bad next hop: …`, or `null` when it can (see the file comment for the rules).
 */
export function nextHopReason(family: IpFamily, nextHop: string): string | null {
  if (family === 6 && !nextHop.includes(':')) return `bad next hop: IPv4 address ${nextHop} for an IPv6 route`;
  let reason = memo.get(nextHop);
  if (reason === undefined) {
    reason = classify(nextHop);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(nextHop, reason);
  }
  return reason === null ? null : `bad next hop: ${reason}`;
}

/**
 * Why `prefix` (canonical) is not a route, as `bad prefix: …`, or `null` when it is one. Only
 * IPv4-mapped IPv6 prefixes are refused (see the file comment); the test is one string compare
 * for any other prefix.
 */
export function prefixReason(prefix: string): string | null {
  if (prefix.charCodeAt(0) !== 58 || !prefix.startsWith('::ffff:')) return null;
  const slash = prefix.indexOf('/');
  const ip = ipaddr.IPv6.parse(prefix.slice(0, slash));
  if (ip.range() !== 'ipv4Mapped') return null;
  const len = Number(prefix.slice(slash + 1));
  return `bad prefix: ${prefix} is IPv4-mapped IPv6: write the IPv4 prefix ${mappedV4(ip)}/${len - 96}`;
}

/**
 * Both checks for one route or announce: the prefix, then the next hop when there is one.
 * @returns the first reason, or `null`.
 */
export function routeReason(prefix: string, family: IpFamily, nextHop: string | undefined): string | null {
  return prefixReason(prefix) ?? (nextHop === undefined ? null : nextHopReason(family, nextHop));
}
