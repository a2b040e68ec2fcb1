// booleanExpr of an AuthConfig (gloo-api.md §2.4): step names combined with parentheses, `&&`, `||` and `!`,
// evaluated left to right with short-circuiting. Precedence: `!` binds tighter than `&&`, which binds tighter
// than `||`. Parsed once when the config is compiled; unknown names are a config error.
import { fail, ok, type Result } from '../errors.ts';

export type BoolExpr =
  | { op: 'ref'; name: string }
  | { op: 'not'; arg: BoolExpr }
  | { op: 'and' | 'or'; left: BoolExpr; right: BoolExpr };

type Token = { t: 'name'; v: string; at: number } | { t: '(' | ')' | '&&' | '||' | '!' | 'end'; at: number };

const NAME = /[A-Za-z0-9_.:\-]/;

function tokenize(src: string): Result<Token[]> {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === '!') {
      out.push({ t: c, at: i });
      i++;
    } else if ((c === '&' || c === '|') && src[i + 1] === c) {
      out.push({ t: c === '&' ? '&&' : '||', at: i });
      i += 2;
    } else if (NAME.test(c)) {
      const start = i;
      while (i < src.length && NAME.test(src[i])) i++;
      out.push({ t: 'name', v: src.slice(start, i), at: start });
    } else {
      return fail('AUTH_CONFIG_BOOLEAN_EXPR', `booleanExpr: unexpected character '${c}' at offset ${i}`);
    }
  }
  out.push({ t: 'end', at: src.length });
  return ok(out);
}

/** Parses `src`; every referenced name must be in `names`. */
export function parseBoolExpr(src: string, names: ReadonlySet<string>): Result<BoolExpr> {
  const toks = tokenize(src);
  if (!toks.ok) return toks;
  const tokens = toks.value;
  let pos = 0;
  const err = (msg: string) => fail('AUTH_CONFIG_BOOLEAN_EXPR', `booleanExpr: ${msg} at offset ${tokens[pos].at}`);

  // or := and ('||' and)* ; and := unary ('&&' unary)* ; unary := '!' unary | '(' or ')' | name
  function parseOr(): Result<BoolExpr> {
    let left = parseAnd();
    while (left.ok && tokens[pos].t === '||') {
      pos++;
      const right = parseAnd();
      if (!right.ok) return right;
      left = ok({ op: 'or', left: left.value, right: right.value });
    }
    return left;
  }
  function parseAnd(): Result<BoolExpr> {
    let left = parseUnary();
    while (left.ok && tokens[pos].t === '&&') {
      pos++;
      const right = parseUnary();
      if (!right.ok) return right;
      left = ok({ op: 'and', left: left.value, right: right.value });
    }
    return left;
  }
  function parseUnary(): Result<BoolExpr> {
    const tok = tokens[pos];
    if (tok.t === '!') {
      pos++;
      const arg = parseUnary();
      return arg.ok ? ok({ op: 'not', arg: arg.value }) : arg;
    }
    if (tok.t === '(') {
      pos++;
      const inner = parseOr();
      if (!inner.ok) return inner;
      if (tokens[pos].t !== ')') return err("expected ')'");
      pos++;
      return inner;
    }
    if (tok.t === 'name') {
      if (!names.has(tok.v)) return err(`unknown config name "${tok.v}" (names: ${[...names].join(', ')})`);
      pos++;
      return ok({ op: 'ref', name: tok.v });
    }
    return err(tok.t === 'end' ? 'unexpected end of expression' : `unexpected '${tok.t}'`);
  }

  const tree = parseOr();
  if (!tree.ok) return tree;
  if (tokens[pos].t !== 'end') return err(`unexpected '${tokens[pos].t === 'name' ? (tokens[pos] as { v: string }).v : tokens[pos].t}'`);
  return tree;
}

/** Evaluates with short-circuiting; `evalRef` is called at most once per name by the caller's memo. */
export async function evalBoolExpr(expr: BoolExpr, evalRef: (name: string) => Promise<boolean>): Promise<boolean> {
  switch (expr.op) {
    case 'ref':
      return evalRef(expr.name);
    case 'not':
      return !(await evalBoolExpr(expr.arg, evalRef));
    case 'and':
      return (await evalBoolExpr(expr.left, evalRef)) && evalBoolExpr(expr.right, evalRef);
    case 'or':
      return (await evalBoolExpr(expr.left, evalRef)) || evalBoolExpr(expr.right, evalRef);
  }
}
