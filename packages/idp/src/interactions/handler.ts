/// <reference path="../provider/oidc-provider.d.ts" />
// The IdP's own interaction endpoints (oidc-provider's devInteractions are off): a login form checked against the
// user directory, and consent granted automatically because every client comes from the operator's config file.
//   GET  /interaction/:uid        login form (or automatic consent)
//   POST /interaction/:uid/login  email + password
//   GET  /interaction/:uid/abort  the user cancels → access_denied to the client
// The interaction is bound to the browser by oidc-provider's interaction cookie, which interactionDetails checks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionDetails } from 'oidc-provider';
import type { AccountDirectory } from '../users/accounts.ts';
import { loginPage, messagePage } from './pages.ts';

const MAX_FORM_BYTES = 16 * 1024;
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
};

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, PAGE_HEADERS).end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return undefined;
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function grantConsent(provider: Provider, req: IncomingMessage, res: ServerResponse, d: InteractionDetails) {
  const accountId = d.session?.accountId as string;
  const grant = d.grantId ? await provider.Grant.find(d.grantId) : new provider.Grant({ accountId, clientId: d.params.client_id });
  if (!grant) throw new Error('grant vanished during consent');
  const details = d.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]> };
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [resource, list] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, list.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: d.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
}

async function login(provider: Provider, accounts: AccountDirectory, req: IncomingMessage, res: ServerResponse,
  d: InteractionDetails): Promise<void> {
  const form = await readForm(req);
  if (!form) return send(res, 400, messagePage('Bad request', 'Expected a url-encoded login form of at most 16 KiB.'));
  const email = form.get('email') ?? '';
  const password = form.get('password') ?? '';
  const sub = email && password ? await accounts.authenticate(email, password) : undefined;
  if (!sub) {
    return send(res, 401, loginPage({ uid: d.uid, clientId: d.params.client_id, email, error: 'Invalid email or password.' }));
  }
  await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
}

export function createInteractionHandler(provider: Provider, accounts: AccountDirectory) {
  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const [, , uid, action] = path.split('/'); // '', 'interaction', uid, action?
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return send(res, 400, messagePage('Sign-in expired', 'This sign-in request is unknown or has expired. Start again from the application.'));
    }
    if (details.uid !== uid) return send(res, 400, messagePage('Bad request', 'Interaction mismatch.'));
    try {
      if (req.method === 'GET' && action === undefined) {
        if (details.prompt.name === 'login') {
          return send(res, 200, loginPage({ uid: details.uid, clientId: details.params.client_id }));
        }
        if (details.prompt.name === 'consent') return await grantConsent(provider, req, res, details);
        return send(res, 400, messagePage('Unsupported', `Unsupported prompt ${details.prompt.name}.`));
      }
      if (req.method === 'POST' && action === 'login' && details.prompt.name === 'login') {
        return await login(provider, accounts, req, res, details);
      }
      if (action === 'abort') {
        return await provider.interactionFinished(req, res,
          { error: 'access_denied', error_description: 'the user cancelled the sign-in' }, { mergeWithLastSubmission: false });
      }
      return send(res, 405, messagePage('Not allowed', 'This request is not part of the sign-in flow.'));
    } catch (err) {
      if (!res.headersSent) send(res, 500, messagePage('Sign-in failed', (err as Error).message));
    }
  };
}
