// Where a bearer token may come from (RFC 6750 §2): the Authorization header, a form-encoded body field, or
// the `access_token` query parameter. A client must use only one method (§2); two present → refused.
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

export type TokenLookup = { ok: true; token: string } | { ok: false; reason: 'missing' | 'ambiguous' | 'malformed' };

export function extractBearerToken(headers: Record<string, string>, path: string, method: string, body: string | undefined): TokenLookup {
  const found: string[] = [];
  const auth = headers['authorization'];
  if (auth !== undefined && auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ') {
    const t = auth.slice(7).trim();
    if (!TOKEN68.test(t)) return { ok: false, reason: 'malformed' };
    found.push(t);
  }
  const q = path.indexOf('?');
  if (q !== -1 && path.includes('access_token=', q)) {
    const t = new URLSearchParams(path.slice(q + 1)).get('access_token');
    if (t) found.push(t);
  }
  const ctype = headers['content-type'] ?? '';
  if (body && method !== 'GET' && ctype.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    const t = new URLSearchParams(body).get('access_token');
    if (t) found.push(t);
  }
  if (found.length === 0) return { ok: false, reason: 'missing' };
  if (found.length > 1) return { ok: false, reason: 'ambiguous' };
  return { ok: true, token: found[0] };
}
