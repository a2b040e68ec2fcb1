import type { IncomingHttpHeaders } from 'node:http';

// What matchers look at. One instance per request; every field assigned in the constructor
// (stable shape, convention 12). The lower-cased path and the parsed query are computed lazily,
// only for routes whose matchers need them.
export class RequestView {
  readonly method: string;
  /** Path without the query string, as received (not decoded). */
  readonly path: string;
  /** Query string without the leading '?', '' when none. */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  private lowerPath: string | null;
  private query: URLSearchParams | null;

  constructor(method: string, path: string, rawQuery: string, headers: IncomingHttpHeaders) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.lowerPath = null;
    this.query = null;
  }

  pathLowerCase(): string {
    if (this.lowerPath === null) this.lowerPath = this.path.toLowerCase();
    return this.lowerPath;
  }

  queryParam(name: string): string | null {
    if (this.query === null) this.query = new URLSearchParams(this.rawQuery);
    return this.query.get(name);
  }

  /** Header value as Envoy's matcher sees it: repeated values joined with ','. */
  header(name: string): string | undefined {
    const v = this.headers[name];
    if (v === undefined) return undefined;
    return typeof v === 'string' ? v : v.join(',');
  }
}
