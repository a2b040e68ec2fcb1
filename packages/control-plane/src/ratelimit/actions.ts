// Gloo rate-limit actions (RateLimitPolicy raw.rateLimits / RateLimitClientConfig) → the gateway's
// RateLimitActionConfig lists (gloo-api.md §5.2). `setActions` become a descriptor that starts with the
// reserved set-descriptor entry so the rate-limit service matches it against setDescriptors only.
import type { RateLimitAction, RateLimitActions } from '@portico/api';
import type { HeaderMatcherConfig, RateLimitActionConfig, RouteConfig } from '@portico/gateway';
import { LIMIT_OVERRIDE_KEY, SET_DESCRIPTOR_KEY } from '@portico/ratelimit/core';

export type Converted<T> = { ok: true; value: T } | { ok: false; message: string };

/** Portico's gateway is one Envoy-like "cluster" for source_cluster descriptors. */
const SOURCE_CLUSTER = 'portico-gateway';

export function convertRateLimits(list: readonly RateLimitActions[], route: RouteConfig): Converted<RateLimitActionConfig[][]> {
  const out: RateLimitActionConfig[][] = [];
  for (const [i, rl] of list.entries()) {
    if (rl.actions?.length) {
      const r = convertList(rl.actions, route, `rateLimits[${i}].actions`);
      if (!r.ok) return r;
      // limit.dynamicMetadata: the request's own limit (e.g. a portal subscription's), read after ext-auth.
      const override = rl.limit?.dynamicMetadata?.metadataKey;
      if (override) r.value.unshift({ type: 'limitOverride', descriptorKey: LIMIT_OVERRIDE_KEY, metadataKey: { key: override.key, path: (override.path ?? []).map((p) => ({ key: p.key })) } });
      out.push(r.value);
    } else if (rl.limit) {
      return { ok: false, message: `rateLimits[${i}].limit: needs actions (the descriptor the limit applies to)` };
    }
    if (rl.setActions?.length) {
      const r = convertList(rl.setActions, route, `rateLimits[${i}].setActions`);
      if (!r.ok) return r;
      out.push([{ type: 'genericKey', descriptorKey: SET_DESCRIPTOR_KEY, descriptorValue: 'set' }, ...r.value]);
    }
  }
  return { ok: true, value: out };
}

function convertList(actions: readonly RateLimitAction[], route: RouteConfig, where: string): Converted<RateLimitActionConfig[]> {
  const out: RateLimitActionConfig[] = [];
  for (const [i, a] of actions.entries()) {
    const r = convertAction(a, route, `${where}[${i}]`);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

function convertAction(a: RateLimitAction, route: RouteConfig, where: string): Converted<RateLimitActionConfig> {
  const set = Object.entries(a).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (set.length !== 1) return { ok: false, message: `${where}: exactly one action type must be set (got ${set.join(', ') || 'none'})` };
  if (a.requestHeaders) {
    return { ok: true, value: { type: 'requestHeaders', headerName: a.requestHeaders.headerName, descriptorKey: a.requestHeaders.descriptorKey, skipIfAbsent: a.requestHeaders.skipIfAbsent ?? false } };
  }
  if (a.remoteAddress) return { ok: true, value: { type: 'remoteAddress' } };
  if (a.genericKey) {
    return { ok: true, value: { type: 'genericKey', descriptorValue: a.genericKey.descriptorValue, descriptorKey: a.genericKey.descriptorKey ?? null } };
  }
  if (a.sourceCluster) return { ok: true, value: { type: 'genericKey', descriptorKey: 'source_cluster', descriptorValue: SOURCE_CLUSTER } };
  if (a.destinationCluster) {
    // Envoy uses the upstream cluster's name; a Portico route's first destination plays that part.
    const dest = route.action.type === 'forward' ? route.action.destinations[0]?.name : undefined;
    if (dest === undefined) return { ok: false, message: `${where}.destinationCluster: the route does not forward to a destination` };
    return { ok: true, value: { type: 'genericKey', descriptorKey: 'destination_cluster', descriptorValue: dest } };
  }
  if (a.headerValueMatch) {
    const h = a.headerValueMatch;
    const headers: HeaderMatcherConfig[] = (h.headers ?? []).map((m) => ({
      name: m.name.toLowerCase(),
      value: m.value ?? null,
      regex: m.regex ?? false,
      invertMatch: m.invertMatch ?? false,
    }));
    return { ok: true, value: { type: 'headerValueMatch', descriptorValue: h.descriptorValue, descriptorKey: h.descriptorKey ?? null, expectMatch: h.expectMatch ?? true, headers } };
  }
  const m = a.metadata!;
  return {
    ok: true,
    value: {
      type: 'metadata',
      descriptorKey: m.descriptorKey,
      metadataKey: { key: m.metadataKey.key, path: (m.metadataKey.path ?? []).map((p) => ({ key: p.key })) },
      defaultValue: m.defaultValue ?? null,
      source: m.source ?? 'DYNAMIC',
    },
  };
}
