// Runs one case of OPA's compiler corpus (v1/test/compilecases: modules in, diagnostics out). A case with
// `want_errors` passes when every wanted diagnostic is reported (module, code, row, message and detail as
// OPA prints them; `exact` when the column matches too, `relaxed` when only the column differs), and with
// `exhaustive` when nothing else is; a case without them passes when the modules compile. OPA's `want`
// (the compiled AST) is not compared: this engine's compiled form is its own.
import { compile } from '../api/prepare.ts';
import type { RegoError } from '../errors.ts';
import type { Outcome } from './run-case.ts';

export interface WantError {
  module?: string;
  code: string;
  row: number;
  col?: number;
  message: string;
  detail?: string;
}

export interface CompileCase {
  note: string;
  modules?: string[];
  strict?: 'enabled' | 'disabled';
  schemas?: Record<string, string>;
  want_errors?: WantError[];
  exhaustive?: boolean;
  query?: unknown;
  experimental_keywords?: boolean;
}

/** `schema.input` → `input`, `schema["acl-schema"]` → `acl-schema`, `schema.a.b` → `a.b` (compile()'s names). */
export function schemaName(ref: string): string {
  const parts: string[] = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\["((?:[^"\\]|\\.)*)"\]/g;
  for (let m; (m = re.exec(ref.replace(/^schema/, ''))); ) parts.push(m[1] ?? JSON.parse(`"${m[2]}"`));
  return parts.join('.');
}

function text(e: RegoError): string {
  return `${e.location?.file ?? ''}:${e.location?.row ?? 0}:${e.location?.col ?? 0}: ${e.code}: ${e.message}`;
}

export function runCompileCase(c: CompileCase, tree: 'v0' | 'v1'): Outcome {
  if (c.query !== undefined) return { status: 'skip', reason: 'query compilation cases assert OPA\'s compiled query, which this engine does not reproduce' };
  if (c.experimental_keywords) return { status: 'skip', reason: 'not supported (experimental): the and/or keywords (OPA documents them as experimental)' };
  const modules: Record<string, string> = {};
  (c.modules ?? []).forEach((m, i) => (modules[`test-${i}.rego`] = m));
  const schemas = c.schemas ? Object.fromEntries(Object.entries(c.schemas).map(([k, v]) => [schemaName(k), JSON.parse(v) as unknown])) : undefined;
  const r = compile({ modules, regoVersion: tree === 'v0' ? 0 : 1, strictCompile: c.strict === 'enabled', schemas, inputSchemaEverywhere: false });
  const got = r.ok ? [] : r.errors;
  const unsupported = got.find((e) => e.code === 'rego_unsupported_builtin');
  if (unsupported) return { status: 'skip', reason: unsupported.message };
  const wants = c.want_errors ?? [];
  if (!wants.length) return r.ok ? { status: 'pass', reason: '', pass: 'result' } : { status: 'fail', reason: 'want no errors, got ' + got.map(text).join(' | ') };
  let relaxed = false;
  for (const w of wants) {
    // without a detail, the case asserts the message line only
    const message = w.detail ? `${w.message}\n\t${w.detail.split('\n').join('\n\t')}` : w.message;
    const sameText = (m: string) => m === message || (!w.detail && m.startsWith(message + '\n\t'));
    const same = got.filter((e) => e.code === w.code && e.location?.file === (w.module ?? 'test-0.rego') && e.location?.row === Number(w.row) && sameText(e.message));
    if (!same.length) return { status: 'fail', reason: `want ${w.module ?? 'test-0.rego'}:${w.row}:${w.col ?? '?'}: ${w.code}: ${JSON.stringify(message)}; got ${got.map((e) => JSON.stringify(text(e))).join(' | ') || 'no errors'}` };
    if (w.col !== undefined && !same.some((e) => e.location?.col === Number(w.col))) relaxed = true;
  }
  if (c.exhaustive && got.length !== wants.length) return { status: 'fail', reason: `exhaustive: want ${wants.length} errors, got ${got.length}: ${got.map(text).join(' | ')}` };
  return relaxed ? { status: 'pass', reason: 'column differs', pass: 'relaxed' } : { status: 'pass', reason: '', pass: 'exact' };
}
