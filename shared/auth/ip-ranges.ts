import { BlockList, isIP } from 'node:net';

/**
 * Special-use address ranges (RFC 6890 and its IANA registries) that an outbound fetch of a
 * client-supplied URL must never reach: this machine, private networks, link-local (including
 * the cloud metadata service at 169.254.169.254), unique-local, multicast, documentation and
 * translation prefixes that could lead back into a private network.
 */
const special = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) special.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  // ::/96 covers ::, ::1 and the deprecated IPv4-compatible form. No ::ffff:0:0/96 rule: Node
  // checks IPv4 addresses against IPv6 rules in that mapped form, so it would block every IPv4
  // address; mapped addresses are unmapped below and judged by the IPv4 rules instead.
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) special.addSubnet(net, bits, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address it carries. */
function unmapped(address: string): { address: string; type: 'ipv4' | 'ipv6' } | null {
  const family = isIP(address);
  if (family === 0) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], type: 'ipv4' };
  return { address, type: family === 4 ? 'ipv4' : 'ipv6' };
}

/** Whether an address is an ordinary public unicast address. Anything unparseable is not. */
export function isPublicAddress(address: string): boolean {
  const a = unmapped(address);
  return !!a && !special.check(a.address, a.type);
}

export function isLoopbackAddress(address: string): boolean {
  const a = unmapped(address);
  return !!a && loopback.check(a.address, a.type);
}
