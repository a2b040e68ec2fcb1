// Per-request state shared along the chain. Every field is assigned in the constructor (stable shape on
// the hot path, style.md convention 12); the OPA input document is derived once per request, lazily.
import type { CheckRequest } from '../types.ts';

export class AuthContext {
  readonly request: CheckRequest;
  readonly configId: string;
  /** Lower-cased request headers (from CheckRequest.attributes.request.http.headers). */
  readonly headers: Record<string, string>;
  /** Chain state written by successful steps (gloo-api.md §2.7 table); null until a step writes. */
  state: Record<string, unknown> | null;
  /** Milliseconds since the epoch, read once per request. */
  readonly nowMs: number;
  opaInput: unknown;

  constructor(request: CheckRequest, configId: string, nowMs: number) {
    this.request = request;
    this.configId = configId;
    this.headers = request.attributes.request.http.headers ?? {};
    this.state = null;
    this.nowMs = nowMs;
    this.opaInput = null;
  }

  mergeState(patch: Record<string, unknown>): void {
    this.state = this.state === null ? { ...patch } : Object.assign(this.state, patch);
    this.opaInput = null;
  }
}
