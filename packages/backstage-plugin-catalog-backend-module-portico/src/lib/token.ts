// OAuth2 client_credentials tokens for the portal server (RFC 6749 §4.4). One token is cached and renewed before
// it expires (expiry from `expires_in`, else the JWT `exp` claim); concurrent callers share one request; network
// errors, 429 and 5xx are retried with exponential backoff. The token and the secret never reach a log line or an
// error message: messages name the endpoint, the client id and the IdP's `error`/`error_description` only.
import type { ClientCredentials } from './config.ts';
import { failure, type Result } from '../errors.ts';
import { portalFetch } from './localhost-fetch.ts';

export interface TokenSource {
  /** A valid access token, fetched or renewed when needed. */
  get(signal?: AbortSignal): Promise<Result<string>>;
  /** Forget the cached token (the portal said 401): the next get() asks the IdP again. */
  invalidate(): void;
}

export interface TokenSourceOptions {
  credentials: ClientCredentials;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  /** Attempts per get() for retryable failures (default 3). */
  attempts?: number;
  /** First backoff delay; doubled per attempt (default 250 ms). */
  backoffMs?: number;
  requestTimeoutMs?: number;
  debug?: (message: string) => void;
}

interface CachedToken {
  value: string;
  renewAt: number;
}

/** Lifetime assumed when the IdP gives neither expires_in nor a JWT exp. */
const FALLBACK_LIFETIME_MS = 300_000;

/** Reads the `exp` claim of a JWT without verifying it: only used to schedule renewal, never to trust the token. */
export function jwtExpiryMs(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** When to renew: 10% of the lifetime early, at least 5 s and at most 60 s before expiry. */
export function renewalTime(issuedAt: number, expiresAt: number): number {
  const lifetime = Math.max(0, expiresAt - issuedAt);
  const margin = Math.min(60_000, Math.max(5_000, lifetime * 0.1));
  return Math.max(issuedAt, expiresAt - margin);
}

function expiresAt(body: Record<string, unknown>, token: string, issuedAt: number): number {
  const expiresIn = typeof body.expires_in === 'string' ? Number(body.expires_in) : body.expires_in;
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) return issuedAt + expiresIn * 1000;
  return jwtExpiryMs(token) ?? issuedAt + FALLBACK_LIFETIME_MS;
}

type AuthMethod = 'client_secret_basic' | 'client_secret_post';

type Attempt = { kind: 'token'; token: string; body: Record<string, unknown> }
  | { kind: 'retry'; code: 'TOKEN_UNREACHABLE' | 'TOKEN_SERVER_ERROR'; message: string }
  | { kind: 'fail'; code: 'TOKEN_REJECTED' | 'TOKEN_BAD_RESPONSE'; message: string; invalidClient: boolean };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

function idpError(body: unknown): string {
  if (body && typeof body === 'object') {
    const { error, error_description: description } = body as Record<string, unknown>;
    if (typeof error === 'string') return typeof description === 'string' ? `${error}: ${description}` : error;
  }
  return 'no OAuth error in the body';
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const { credentials } = options;
  const doFetch = options.fetch ?? portalFetch;
  const now = options.now ?? Date.now;
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 250;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const debug = options.debug ?? (() => {});
  const where = `token endpoint ${credentials.tokenEndpoint} (client "${credentials.clientId}")`;
  // RFC 6749 §2.3.1 makes HTTP Basic mandatory for servers; Solo's plugin posts the credentials in the body, which
  // some IdPs require instead. Start with Basic, fall back once on invalid_client, and remember what worked.
  let method: AuthMethod = 'client_secret_basic';
  let cached: CachedToken | undefined;
  let inFlight: Promise<Result<string>> | undefined;

  async function requestOnce(with_: AuthMethod, signal?: AbortSignal): Promise<Attempt> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
      accept: 'application/json',
    };
    if (with_ === 'client_secret_basic') {
      const user = encodeURIComponent(credentials.clientId);
      const pass = encodeURIComponent(credentials.clientSecret.reveal());
      headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    } else {
      form.set('client_id', credentials.clientId);
      form.set('client_secret', credentials.clientSecret.reveal());
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await doFetch(credentials.tokenEndpoint, {
        method: 'POST', headers, body: form, signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      return { kind: 'retry', code: 'TOKEN_UNREACHABLE', message: `cannot reach ${where}: ${(err as Error).message}` };
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (res.status === 429 || res.status >= 500) {
      return { kind: 'retry', code: 'TOKEN_SERVER_ERROR', message: `${where} answered HTTP ${res.status}` };
    }
    if (!res.ok) {
      const detail = idpError(body);
      return {
        kind: 'fail', code: 'TOKEN_REJECTED', message: `${where} refused the credentials: HTTP ${res.status}, ${detail}`,
        invalidClient: detail.startsWith('invalid_client'),
      };
    }
    const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
    if (!record || typeof record.access_token !== 'string' || record.access_token === '') {
      return {
        kind: 'fail', code: 'TOKEN_BAD_RESPONSE', invalidClient: false,
        message: `${where} answered HTTP ${res.status} without an access_token (${record ? idpError(record) : 'body is not JSON'})`,
      };
    }
    return { kind: 'token', token: record.access_token, body: record };
  }

  async function fetchToken(signal?: AbortSignal): Promise<Result<string>> {
    let last: Attempt | undefined;
    let triedFallback = false;
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await sleep(backoffMs * 2 ** (i - 1) * (0.75 + Math.random() * 0.5), signal);
      if (signal?.aborted) break;
      debug(`requesting an access token from ${where} (${method})`);
      last = await requestOnce(method, signal);
      if (last.kind === 'fail' && last.invalidClient && !triedFallback) {
        triedFallback = true;
        const other: AuthMethod = method === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic';
        const second = await requestOnce(other, signal);
        if (second.kind === 'token') method = other;
        else if (second.kind === 'fail' && second.invalidClient) return failure(last.code, last.message);
        last = second;
      }
      if (last.kind === 'token') {
        const issuedAt = now();
        const expiry = expiresAt(last.body, last.token, issuedAt);
        cached = { value: last.token, renewAt: renewalTime(issuedAt, expiry) };
        debug(`got an access token from ${where}, valid for ${Math.round((expiry - issuedAt) / 1000)} s`);
        return { ok: true, value: last.token };
      }
      if (last.kind === 'fail') return failure(last.code, last.message);
      debug(`${last.message}; attempt ${i + 1} of ${attempts}`);
    }
    if (last && last.kind === 'retry') return failure(last.code, `${last.message} (after ${attempts} attempts)`);
    return failure('TOKEN_UNREACHABLE', `request to ${where} was aborted`);
  }

  return {
    get(signal) {
      if (cached && now() < cached.renewAt) return Promise.resolve({ ok: true, value: cached.value });
      inFlight ??= fetchToken(signal).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
