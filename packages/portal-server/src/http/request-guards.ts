// Checks that run before a request reaches a route (issue 11 item 9):
//  - a declared body over the limit is answered 413 at once, and the rest of the body is read and dropped, so the
//    answer is not lost to a connection reset (a proxy in front, such as the gateway, would otherwise see the reset
//    and answer 503);
//  - CSRF: a write that the browser authenticated by itself (the session cookie, or the id_token header ext-auth
//    derives from it) must come from the portal's own origin. Sec-Fetch-Site and Origin decide; a request with
//    neither is not from a modern browser and passes (SameSite=Lax on the session cookie still applies).
//    Bearer tokens are never attached by a browser on its own, so bearer requests are not checked. An Origin the
//    Portal lists in `spec.cors.allowOrigins` is trusted too: CORS lets that frontend make the call, so the CSRF
//    check must not refuse it (a frontend on another origin that sends the ID token in the id_token header, or a
//    same-site dev server, would otherwise get 403 after a successful preflight). A `*` entry trusts no one here:
//    it opens reads to any origin, not session-authenticated writes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PortalHttpError } from '../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Keep reading an oversized body for at most this many bytes (beyond it the connection is cut). */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/** The origins a Portal's CORS policy lists for this Host header (explicit entries; `*` is not one). */
export type TrustedOrigins = (host: string | undefined) => readonly string[];

export function installRequestGuards(app: FastifyInstance, bodyLimit: number, trusted: TrustedOrigins): void {
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > bodyLimit) {
      drain(request, declared);
      throw new PortalHttpError(413, 'PORTAL_BAD_REQUEST', `body: larger than ${bodyLimit} bytes`, 'body');
    }
    if (!SAFE.has(request.method) && request.headers.authorization === undefined) {
      const why = crossSite(request, trusted);
      if (why !== null) throw new PortalHttpError(403, 'PORTAL_FORBIDDEN', `cross-site request refused: ${why}`);
    }
  });
}

function drain(request: FastifyRequest, declared: number): void {
  const raw = request.raw;
  let seen = declared > MAX_DRAIN_BYTES ? MAX_DRAIN_BYTES : 0;
  raw.on('data', (c: Buffer) => {
    seen += c.length;
    // Beyond the cap the answer has long been sent; reading more junk is not worth it.
    if (seen > MAX_DRAIN_BYTES) raw.destroy();
  });
  raw.resume();
}

/** Why the request is cross-site, or null when it is same-origin or not from a browser. */
function crossSite(request: FastifyRequest, trusted: TrustedOrigins): string | null {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== '*' && trusted(request.headers.host).includes(origin)) return null;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `Sec-Fetch-Site is ${site}`;
  if (origin === undefined) return null;
  const host = request.headers.host ?? '';
  let originHost: string | null = null;
  if (origin !== 'null' && URL.canParse(origin)) originHost = new URL(origin).host;
  return originHost !== null && originHost === host.toLowerCase() ? null : `Origin ${origin} is not this portal (${host})`;
}
