// The apiKeyAuth step (gloo-api.md §2.8, §7 tests 43–44): the key from a header (default `api-key`), looked up
// by hash in the store it is given on every request — no cache here: gateways hand it an in-memory index that
// follows the shared store's changes (@portico/apikeys createIndexedApiKeyStore), so a revoked key fails on every
// replica as soon as the change reaches it and the lookup costs no I/O.
// Unknown or missing key → the client is asked to authenticate with Gloo's `API key is missing or invalid`
// challenge; a store outage fails closed. Success: metadata entries to upstream headers (e.g. X-Solo-Plan),
// state api_key_value/userId/usagePlan, dynamic metadata userId/usagePlan for rate limiting and access logs.
import { hash } from 'node:crypto';
import { fail, ok, type Result } from '../../errors.ts';
import type { AuthContext } from '../../pipeline/context.ts';
import type { StepDeps } from '../../pipeline/deps.ts';
import { deny, type AuthStep, type StepOutcome } from '../../pipeline/step.ts';
import { HEADER_NAME, parseMetadataHeaders, type MetadataHeader } from '../shared/metadata-headers.ts';
import type { ApiKeyAuthConfig } from './config.ts';

const CHALLENGE = 'API key is missing or invalid';
/** Longer values are not keys; refusing them early keeps hashing and store lookups bounded. */
const MAX_KEY_LENGTH = 512;

interface KeyOwner {
  userId: string | null;
  metadata: Record<string, string>;
}

export function createApiKeyAuth(name: string, config: ApiKeyAuthConfig, deps: StepDeps): Result<AuthStep> {
  const bad = (msg: string) => fail('AUTH_CONFIG_INVALID', `apiKeyAuth: ${msg}`);
  const headerName = (config.headerName || 'api-key').toLowerCase();
  if (!HEADER_NAME.test(headerName)) return bad(`headerName ${JSON.stringify(config.headerName)} is not a valid header name`);
  const parsed = parseMetadataHeaders(config.headersFromMetadataEntry);
  if (typeof parsed === 'string') return bad(parsed);
  const mappings: MetadataHeader[] = parsed;
  for (const [header, entry] of Object.entries(config.headersFromMetadata ?? {})) {
    if (!HEADER_NAME.test(header) || typeof entry !== 'string' || entry === '') return bad(`headersFromMetadata.${header} is not valid`);
    mappings.push({ header: header.toLowerCase(), entry, required: false });
  }
  const inline = new Map<string, KeyOwner>();
  for (const [key, v] of Object.entries(config.validApiKeys ?? {})) {
    inline.set(key, { userId: v.username ?? null, metadata: { ...(v.metadata ?? {}) } });
  }
  const hashed = config.apiKeyHashes === undefined ? null : new Map<string, KeyOwner>();
  for (const [h, v] of Object.entries(config.apiKeyHashes ?? {})) hashed!.set(h, { userId: v.username ?? null, metadata: { ...(v.metadata ?? {}) } });
  const store = hashed !== null ? null : (deps.apiKeys ?? null);
  if (store === null && hashed === null && inline.size === 0 && deps.mode === 'serve') {
    return bad('no API key store is configured for this ext-auth server and the config has no inline keys');
  }

  const unauthenticated = (reason: string): StepOutcome =>
    deny({ type: 'unauthenticated', code: 'AUTH_APIKEY_INVALID', reason, challenge: CHALLENGE });

  /** Synchronous for inline keys, Secret-backed hashes and a store that answers from memory (the key index). */
  function find(key: string): Result<KeyOwner | null> | Promise<Result<KeyOwner | null>> {
    const local = inline.get(key);
    if (local) return ok(local);
    if (hashed !== null) return ok(hashed.get(hash('sha256', key, 'hex')) ?? null);
    if (store === null) return ok(null);
    const found = store.lookup(key);
    return found instanceof Promise ? found.then(ownerOf) : ownerOf(found);
  }

  const guesses = deps.apiKeyGuesses ?? null;

  function evaluate(ctx: AuthContext): StepOutcome | Promise<StepOutcome> {
    const key = ctx.headers[headerName];
    if (!key) return unauthenticated(`no ${headerName} header`);
    const address = ctx.request.attributes.source?.address?.socket_address?.address ?? '';
    const wait = guesses === null ? 0 : guesses.blockedFor(address);
    if (wait > 0) {
      return deny({ type: 'response', code: 'AUTH_APIKEY_THROTTLED', reason: `too many unknown API keys from ${address}`, status: 429,
        headers: [['retry-after', String(wait)], ['content-type', 'text/plain; charset=utf-8']], body: 'too many invalid API keys; try again later\n' });
    }
    if (key.length > MAX_KEY_LENGTH) {
      guesses?.fail(address);
      return unauthenticated('API key too long');
    }
    const owner = find(key);
    return owner instanceof Promise ? owner.then((o) => admit(key, address, o)) : admit(key, address, owner);
  }

  function admit(key: string, address: string, owner: Result<KeyOwner | null>): StepOutcome {
    if (!owner.ok) return deny({ type: 'error', code: owner.code, reason: owner.message });
    if (owner.value === null) {
      guesses?.fail(address);
      return unauthenticated('unknown API key');
    }
    const { metadata } = owner.value;
    const headersToSet: [string, string][] = [];
    // gloo-api.md §2.7: each mapped metadata value is also kept in the chain state under its header name (first,
    // so the fixed entries set below win a clash, as they always have).
    const state: Record<string, unknown> = {};
    for (const m of mappings) {
      const v = metadata[m.entry];
      if (v === undefined || v === '') {
        if (m.required) return unauthenticated(`API key lacks required metadata entry ${m.entry}`);
        continue;
      }
      headersToSet.push([m.header, v]);
      state[m.header] = v;
    }
    const userId = owner.value.userId ?? metadata.userId ?? null;
    // Gloo's Secret-backed keys send their owner (the Secret name) upstream as x-user-id.
    if (hashed !== null && userId !== null) headersToSet.push(['x-user-id', userId]);
    const usagePlan = metadata.usagePlan ?? metadata.plan ?? null;
    const dynamicMetadata: Record<string, unknown> = {};
    if (userId !== null) dynamicMetadata.userId = userId;
    if (usagePlan !== null) dynamicMetadata.usagePlan = usagePlan;
    state.api_key_value = key;
    state.userId = userId;
    state.usagePlan = usagePlan;
    state.apiKeyMetadata = metadata;
    return { ok: true, state, headersToSet, headersToAppend: null, headersToRemove: null, responseHeadersToAdd: null, dynamicMetadata };
  }

  return ok({ kind: 'apiKeyAuth', name, evaluate, close() {} });
}

type Lookup = Awaited<ReturnType<NonNullable<StepDeps['apiKeys']>['lookup']>>;

function ownerOf(found: Lookup): Result<KeyOwner | null> {
  if (!found.ok) return fail('AUTH_APIKEY_STORE_UNAVAILABLE', found.message);
  return ok(found.value ? { userId: found.value.owner, metadata: found.value.metadata } : null);
}
