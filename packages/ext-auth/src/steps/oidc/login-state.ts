// The login in progress, between the redirect to the IdP and the callback. `state` is Gloo's HS256 JWT
// {exp, iat, nbf, state: <original URL>} valid 30 minutes; the PKCE verifier and nonce must not travel through the
// URL, so they sit in a sealed, HttpOnly cookie together with the exact `state` value the callback must echo.
import { timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { CompiledOidcConfig } from './config.ts';
import { clearCookie, readCookie, serializeCookie } from './cookies.ts';
import { seal, unseal } from './sealed.ts';

export const STATE_TTL_SECONDS = 1800;

export interface PendingLogin {
  state: string;
  verifier: string;
  nonce: string;
}

export function pendingCookieName(cfg: CompiledOidcConfig): string {
  return `${cfg.cookieName}_login`;
}

export async function signState(key: Uint8Array, originalUrl: string, nowMs: number): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({ state: originalUrl })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + STATE_TTL_SECONDS)
    .sign(key);
}

/** The original URL from a state JWT we issued, or undefined (forged, expired, malformed). */
export async function verifyState(key: Uint8Array, state: string, nowMs: number): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(state, key, { algorithms: ['HS256'], currentDate: new Date(nowMs) });
    return typeof payload.state === 'string' ? payload.state : undefined;
  } catch {
    return undefined;
  }
}

export function pendingCookie(cfg: CompiledOidcConfig, key: Buffer, pending: PendingLogin): string {
  const name = pendingCookieName(cfg);
  // SameSite=Lax at most: the IdP's redirect back is a cross-site top-level GET, which Strict would strip.
  const sameSite = cfg.cookie.sameSite === 'StrictMode' ? 'LaxMode' : cfg.cookie.sameSite;
  return serializeCookie(name, seal(key, name, JSON.stringify(pending)),
    { ...cfg.cookie, sameSite, httpOnly: true }, STATE_TTL_SECONDS);
}

export function clearPendingCookie(cfg: CompiledOidcConfig): string {
  return clearCookie(pendingCookieName(cfg), cfg.cookie);
}

export function readPending(cfg: CompiledOidcConfig, key: Buffer, cookieHeader: string | undefined): PendingLogin | undefined {
  const name = pendingCookieName(cfg);
  const raw = readCookie(cookieHeader, name);
  const text = raw ? unseal(key, name, raw) : undefined;
  if (!text) return undefined;
  try {
    const p = JSON.parse(text) as PendingLogin;
    return typeof p.state === 'string' && typeof p.verifier === 'string' && typeof p.nonce === 'string' ? p : undefined;
  } catch {
    return undefined;
  }
}

export function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
