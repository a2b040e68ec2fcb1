// Runs one AuthConfig's steps for one request. Default: every step in order, first failure denies.
// With booleanExpr: the expression decides, each step runs at most once, short-circuiting skips the rest.
// Successful steps share state along the chain and their headers/metadata are appended to the final
// response (gloo-api.md §2.4). The pipeline — not the steps — maps a denial to an HTTP status.
import type { AuthErrorCode } from '../errors.ts';
import type { CheckDenied, CheckResult } from '../types.ts';
import { evalBoolExpr, type BoolExpr } from './bool-expr.ts';
import type { AuthContext } from './context.ts';
import type { AuthStep, Denial, StepOutcome, StepSuccess } from './step.ts';

export interface PipelineResult {
  result: CheckResult;
  outcome: 'allowed' | 'denied' | 'error';
  code: AuthErrorCode | null;
}

// Runs on every check: the lists start empty (an empty array has no backing store) and take a step's entries by
// an exact-size copy, never by push(...spread) into a growing array. A step's own arrays are never handed out
// (a cached step outcome is shared by many checks), and no list is mutated after it was assigned.
class Accumulator {
  headersToSet: [string, string][] = [];
  headersToAppend: [string, string][] = [];
  headersToRemove: string[] = [];
  responseHeadersToAdd: [string, string][] = [];
  dynamicMetadata: Record<string, unknown> = {};

  add(ctx: AuthContext, s: StepSuccess): void {
    if (s.state) ctx.mergeState(s.state);
    if (s.headersToSet !== null && s.headersToSet.length > 0) this.headersToSet = this.headersToSet.concat(s.headersToSet);
    if (s.headersToAppend !== null && s.headersToAppend.length > 0) this.headersToAppend = this.headersToAppend.concat(s.headersToAppend);
    if (s.headersToRemove !== null && s.headersToRemove.length > 0) this.headersToRemove = this.headersToRemove.concat(s.headersToRemove);
    if (s.responseHeadersToAdd !== null && s.responseHeadersToAdd.length > 0) this.responseHeadersToAdd = this.responseHeadersToAdd.concat(s.responseHeadersToAdd);
    if (s.dynamicMetadata) Object.assign(this.dynamicMetadata, s.dynamicMetadata);
  }
}

export class AuthPipeline {
  readonly configId: string;
  readonly steps: readonly AuthStep[];
  private readonly expr: BoolExpr | null;
  private readonly failOnRedirect: boolean;

  constructor(configId: string, steps: AuthStep[], expr: BoolExpr | null, failOnRedirect: boolean) {
    this.configId = configId;
    this.steps = steps;
    this.expr = expr;
    this.failOnRedirect = failOnRedirect;
  }

  /** Synchronous while every step answers synchronously; a promise from the first step that does I/O on. */
  run(ctx: AuthContext, signal: AbortSignal): PipelineResult | Promise<PipelineResult> {
    const acc = new Accumulator();
    return this.expr === null ? this.inOrder(ctx, signal, acc, 0) : this.byExpr(this.expr, ctx, signal, acc);
  }

  private inOrder(ctx: AuthContext, signal: AbortSignal, acc: Accumulator, from: number): PipelineResult | Promise<PipelineResult> {
    for (let i = from; i < this.steps.length; i++) {
      const out = runStep(this.steps[i]!, ctx, signal);
      if (out instanceof Promise) {
        return out.then((o) => {
          if (!o.ok) return this.denied(o.denial);
          acc.add(ctx, o);
          return this.inOrder(ctx, signal, acc, i + 1);
        });
      }
      if (!out.ok) return this.denied(out.denial);
      acc.add(ctx, out);
    }
    return allowed(acc);
  }

  private async byExpr(expr: BoolExpr, ctx: AuthContext, signal: AbortSignal, acc: Accumulator): Promise<PipelineResult> {
    const byName = new Map(this.steps.map((s) => [s.name, s]));
    const memo = new Map<string, boolean>();
    let lastDenial: Denial | null = null;
    const passed = await evalBoolExpr(expr, async (name) => {
      const seen = memo.get(name);
      if (seen !== undefined) return seen;
      const out = await runStep(byName.get(name)!, ctx, signal);
      if (out.ok) acc.add(ctx, out);
      else lastDenial = out.denial;
      memo.set(name, out.ok);
      return out.ok;
    });
    if (passed) return allowed(acc);
    return this.denied(lastDenial ?? { type: 'forbidden', code: 'AUTH_OPA_DENIED', reason: 'booleanExpr evaluated to false' });
  }

  close(): void {
    for (const s of this.steps) s.close();
  }

  private denied(d: Denial): PipelineResult {
    const res = (status: number, headers: [string, string][], body: string): CheckDenied => ({
      allowed: false,
      status,
      headers,
      body,
      reason: `${d.code}: ${d.reason}`,
    });
    switch (d.type) {
      case 'forbidden':
        return { result: res(403, [], ''), outcome: 'denied', code: d.code };
      case 'unauthenticated':
        return { result: res(401, [['www-authenticate', d.challenge]], ''), outcome: 'denied', code: d.code };
      case 'redirect':
        if (this.failOnRedirect) return { result: res(401, [], ''), outcome: 'denied', code: d.code };
        return {
          result: res(302, [['location', d.location], ...d.setCookies.map((c): [string, string] => ['set-cookie', c])], ''),
          outcome: 'denied',
          code: d.code,
        };
      case 'response':
        return { result: res(d.status ?? 403, d.headers, d.body), outcome: 'denied', code: d.code };
      case 'error':
        return { result: res(403, [], ''), outcome: 'error', code: d.code };
    }
  }
}

function runStep(step: AuthStep, ctx: AuthContext, signal: AbortSignal): StepOutcome | Promise<StepOutcome> {
  if (signal.aborted) return { ok: false, denial: { type: 'error', code: 'AUTH_TIMEOUT', reason: 'request aborted' } };
  try {
    const out = step.evaluate(ctx, signal);
    return out instanceof Promise ? out.catch((err: unknown) => stepFailed(step, err)) : out;
  } catch (err) {
    return stepFailed(step, err);
  }
}

/** A throwing step is a bug; fail closed for this request instead of crashing the server. */
function stepFailed(step: AuthStep, err: unknown): StepOutcome {
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, denial: { type: 'error', code: 'AUTH_STEP_ERROR', reason: `step ${step.name} (${step.kind}) failed: ${message}` } };
}

function allowed(acc: Accumulator): PipelineResult {
  return {
    result: {
      allowed: true,
      headersToSet: acc.headersToSet,
      headersToAppend: acc.headersToAppend,
      headersToRemove: acc.headersToRemove,
      responseHeadersToAdd: acc.responseHeadersToAdd,
      dynamicMetadata: acc.dynamicMetadata,
    },
    outcome: 'allowed',
    code: null,
  };
}
