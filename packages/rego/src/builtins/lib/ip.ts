// IP addresses and CIDR blocks as integers (IPv4: 32 bits, IPv6: 128 bits), with Go's net.ParseIP /
// net.ParseCIDR acceptance rules and texts (IPv6 printed in RFC 5952 form as Go does).

export interface Net {
  v6: boolean;
  addr: bigint; // the network address (host bits cleared)
  ip: bigint; // the address as written
  bits: number; // prefix length
}

const WIDTH = (v6: boolean) => (v6 ? 128 : 32);

function parseV4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6(s: string): bigint | null {
  let head = s;
  let v4tail: bigint | null = null;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    v4tail = parseV4(s.slice(lastColon + 1));
    if (v4tail === null) return null;
    head = s.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = head.split('::');
  if (dbl.length > 2) return null;
  const left = dbl[0] === '' ? [] : dbl[0].split(':');
  const right = dbl.length === 2 ? (dbl[1] === '' ? [] : dbl[1].split(':')) : [];
  const groups = left.length + right.length;
  if (dbl.length === 1 ? groups !== 8 : groups > 7) return null;
  const all = [...left, ...Array(8 - groups).fill('0'), ...right];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (v4tail !== null) n = (n & ~0xffffffffn) | v4tail;
  return n;
}

/** Go net.ParseIP; IPv4-mapped IPv6 addresses are IPv4. */
export function parseIP(s: string): { v6: boolean; ip: bigint } | null {
  if (!s.includes(':')) {
    const v4 = parseV4(s);
    return v4 === null ? null : { v6: false, ip: v4 };
  }
  const v6 = parseV6(s);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { v6: false, ip: v6 & 0xffffffffn };
  return { v6: true, ip: v6 };
}

export function mask(v6: boolean, bits: number): bigint {
  const w = WIDTH(v6);
  return ((1n << BigInt(w)) - 1n) ^ ((1n << BigInt(w - bits)) - 1n);
}

/** Go net.ParseCIDR. */
export function parseCIDR(s: string): Net | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIP(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(bitsText)) return null;
  // An IPv4-mapped address keeps IPv6 prefix semantics in Go; treat its prefix relative to 128.
  const written = s.slice(0, slash).includes(':');
  let bits = Number(bitsText);
  if (written && !ip.v6) {
    if (bits > 128 || bits < 96) return bits <= 128 ? { v6: false, ip: ip.ip, addr: 0n, bits: 0 } : null;
    bits -= 96;
  }
  if (bits > WIDTH(ip.v6)) return null;
  return { v6: ip.v6, ip: ip.ip, addr: ip.ip & mask(ip.v6, bits), bits };
}

export function formatIP(v6: boolean, n: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  // Longest run of at least two zero groups becomes "::" (first one on ties).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

export function formatCIDR(n: { v6: boolean; addr: bigint; bits: number }): string {
  return `${formatIP(n.v6, n.addr)}/${n.bits}`;
}

export function lastAddr(n: Net): bigint {
  return n.addr | ((1n << BigInt(WIDTH(n.v6) - n.bits)) - 1n);
}

export { WIDTH };
