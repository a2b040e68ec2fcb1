// Validates a RateLimitServiceConfig once, when it is loaded, and turns each domain into lookup maps so the
// per-request matching never walks arrays or validates anything.
import type { Result } from '../errors.ts';
import { isRateLimitUnit } from '../window.ts';
import type { DescriptorConfig, DomainConfig, RateLimitServiceConfig, RateLimitValue, SetDescriptorConfig } from './types.ts';

export interface CompiledRule {
  /** Stable within the config; part of every counter key so two rules never share a bucket. */
  id: string;
  limit: RateLimitValue | null;
  weight: number;
  alwaysApply: boolean;
}

export interface TreeNode {
  rule: CompiledRule;
  /** Child lookup: `key\u0000value` for a fixed value, `key` (no NUL) for "any value". */
  children: Map<string, TreeNode>;
}

export interface CompiledSetRule {
  rule: CompiledRule;
  simpleDescriptors: { key: string; value: string | null }[];
}

export interface CompiledDomain {
  tree: Map<string, TreeNode>;
  sets: CompiledSetRule[];
}

export type CompiledConfig = Map<string, CompiledDomain>;

export function treeKey(key: string, value: string | null): string {
  return value === null ? key : `${key}\u0000${value}`;
}

export function compileConfig(config: RateLimitServiceConfig): Result<CompiledConfig> {
  const out: CompiledConfig = new Map();
  for (const [domain, d] of Object.entries(config.domains)) {
    const compiled = compileDomain(domain, d);
    if (!compiled.ok) return compiled;
    out.set(domain, compiled.value);
  }
  return { ok: true, value: out };
}

function compileDomain(domain: string, d: DomainConfig): Result<CompiledDomain> {
  const tree = new Map<string, TreeNode>();
  for (const [i, desc] of d.descriptors.entries()) {
    const r = addNode(tree, desc, `${domain}.descriptors[${i}]`, `d${i}`, null);
    if (!r.ok) return r;
  }
  const sets: CompiledSetRule[] = [];
  for (const [i, s] of d.setDescriptors.entries()) {
    const r = compileSet(s, `${domain}.setDescriptors[${i}]`, `s${i}`);
    if (!r.ok) return r;
    sets.push(r.value);
  }
  return { ok: true, value: { tree, sets } };
}

function checkLimit(limit: RateLimitValue | null, where: string): Result<RateLimitValue | null> {
  if (limit === null) return { ok: true, value: null };
  if (!isRateLimitUnit(limit.unit)) {
    return invalid(`${where}.rateLimit.unit: must be SECOND, MINUTE, HOUR or DAY (got ${JSON.stringify(limit.unit)})`);
  }
  if (!Number.isInteger(limit.requestsPerUnit) || limit.requestsPerUnit < 0) {
    return invalid(`${where}.rateLimit.requestsPerUnit: must be a non-negative integer`);
  }
  return { ok: true, value: { unit: limit.unit, requestsPerUnit: limit.requestsPerUnit } };
}

function addNode(
  into: Map<string, TreeNode>,
  desc: DescriptorConfig,
  where: string,
  id: string,
  top: CompiledRule | null,
): Result<true> {
  if (!desc.key) return invalid(`${where}.key: required`);
  const k = treeKey(desc.key, desc.value ?? null);
  if (into.has(k)) {
    return invalid(`${where}: duplicate descriptor key ${JSON.stringify(desc.key)} value ${JSON.stringify(desc.value)}`);
  }
  const limit = checkLimit(desc.rateLimit ?? null, where);
  if (!limit.ok) return limit;
  // Gloo defines weight/alwaysApply per top-level rule; a nested node may override them.
  const rule: CompiledRule = {
    id,
    limit: limit.value,
    weight: desc.weight || top?.weight || 0,
    alwaysApply: Boolean(desc.alwaysApply || top?.alwaysApply),
  };
  const node: TreeNode = { rule, children: new Map() };
  into.set(k, node);
  for (const [i, child] of (desc.descriptors ?? []).entries()) {
    const r = addNode(node.children, child, `${where}.descriptors[${i}]`, `${id}.${i}`, top ?? rule);
    if (!r.ok) return r;
  }
  return { ok: true, value: true };
}

function compileSet(s: SetDescriptorConfig, where: string, id: string): Result<CompiledSetRule> {
  if (!s.simpleDescriptors?.length) return invalid(`${where}.simpleDescriptors: at least one is required`);
  for (const [i, sd] of s.simpleDescriptors.entries()) {
    if (!sd.key) return invalid(`${where}.simpleDescriptors[${i}].key: required`);
  }
  const limit = checkLimit(s.rateLimit ?? null, where);
  if (!limit.ok) return limit;
  return {
    ok: true,
    value: {
      rule: { id, limit: limit.value, weight: s.weight || 0, alwaysApply: Boolean(s.alwaysApply) },
      simpleDescriptors: s.simpleDescriptors.map((sd) => ({ key: sd.key, value: sd.value ?? null })),
    },
  };
}

function invalid(message: string): { ok: false; code: 'RL_CONFIG_INVALID'; message: string } {
  return { ok: false, code: 'RL_CONFIG_INVALID', message };
}
