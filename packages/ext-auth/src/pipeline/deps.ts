// What steps may use besides their config: injected so tests use a fixed clock and loopback servers,
// and so the control plane can validate configs without starting any network activity.
import type { JwksRegistry } from '../jwt/jwks-registry.ts';
import type { ApiKeyStore } from '@portico/apikeys';
import type { RegoApi } from '../steps/opa/rego-api.ts';
import type { GuessThrottle } from '../steps/apikey/guess-throttle.ts';
import type { RegoEvalPool } from '../steps/opa/offload/eval-pool.ts';
import type { PortalCredentialLookup } from '../steps/portal/lookup.ts';

export interface AuthLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export interface StepDeps {
  /** Milliseconds since the epoch. */
  now(): number;
  fetch: typeof fetch;
  jwks: JwksRegistry;
  logger: AuthLogger;
  /** The Rego engine (Contract 7); null → opaAuth configs are rejected with a clear reason. */
  rego: RegoApi | null;
  /** 'validate': compile only (control plane status); never start timers or I/O. */
  mode: 'serve' | 'validate';
  /** The shared API key store (portal-issued keys) for apiKeyAuth; absent when none is configured. */
  apiKeys?: Pick<ApiKeyStore, 'lookup'> | null;
  /**
   * Rego evaluations over `inlineBudgetMs` of the event loop are re-run on the pool's worker thread (issue 11
   * item 4); null = always inline with the full limits (an injected engine the worker does not load).
   */
  regoOffload?: { pool: RegoEvalPool; inlineBudgetMs: number } | null;
  /** Failed API-key guesses per client address (shared by every apiKeyAuth step); null = not throttled. */
  apiKeyGuesses?: GuessThrottle | null;
  /** The teams-and-apps portal's credential lookup for portalAuth; absent when none is configured. */
  portalApps?: PortalCredentialLookup | null;
  /** Where per-install secrets live (the OIDC session key); null → ./.portico. */
  stateDir?: string | null;
}

export const silentLogger: AuthLogger = { info() {}, warn() {}, error() {} };
