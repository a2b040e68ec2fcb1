// Runs one conformance case and decides pass / fail / skip (spec: shared/reference/rego-conformance.md §7).
import { prepare } from '../api/prepare.ts';
import { formatError, type RegoError } from '../errors.ts';
import { compare, equal, fromJSON, toJSON, type Value } from '../value/index.ts';
import type { LoadedCase } from './load.ts';

import type { PassKind } from './expectations.ts';

export type Outcome = { status: 'pass' | 'fail' | 'skip'; reason: string; pass?: PassKind };

const LIMITS = { timeoutMs: 5000, maxSteps: 50_000_000 };

function errText(errs: RegoError[]): string {
  return errs.map(formatError).join('; ');
}

function inputFromTerm(text: string, version: 0 | 1): { ok: true; v: Value } | { ok: false; reason: string } {
  const p = prepare({ modules: {}, query: `__input__ = ${text}`, regoVersion: version });
  if (!p.ok) return { ok: false, reason: 'input_term: ' + errText(p.errors) };
  const r = p.value.evalValues({});
  if (!r.ok || r.rows.length !== 1) return { ok: false, reason: 'input_term did not evaluate' };
  return { ok: true, v: r.rows[0].get('__input__')! };
}

function sortIfArray(v: Value): Value {
  return Array.isArray(v) ? [...v].sort(compare) : v;
}

// An expected error: the code must equal want_error_code; want_error must be a substring of OPA's full text
// (`exact`) or, failing that, of the text without its `file:row: code: ` prefix (`relaxed`).
function matchError(c: LoadedCase['c'], e: RegoError): Outcome {
  if (c.want_error_code !== undefined && e.code !== c.want_error_code) return { status: 'fail', reason: `want code ${c.want_error_code}, got ${formatError(e)}` };
  if (c.want_error === undefined) return { status: 'pass', reason: '', pass: 'exact' };
  const full = formatError(e);
  if (full.includes(c.want_error)) return { status: 'pass', reason: '', pass: 'exact' };
  const relaxed = c.want_error.replace(/^[^:\s]+\.rego:\d+: /, '').replace(/^[a-z_]+: /, '');
  if (full.includes(relaxed)) return { status: 'pass', reason: 'error text differs only in location/code prefix', pass: 'relaxed' };
  return { status: 'fail', reason: `want error ${JSON.stringify(c.want_error)}, got ${JSON.stringify(full)}` };
}

export function runCase(lc: LoadedCase): Outcome {
  const c = lc.c;
  const version = lc.tree === 'v0' ? 0 : 1;
  if (c.experimental_keywords) return { status: 'skip', reason: 'not supported (experimental): the and/or keywords (OPA documents them as experimental)' };
  const modules: Record<string, string> = {};
  (c.modules ?? []).forEach((m, i) => (modules[`test-${i}.rego`] = m));
  const wantsError = c.want_error !== undefined || c.want_error_code !== undefined;
  const p = prepare({ modules, query: c.query, regoVersion: version as 0 | 1, strict: c.strict_error === true });
  if (!p.ok) {
    const unsupported = p.errors.find((e) => e.code === 'rego_unsupported_builtin');
    if (unsupported) return { status: 'skip', reason: unsupported.message };
    // OPA's suite never expects compile errors; this package's own cases (annotations, strictness) do
    if (wantsError) return matchError(c, p.errors[0]);
    return { status: 'fail', reason: 'compile: ' + errText(p.errors) };
  }
  let inputValue: Value | undefined;
  if (c.input_term !== undefined) {
    const r = inputFromTerm(c.input_term, version as 0 | 1);
    if (!r.ok) return { status: 'fail', reason: r.reason };
    inputValue = r.v;
  } else if (c.input !== undefined) inputValue = fromJSON(c.input);
  const res = p.value.evalValues({ inputValue, data: c.data ?? {}, limits: LIMITS, strict: c.strict_error === true });
  if (!res.ok && res.errors[0].code === 'rego_unsupported_builtin') return { status: 'skip', reason: res.errors[0].message };
  if (wantsError) return res.ok ? { status: 'fail', reason: `expected error ${c.want_error_code ?? ''} ${c.want_error ?? ''}, got ${res.rows.length} rows` } : matchError(c, res.errors[0]);
  if (!res.ok) return { status: 'fail', reason: 'eval: ' + errText(res.errors) };
  const actual = res.rows.map((row) => {
    const m = new Map<string, Value>();
    for (const [k, v] of row) {
      if (c.ignore_generated_vars && k.startsWith('__local')) continue;
      const j = fromJSON(toJSON(v));
      m.set(k, c.sort_bindings ? sortIfArray(j) : j);
    }
    return m;
  });
  const want = (c.want_result ?? []).map((row) => {
    const m = new Map<string, Value>();
    for (const [k, v] of Object.entries(row)) {
      const j = fromJSON(v);
      m.set(k, c.sort_bindings ? sortIfArray(j) : j);
    }
    return m;
  });
  const rowEq = (a: Map<string, Value>, b: Map<string, Value>) => a.size === b.size && [...a].every(([k, v]) => b.has(k) && equal(v, b.get(k)!));
  const missing = want.find((w) => !actual.some((a) => rowEq(w, a)));
  const extra = actual.find((a) => !want.some((w) => rowEq(w, a)));
  if (!missing && !extra) return { status: 'pass', reason: '', pass: 'result' };
  const show = (r: Map<string, Value> | undefined) => (r ? JSON.stringify(Object.fromEntries([...r].map(([k, v]) => [k, toJSON(v)])), (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) : '');
  return { status: 'fail', reason: missing ? `missing row ${show(missing)}; got ${actual.length} rows ${actual.slice(0, 2).map(show).join(' ')}` : `unexpected row ${show(extra)}` };
}
