// Virtual documents: `data` is base data merged with the values of rules, walked through the rule tree.
// A node's value is computed once per evaluation (cached on the Evaluator; `with` gets a fresh cache).
// Conflicts — a complete rule or function with several values, an object key with two values — are
// always fatal (`eval_conflict_error`), as in OPA.
import { fail, type Location } from '../errors.ts';
import type { Rule, Term } from '../ast/types.ts';
import { ObjectValue, SetValue, equal, type Value } from '../value/index.ts';
import type { RuleNode } from '../compiler/ruletree.ts';
import { nodeAt } from '../compiler/ruletree.ts';
import { lookup } from './lookup.ts';
import { BUSY, UNDEF, type Evaluator, type Frame, type VK } from './evaluator.ts';

export function evalDataRef(ev: Evaluator, path: readonly Term[], f: Frame, k: VK): boolean {
  return walkData(ev, ev.root, ev.data, path, 0, f, k);
}

// Base data is a JSON store: its object keys are strings, and OPA converts number path segments to strings.
function walkBase(ev: Evaluator, v: Value, path: readonly Term[], i: number, f: Frame, k: VK): boolean {
  for (; i < path.length; i++) {
    const p = path[i];
    let key: Value | undefined;
    if (p.type === 'scalar') key = p.value;
    else if (p.type === 'var' && p.slot >= 0) key = f[p.slot];
    if (key === undefined || !(v instanceof ObjectValue)) break;
    const c = v.get(typeof key === 'number' ? String(key) : key);
    if (c === undefined) return false;
    v = c;
  }
  return ev.walkValue(v, path, i, f, k);
}

function isMasked(ev: Evaluator, node: RuleNode): boolean {
  return ev.masked !== null && ev.masked.has(node.key);
}

function walkData(ev: Evaluator, node: RuleNode | undefined, base: Value | undefined, path: readonly Term[], i: number, f: Frame, k: VK): boolean {
  for (;;) {
    if (node === undefined || !node.hasRules || isMasked(ev, node)) {
      return base === undefined ? false : walkBase(ev, base, path, i, f, k);
    }
    if (i === path.length || node.rules.length > 0) {
      const v = docValue(ev, node, base);
      return v === undefined ? false : ev.walkValue(v, path, i, f, k);
    }
    const p = path[i];
    let key: Value | undefined;
    if (p.type === 'scalar') key = p.value;
    else if (p.type === 'var' && p.slot >= 0) key = f[p.slot];
    if (key === undefined) {
      const v = docValue(ev, node, base);
      return v === undefined ? false : ev.walkValue(v, path, i, f, k);
    }
    if (typeof key === 'number') key = String(key); // base data paths are strings, as in OPA's store
    if (typeof key !== 'string') return base === undefined ? false : ev.walkValue(base, path, i, f, k);
    node = node.children.get(key);
    base = base === undefined ? undefined : lookup(base, key);
    i++;
  }
}

// Objects that only exist because of the rule tree's shape (packages, ref-head key paths). They merge key by
// key; anything else is a rule's value, and two different values for one key are a conflict.
const structural = new WeakSet<ObjectValue>();

function newStructural(): ObjectValue {
  const o = new ObjectValue();
  structural.add(o);
  return o;
}

/** The full value at a rule-tree node: base data, rules at the node, and child nodes merged. */
export function docValue(ev: Evaluator, node: RuleNode, base: Value | undefined): Value | undefined {
  if (!node.hasRules || isMasked(ev, node)) return base;
  const cached = ev.cache.get(node);
  if (cached !== undefined) {
    if (cached === BUSY) fail('rego_recursion_error', `rule data.${node.path.join('.')} is recursive`);
    return cached === UNDEF ? undefined : cached;
  }
  ev.cache.set(node, BUSY);
  let result: Value | undefined;
  try {
    result = node.rules.length ? ruleSetValue(ev, node) : undefined;
    if (node.children.size > 0 || base instanceof ObjectValue) {
      if (result === undefined || result instanceof ObjectValue) {
        const obj = newStructural();
        if (result instanceof ObjectValue) for (const [k, v] of result.entries()) mergeKey(obj, k, v, node);
        for (const [name, child] of node.children) {
          if (!child.hasRules) continue;
          const cv = docValue(ev, child, base instanceof ObjectValue ? base.get(name) : undefined);
          if (cv !== undefined) mergeKey(obj, name, cv, node);
        }
        // base documents win over virtual ones for the keys they hold
        if (base instanceof ObjectValue) for (const [k, v] of base.entries()) if (!node.children.has(k as string)) obj.set(k, v);
        result = obj;
      }
    } else if (base !== undefined) result = base;
    else if (result === undefined && node.isPackage) result = newStructural();
  } catch (e) {
    ev.cache.delete(node);
    throw e;
  }
  ev.cache.set(node, result === undefined ? UNDEF : result);
  return result;
}

function mergeKey(obj: ObjectValue, k: Value, v: Value, node: RuleNode): void {
  const prev = obj.get(k);
  if (prev === undefined) return obj.set(k, v);
  obj.set(k, mergeValues(prev, v, node));
}

function mergeValues(a: Value, b: Value, node: RuleNode): Value {
  if (a instanceof ObjectValue && b instanceof ObjectValue && structural.has(a) && structural.has(b)) {
    const out = newStructural();
    for (const [k, v] of a.entries()) out.set(k, v);
    for (const [k, v] of b.entries()) mergeKey(out, k, v, node);
    return out;
  }
  if (a instanceof SetValue && b instanceof SetValue) {
    const out = new SetValue();
    for (const x of a.values()) out.add(x);
    for (const x of b.values()) out.add(x);
    return out;
  }
  if (equal(a, b)) return a;
  const r = node.rules[0];
  fail('eval_conflict_error', 'object keys must be unique', r?.loc);
}

function isGround(t: Term | null): boolean {
  if (t === null) return true;
  switch (t.type) {
    case 'scalar':
      return true;
    case 'array':
    case 'set':
      return t.items.every(isGround);
    case 'object':
      return t.items.every(([a, b]) => isGround(a) && isGround(b));
    default:
      return false;
  }
}

type RulePlan = Rule & { plan?: { keyTerms: Term[]; earlyExit: boolean } };

function rulePlan(rule: Rule): { keyTerms: Term[]; earlyExit: boolean } {
  const keyTerms = rule.kind === 'multi' ? [...rule.rest, rule.head.key!] : rule.rest;
  return { keyTerms, earlyExit: rule.kind === 'complete' && keyTerms.length === 0 && isGround(rule.head.value) };
}

const TRUE_TERM: Term = { type: 'scalar', value: true, loc: { file: '', row: 0, col: 0 } };

/**
 * Evaluates one rule and its else chain; calls onValue(keys, value) per solution (keys = values of the
 * head's non-ground ref remainder, or of the multi-value key).
 */
function evalRule(ev: Evaluator, rule: Rule, onValue: (keys: Value[], v: Value) => void, args?: Value[]): void {
  const f: Frame = new Array(rule.slots);
  let found = false;
  const head = rule.head;
  const valueTerm = head.value ?? TRUE_TERM;
  const plan = (rule as RulePlan).plan ?? ((rule as RulePlan).plan = rulePlan(rule));
  const keyTerms = plan.keyTerms;
  const earlyExit = plan.earlyExit;
  const body = () =>
    ev.evalBody(rule.body, 0, f, () => {
      found = true;
      return ev.evalArgs(keyTerms, keyTerms.length, f, (keys) =>
        rule.kind === 'multi'
          ? (onValue(keys, true), false)
          : ev.evalTerm(valueTerm, f, (v) => {
              onValue(keys, v);
              return earlyExit;
            }),
      );
    });
  if (args) {
    const params = head.args!;
    if (params.length !== args.length) return;
    const rec = (i: number): boolean => (i === params.length ? body() : ev.unifyValue(params[i], args[i], f, () => rec(i + 1)));
    rec(0);
  } else body();
  if (!found && rule.elseRule) evalRule(ev, rule.elseRule, onValue, args);
}

interface NodePlan {
  rules: Rule[];
  defaults: Rule[];
  multi: boolean;
  objectRules: boolean;
}
const plans = new WeakMap<RuleNode, NodePlan>();

function nodePlan(node: RuleNode): NodePlan {
  let p = plans.get(node);
  if (p === undefined) {
    const rules = node.rules.filter((r) => !r.isDefault);
    p = {
      rules,
      defaults: node.rules.filter((r) => r.isDefault),
      multi: rules.some((r) => r.kind === 'multi'),
      objectRules: rules.some((r) => r.kind === 'complete' && r.rest.length > 0),
    };
    plans.set(node, p);
  }
  return p;
}

function ruleSetValue(ev: Evaluator, node: RuleNode): Value | undefined {
  const { rules, defaults, multi, objectRules } = nodePlan(node);
  if (multi || objectRules) {
    let root: Value | undefined = multi && rules.every((r) => r.kind === 'multi' && r.rest.length === 0) ? new SetValue() : newStructural();
    for (const r of rules) {
      evalRule(ev, r, (keys, v) => {
        if (r.kind === 'multi' && r.rest.length === 0) (root as SetValue).add(keys[0]);
        else root = insertPath(root as ObjectValue, keys, 0, v, r.kind === 'multi', r.loc);
      });
    }
    return root;
  }
  let value: Value | undefined;
  for (const r of rules) {
    evalRule(ev, r, (_keys, v) => {
      if (value === undefined) value = v;
      else if (!equal(value, v)) fail('eval_conflict_error', 'complete rules must not produce multiple outputs', r.loc);
    });
  }
  if (value === undefined && defaults.length) {
    evalRule(ev, defaults[0], (_k, v) => {
      value = v;
    });
  }
  return value;
}

function insertPath(obj: ObjectValue, keys: Value[], i: number, v: Value, multi: boolean, loc: Location): ObjectValue {
  const k = keys[i];
  const last = multi ? i === keys.length - 2 : i === keys.length - 1;
  const prev = obj.get(k);
  if (multi && last) {
    const s = prev instanceof SetValue ? prev : new SetValue();
    if (prev !== undefined && !(prev instanceof SetValue)) fail('eval_conflict_error', 'object keys must be unique', loc);
    s.add(keys[i + 1]);
    obj.set(k, s);
    return obj;
  }
  if (last) {
    if (prev !== undefined && !equal(prev, v)) fail('eval_conflict_error', 'object keys must be unique', loc);
    obj.set(k, v);
    return obj;
  }
  if (prev !== undefined && !(prev instanceof ObjectValue)) fail('eval_conflict_error', 'object keys must be unique', loc);
  obj.set(k, insertPath((prev as ObjectValue | undefined) ?? newStructural(), keys, i + 1, v, multi, loc));
  return obj;
}

export function callUserFunction(ev: Evaluator, path: readonly string[], args: Value[], loc: Location, k: VK): boolean {
  const node = nodeAt(ev.root, path, false);
  if (!node || node.funcs.length === 0) return false;
  let value: Value | undefined;
  let defaultRule: Rule | undefined;
  for (const r of node.funcs) {
    if (r.isDefault) {
      defaultRule = r;
      continue;
    }
    evalRule(
      ev,
      r,
      (_keys, v) => {
        if (value === undefined) value = v;
        else if (!equal(value, v)) fail('eval_conflict_error', 'functions must not produce multiple outputs for same inputs', r.loc);
      },
      args,
    );
  }
  if (value === undefined && defaultRule) {
    const f: Frame = new Array(defaultRule.slots);
    ev.evalTerm(defaultRule.head.value ?? TRUE_TERM, f, (v) => ((value = v), true));
  }
  return value === undefined ? false : k(value);
}
