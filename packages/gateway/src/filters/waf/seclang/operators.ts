// SecLang operators Portico implements (ModSecurity v3 reference manual, "Operators"). @rx uses RE2 (re2js),
// not PCRE: a pattern RE2 cannot compile (back-references, look-around) is reported and its rule dropped.
// A rule with no operator name means @rx.
import { RE2JS } from 're2js';

export type Operator = (value: string) => boolean;

export type OperatorResult = { ok: true; test: Operator } | { ok: false; message: string };

export const OPERATOR_NAMES = ['rx', 'pm', 'contains', 'streq', 'beginsWith', 'endsWith', 'within', 'eq', 'ge', 'gt', 'le', 'lt'] as const;

function numeric(param: string, cmp: (a: number, b: number) => boolean): Operator {
  const b = Number(param);
  return (v) => {
    const a = Number.parseInt(v, 10);
    return Number.isFinite(a) && cmp(a, b);
  };
}

/** `"@name param"` (or a bare pattern = @rx), optionally negated with a leading `!`. */
export function compileOperator(spec: string): OperatorResult {
  let s = spec;
  let negate = false;
  if (s.startsWith('!')) {
    negate = true;
    s = s.slice(1);
  }
  let name = 'rx';
  let param = s;
  if (s.startsWith('@')) {
    const sp = s.search(/\s/);
    name = sp === -1 ? s.slice(1) : s.slice(1, sp);
    param = sp === -1 ? '' : s.slice(sp + 1);
  }
  let test: Operator;
  switch (name) {
    case 'rx': {
      let re: RE2JS;
      try {
        re = RE2JS.compile(param, RE2JS.DOTALL);
      } catch (err) {
        return { ok: false, message: `@rx pattern ${JSON.stringify(param)} is not RE2: ${(err as Error).message}` };
      }
      test = (v) => re.test(v);
      break;
    }
    case 'pm': {
      const phrases = param.split(/\s+/).filter((p) => p !== '').map((p) => p.toLowerCase());
      test = (v) => {
        const lv = v.toLowerCase();
        return phrases.some((p) => lv.includes(p));
      };
      break;
    }
    case 'contains':
      test = (v) => v.includes(param);
      break;
    case 'streq':
      test = (v) => v === param;
      break;
    case 'beginsWith':
      test = (v) => v.startsWith(param);
      break;
    case 'endsWith':
      test = (v) => v.endsWith(param);
      break;
    case 'within':
      test = (v) => param.includes(v);
      break;
    case 'eq':
      test = numeric(param, (a, b) => a === b);
      break;
    case 'ge':
      test = numeric(param, (a, b) => a >= b);
      break;
    case 'gt':
      test = numeric(param, (a, b) => a > b);
      break;
    case 'le':
      test = numeric(param, (a, b) => a <= b);
      break;
    case 'lt':
      test = numeric(param, (a, b) => a < b);
      break;
    default:
      return { ok: false, message: `operator @${name} is not supported (supported: ${OPERATOR_NAMES.map((n) => '@' + n).join(', ')})` };
  }
  return { ok: true, test: negate ? (v) => !test(v) : test };
}
