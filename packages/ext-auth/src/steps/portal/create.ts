// The portalAuth step (portal-teams-apps.md §4, Portico's [G] design): (1) the API product from the route's
// metadata (io.solo.gloo.apimanagement.api_product_id); (2) the app from the API key header (looked up by
// hash) or from the client id of an access token an earlier accessTokenValidation step verified (`client_id`,
// else `azp`, else `cid`); (3) allowed only with an APPROVED subscription of that app to that product — pending or rejected
// → 403 with a JSON body saying so; (4) dynamic metadata `portal.rateLimit = {requests_per_unit, unit}` (the
// subscription's limit, else the app's) for a rate limit's `limit.dynamicMetadata` override, plus
// `portal.{appId, teamId, apiProductId, subscriptionId}` to count per app and product; (5) instead of Solo's
// cacheDuration, the lookup (`portico up`: @portico/portal-apps' openCredentialView) answers from memory kept
// current by the database's change notifications: a deleted key, a rejected subscription or a deleted app is
// refused within 1 s on every replica, and the request never waits on the database.
import { fail, ok, type Result } from '../../errors.ts';
import type { AuthContext } from '../../pipeline/context.ts';
import type { StepDeps } from '../../pipeline/deps.ts';
import { deny, success, type AuthStep, type StepOutcome } from '../../pipeline/step.ts';
import { HEADER_NAME, parseMetadataHeaders, type MetadataHeader } from '../shared/metadata-headers.ts';
import type { PortalAuthConfig } from './config.ts';
import type { PortalCredential, PortalGrant } from './lookup.ts';

const MAX_KEY_LENGTH = 512;
const PRODUCT_NS = 'io.solo.gloo.apimanagement';
const CHALLENGE = 'API key or OAuth access token of a portal app is missing or invalid';

function json(status: number, code: 'AUTH_PORTAL_NOT_SUBSCRIBED' | 'AUTH_PORTAL_CREDENTIAL_INVALID', message: string, reason: string): StepOutcome {
  return deny({ type: 'response', code, reason, status, headers: [['content-type', 'application/json']], body: JSON.stringify({ message, code }) });
}

export function createPortalAuth(name: string, config: PortalAuthConfig, deps: StepDeps): Result<AuthStep> {
  const bad = (msg: string) => fail('AUTH_CONFIG_INVALID', `portalAuth: ${msg}`);
  const keyHeader = (config.apiKeyHeader || 'api-key').toLowerCase();
  if (!HEADER_NAME.test(keyHeader)) return bad(`apiKeyHeader ${JSON.stringify(config.apiKeyHeader)} is not a valid header name`);
  const parsed = parseMetadataHeaders(config.headersFromMetadataEntry);
  if (typeof parsed === 'string') return bad(parsed);
  const mappings: MetadataHeader[] = parsed;
  const lookup = deps.portalApps ?? null;
  if (lookup === null && deps.mode === 'serve') return bad('this ext-auth server has no portal database (portico up --portal-db, or the embedded default)');

  function credential(ctx: AuthContext): PortalCredential | string {
    const token = ctx.state?.jwtAccessToken as Record<string, unknown> | undefined;
    if (token) {
      // RFC 9068 / Cognito: client_id; Keycloak: azp; Okta: cid.
      const clientId = [token.client_id, token.azp, token.cid].find((c): c is string => typeof c === 'string' && c !== '') ?? null;
      return clientId ? { clientId } : 'the access token names no client (client_id, azp or cid claim)';
    }
    const key = ctx.headers[keyHeader];
    if (!key) return `no ${keyHeader} header and no verified access token`;
    if (key.length > MAX_KEY_LENGTH) return 'API key too long';
    return { apiKey: key };
  }

  async function evaluate(ctx: AuthContext): Promise<StepOutcome> {
    const product = ctx.request.attributes.metadata_context?.filter_metadata?.[PRODUCT_NS]?.api_product_id;
    if (typeof product !== 'string' || product === '') {
      return deny({ type: 'forbidden', code: 'AUTH_PORTAL_NOT_SUBSCRIBED', reason: 'the route belongs to no API product (no portalMetadata on its route table)' });
    }
    const cred = credential(ctx);
    if (typeof cred === 'string') return deny({ type: 'unauthenticated', code: 'AUTH_PORTAL_CREDENTIAL_INVALID', reason: cred, challenge: CHALLENGE });
    const found = await lookup!.lookup(cred, product);
    if (!found.ok) return deny({ type: 'error', code: 'AUTH_PORTAL_UNAVAILABLE', reason: found.message });
    const grant = found.value;
    if (grant === null) {
      const what = 'apiKey' in cred ? 'unknown API key' : `OAuth client ${cred.clientId} belongs to no portal app`;
      return deny({ type: 'unauthenticated', code: 'AUTH_PORTAL_CREDENTIAL_INVALID', reason: what, challenge: CHALLENGE });
    }
    const status = grant.subscription?.status ?? null;
    if (status !== 'approved') {
      const message =
        status === null
          ? `app ${grant.appName} is not subscribed to API product ${product}`
          : status === 'pending'
            ? `the subscription of app ${grant.appName} to API product ${product} is pending approval`
            : `the subscription of app ${grant.appName} to API product ${product} was rejected`;
      return json(403, 'AUTH_PORTAL_NOT_SUBSCRIBED', message, `${message} (app ${grant.appId})`);
    }
    return allow(grant, product);
  }

  function allow(grant: PortalGrant, product: string): StepOutcome {
    const entries: Record<string, string> = {
      ...grant.customMetadata,
      appId: grant.appId,
      appName: grant.appName,
      teamId: grant.teamId,
      teamName: grant.teamName,
      subscriptionId: grant.subscription!.id,
      apiProductId: product,
    };
    const headersToSet: [string, string][] = [];
    for (const m of mappings) {
      const v = entries[m.entry];
      if (v === undefined || v === '') {
        if (m.required) return json(403, 'AUTH_PORTAL_NOT_SUBSCRIBED', `the subscription lacks the required metadata entry ${m.entry}`, `metadata entry ${m.entry} missing`);
        continue;
      }
      headersToSet.push([m.header, v]);
    }
    const portal: Record<string, unknown> = { appId: grant.appId, teamId: grant.teamId, apiProductId: product, subscriptionId: grant.subscription!.id };
    // Envoy's RateLimit.Override.DynamicMetadata shape.
    if (grant.rateLimit) portal.rateLimit = { requests_per_unit: Number(grant.rateLimit.requestsPerUnit), unit: grant.rateLimit.unit };
    return success({
      state: { portalApp: { ...portal, appName: grant.appName, teamName: grant.teamName, customMetadata: grant.customMetadata } },
      headersToSet,
      dynamicMetadata: { portal, userId: grant.appId },
    });
  }

  return ok({ kind: 'portalAuth', name, evaluate, close() {} });
}
