// The Inja subset Portico renders for TransformationPolicy (gloo-api-more.md §6, documented in
// docs/gloo-policies.md): literal text with `{{ header("Name") }}`, `{{ request_header("Name") }}`,
// `{{ extraction("name") }}`, `{{ body() }}`, JSON body fields by path (`{{ user.name }}`, `{{ items.0.id }}`,
// parseBodyBehavior ParseAsJson) and `{{ base64_encode(<one of those>) }}`. Anything else in `{{ }}` is refused
// when the template is compiled, so the control plane can name it in the policy status.

export interface TemplateScope {
  /** Header of the message being transformed (request, or response for response templates). */
  header(name: string): string;
  /** Request header (also available to response templates). */
  requestHeader(name: string): string;
  extraction(name: string): string;
  /** The body of the message being transformed ('' when there is none). */
  body(): string;
  /** A field of the JSON body by path (undefined when the body is not JSON or the field is absent). */
  field(path: readonly string[]): unknown;
}

export type Template = (scope: TemplateScope) => string;
/** `usesBody`: the template reads the body (body() or JSON fields), so the body must be buffered first. */
export type TemplateResult = { ok: true; render: Template; usesBody: boolean } | { ok: false; message: string };

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;

/** Inja prints strings as they are and other JSON values as JSON. */
function print(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const CALL = /^([a-z_0-9]+)\(\s*(?:"([^"]*)"|'([^']*)'|(.*?))\s*\)$/;

function compileExpr(expr: string, uses: { body: boolean }): ((s: TemplateScope) => string) | string {
  const trimmed = expr.trim();
  if (FIELD_PATH.test(trimmed)) {
    uses.body = true;
    const path = trimmed.split('.');
    return (s) => print(s.field(path));
  }
  if (/^body\(\s*\)$/.test(trimmed)) {
    uses.body = true;
    return (s) => s.body();
  }
  const m = CALL.exec(trimmed);
  if (m === null) return `expression {{ ${expr.trim()} }} is not supported`;
  const fn = m[1]!;
  const arg = m[2] ?? m[3];
  if (fn === 'base64_encode' && m[4] !== undefined) {
    const inner = compileExpr(m[4], uses);
    if (typeof inner === 'string') return inner;
    return (s) => Buffer.from(inner(s), 'utf8').toString('base64');
  }
  if (arg === undefined) return `expression {{ ${expr.trim()} }} is not supported`;
  switch (fn) {
    case 'header': {
      const n = arg.toLowerCase();
      return (s) => s.header(n);
    }
    case 'request_header': {
      const n = arg.toLowerCase();
      return (s) => s.requestHeader(n);
    }
    case 'extraction':
      return (s) => s.extraction(arg);
    default:
      return `function ${fn}() is not supported`;
  }
}

export function compileTemplate(text: string): TemplateResult {
  const parts: (string | ((s: TemplateScope) => string))[] = [];
  const uses = { body: false };
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) {
      parts.push(text.slice(i));
      break;
    }
    if (text.indexOf('{%', i) !== -1 && text.indexOf('{%', i) < open) return { ok: false, message: 'statements ({% %}) are not supported' };
    const close = text.indexOf('}}', open + 2);
    if (close === -1) return { ok: false, message: 'unclosed {{' };
    parts.push(text.slice(i, open));
    const e = compileExpr(text.slice(open + 2, close), uses);
    if (typeof e === 'string') return { ok: false, message: e };
    parts.push(e);
    i = close + 2;
  }
  if (text.includes('{%')) return { ok: false, message: 'statements ({% %}) are not supported' };
  if (parts.every((p) => typeof p === 'string')) {
    const constant = parts.join('');
    return { ok: true, render: () => constant, usesBody: false };
  }
  return { ok: true, render: (s) => parts.map((p) => (typeof p === 'string' ? p : p(s))).join(''), usesBody: uses.body };
}
