// A Go text/template subset for strings.render_template: {{.a.b}}, $variables, pipelines with |,
// literals, if / else if / else, range (arrays, objects, integers), with, comments, {{- -}} trimming,
// and the builtin functions len, index, print, printf, println, eq, ne, lt, le, gt, ge, and, or, not.
// Values print as Go's fmt %v prints them; a missing key prints "<undefined>" as in OPA.
import { builtinError } from '../builtin-error.ts';
import { goFloat } from './gofloat.ts';
import { goSprintf, type GoArg } from './gofmt.ts';

type V = unknown;
const MISSING = Symbol('missing');

type Node =
  | { t: 'text'; s: string }
  | { t: 'action'; p: Pipe }
  | { t: 'if' | 'with'; p: Pipe; then: Node[]; else: Node[] }
  | { t: 'range'; p: Pipe; vars: string[]; body: Node[]; else: Node[] };
type Pipe = { decl: string[]; cmds: Term[][] };
type Term = { k: 'field'; base: string | null; path: string[] } | { k: 'lit'; v: V } | { k: 'ident'; name: string } | { k: 'pipe'; p: Pipe };

function lex(src: string): (string | { a: string })[] {
  const out: (string | { a: string })[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push(src.slice(i));
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src.startsWith('- ', start) || src.startsWith('-\t', start) || src.startsWith('-\n', start)) {
      text = text.replace(/\s+$/, '');
      start++;
    }
    const close = src.indexOf('}}', start);
    if (close < 0) throw builtinError('template: unclosed action');
    let body = src.slice(start, close);
    let next = close + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      const m = /^\s*/.exec(src.slice(next))!;
      next += m[0].length;
    }
    if (text) out.push(text);
    out.push({ a: body.trim() });
    i = next;
  }
  return out;
}

function tokens(s: string): string[] {
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)'|:=|=|\||\(|\)|,|[^\s|(),=]+)/gy;
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) out.push(m[1]);
  return out;
}

function parsePipe(toks: string[], pos: { i: number }, stopAtParen = false): Pipe {
  const decl: string[] = [];
  const save = pos.i;
  const vars: string[] = [];
  while (toks[pos.i]?.startsWith('$')) {
    vars.push(toks[pos.i++]);
    if (toks[pos.i] === ',') pos.i++;
    else break;
  }
  if (vars.length && (toks[pos.i] === ':=' || toks[pos.i] === '=')) {
    pos.i++;
    decl.push(...vars);
  } else pos.i = save;
  const cmds: Term[][] = [[]];
  while (pos.i < toks.length) {
    const t = toks[pos.i];
    if (t === ')' && stopAtParen) break;
    pos.i++;
    if (t === '|') cmds.push([]);
    else if (t === '(') {
      cmds[cmds.length - 1].push({ k: 'pipe', p: parsePipe(toks, pos, true) });
      pos.i++;
    } else cmds[cmds.length - 1].push(term(t));
  }
  return { decl, cmds };
}

function term(t: string): Term {
  if (t.startsWith('"')) return { k: 'lit', v: JSON.parse(t) };
  if (t.startsWith('`')) return { k: 'lit', v: t.slice(1, -1) };
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return { k: 'lit', v: Number(t) };
  if (t === 'true' || t === 'false') return { k: 'lit', v: t === 'true' };
  if (t === 'nil') return { k: 'lit', v: null };
  if (t.startsWith('.') || t.startsWith('$')) {
    const parts = t.split('.');
    const base = t.startsWith('$') ? parts[0] : null;
    return { k: 'field', base, path: parts.slice(1).filter((p) => p !== '') };
  }
  return { k: 'ident', name: t };
}

function parse(items: (string | { a: string })[], pos: { i: number }, ends: string[]): [Node[], string] {
  const out: Node[] = [];
  while (pos.i < items.length) {
    const it = items[pos.i++];
    if (typeof it === 'string') {
      out.push({ t: 'text', s: it });
      continue;
    }
    const a = it.a;
    if (a.startsWith('/*')) continue;
    const word = a.split(/\s+/)[0];
    if (ends.includes(word)) return [out, a];
    const rest = (s: string) => tokens(s.slice(word.length));
    if (word === 'if' || word === 'with') {
      out.push(parseCond(word, a.slice(word.length), items, pos));
    } else if (word === 'range') {
      const toks = rest(a);
      const p = parsePipe(toks, { i: 0 });
      const [body, end] = parse(items, pos, ['else', 'end']);
      let els: Node[] = [];
      if (end === 'else') [els] = parse(items, pos, ['end']);
      out.push({ t: 'range', p: { decl: [], cmds: p.cmds }, vars: p.decl, body, else: els });
    } else out.push({ t: 'action', p: parsePipe(tokens(a), { i: 0 }) });
  }
  if (ends.length) throw builtinError('template: unexpected EOF');
  return [out, ''];
}

/** if/with with its branches; "else if …" nests an if in the else branch that shares the final end. */
function parseCond(word: 'if' | 'with', cond: string, items: (string | { a: string })[], pos: { i: number }): Node {
  const p = parsePipe(tokens(cond), { i: 0 });
  const [then, end] = parse(items, pos, ['else', 'end']);
  let els: Node[] = [];
  const m = /^else\s+(if|with)\s+(.*)$/s.exec(end);
  if (m) els = [parseCond(m[1] as 'if' | 'with', m[2], items, pos)];
  else if (end === 'else') [els] = parse(items, pos, ['end']);
  return { t: word, p, then, else: els };
}

function truthy(v: V): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** Go's %v. */
export function goValue(v: V): string {
  if (v === MISSING) return '<undefined>';
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return '[' + v.map(goValue).join(' ') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, V>;
    return 'map[' + Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ') + ']';
  }
  if (typeof v === 'number' && !Number.isInteger(v)) return goFloat(v, 'g', -1);
  return String(v);
}

type Scope = { dot: V; vars: Map<string, V> };

function call(name: string, args: V[]): V {
  const cmp = (a: V, b: V) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
  switch (name) {
    case 'len': return Array.isArray(args[0]) || typeof args[0] === 'string' ? (args[0] as string).length : Object.keys(args[0] as object).length;
    case 'index': return args.slice(1).reduce((c: V, k) => (c == null ? MISSING : (c as Record<string, V>)[k as string] ?? MISSING), args[0]);
    case 'print': return args.map(goValue).join('');
    case 'println': return args.map(goValue).join(' ') + '\n';
    case 'printf': return goSprintf(String(args[0]), args.slice(1).map(toGoArg));
    case 'eq': return args.slice(1).some((b) => b === args[0]);
    case 'ne': return args[0] !== args[1];
    case 'lt': return cmp(args[0], args[1]) < 0;
    case 'le': return cmp(args[0], args[1]) <= 0;
    case 'gt': return cmp(args[0], args[1]) > 0;
    case 'ge': return cmp(args[0], args[1]) >= 0;
    case 'and': return args.find((a) => !truthy(a)) ?? args[args.length - 1];
    case 'or': return args.find(truthy) ?? args[args.length - 1];
    case 'not': return !truthy(args[0]);
    default: throw builtinError(`template: function "${name}" not defined`);
  }
}

function toGoArg(v: V): GoArg {
  if (typeof v === 'string') return { kind: 'string', v };
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'int', v: BigInt(v) } : { kind: 'float', v };
  if (typeof v === 'bigint') return { kind: 'int', v };
  return { kind: 'string', v: goValue(v) };
}

function evalTerm(t: Term, s: Scope, piped: V[]): V {
  if (t.k === 'lit') return t.v;
  if (t.k === 'pipe') return evalPipe(t.p, s);
  if (t.k === 'ident') return call(t.name, piped);
  let cur: V = t.base === null ? s.dot : t.base === '$' ? s.vars.get('$') : s.vars.has(t.base) ? s.vars.get(t.base) : MISSING;
  for (const f of t.path) {
    if (cur === MISSING || cur === null || typeof cur !== 'object' || Array.isArray(cur)) return MISSING;
    const o = cur as Record<string, V>;
    cur = Object.hasOwn(o, f) ? o[f] : MISSING;
  }
  return cur;
}

function evalPipe(p: Pipe, s: Scope): V {
  let prev: V[] | null = null;
  for (const cmd of p.cmds) {
    const [head, ...rest] = cmd;
    if (head.k === 'ident') {
      const args = rest.map((r) => evalTerm(r, s, []));
      prev = [call(head.name, prev === null ? args : [...args, ...prev])];
    } else prev = [evalTerm(head, s, [])];
  }
  const v = prev ? prev[0] : MISSING;
  for (const d of p.decl) s.vars.set(d, v);
  return v;
}

function exec(nodes: Node[], s: Scope): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.s;
    else if (n.t === 'action') {
      const v = evalPipe(n.p, s);
      if (n.p.decl.length === 0) out += goValue(v);
    } else if (n.t === 'if') out += exec(truthy(evalPipe(n.p, s)) ? n.then : n.else, s);
    else if (n.t === 'with') {
      const v = evalPipe(n.p, s);
      out += truthy(v) ? exec(n.then, { dot: v, vars: s.vars }) : exec(n.else, s);
    } else if (n.t === 'range') {
      const v = evalPipe(n.p, s);
      const entries: [V, V][] = Array.isArray(v)
        ? v.map((x, i) => [i, x])
        : typeof v === 'number'
          ? Array.from({ length: v }, (_, i) => [i, i])
          : v !== null && typeof v === 'object'
            ? Object.keys(v).sort().map((k) => [k, (v as Record<string, V>)[k]])
            : [];
      if (entries.length === 0) out += exec(n.else, s);
      for (const [k, x] of entries) {
        if (n.vars.length === 1) s.vars.set(n.vars[0], x);
        if (n.vars.length === 2) {
          s.vars.set(n.vars[0], k);
          s.vars.set(n.vars[1], x);
        }
        out += exec(n.body, { dot: x, vars: s.vars });
      }
    }
  }
  return out;
}

export function renderTemplate(src: string, data: V): string {
  const [nodes] = parse(lex(src), { i: 0 }, []);
  return exec(nodes, { dot: data, vars: new Map([['$', data]]) });
}
