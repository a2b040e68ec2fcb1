import { BlockList, isIPv4, isIPv6 } from 'node:net';

// Which peers may speak for the client. X-Request-Id, X-Forwarded-For and X-Forwarded-Host sent by anyone else
// are the client's own claims: the gateway replaces them (a fresh id, the peer's address) or drops them, so an
// upstream that logs or authorises on them cannot be lied to. Entries: addresses or CIDR ranges, IPv4 or IPv6.

export type TrustedProxyCheck = (remoteAddress: string) => boolean;

const NOBODY: TrustedProxyCheck = () => false;

/** Throws a TypeError naming the entry that is neither an address nor a CIDR range. */
export function compileTrustedProxies(entries: readonly string[] | undefined): TrustedProxyCheck {
  if (entries === undefined || entries.length === 0) return NOBODY;
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, bits, extra] = entry.trim().split('/');
    const family = isIPv4(addr ?? '') ? 'ipv4' : isIPv6(addr ?? '') ? 'ipv6' : null;
    const prefix = bits === undefined ? null : Number(bits);
    const max = family === 'ipv4' ? 32 : 128;
    if (family === null || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))) {
      throw new TypeError(`trustedProxies: "${entry}" is not an IP address or CIDR range`);
    }
    if (prefix === null) list.addAddress(addr!, family);
    else list.addSubnet(addr!, prefix, family);
  }
  return (remote) => {
    if (remote === '') return false;
    if (remote.startsWith('::ffff:') && isIPv4(remote.slice(7))) return list.check(remote.slice(7), 'ipv4');
    return list.check(remote, isIPv4(remote) ? 'ipv4' : 'ipv6');
  };
}
