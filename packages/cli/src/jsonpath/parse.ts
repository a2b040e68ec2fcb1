// Parser for kubectl's JSONPath template dialect (k8s.io/client-go/util/jsonpath): plain text interleaved with
// `{…}` actions — paths (`.a.b`, `['a']`, `[0]`, `[*]`, `[1:3]`, `[-1:]`, `..name`, `[?(@.k=="v")]`, unions
// `[0,1]`), `range PATH` … `end`, and quoted literals (`{"\n"}`). No npm library implements this dialect
// (the JSONPath libraries implement RFC 9535 / Goessner paths without the template layer), so it is written here.

export type Segment =
  | { type: 'field'; name: string }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'index'; index: number }
  | { type: 'slice'; start: number | null; end: number | null; step: number | null }
  | { type: 'filter'; left: Operand; op: '==' | '!=' | '<' | '>' | '<=' | '>=' | 'exists'; right: Operand | null }
  | { type: 'union'; branches: Segment[][] };

export type Operand = { type: 'path'; segments: Segment[] } | { type: 'literal'; value: string | number | boolean | null };

export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'path'; segments: Segment[] }
  | { type: 'range'; segments: Segment[]; body: TemplateNode[] };

export class JsonPathError extends Error {
  readonly code = 'CLI_JSONPATH_SYNTAX';
}

/** Parses a whole template into a tree (range bodies nested). */
export function parseTemplate(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: TemplateNode[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack.at(-1)!.push({ type: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack.at(-1)!.push({ type: 'text', text: template.slice(i, open) });
    const close = findClose(template, open + 1);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
      continue;
    }
    if (action.startsWith('range ') || action === 'range') {
      const node: TemplateNode = { type: 'range', segments: parsePath(action.slice(5).trim()), body: [] };
      stack.at(-1)!.push(node);
      stack.push(node.body);
      continue;
    }
    const literal = quoted(action);
    if (literal !== null) {
      stack.at(-1)!.push({ type: 'text', text: literal });
      continue;
    }
    stack.at(-1)!.push({ type: 'path', segments: parsePath(action) });
  }
  if (stack.length > 1) throw new JsonPathError('unclosed action: {range} without {end}');
  return root;
}

function findClose(s: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  throw new JsonPathError(`unclosed action starting at offset ${from - 1}`);
}

/** `"…"` or `'…'` with Go-style escapes, or null when `s` is not a quoted literal. */
function quoted(s: string): string | null {
  if (s.length < 2 || !((s[0] === '"' && s.at(-1) === '"') || (s[0] === "'" && s.at(-1) === "'"))) return null;
  const body = s.slice(1, -1);
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };
  return body.replace(/\\(.)/g, (m, c: string) => escapes[c] ?? m);
}

/** Parses a path like `.items[*].metadata.name` (leading `$` / `@` allowed; empty = the current object). */
export function parsePath(src: string): Segment[] {
  const segs: Segment[] = [];
  let i = 0;
  if (src[0] === '$' || src[0] === '@') i = 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '.') {
      if (src[i + 1] === '.') {
        segs.push({ type: 'recursive' });
        i += 2;
        if (src[i] === '[') continue;
      } else i++;
      if (src[i] === '*') {
        segs.push({ type: 'wildcard' });
        i++;
        continue;
      }
      let name = '';
      while (i < src.length && src[i] !== '.' && src[i] !== '[') {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        name += src[i++];
      }
      if (name === '' && i >= src.length) break; // a lone "." means the current object
      segs.push({ type: 'field', name });
    } else if (c === '[') {
      const end = closingBracket(src, i);
      segs.push(parseBracket(src.slice(i + 1, end).trim()));
      i = end + 1;
    } else if (c === ' ') {
      i++;
    } else {
      throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(c)} in ${JSON.stringify(src)}`);
    }
  }
  return segs;
}

function closingBracket(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0 && c === ']') return i;
    }
  }
  throw new JsonPathError(`unterminated array in ${JSON.stringify(s)}`);
}

function parseBracket(body: string): Segment {
  if (body === '*') return { type: 'wildcard' };
  if (body.startsWith('?(') && body.endsWith(')')) return parseFilter(body.slice(2, -1).trim());
  const parts = splitTopLevel(body, ',');
  if (parts.length > 1) return { type: 'union', branches: parts.map((p) => [parseBracket(p.trim())]) };
  const key = quoted(body);
  if (key !== null) return { type: 'field', name: key };
  if (/^-?\d+$/.test(body)) return { type: 'index', index: Number(body) };
  const slice = /^(-?\d*)\s*:\s*(-?\d*)\s*(?::\s*(-?\d*))?$/.exec(body);
  if (slice) {
    const n = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
    return { type: 'slice', start: n(slice[1]), end: n(slice[2]), step: n(slice[3]) };
  }
  throw new JsonPathError(`invalid array index ${JSON.stringify(body)}`);
}

function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === sep) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function parseFilter(expr: string): Segment {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/.exec(expr);
  if (!m) return { type: 'filter', left: operand(expr), op: 'exists', right: null };
  return { type: 'filter', left: operand(m[1]!), op: m[2] as '==', right: operand(m[3]!) };
}

function operand(s: string): Operand {
  const t = s.trim();
  if (t.startsWith('@') || t.startsWith('$') || t.startsWith('.')) return { type: 'path', segments: parsePath(t) };
  const q = quoted(t);
  if (q !== null) return { type: 'literal', value: q };
  if (t === 'true' || t === 'false') return { type: 'literal', value: t === 'true' };
  if (t === 'nil' || t === 'null') return { type: 'literal', value: null };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { type: 'literal', value: Number(t) };
  throw new JsonPathError(`unrecognized filter operand ${JSON.stringify(t)}`);
}
