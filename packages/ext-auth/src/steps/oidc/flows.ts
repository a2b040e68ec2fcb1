// The three things the step does besides letting a logged-in request through: start a login, finish one at the
// callback path, and log out. Each returns a StepOutcome; the pipeline turns it into the HTTP response.
import { randomBytes } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import type { OidcSession } from '../../sessions/session-store.ts';
import { deny, type StepOutcome } from '../../pipeline/step.ts';
import type { CompiledOidcConfig } from './config.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { jwtRepeatedMember } from '../../json/duplicate-members.ts';
import { clearPendingCookie, pendingCookie, readPending, sameState, signState, verifyState } from './login-state.ts';
import type { SessionManager } from './session-manager.ts';
import type { SessionKeys } from '../../sessions/session-key.ts';
import type { RevocationList } from '../../sessions/revocations.ts';

export interface FlowDeps {
  cfg: CompiledOidcConfig;
  keys: SessionKeys;
  sessions: SessionManager;
  revocations: RevocationList;
}

export interface RequestView {
  url: URL; // the URL the browser asked for (scheme://host/path?query)
  cookie: string | undefined;
  nowMs: number;
}

export async function startLogin(d: FlowDeps, idp: IdentityProvider, req: RequestView, why: string): Promise<StepOutcome> {
  const verifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const state = await signState(d.keys.state, req.url.href, req.nowMs);
  const params: Record<string, string> = {
    redirect_uri: d.cfg.redirectUri,
    scope: d.cfg.scope,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    // OIDC Core §11: offline_access (a refresh token) is only granted together with prompt=consent.
    ...(d.cfg.scope.split(' ').includes('offline_access') ? { prompt: 'consent' } : {}),
    ...d.cfg.authParams,
  };
  const location = oidc.buildAuthorizationUrl(idp.config, params).href;
  return deny({
    type: 'redirect', code: 'AUTH_OIDC_LOGIN_REQUIRED', reason: why, location,
    setCookies: [pendingCookie(d.cfg, d.keys.cookie, { state, verifier, nonce })],
  });
}

/** Signature, issuer, audience and expiry of an ID token, checked with the IdP's JWKS (OIDC Core §3.1.3.7). */
export async function verifyIdToken(idp: IdentityProvider, cfg: CompiledOidcConfig, idToken: string, nowMs: number) {
  const { payload } = await jwtVerify(idToken, idp.jwks, {
    issuer: idp.config.serverMetadata().issuer, audience: cfg.clientId, algorithms: idp.idTokenAlgs,
    currentDate: new Date(nowMs), clockTolerance: 30, requiredClaims: ['sub', 'exp', 'iat'],
  });
  const repeated = jwtRepeatedMember(idToken);
  if (repeated !== null) throw new Error(`ID token repeats the member ${JSON.stringify(repeated)} (RFC 8725 §3.9)`);
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== cfg.clientId) {
    throw new Error('ID token with several audiences must name this client in azp');
  }
  return payload;
}

export async function finishLogin(d: FlowDeps, idp: IdentityProvider, req: RequestView): Promise<StepOutcome> {
  const forbidden = (reason: string) => deny({ type: 'forbidden', code: 'AUTH_OIDC_CALLBACK_INVALID', reason });
  const pending = readPending(d.cfg, d.keys.cookie, req.cookie);
  if (!pending) return forbidden('callback without a login in progress (no or invalid login cookie)');
  const query = req.url.searchParams;
  if (query.has('error')) return forbidden(`the IdP returned ${query.get('error')}`);
  if (!sameState(query.get('state') ?? '', pending.state)) return forbidden('state does not match the login in progress');
  const originalUrl = await verifyState(d.keys.state, pending.state, req.nowMs);
  if (!originalUrl) return forbidden('state expired or not issued by this step');

  // openid-client derives redirect_uri from this URL and checks `iss` (RFC 9207), so keep the query as received.
  const callbackUrl = new URL(d.cfg.redirectUri);
  callbackUrl.search = req.url.search;
  let session: OidcSession;
  try {
    const tokens = await oidc.authorizationCodeGrant(idp.config, callbackUrl, {
      pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true,
    }, d.cfg.tokenParams);
    const claims = await verifyIdToken(idp, d.cfg, tokens.id_token as string, req.nowMs);
    session = {
      idToken: tokens.id_token as string, accessToken: tokens.access_token ?? null,
      refreshToken: tokens.refresh_token ?? null, expiresAt: claims.exp as number,
      sid: randomBytes(18).toString('base64url'), createdAt: Math.floor(req.nowMs / 1000),
      iss: claims.iss as string, sub: claims.sub as string, idpSid: typeof claims.sid === 'string' ? claims.sid : null,
    };
  } catch (err) {
    return deny({ type: 'forbidden', code: 'AUTH_OIDC_TOKEN_FAILED', reason: `code exchange failed: ${describe(err)}` });
  }
  const saved = await d.sessions.save(session);
  if (!saved.ok) return deny({ type: 'error', code: saved.code, reason: saved.message });
  return deny({
    type: 'response', code: 'AUTH_OIDC_LOGGED_IN', reason: 'login complete', status: 302,
    headers: [['location', originalUrl], ...[...saved.value, clearPendingCookie(d.cfg)].map((c): [string, string] => ['set-cookie', c])],
    body: '',
  });
}

export async function logout(d: FlowDeps, idp: IdentityProvider | null, req: RequestView): Promise<StepOutcome> {
  const { session, setCookies } = await d.sessions.clear(req.cookie);
  // The cookie may have been copied: the session ends here, not when the browser forgets it.
  if (session?.sid) {
    const nowS = Math.floor(req.nowMs / 1000);
    d.revocations.revoke(`rp:${session.sid}`, nowS, sessionEnd(d.cfg, session, nowS));
  }
  const cookies = setCookies.map((c): [string, string] => ['set-cookie', c]);
  const endpoint = idp?.config.serverMetadata().end_session_endpoint;
  // RP-initiated logout: the IdP ends its own session, then sends the browser to afterLogoutUrl.
  if (session && endpoint) {
    const params = { id_token_hint: session.idToken, post_logout_redirect_uri: d.cfg.afterLogoutUrl };
    if (d.cfg.endSessionMethod === 'PostMethod') {
      return deny({
        type: 'response', code: 'AUTH_OIDC_LOGGED_OUT', reason: 'logout', status: 200,
        headers: [['content-type', 'text/html; charset=utf-8'], ['cache-control', 'no-store'], ...cookies],
        body: postForm(endpoint, params),
      });
    }
    const location = oidc.buildEndSessionUrl(idp.config, params).href;
    return deny({ type: 'response', code: 'AUTH_OIDC_LOGGED_OUT', reason: 'logout', status: 302, headers: [['location', location], ...cookies], body: '' });
  }
  return deny({
    type: 'response', code: 'AUTH_OIDC_LOGGED_OUT', reason: 'logout', status: 302,
    headers: [['location', d.cfg.afterLogoutUrl], ...cookies], body: '',
  });
}

const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** endSessionProperties.methodType PostMethod: the browser POSTs the logout request (auto-submitted form). */
function postForm(action: string, params: Record<string, string>): string {
  const fields = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Signing out</title></head>
<body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(action)}">${fields}
<noscript><button type="submit">Continue signing out</button></noscript></form></body></html>`;
}

/** Refreshes an expiring session with its refresh token; undefined when that is not possible. */
export async function refreshSession(idp: IdentityProvider, cfg: CompiledOidcConfig, s: OidcSession, nowMs: number):
  Promise<OidcSession | undefined> {
  if (!s.refreshToken) return undefined;
  try {
    const tokens = await oidc.refreshTokenGrant(idp.config, s.refreshToken, cfg.tokenParams);
    let expiresAt = Math.floor(nowMs / 1000) + (tokens.expires_in ?? 300);
    if (tokens.id_token) {
      const claims = await verifyIdToken(idp, cfg, tokens.id_token, nowMs);
      if (claims.sub !== decodeJwt(s.idToken).sub) return undefined; // OIDC Core §12.2: same subject
      expiresAt = claims.exp as number;
    }
    return {
      ...s, idToken: tokens.id_token ?? s.idToken, accessToken: tokens.access_token ?? s.accessToken,
      refreshToken: tokens.refresh_token ?? s.refreshToken, expiresAt,
    };
  } catch {
    return undefined;
  }
}

/** openid-client wraps oauth4webapi's error, whose message names the claim or parameter; keep it in the (log-only)
 *  reason. */
function describe(err: unknown): string {
  const e = err as Error & { cause?: { message?: string }; error?: string };
  const detail = e.cause?.message ?? e.error;
  return detail && detail !== e.message ? `${e.message}: ${detail}` : e.message;
}

/** The latest moment a session can be used: its cookie's max-age after login (else its ID token's expiry). */
export function sessionEnd(cfg: CompiledOidcConfig, s: OidcSession, nowS: number): number {
  const maxAge = cfg.cookie.maxAge > 0 ? cfg.cookie.maxAge : 86400;
  return Math.max((s.createdAt ?? nowS) + maxAge, s.expiresAt, nowS + 60);
}

/** Why a loaded session may not be used any more (logged out, ended by the IdP, too old), or null. */
export function sessionEnded(d: FlowDeps, s: OidcSession, nowMs: number): string | null {
  if (!s.sid || s.createdAt === undefined) return 'session predates revocation support: log in again';
  const nowS = nowMs / 1000;
  if (d.cfg.cookie.maxAge > 0 && s.createdAt + d.cfg.cookie.maxAge <= nowS) return 'session older than the cookie max-age';
  const one = [`rp:${s.sid}`, ...(s.iss && s.idpSid ? [`idp:${s.iss} ${s.idpSid}`] : [])];
  if (d.revocations.revokedAt(one) !== null) return 'session ended (logout)';
  // A `sub:` entry ends the user's sessions that started before it, not the ones after a new login.
  const all = s.iss && s.sub ? d.revocations.revokedAt([`sub:${s.iss} ${s.sub}`]) : null;
  if (all !== null && s.createdAt <= all) return 'session ended (logout of every session of the user)';
  return null;
}

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * OIDC Back-Channel Logout 1.0 §2.6: validate the logout token (signature with the IdP's keys, iss, aud = this
 * client, iat, the back-channel event, sid and/or sub, no nonce, typ logout+jwt when given) and end the sessions it
 * names. 200 on success, 400 with an OAuth error otherwise; never cached.
 */
export async function backChannelLogout(d: FlowDeps, idp: IdentityProvider, method: string, contentType: string, body: string, nowMs: number): Promise<StepOutcome> {
  const answer = (status: number, error: string | null, reason: string) => deny({
    type: 'response', code: status === 200 ? 'AUTH_OIDC_LOGGED_OUT' : 'AUTH_OIDC_LOGOUT_TOKEN_INVALID', reason, status,
    headers: [['cache-control', 'no-store'], ...(error ? [['content-type', 'application/json']] as [string, string][] : [])],
    body: error ? JSON.stringify({ error, error_description: reason }) : '',
  });
  if (method !== 'POST') return answer(405, 'invalid_request', 'back-channel logout takes a POST');
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) return answer(400, 'invalid_request', 'expected an application/x-www-form-urlencoded body');
  const token = new URLSearchParams(body).get('logout_token');
  if (!token) return answer(400, 'invalid_request', 'logout_token missing (does the route pass the request body to ext-auth?)');
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, idp.jwks, {
      issuer: idp.config.serverMetadata().issuer, audience: d.cfg.clientId, algorithms: idp.idTokenAlgs,
      currentDate: new Date(nowMs), clockTolerance: 30, requiredClaims: ['iat', 'jti'], maxTokenAge: '10m',
    });
    if (verified.protectedHeader.typ !== undefined && verified.protectedHeader.typ.toLowerCase() !== 'logout+jwt') throw new Error('typ is not logout+jwt');
    const repeated = jwtRepeatedMember(token);
    if (repeated !== null) throw new Error(`the token repeats the member ${JSON.stringify(repeated)}`);
    claims = verified.payload;
  } catch (err) {
    return answer(400, 'invalid_request', `logout token rejected: ${(err as Error).message}`);
  }
  const events = claims.events as Record<string, unknown> | undefined;
  if (typeof events !== 'object' || events === null || typeof events[BACKCHANNEL_EVENT] !== 'object') return answer(400, 'invalid_request', 'logout token lacks the back-channel-logout event');
  if (claims.nonce !== undefined) return answer(400, 'invalid_request', 'a logout token must not contain a nonce');
  const sid = typeof claims.sid === 'string' ? claims.sid : null;
  const sub = typeof claims.sub === 'string' ? claims.sub : null;
  if (!sid && !sub) return answer(400, 'invalid_request', 'logout token names neither sid nor sub');
  const iss = claims.iss as string;
  const nowS = Math.floor(nowMs / 1000);
  const until = nowS + (d.cfg.cookie.maxAge > 0 ? d.cfg.cookie.maxAge : 86400);
  if (sid) d.revocations.revoke(`idp:${iss} ${sid}`, nowS, until);
  else d.revocations.revoke(`sub:${iss} ${sub}`, nowS, until);
  return answer(200, null, `back-channel logout (${sid ? `sid ${sid}` : `sub ${sub}`})`);
}
