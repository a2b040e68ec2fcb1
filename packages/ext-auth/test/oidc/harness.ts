// A real development IdP plus Portico's in-process AuthService running one oidcAuthorizationCode config, and a
// scripted browser whose cookies flow through both (the gateway's part — turning CheckResults into HTTP — is
// replaced by `check`, which applies Set-Cookie headers to the browser's jar the way the gateway's response would).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIdp, type RunningIdp } from '@portico/idp';
import { ScriptedBrowser } from '@portico/idp/testing';
import { silentLogger } from '../../src/pipeline/deps.ts';
import { PorticoAuthService } from '../../src/service/auth-service.ts';
import type { OidcAuthorizationCodeInput } from '../../src/steps/oidc/config.ts';
import type { CheckRequest, CheckResult } from '../../src/types.ts';

export const APP = 'http://app.localhost';
export const CALLBACK = `${APP}/callback`;
export const AFTER_LOGOUT = `${APP}/bye`;
export const CIPHER_KEY = 'k'.repeat(32);

export async function startTestIdp(): Promise<{ idp: RunningIdp; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-oidc-step-'));
  const idp = await startIdp({
    port: 0, stateDir: dir,
    config: {
      audience: 'http://gateway.test', scopes: ['petstore'],
      clients: [{ clientId: 'web', clientSecret: 'web-secret', grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: [CALLBACK], postLogoutRedirectUris: [AFTER_LOGOUT], scopes: ['*'] }],
      users: [{ email: 'developer@example.com', name: 'Developer', password: 'portico' }],
    },
  });
  return { idp, stop: async () => { await idp.close(); await rm(dir, { recursive: true, force: true }); } };
}

export function oidcConfig(idp: Pick<RunningIdp, 'issuer'>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientId: 'web', clientSecret: 'web-secret', issuerUrl: idp.issuer, appUrl: APP, callbackPath: '/callback',
    logoutPath: '/logout', afterLogoutUrl: AFTER_LOGOUT, session: { cipherConfig: { key: CIPHER_KEY } },
    headers: { idTokenHeader: 'x-id-token', accessTokenHeader: 'x-access-token' }, ...extra,
  };
}

let seq = 0;
export function authService(config: Record<string, unknown>, failOnRedirect = false, now = Date.now): PorticoAuthService {
  const svc = new PorticoAuthService({ logger: silentLogger, rego: null, now });
  svc.update(new Map([['test.oidc', {
    configId: 'test.oidc', state: 'ACCEPTED', fingerprint: `f${++seq}`,
    spec: { configs: [{ kind: 'oidcAuthorizationCode', name: 'oidc', config: config as OidcAuthorizationCodeInput }],
      booleanExpr: null, failOnRedirect },
  } as const]]));
  return svc;
}

export function checkRequest(url: string, cookie?: string): CheckRequest {
  const u = new URL(url);
  const headers: Record<string, string> = { ':authority': u.host, ':method': 'GET', ':path': u.pathname + u.search, ':scheme': 'http' };
  if (cookie) headers.cookie = cookie;
  return { attributes: { request: { http: { method: 'GET', headers, path: u.pathname + u.search, host: u.host, scheme: 'http' } },
    context_extensions: { config_id: 'test.oidc' } } };
}

export function setCookies(result: CheckResult): string[] {
  const list = result.allowed ? result.responseHeadersToAdd : result.headers;
  return list.filter(([k]) => k === 'set-cookie').map(([, v]) => v);
}

export function header(result: CheckResult, name: string): string | undefined {
  const list = result.allowed ? result.headersToSet : result.headers;
  return list.find(([k]) => k === name)?.[1];
}

/** Sends `url` through the auth service as the browser would, keeping cookies. */
export async function check(svc: PorticoAuthService, browser: ScriptedBrowser, url: string): Promise<CheckResult> {
  const result = await svc.check(checkRequest(url, browser.jar.header(new URL(url))));
  browser.jar.capture(new URL(url), setCookies(result));
  return result;
}

/** From a login redirect: the IdP's form, filled in, up to (not including) the callback. */
export async function loginAtIdp(browser: ScriptedBrowser, location: string): Promise<URL> {
  const atApp = (u: URL) => u.origin === APP;
  const page = await browser.follow(location, { stopAt: atApp });
  if (!page.response || page.response.status !== 200) throw new Error(`expected the login form, got ${page.url.href}`);
  const done = await browser.submitLogin({ html: await page.response.text(), url: page.url }, 'developer@example.com', 'portico', atApp);
  return done.url;
}
