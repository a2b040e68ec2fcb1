// Who may talk to the admin API. It changes the configuration and reads Secrets, so a web page the operator visits
// must not reach it: a request carrying a browser's Origin header is refused, and so is one whose Host is not the
// admin address (DNS rebinding). With a token (portico up always has one), every request but /healthz carries
// `Authorization: Bearer <token>`. Listening beyond loopback without a token is refused unless the caller insists.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { HttpError } from './http.ts';

export interface AdminGuard {
  /** Bearer token every request (but /healthz) must carry; null = none (only allowed on loopback, or when insecure). */
  token: string | null;
  /** Allow a non-loopback bind without a token (portico up --insecure-admin, which warns on every start). */
  insecure?: boolean;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

export function checkBind(host: string, guard: AdminGuard): void {
  if (!isLoopback(host) && !guard.token && !guard.insecure) {
    throw new HttpError(500, 'CP_INSECURE_BIND', `refusing to serve the admin API on ${host} without a token: it changes the configuration and reads Secrets; give it a token (portico up does) or bind it to 127.0.0.1`);
  }
}

/** Host names the admin API answers to: the bound address, and the loopback names when bound to loopback. */
export function allowedHosts(host: string, port: number): Set<string> | null {
  if (host === '0.0.0.0' || host === '::') return null; // any interface: the token is the guard
  const bare = host.replace(/^\[|\]$/g, '');
  const names = [isIP(bare) === 6 ? `[${bare}]` : bare, ...(isLoopback(host) ? ['localhost', '127.0.0.1', '[::1]'] : [])];
  return new Set(names.map((n) => `${n}:${port}`));
}

const BODY_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml'];

export function checkRequest(req: IncomingMessage, guard: AdminGuard, hosts: Set<string> | null): void {
  if (req.headers.origin !== undefined) {
    throw new HttpError(403, 'CP_FORBIDDEN', `requests from web pages (Origin: ${req.headers.origin}) are refused: the admin API is for the portico CLI and tools, not browsers`);
  }
  const host = String(req.headers.host ?? '').toLowerCase();
  if (hosts && !hosts.has(host)) throw new HttpError(403, 'CP_FORBIDDEN', `Host ${JSON.stringify(host)} is not the admin API's address (${[...hosts].join(', ')})`);
  if (guard.token !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
    const given = Buffer.from(m?.[1] ?? '');
    const want = Buffer.from(guard.token);
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw new HttpError(401, 'CP_UNAUTHORIZED', 'the admin API needs Authorization: Bearer <token> (the token is in the kubeconfig that portico up writes; the portico CLI reads it)');
    }
  }
  const method = req.method ?? 'GET';
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!BODY_TYPES.includes(type)) throw new HttpError(415, 'CP_UNSUPPORTED_MEDIA_TYPE', `content-type ${JSON.stringify(type)} is not accepted; send ${BODY_TYPES.join(', ')}`);
  }
}
