import type { DestinationReference, HTTPRoute } from '@portico/api';
import type { RouteActionConfig } from '@portico/gateway';
import { regexProblem } from '@portico/gateway';
import type { ResourceIndex } from '../translate/stage.ts';
import { resolveDestinations } from './destinations.ts';
import type { Conversion } from './matchers.ts';

// forwardTo / redirect / directResponse → the gateway's action config. Delegation is handled by flatten.ts.

const REDIRECT_CODES = {
  MOVED_PERMANENTLY: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
} as const;

export interface ActionInputs {
  index: ResourceIndex;
  /** The namespace of the table the route is in (default for destination refs). */
  namespace: string;
  defaultDestination: DestinationReference | undefined;
}

export function convertAction(route: HTTPRoute, inputs: ActionInputs): Conversion<RouteActionConfig> {
  if (route.directResponse !== undefined) {
    return { ok: true, value: { type: 'directResponse', status: route.directResponse.status, body: route.directResponse.body ?? '' } };
  }
  if (route.redirect !== undefined) {
    const r = route.redirect;
    return {
      ok: true,
      value: {
        type: 'redirect',
        hostRedirect: r.hostRedirect ?? null,
        pathRedirect: r.pathRedirect ?? null,
        responseCode: REDIRECT_CODES[r.responseCode ?? 'MOVED_PERMANENTLY'],
      },
    };
  }
  if (route.forwardTo !== undefined) {
    const f = route.forwardTo;
    let refs = f.destinations ?? [];
    if (refs.length === 0) {
      if (inputs.defaultDestination === undefined) {
        return { ok: false, message: 'forwardTo has no destinations and the table has no defaultDestination' };
      }
      refs = [inputs.defaultDestination];
    }
    const dests = resolveDestinations(inputs.index, refs, inputs.namespace);
    if (!dests.ok) return dests;
    if (f.regexRewrite !== undefined) {
      const problem = regexProblem(f.regexRewrite.pattern.regex);
      if (problem !== null) return { ok: false, message: `regexRewrite pattern "${f.regexRewrite.pattern.regex}" is not valid RE2: ${problem}` };
    }
    return {
      ok: true,
      value: {
        type: 'forward',
        destinations: dests.value,
        pathRewrite: f.pathRewrite ?? null,
        regexRewrite: f.regexRewrite === undefined ? null : { pattern: f.regexRewrite.pattern.regex, substitution: f.regexRewrite.substitution },
        hostRewrite: f.hostRewrite ?? null,
        autoHostRewrite: f.autoHostRewrite ?? false,
        timeoutMs: null,
      },
    };
  }
  if (route.graphql !== undefined) return { ok: false, message: 'graphql actions are not supported' };
  return { ok: false, message: 'route has no action' };
}
