// One place that knows what a credential looks like in a log line: query parameters that carry tokens or keys,
// headers that carry them, and object keys that name them. Every logger in Portico (the gateway's access log,
// ext-auth's pino, the CLI's JSON lines) calls these functions, so a new credential name is added once, here.
// The functions are cheap when there is nothing to redact (the gateway calls redactUrl on every request).

export const REDACTED = '[redacted]';

/** Query parameters that carry credentials (RFC 6750 §2.3 access_token; API keys; OIDC codes and tokens). */
export const CREDENTIAL_QUERY_PARAMS: ReadonlySet<string> = new Set([
  'access_token', 'id_token', 'refresh_token', 'token', 'code', 'api-key', 'api_key', 'apikey', 'x-api-key',
  'client_secret', 'password', 'logout_token', 'id_token_hint', 'session_state',
]);

/** Header names (lower case) whose values are credentials. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'api-key', 'x-api-key', 'id_token', 'id-token',
  'x-auth-token', 'x-access-token',
]);

/** Object keys (compared lower case, without `-`/`_`) that hold credentials wherever they appear in a log object. */
const SENSITIVE_KEYS = new Set([
  'authorization', 'proxyauthorization', 'cookie', 'setcookie', 'apikey', 'xapikey', 'accesstoken', 'idtoken',
  'refreshtoken', 'token', 'clientsecret', 'secret', 'password', 'logouttoken', 'idtokenhint', 'xauthtoken', 'xaccesstoken',
]);

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_KEYS.has(name.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * A request target (path?query, or an absolute URL) with the values of credential query parameters replaced by
 * [redacted]; the parameter names stay so the line still says what was sent. Unchanged when nothing matches.
 */
export function redactUrl(target: string): string {
  const q = target.indexOf('?');
  if (q === -1) return target;
  const query = target.slice(q + 1);
  if (!mayHoldCredential(query)) return target;
  const parts = query.split('&');
  let changed = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const eq = p.indexOf('=');
    const name = decodeName(eq === -1 ? p : p.slice(0, eq));
    if (CREDENTIAL_QUERY_PARAMS.has(name) && eq !== -1) {
      parts[i] = `${p.slice(0, eq)}=${REDACTED}`;
      changed = true;
    }
  }
  return changed ? `${target.slice(0, q + 1)}${parts.join('&')}` : target;
}

/** The query string without the named parameters (compared after decoding); `''` when none is left. */
export function stripQueryParams(query: string, names: ReadonlySet<string>): string {
  if (query === '' || !mayHoldCredential(query)) return query;
  const kept = query.split('&').filter((p) => {
    const eq = p.indexOf('=');
    return !names.has(decodeName(eq === -1 ? p : p.slice(0, eq)));
  });
  return kept.join('&');
}

/** A copy of a header object with credential values replaced (arrays too). */
export function redactHeaders<T extends Record<string, unknown>>(headers: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(headers)) out[k] = SENSITIVE_HEADERS.has(k.toLowerCase()) || isSensitiveName(k) ? REDACTED : headers[k];
  return out as T;
}

/**
 * A deep copy of a log object with credentials replaced: values under sensitive keys, `headers` objects, URLs in
 * `url`/`path` fields. Depth and size are bounded so a cyclic or huge object cannot stall a log call.
 */
export function redactObject(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: value.message, ...(value.stack ? { stack: value.stack } : {}), ...(('code' in value) ? { code: (value as { code: unknown }).code } : {}) };
  }
  if (Array.isArray(value)) return value.slice(0, 1000).map((v) => redactObject(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (isSensitiveName(k) || SENSITIVE_HEADERS.has(k.toLowerCase())) out[k] = REDACTED;
    else if (typeof v === 'string' && (k === 'url' || k === 'path' || k === 'target' || k === 'location')) out[k] = redactUrl(v);
    else out[k] = redactObject(v, depth + 1);
  }
  return out;
}

function decodeName(raw: string): string {
  let name = raw;
  if (name.includes('%') || name.includes('+')) {
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // an undecodable name is compared as written
    }
  }
  return name.toLowerCase();
}

/** Cheap pre-check: every credential parameter name contains one of these letters sequences (or is encoded). */
function mayHoldCredential(query: string): boolean {
  const q = query.toLowerCase();
  return q.includes('token') || q.includes('key') || q.includes('code') || q.includes('secret') || q.includes('password') ||
    q.includes('session') || q.includes('%');
}
