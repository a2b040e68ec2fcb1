// Virtual-host selection by the request's authority, as Envoy does: exact domain first, then the
// longest matching left-most wildcard ("*.example.com" / "*-bar.example.com"), then a bare "*".
// Ports are ignored unless a domain names one explicitly; names are case-insensitive.

export class HostTable<V> {
  private readonly exact = new Map<string, V>();
  /** Suffix (domain without the leading '*') → value, tried longest first. */
  private readonly suffixes: { suffix: string; value: V }[] = [];
  private catchAll: V | null = null;

  add(domain: string, value: V): void {
    const d = domain.toLowerCase();
    if (d === '*') {
      if (this.catchAll === null) this.catchAll = value;
    } else if (d.startsWith('*')) {
      if (!this.suffixes.some((s) => s.suffix === d.slice(1))) this.suffixes.push({ suffix: d.slice(1), value });
      this.suffixes.sort((a, b) => b.suffix.length - a.suffix.length);
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
    for (const s of this.suffixes) {
      // "*.example.com" must not match "example.com" itself: the wildcard needs ≥1 character.
      if (host.length > s.suffix.length && host.endsWith(s.suffix)) return s.value;
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
