// The step interface (style.md conventions 3–5). A step says WHAT happened (a denial of a given type);
// the pipeline decides the HTTP status, so no step hard-codes 401/403.
import type { AuthErrorCode, Result } from '../errors.ts';
import type { AuthContext } from './context.ts';
import type { StepDeps } from './deps.ts';

/** What a successful step contributes; the pipeline merges it into the shared chain state and the response. */
export interface StepSuccess {
  ok: true;
  /** Merged into `state` (seen by later steps, e.g. `input.state.jwtAccessToken` in OPA). */
  state: Record<string, unknown> | null;
  headersToSet: [string, string][] | null;
  headersToAppend: [string, string][] | null;
  headersToRemove: string[] | null;
  responseHeadersToAdd: [string, string][] | null;
  /** Emitted under the `envoy.filters.http.ext_authz` dynamic-metadata namespace. */
  dynamicMetadata: Record<string, unknown> | null;
}

export type Denial =
  /** Credentials absent or invalid, or a policy said no → 403 (Gloo's access-token behaviour, gloo-api.md §2.11). */
  | { type: 'forbidden'; code: AuthErrorCode; reason: string }
  /** Ask the client to authenticate → 401 with this `www-authenticate` value (e.g. API keys). */
  | { type: 'unauthenticated'; code: AuthErrorCode; reason: string; challenge: string }
  /** Send the browser elsewhere (OIDC login, callback done) → 302; `failOnRedirect` turns it into 401. */
  | { type: 'redirect'; code: AuthErrorCode; reason: string; location: string; setCookies: string[] }
  /** A response the config spelled out (OPA object result, logout page); status null → 403. */
  | { type: 'response'; code: AuthErrorCode; reason: string; status: number | null; headers: [string, string][]; body: string }
  /** A dependency failed (IdP, policy engine). Fails closed (403) and counts as an error, not a denial. */
  | { type: 'error'; code: AuthErrorCode; reason: string };

export type StepOutcome = StepSuccess | { ok: false; denial: Denial };

export interface AuthStep {
  readonly kind: string;
  readonly name: string;
  /** The outcome itself when the step needed no I/O, so a chain of such steps decides without a promise. */
  evaluate(ctx: AuthContext, signal: AbortSignal): StepOutcome | Promise<StepOutcome>;
  /** Releases timers / shared clients when the config is replaced. */
  close(): void;
}

/** One factory per step kind: validates and compiles the config once, or returns a coded error. */
export type StepFactory<C> = (name: string, config: C, deps: StepDeps) => Result<AuthStep>;

export function success(partial: Partial<Omit<StepSuccess, 'ok'>> = {}): StepSuccess {
  return {
    ok: true,
    state: partial.state ?? null,
    headersToSet: partial.headersToSet ?? null,
    headersToAppend: partial.headersToAppend ?? null,
    headersToRemove: partial.headersToRemove ?? null,
    responseHeadersToAdd: partial.responseHeadersToAdd ?? null,
    dynamicMetadata: partial.dynamicMetadata ?? null,
  };
}

export function deny(denial: Denial): { ok: false; denial: Denial } {
  return { ok: false, denial };
}
