import type { RateLimitActionConfig } from '../config/types.ts';
import type { RequestView } from '../router/request-view.ts';
import { compileHeader, type Predicate } from '../router/matchers.ts';
import type { RateLimitDescriptorEntry } from './service-types.ts';

// Rate-limit descriptors from Gloo/Envoy actions (gloo-api.md §5.2), compiled once per route.
// Envoy rule: every action of a rate limit must yield an entry, otherwise that whole descriptor is not
// generated ("no value and no default → descriptor not generated"); requestHeaders with skipIfAbsent
// only drops its own entry.

/** What an action reads besides the request: the client address and metadata namespaces. */
export interface DescriptorInputs {
  remoteAddress: string;
  /** Dynamic metadata by namespace, e.g. `envoy.filters.http.ext_authz` → {userId, usagePlan}. */
  dynamicMetadata: Record<string, Record<string, unknown>>;
  /** The route's filterMetadata (source ROUTE_ENTRY). */
  routeMetadata: Record<string, Record<string, unknown>>;
}

const SKIP = 1;
const DROP = 2;
type ActionResult = RateLimitDescriptorEntry | typeof SKIP | typeof DROP;
type CompiledAction = (req: RequestView, inputs: DescriptorInputs) => ActionResult;

export type DescriptorBuilder = (req: RequestView, inputs: DescriptorInputs) => RateLimitDescriptorEntry[][];

export function compileDescriptors(rateLimits: RateLimitActionConfig[][]): DescriptorBuilder {
  const compiled = rateLimits.map((actions) => actions.map(compileAction));
  return (req, inputs) => {
    const out: RateLimitDescriptorEntry[][] = [];
    for (const actions of compiled) {
      const entries: RateLimitDescriptorEntry[] = [];
      let dropped = false;
      for (const action of actions) {
        const r = action(req, inputs);
        if (r === DROP) {
          dropped = true;
          break;
        }
        if (r !== SKIP) entries.push(r);
      }
      if (!dropped && entries.length > 0) out.push(entries);
    }
    return out;
  };
}

function compileAction(a: RateLimitActionConfig): CompiledAction {
  switch (a.type) {
    case 'requestHeaders': {
      const name = a.headerName.toLowerCase();
      const key = a.descriptorKey;
      const missing = a.skipIfAbsent ? SKIP : DROP;
      return (req) => {
        const v = req.header(name);
        return v === undefined ? missing : { key, value: v };
      };
    }
    case 'remoteAddress':
      return (_req, inputs) => ({ key: 'remote_address', value: inputs.remoteAddress });
    case 'genericKey': {
      const entry = { key: a.descriptorKey ?? 'generic_key', value: a.descriptorValue };
      return () => ({ key: entry.key, value: entry.value });
    }
    case 'headerValueMatch': {
      const preds: Predicate[] = a.headers.map(compileHeader);
      const key = a.descriptorKey ?? 'header_match';
      const value = a.descriptorValue;
      const expect = a.expectMatch;
      return (req) => (preds.every((p) => p(req)) === expect ? { key, value } : DROP);
    }
    case 'limitOverride': {
      const ns = a.metadataKey.key;
      const path = a.metadataKey.path.map((p) => p.key);
      const key = a.descriptorKey;
      return (_req, inputs) => {
        const v = lookup(inputs.dynamicMetadata[ns], path) as { requests_per_unit?: unknown; unit?: unknown } | undefined;
        const n = v?.requests_per_unit;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || typeof v?.unit !== 'string') return SKIP;
        return { key, value: `${n}/${v.unit}` };
      };
    }
    case 'metadata': {
      const ns = a.metadataKey.key;
      const path = a.metadataKey.path.map((p) => p.key);
      const key = a.descriptorKey;
      const def = a.defaultValue;
      const fromRoute = a.source === 'ROUTE_ENTRY';
      return (_req, inputs) => {
        const source = fromRoute ? inputs.routeMetadata : inputs.dynamicMetadata;
        const v = lookup(source[ns], path);
        if (typeof v === 'string' && v !== '') return { key, value: v };
        if (def !== null && def !== '') return { key, value: def };
        return DROP;
      };
    }
  }
}

function lookup(root: unknown, path: string[]): unknown {
  let cur = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
