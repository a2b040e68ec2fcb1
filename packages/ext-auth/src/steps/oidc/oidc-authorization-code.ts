// The `oauth2.oidcAuthorizationCode` step (gloo-api.md §2.5): browser login through an OpenID provider with
// openid-client — PKCE S256, state and nonce, ID token validated, sessions in a sealed cookie or a server-side store,
// refresh when allowed, RP-initiated logout. A logged-in request passes with state `jwt` = the raw ID token and the
// configured token headers set upstream.
import { join } from 'node:path';
import { fail, ok, type Result } from '../../errors.ts';
import type { AuthContext } from '../../pipeline/context.ts';
import type { StepDeps } from '../../pipeline/deps.ts';
import { deny, success, type AuthStep, type StepOutcome } from '../../pipeline/step.ts';
import { createMemorySessionStore } from '../../sessions/memory-store.ts';
import { createRedisSessionStore } from '../../sessions/redis-store.ts';
import { deriveSessionKeys, installSessionKey } from '../../sessions/session-key.ts';
import type { OidcSession, SessionStore } from '../../sessions/session-store.ts';
import { createSqliteSessionStore } from '../../sessions/sqlite-store.ts';
import { compileOidcConfig, type CompiledOidcConfig } from './config.ts';
import { backChannelLogout, finishLogin, logout, refreshSession, sessionEnded, startLogin, type FlowDeps, type RequestView } from './flows.ts';
import { memoryRevocationList, sqliteRevocationList, type RevocationList } from '../../sessions/revocations.ts';
import { forwardSession } from './forwarding.ts';
import { IdentityProviderClient, type IdentityProvider } from './identity-provider.ts';
import { SessionManager, type LoadedSession } from './session-manager.ts';

function openStore(cfg: CompiledOidcConfig, now: () => number): SessionStore | null {
  if (cfg.redis) return createRedisSessionStore(cfg.redis);
  if (cfg.embedded) {
    return cfg.embedded.sqlitePath ? createSqliteSessionStore(cfg.embedded.sqlitePath, now) : createMemorySessionStore(now);
  }
  return null;
}

function requestView(ctx: AuthContext): RequestView | undefined {
  const http = ctx.request.attributes.request.http;
  const scheme = http.scheme ?? ctx.headers[':scheme'] ?? ctx.headers['x-forwarded-proto'] ?? 'http';
  const host = http.host ?? ctx.headers[':authority'] ?? ctx.headers.host;
  if (!host || !URL.canParse(`${scheme}://${host}`)) return undefined;
  const path = http.query && !http.path.includes('?') ? `${http.path}?${http.query}` : http.path;
  if (!URL.canParse(path, `${scheme}://${host}`)) return undefined;
  return { url: new URL(path, `${scheme}://${host}`), cookie: ctx.headers.cookie, nowMs: ctx.nowMs };
}

function returnTarget(cfg: CompiledOidcConfig, url: URL): URL {
  const app = new URL(cfg.appUrl);
  const to = url.searchParams.get('return_to');
  if (!to || !to.startsWith('/') || to.startsWith('//') || to.includes('\\')) return app;
  const target = new URL(to, app);
  return target.origin === app.origin ? target : app;
}

/**
 * `config` is the oidcAuthorizationCode object with secrets resolved (see config.ts). Without
 * session.cipherConfig the cookie key is the per-install key in the state directory (deps.stateDir, else
 * ./.portico).
 */
export function createOidcAuthorizationCode(name: string, config: unknown, deps: StepDeps): Result<AuthStep> {
  const compiled = compileOidcConfig(config);
  if (!compiled.ok) return compiled;
  const cfg = compiled.value;
  const idpClient = new IdentityProviderClient(cfg, deps.jwks);
  // Rotating refresh tokens are single-use: concurrent requests of one session share one refresh.
  const refreshing = new Map<string, Promise<OidcSession | undefined>>();
  // Keys and the session store are opened on first use, so compiling a config (mode 'validate') does no I/O.
  let flow: FlowDeps | null = null;
  function runtime(): Result<FlowDeps> {
    if (flow) return ok(flow);
    try {
      const stateDir = deps.stateDir ?? null;
      const keyDir = stateDir ?? join(process.cwd(), '.portico');
      const keys = deriveSessionKeys(cfg.cipherKey ?? installSessionKey(keyDir));
      // Revocations live beside the session key, so every process that can read the cookie also sees its end.
      const revocations: RevocationList = cfg.cipherKey && stateDir === null ? sharedMemoryRevocations(deps.now) : sqliteRevocationList(stateDir ?? keyDir, deps.now);
      flow = { cfg, keys, sessions: new SessionManager(cfg, keys.cookie, openStore(cfg, deps.now)), revocations };
      return ok(flow);
    } catch (err) {
      return fail('AUTH_SESSION_STORE_UNAVAILABLE', `cannot open the session key or store: ${(err as Error).message}`);
    }
  }

  /** The session, refreshed with its refresh token when it is (about to be) expired and refreshing is allowed. */
  async function ensureFresh(flow: FlowDeps, idp: IdentityProvider, loaded: LoadedSession, nowMs: number):
    Promise<Result<{ session: OidcSession; setCookies: [string, string][] }> | 'expired'> {
    const { session } = loaded;
    if (session.expiresAt - cfg.preExpiryBuffer > nowMs / 1000) return ok({ session, setCookies: [] });
    if (!cfg.allowRefreshing || !session.refreshToken) return 'expired';
    const key = session.refreshToken;
    let pending = refreshing.get(key);
    if (!pending) {
      pending = refreshSession(idp, cfg, session, nowMs).finally(() => refreshing.delete(key));
      refreshing.set(key, pending);
    }
    const next = await pending;
    if (!next) return 'expired';
    const saved = await flow.sessions.save(next, loaded.id);
    if (!saved.ok) return saved;
    return ok({ session: next, setCookies: saved.value.map((c): [string, string] => ['set-cookie', c]) });
  }

  async function evaluate(ctx: AuthContext): Promise<StepOutcome> {
    const req = requestView(ctx);
    if (!req) return deny({ type: 'forbidden', code: 'AUTH_REQUEST_INVALID', reason: 'request has no usable host or path' });
    const rt = runtime();
    if (!rt.ok) return deny({ type: 'error', code: rt.code, reason: rt.message });
    const flow = rt.value;
    const { sessions } = flow;
    const idp = await idpClient.get();
    if (cfg.logoutPath !== null && req.url.pathname === cfg.logoutPath) return logout(flow, idp.ok ? idp.value : null, req);
    if (!idp.ok) return deny({ type: 'error', code: idp.code, reason: idp.message });
    if (cfg.backChannelLogoutPath !== null && req.url.pathname === cfg.backChannelLogoutPath) {
      const http = ctx.request.attributes.request.http;
      return backChannelLogout(flow, idp.value, http.method ?? ctx.headers[':method'] ?? 'GET', ctx.headers['content-type'] ?? '', http.body ?? '', ctx.nowMs);
    }
    const atCallback = cfg.isCallback(req.url.pathname);
    if (atCallback && (req.url.searchParams.has('code') || req.url.searchParams.has('error'))) {
      return finishLogin(flow, idp.value, req);
    }
    // A login started at the callback path itself (the portal's "Log in" link to /v1/login) returns to appUrl, or to
    // the same-origin path in `return_to` (Portico's portal UI sends it) — never to another origin.
    const loginReq = atCallback ? { ...req, url: returnTarget(cfg, req.url) } : req;
    const loaded = await sessions.load(req.cookie, cfg.sessionHeader ? ctx.headers[cfg.sessionHeader] : undefined);
    if (!loaded.ok) {
      // Either way nobody gets in without a session; the default sends the browser to log in again.
      if (cfg.failOnFetchFailure) return deny({ type: 'error', code: loaded.code, reason: loaded.message });
      return startLogin(flow, idp.value, loginReq, `session store unavailable: ${loaded.message}`);
    }
    if (!loaded.value) return startLogin(flow, idp.value, loginReq, 'no session');
    const ended = sessionEnded(flow, loaded.value.session, ctx.nowMs);
    if (ended !== null) return startLogin(flow, idp.value, loginReq, ended);
    const fresh = await ensureFresh(flow, idp.value, loaded.value, ctx.nowMs);
    if (fresh === 'expired') return startLogin(flow, idp.value, loginReq, 'session expired and not refreshed');
    if (!fresh.ok) return deny({ type: 'error', code: fresh.code, reason: fresh.message });
    const { session, setCookies } = fresh.value;
    if (atCallback) {
      return deny({ type: 'response', code: 'AUTH_OIDC_LOGGED_IN', reason: 'already logged in', status: 302,
        headers: [['location', returnTarget(cfg, req.url).href], ...setCookies], body: '' });
    }
    const fwd = forwardSession(cfg, session);
    return success({
      state: { jwt: session.idToken }, headersToSet: fwd.headersToSet, headersToAppend: fwd.headersToAppend,
      dynamicMetadata: fwd.dynamicMetadata, responseHeadersToAdd: setCookies,
    });
  }

  return ok({
    kind: 'oidcAuthorizationCode',
    name,
    evaluate,
    close() {
      idpClient.close();
      void flow?.sessions.close();
      flow?.revocations.close();
    },
  });
}

/** Without a state directory, one in-memory list for every OIDC step of the process (they may share a cookie). */
let memoryRevocations: RevocationList | null = null;
function sharedMemoryRevocations(now: () => number): RevocationList {
  memoryRevocations ??= memoryRevocationList(now);
  return { ...memoryRevocations, close() {} };
}
