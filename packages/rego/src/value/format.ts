// Rego text of a value as OPA prints terms (error messages, `print`, sprintf's %v, non-string JSON keys):
// strings JSON-quoted, sets `{1, 2}` (empty: `set()`), objects `{"a": 1}`, arrays `[1, 2]`.
import { BigNum } from './bignum.ts';
import { ObjectValue, SetValue, type Value } from './model.ts';

export function formatNumber(n: number | bigint | BigNum): string {
  if (typeof n === 'bigint') return n.toString();
  if (n instanceof BigNum) return n.text;
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(n).replace('e+', 'e+');
}

export function formatValue(v: Value): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
    case 'bigint':
      return formatNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v === null) return 'null';
  if (v instanceof BigNum) return v.text;
  if (Array.isArray(v)) return '[' + v.map(formatValue).join(', ') + ']';
  if (v instanceof SetValue) {
    if (v.size === 0) return 'set()';
    return '{' + v.values().map(formatValue).join(', ') + '}';
  }
  return '{' + (v as ObjectValue).entries().map(([k, x]) => formatValue(k) + ': ' + formatValue(x)).join(', ') + '}';
}
