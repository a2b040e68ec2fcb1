// Contract 6 (docs/architecture.md): the rate-limit service. For each request descriptor it finds the rule
// that applies (tree or set style), keeps only the rules of the highest weight plus alwaysApply ones, counts
// one hit in each rule's current fixed window and answers OVER_LIMIT when any counter passed its limit.
import type { CompiledConfig, CompiledDomain, CompiledRule } from './config/compile.ts';
import { compileConfig } from './config/compile.ts';
import type { RateLimitServiceConfig } from './config/types.ts';
import { LIMIT_OVERRIDE_KEY, SET_DESCRIPTOR_KEY } from './config/types.ts';
import type { Result } from './errors.ts';
import { matchSets } from './matching/sets.ts';
import { matchTree } from './matching/tree.ts';
import type { DescriptorEntry } from './matching/types.ts';
import type { CounterIncrement, CounterStore } from './stores/types.ts';
import { isRateLimitUnit, unitSeconds, windowStart } from './window.ts';

export type RateLimitDecision = { code: 'OK' } | { code: 'OVER_LIMIT'; retryAfterSeconds: number };

export interface RateLimitService {
  /**
   * The decision for one request. Synchronous when the counter store counts in memory (memory, persisted), a
   * promise when it does I/O (Redis, another process): callers handle both (docs/architecture.md, Contract 6).
   */
  shouldRateLimit(domain: string, descriptors: DescriptorEntry[][]): RateLimitDecision | Promise<RateLimitDecision>;
  /** Swaps the descriptor config atomically; an invalid config is refused and the previous one kept. */
  update(config: RateLimitServiceConfig): Result<true>;
  close(): Promise<void>;
}

interface Applied {
  rule: CompiledRule;
  bucket: readonly DescriptorEntry[];
}

/** One counter to add a hit to, with what its count is judged by. */
interface Counted extends CounterIncrement {
  limit: number;
  secondsToReset: number;
}

const OK: RateLimitDecision = Object.freeze({ code: 'OK' });
const EMPTY_DOMAIN: CompiledDomain = { tree: new Map(), sets: [] };

/** `<n>/<UNIT>` of a LIMIT_OVERRIDE_KEY entry → a rule of its own (counted apart from configured rules). */
function overrideRule(value: string): CompiledRule | null {
  const m = /^(\d{1,12})\/([A-Z]+)$/.exec(value);
  if (!m || !isRateLimitUnit(m[2])) return null;
  return { id: `override:${value}`, limit: { requestsPerUnit: Number(m[1]), unit: m[2] }, weight: 0, alwaysApply: true };
}

export function createRateLimitService(opts: {
  store: CounterStore;
  config?: RateLimitServiceConfig;
  now?: () => number;
}): RateLimitService {
  const now = opts.now ?? Date.now;
  let compiled: CompiledConfig = new Map();
  const service: RateLimitService = {
    shouldRateLimit(domainName, descriptors) {
      const domain = compiled.get(domainName) ?? EMPTY_DOMAIN;
      const applied = selectRules(domain, descriptors);
      if (applied.length === 0) return OK;
      const t = now();
      // One object per counter, no Map: one or two rules apply to a typical request; a key two rules share counts once.
      const items: Counted[] = [];
      for (let a = 0; a < applied.length; a++) {
        const { rule, bucket } = applied[a]!;
        const limit = rule.limit!;
        const size = unitSeconds(limit.unit);
        const start = windowStart(size, t);
        let key = `${domainName}|${rule.id}`;
        for (let b = 0; b < bucket.length; b++) key += `|${bucket[b]!.key}=${bucket[b]!.value}`;
        key += `|${start}`;
        if (!counted(items, key)) items.push({ key, ttlSeconds: size, limit: limit.requestsPerUnit, secondsToReset: start + size - Math.floor(t / 1000) });
      }
      const counts = opts.store.incrementAll(items);
      return counts instanceof Promise ? counts.then((c) => decide(c, items)) : decide(counts, items);
    },
    update(config) {
      const next = compileConfig(config);
      if (!next.ok) return next;
      compiled = next.value;
      return { ok: true, value: true };
    },
    close: () => opts.store.close(),
  };
  if (opts.config) {
    const r = service.update(opts.config);
    if (!r.ok) throw new TypeError(r.message);
  }
  return service;
}

function counted(items: readonly Counted[], key: string): boolean {
  for (let i = 0; i < items.length; i++) if (items[i]!.key === key) return true;
  return false;
}

function decide(counts: number[], items: readonly Counted[]): RateLimitDecision {
  let retryAfter = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > items[i]!.limit) retryAfter = Math.max(retryAfter, items[i]!.secondsToReset);
  return retryAfter > 0 ? { code: 'OVER_LIMIT', retryAfterSeconds: retryAfter } : OK;
}

/** The rules a request triggers, after the weight filter; allow-listed rules (no limit) count nothing. */
function selectRules(domain: CompiledDomain, descriptors: DescriptorEntry[][]): Applied[] {
  const matched: Applied[] = [];
  for (const d of descriptors) {
    if (d.length === 0) continue;
    if (d[0]!.key === LIMIT_OVERRIDE_KEY) {
      const rule = overrideRule(d[0]!.value);
      if (rule && d.length > 1) matched.push({ rule, bucket: d.slice(1) });
    } else if (d[0]!.key === SET_DESCRIPTOR_KEY) {
      for (const m of matchSets(domain, d.slice(1))) matched.push({ rule: m.rule.rule, bucket: m.bucket });
    } else {
      const rule = matchTree(domain, d);
      if (rule) matched.push({ rule, bucket: d });
    }
  }
  if (matched.length === 0) return matched;
  // The usual request matches one rule: it applies when it has a limit (the weight filter keeps it either way).
  if (matched.length === 1) return matched[0]!.rule.limit === null ? [] : matched;
  let maxWeight = -Infinity;
  for (const m of matched) if (!m.rule.alwaysApply) maxWeight = Math.max(maxWeight, m.rule.weight);
  return matched.filter((m) => m.rule.limit !== null && (m.rule.alwaysApply || m.rule.weight === maxWeight));
}
