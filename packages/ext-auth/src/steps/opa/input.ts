// The OPA `input` document, exactly gloo-api.md §2.7: the CheckRequest as snake_case JSON (filter_metadata
// Structs already plain JSON), `http_request` = check_request.attributes.request.http, and the chain `state`
// (null before any step wrote to it). Built once per request and state version (AuthContext.opaInput).
import type { AuthContext } from '../../pipeline/context.ts';

export function opaInputOf(ctx: AuthContext): unknown {
  if (ctx.opaInput === null) {
    ctx.opaInput = {
      check_request: ctx.request,
      http_request: ctx.request.attributes.request.http,
      state: ctx.state,
    };
  }
  return ctx.opaInput;
}
