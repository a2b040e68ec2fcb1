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

  /** Adds a domain; the first value added for a domain is kept. */
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

  /** Sets (or replaces) the value of a domain already lower-cased: an update of a table kept between configs. */
  set(domain: string, value: V): void {
    if (domain === '*') this.catchAll = value;
    else if (domain.startsWith('*')) {
      if (!this.suffixes.has(domain.slice(1))) this.lengths = null;
      this.suffixes.set(domain.slice(1), value);
    } else this.exact.set(domain, value);
  }

  /** Removes a domain already lower-cased. */
  delete(domain: string): void {
    if (domain === '*') this.catchAll = null;
    else if (domain.startsWith('*')) {
      if (this.suffixes.delete(domain.slice(1))) this.lengths = null;
    } else this.exact.delete(domain);
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
