// Virtual-host selection by the request's authority, as Envoy does: exact domain first, then the
// longest matching left-most wildcard ("*.example.com" / "*-bar.example.com"), then a bare "*".
// Ports are ignored unless a domain names one explicitly; names are case-insensitive.

// Wildcards are looked up by suffix length (one Map probe per distinct length, longest first), so neither many
// exact hosts nor many wildcards make a lookup walk a list.

export class HostTable<V> {
  private readonly exact = new Map<string, V>();
  /** Suffix (domain without the leading '*') → value. */
  private readonly suffixes = new Map<string, V>();
  /** The distinct suffix lengths, longest first (rebuilt on the first lookup after an add). */
  private lengths: number[] | null = [];
  private catchAll: V | null = null;

  add(domain: string, value: V): void {
    const d = domain.toLowerCase();
    if (d === '*') {
      if (this.catchAll === null) this.catchAll = value;
    } else if (d.startsWith('*')) {
      if (!this.suffixes.has(d.slice(1))) this.suffixes.set(d.slice(1), value);
      this.lengths = null;
    } else if (!this.exact.has(d)) {
      this.exact.set(d, value);
    }
  }

  lookup(authority: string | undefined): V | null {
    if (authority === undefined || authority === '') return this.catchAll;
    let host = authority.toLowerCase();
    const hit = this.exact.get(host);
    if (hit !== undefined) return hit;
    host = stripPort(host);
    const hit2 = this.exact.get(host);
    if (hit2 !== undefined) return hit2;
    this.lengths ??= [...new Set([...this.suffixes.keys()].map((s) => s.length))].sort((a, b) => b - a);
    for (const length of this.lengths) {
      // "*.example.com" must not match "example.com" itself: the wildcard needs ≥1 character.
      if (host.length <= length) continue;
      const hit3 = this.suffixes.get(host.slice(host.length - length));
      if (hit3 !== undefined) return hit3;
    }
    return this.catchAll;
  }
}

export function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}
