// The in-process AuthService (Contract 5): holds one compiled pipeline per config_id, swaps them on update()
// (each config compiled in isolation — one bad config never blocks the others, gloo-api.md §4.3), and decides
// checks. check() never throws: every failure becomes a denial with a reason. The gRPC and HTTP ext_authz
// servers wrap this same object.
import { sharedRegoEvalPool } from '../steps/opa/offload/eval-pool.ts';
import { DEFAULT_GUESS_LIMIT, GuessThrottle, type GuessLimit } from '../steps/apikey/guess-throttle.ts';
import { AuthContext } from '../pipeline/context.ts';
import { compileAuthConfig } from '../pipeline/compile.ts';
import type { AuthLogger, StepDeps } from '../pipeline/deps.ts';
import type { AuthPipeline, PipelineResult } from '../pipeline/pipeline.ts';
import { JwksRegistry } from '../jwt/jwks-registry.ts';
import { AuthMetrics } from '../observability/metrics.ts';
import { createAuthLogger, loggablePath } from '../observability/log.ts';
import type { RegoApi } from '../steps/opa/rego-api.ts';
import type { AuthService, CheckRequest, CheckResult, RejectedAuthConfig, ResolvedAuthConfig } from '../types.ts';
import { defaultRego } from './default-rego.ts';

export interface AuthServiceOptions {
  logger?: AuthLogger;
  fetch?: typeof fetch;
  now?: () => number;
  rego?: RegoApi | null;
  metrics?: AuthMetrics;
  /** Shared API key store for apiKeyAuth (portal-issued keys). */
  apiKeys?: StepDeps['apiKeys'];
  /** The teams-and-apps portal's credential lookup for portalAuth. */
  portalApps?: StepDeps['portalApps'];
  /** The state directory (`portico up --state-dir`), for per-install secrets such as the OIDC session key. */
  stateDir?: string | null;
  /** Failed API-key guesses allowed per client address and window; null = unlimited. Default DEFAULT_GUESS_LIMIT. */
  apiKeyGuessLimit?: GuessLimit | null;
  /**
   * Event-loop time one Rego evaluation may take before it is moved to a worker thread (default 5 ms; null = never
   * move, evaluate inline with the full 1 s limit). Applies to the default engine only.
   */
  regoInlineBudgetMs?: number | null;
}

type Entry = { fingerprint: string; pipeline: AuthPipeline } | { fingerprint: string; rejected: string };

export interface ConfigState {
  state: 'ACCEPTED' | 'REJECTED';
  reason: string;
}

export class PorticoAuthService implements AuthService {
  readonly metrics: AuthMetrics;
  private readonly logger: AuthLogger;
  private readonly deps: StepDeps;
  private entries = new Map<string, Entry>();

  constructor(opts: AuthServiceOptions = {}) {
    this.logger = opts.logger ?? createAuthLogger();
    this.metrics = opts.metrics ?? new AuthMetrics();
    const now = opts.now ?? Date.now;
    const f = opts.fetch ?? fetch;
    this.deps = {
      now,
      fetch: f,
      logger: this.logger,
      jwks: new JwksRegistry({ fetch: f, now, logger: this.logger }),
      rego: opts.rego === undefined ? defaultRego : opts.rego,
      mode: 'serve',
      apiKeys: opts.apiKeys ?? null,
      portalApps: opts.portalApps ?? null,
      stateDir: opts.stateDir ?? null,
      regoOffload: (opts.rego === undefined || opts.rego === defaultRego) && opts.regoInlineBudgetMs !== null
        ? { pool: sharedRegoEvalPool(), inlineBudgetMs: opts.regoInlineBudgetMs ?? 5 } : null,
      apiKeyGuesses: opts.apiKeyGuessLimit === null ? null : new GuessThrottle(opts.apiKeyGuessLimit ?? DEFAULT_GUESS_LIMIT, now),
    };
  }

  update(authConfigs: ReadonlyMap<string, ResolvedAuthConfig | RejectedAuthConfig>): void {
    const next = new Map<string, Entry>();
    for (const [configId, cfg] of authConfigs) {
      const fingerprint = cfg.state === 'REJECTED' ? `rejected:${cfg.reason}` : cfg.fingerprint;
      const prev = this.entries.get(configId);
      if (prev && prev.fingerprint === fingerprint) {
        next.set(configId, prev);
        continue;
      }
      if (cfg.state === 'REJECTED') {
        next.set(configId, { fingerprint, rejected: cfg.reason });
        continue;
      }
      const compiled = compileAuthConfig(configId, cfg.spec, this.deps);
      if (compiled.ok) next.set(configId, { fingerprint, pipeline: compiled.value });
      else {
        this.logger.warn({ configId, code: compiled.code, reason: compiled.message }, 'auth config rejected by ext-auth');
        next.set(configId, { fingerprint, rejected: compiled.message });
      }
    }
    const old = this.entries;
    this.entries = next;
    // Close replaced pipelines after the swap; a JWKS shared with a new pipeline stays (reference counted).
    for (const [id, e] of old) if ('pipeline' in e && next.get(id) !== e) e.pipeline.close();
  }

  /** What ext-auth made of each config (a config the control plane accepted can still fail to compile here). */
  configStates(): Map<string, ConfigState> {
    const out = new Map<string, ConfigState>();
    for (const [id, e] of this.entries) out.set(id, 'rejected' in e ? { state: 'REJECTED', reason: e.rejected } : { state: 'ACCEPTED', reason: '' });
    return out;
  }

  /** Synchronous when the pipeline's steps needed no I/O (Contract 5); never throws or rejects. */
  check(req: CheckRequest, signal?: AbortSignal): CheckResult | Promise<CheckResult> {
    const started = performance.now();
    const configId = req?.attributes?.context_extensions?.config_id ?? '';
    let out: PipelineResult | Promise<PipelineResult>;
    try {
      out = this.decide(configId, req, signal ?? new AbortController().signal);
    } catch (err) {
      out = internalError(err);
    }
    if (out instanceof Promise) return out.catch(internalError).then((o) => this.finish(req, configId, started, o));
    return this.finish(req, configId, started, out);
  }

  private finish(req: CheckRequest, configId: string, started: number, out: PipelineResult): CheckResult {
    this.metrics.record(configId, out.outcome, out.code, (performance.now() - started) / 1000);
    if (!out.result.allowed) {
      const http = req?.attributes?.request?.http;
      this.logger.info(
        { configId, requestId: http?.id, method: http?.method, path: loggablePath(http?.path ?? ''), status: out.result.status, code: out.code, reason: out.result.reason },
        out.outcome === 'error' ? 'request denied on error' : 'request denied',
      );
    }
    return out.result;
  }

  close(): void {
    for (const e of this.entries.values()) if ('pipeline' in e) e.pipeline.close();
    this.entries.clear();
    this.deps.jwks.close();
  }

  private decide(configId: string, req: CheckRequest, signal: AbortSignal): PipelineResult | Promise<PipelineResult> {
    if (!req?.attributes?.request?.http || typeof req.attributes.request.http.path !== 'string') {
      return failure('AUTH_REQUEST_INVALID', 'check request has no attributes.request.http');
    }
    const entry = this.entries.get(configId);
    if (entry === undefined) return failure('AUTH_CONFIG_NOT_FOUND', `Auth Server does not contain auth configuration with the given ID ${JSON.stringify(configId)}`);
    if ('rejected' in entry) return failure('AUTH_CONFIG_REJECTED', `auth config ${configId} is rejected: ${entry.rejected}`);
    const ctx = new AuthContext(req, configId, this.deps.now());
    return entry.pipeline.run(ctx, signal);
  }
}

function internalError(err: unknown): PipelineResult {
  return failure('AUTH_STEP_ERROR', `internal error: ${(err as Error).message}`);
}

function failure(code: PipelineResult['code'] & string, reason: string): PipelineResult {
  return { result: { allowed: false, status: 403, headers: [], body: '', reason: `${code}: ${reason}` }, outcome: 'error', code };
}
