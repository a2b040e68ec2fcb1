// Builtins implemented by the evaluator itself: membership (`in`), `walk` (a relation: one result per
// node), `print`, `trace`. Their declarations live in decls.ts for the compiler.
import type { CallTerm } from '../../ast/types.ts';
import { ObjectValue, SetValue, equal, formatValue, type Value } from '../../value/index.ts';
import { RegoFailure, fail, formatError } from '../../errors.ts';
import { parseModuleValue } from './ast-json.ts';
import type { Evaluator, VK } from '../evaluator.ts';

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** test.sleep (OPA's test-only builtin): blocks for a Go duration, capped at one second. */
function sleep(d: string): void {
  let ms = 0;
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(m[1]) * UNITS[m[2]];
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(ms, 1000));
}

type Relation = (ev: Evaluator, args: Value[], t: CallTerm, k: VK) => boolean;

function member2(x: Value, coll: Value): boolean {
  if (Array.isArray(coll)) return coll.some((e) => equal(e, x));
  if (coll instanceof SetValue) return coll.has(x);
  if (coll instanceof ObjectValue) {
    for (const [, v] of coll.unorderedEntries()) if (equal(v, x)) return true;
  }
  return false;
}

function member3(key: Value, x: Value, coll: Value): boolean {
  if (Array.isArray(coll)) return typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < coll.length && equal(coll[key], x);
  if (coll instanceof SetValue) return equal(key, x) && coll.has(x);
  if (coll instanceof ObjectValue) {
    const v = coll.get(key);
    return v !== undefined && equal(v, x);
  }
  return false;
}

function walk(v: Value, path: Value[], k: VK): boolean {
  if (k([path.slice(), v])) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      const r = walk(v[i], path, k);
      path.pop();
      if (r) return true;
    }
  } else if (v instanceof ObjectValue) {
    for (const [key, x] of v.entries()) {
      path.push(key);
      const r = walk(x, path, k);
      path.pop();
      if (r) return true;
    }
  } else if (v instanceof SetValue) {
    for (const x of v.values()) {
      path.push(x);
      const r = walk(x, path, k);
      path.pop();
      if (r) return true;
    }
  }
  return false;
}

export const relations: ReadonlyMap<string, Relation> = new Map<string, Relation>([
  ['internal.member_2', (_ev, a, _t, k) => k(member2(a[0], a[1]))],
  ['internal.member_3', (_ev, a, _t, k) => k(member3(a[0], a[1], a[2]))],
  ['walk', (_ev, a, _t, k) => walk(a[0], [], k)],
  [
    'print',
    (ev, a, t, k) => {
      ev.shared.print(`${t.loc.file}:${t.loc.row}: ` + a.map((x) => (typeof x === 'string' ? x : formatValue(x))).join(' '));
      return k(true);
    },
  ],
  ['trace', (_ev, a, _t, k) => (typeof a[0] === 'string' ? k(true) : false)],
  ['test.sleep', (_ev, a, _t, k) => (typeof a[0] === 'string' ? (sleep(a[0]), k(null)) : false)],
  ['rego.metadata.chain', (_ev, _a, t, k) => k(t.meta ?? [])],
  ['rego.metadata.rule', (_ev, _a, t, k) => k(t.meta ?? new ObjectValue())],
  [
    'rego.parse_module',
    (ev, a, t, k) => {
      if (typeof a[0] !== 'string' || typeof a[1] !== 'string') return false;
      try {
        return k(parseModuleValue(a[0], a[1]));
      } catch (e) {
        if (!(e instanceof RegoFailure)) throw e;
        if (!ev.shared.bctx.strict) return false;
        fail('eval_builtin_error', `rego.parse_module: ${e.errors.map(formatError).join('; ')}`, t.loc);
      }
    },
  ],
]);
