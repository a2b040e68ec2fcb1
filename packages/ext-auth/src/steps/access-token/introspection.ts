// RFC 7662 token introspection and the OIDC userinfo call. The resource server authenticates with HTTP Basic
// (client_id:client_secret, form-url-encoded first, RFC 6749 §2.3.1); only `active: true` is trusted.
import { fail, ok, type Result } from '../../errors.ts';
import type { StepDeps } from '../../pipeline/deps.ts';
import type { IntrospectionConfig } from './config.ts';

export interface Introspector {
  introspect(token: string, nowMs: number, signal: AbortSignal): Promise<Result<Record<string, unknown>>>;
}

const DEFAULT_TIMEOUT_MS = 5_000;

export function createIntrospector(cfg: IntrospectionConfig, deps: StepDeps): Result<Introspector> {
  const bad = (msg: string) => fail('AUTH_CONFIG_INVALID', `accessTokenValidation.introspection: ${msg}`);
  if (!isHttpUrl(cfg.introspectionUrl)) return bad('introspectionUrl must be an http(s) URL');
  if (!cfg.clientId && cfg.clientSecret) return bad('clientSecret requires clientId');
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (cfg.clientId && cfg.clientSecret) {
    const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
    headers.authorization = 'Basic ' + Buffer.from(`${enc(cfg.clientId)}:${enc(cfg.clientSecret)}`).toString('base64');
  }
  const url = cfg.introspectionUrl;
  return ok({
    async introspect(token, nowMs, signal) {
      const form = new URLSearchParams({ token, token_type_hint: 'access_token' });
      if (cfg.clientId && !cfg.clientSecret) form.set('client_id', cfg.clientId);
      const body = await postJson(deps, url, headers, form.toString(), timeoutMs, signal);
      if (!body.ok) return fail('AUTH_INTROSPECTION_FAILED', `introspection: ${body.message}`);
      const r = body.value;
      if (r.active !== true) return fail('AUTH_INTROSPECTION_INACTIVE', 'token is not active');
      if (typeof r.exp === 'number' && r.exp * 1000 <= nowMs) return fail('AUTH_JWT_EXPIRED', 'token expired (introspection exp)');
      return ok(r);
    },
  });
}

export async function fetchUserinfo(deps: StepDeps, url: string, token: string, signal: AbortSignal): Promise<Result<Record<string, unknown>>> {
  try {
    const res = await deps.fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.any([signal, AbortSignal.timeout(DEFAULT_TIMEOUT_MS)]),
    });
    if (res.status !== 200) return fail('AUTH_USERINFO_FAILED', `userinfo: HTTP ${res.status}`);
    const v: unknown = await res.json();
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('AUTH_USERINFO_FAILED', 'userinfo: not a JSON object');
    return ok(v as Record<string, unknown>);
  } catch (err) {
    return fail('AUTH_USERINFO_FAILED', `userinfo: ${(err as Error).name}`);
  }
}

async function postJson(deps: StepDeps, url: string, headers: Record<string, string>, body: string, timeoutMs: number, signal: AbortSignal): Promise<Result<Record<string, unknown>>> {
  try {
    const res = await deps.fetch(url, { method: 'POST', headers, body, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
    if (res.status !== 200) return fail('AUTH_INTROSPECTION_FAILED', `HTTP ${res.status}`);
    const v: unknown = await res.json();
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('AUTH_INTROSPECTION_FAILED', 'response is not a JSON object');
    return ok(v as Record<string, unknown>);
  } catch (err) {
    // The error name only: messages of fetch failures can echo request data.
    return fail('AUTH_INTROSPECTION_FAILED', (err as Error).name);
  }
}

export function isHttpUrl(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
