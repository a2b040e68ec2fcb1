// Terms and refs printed as OPA prints them in type errors (`data.test.q[arr[0]]`, `a[{"a": "foo"}]`), and the
// detail lines of OPA's ref errors (the ref, a caret under the failing part, have/want).
import type { Term } from '../../ast/types.ts';
import { typeString, type Key, type Ty } from '../../types/types.ts';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['as', 'default', 'else', 'false', 'import', 'not', 'null', 'package', 'some', 'true', 'with', 'in', 'every', 'contains', 'if']);

export function varName(name: string): string {
  return name.startsWith('$_') || name.startsWith('__wild') ? '_' : name;
}

function scalarText(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  return String(v);
}

export function termString(t: Term): string {
  switch (t.type) {
    case 'scalar':
      return scalarText(t.value);
    case 'var':
      return varName(t.name);
    case 'ref':
      return refString(t, t.path.length);
    case 'array':
      return `[${t.items.map(termString).join(', ')}]`;
    case 'set':
      return t.items.length ? `{${t.items.map(termString).join(', ')}}` : 'set()';
    case 'object':
      return `{${t.items.map(([k, v]) => `${termString(k)}: ${termString(v)}`).join(', ')}}`;
    case 'call':
      return `${callName(t)}(${t.args.map(termString).join(', ')})`;
    case 'compr': {
      const head = t.kind === 'object' ? `${termString(t.key!)}: ${termString(t.value)}` : termString(t.value);
      const [open, close] = t.kind === 'array' ? ['[', ']'] : ['{', '}'];
      return `${open}${head} | …${close}`;
    }
    case 'template':
      return '$"…"';
  }
}

export function callName(t: Extract<Term, { type: 'call' }>): string {
  if (t.target?.kind === 'func') return 'data.' + t.target.path.join('.');
  if (t.target?.kind === 'builtin') return t.target.name;
  return termString(t.op);
}

/** The ref up to (not including) path index `n`, as OPA's Ref.String() prints it. */
export function refString(t: Extract<Term, { type: 'ref' }>, n: number): string {
  let s = termString(t.head);
  for (const p of t.path.slice(0, n)) {
    if (p.type === 'scalar' && typeof p.value === 'string' && IDENT.test(p.value) && !KEYWORDS.has(p.value)) s += '.' + p.value;
    else s += `[${termString(p)}]`;
  }
  return s;
}

/** OPA's RefErrInvalidDetail lines: `pos` is the index into the ref's terms (head = 0). */
export function refInvalidLines(ref: Extract<Term, { type: 'ref' }>, pos: number, have: Ty, want: Ty, oneOf: Key[] | null, haveValue?: Term): string[] {
  const pad = ' '.repeat(refString(ref, pos - 1).length + 1);
  const lines = [refString(ref, ref.path.length), pad + '^'];
  lines.push(have !== null ? `${pad}have (type): ${typeString(have)}` : `${pad}have: ${haveValue ? termString(haveValue) : '???'}`);
  if (oneOf && oneOf.length) lines.push(`${pad}want (one of): [${oneOf.map(scalarText).join(' ')}]`);
  else lines.push(`${pad}want (type): ${typeString(want)}`);
  return lines;
}

/** OPA's RefErrUnsupportedDetail lines: a ref into a value that has no members (`arr[0].x` on a number). */
export function refUnsupportedLines(ref: Extract<Term, { type: 'ref' }>, pos: number, have: Ty): string[] {
  return [refString(ref, ref.path.length), '^'.repeat(refString(ref, pos).length), `have: ${typeString(have)}`];
}
