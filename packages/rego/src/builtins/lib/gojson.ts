// JSON text as Go's encoding/json writes it for OPA (json.marshal): object keys sorted, sets as sorted
// arrays, non-string keys as their Rego text, `<`, `>`, `&`, U+2028 and U+2029 escaped; and parsing
// that keeps integers beyond 2^53 exact.
import type { Value } from '../../value/index.ts';
import { BigNum, formatNumber, formatValue, fromJSON, isArray, isObject, isSet, numberFromText, objectEntries, setValues } from '../../value/index.ts';

export function goJSONString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (pair) {
        out += s[i] + s[i + 1];
        i++;
      } else out += '\\ufffd';
    } else out += s[i];
  }
  return out + '"';
}

/** Go json.Marshal (indent === null) or json.MarshalIndent(prefix, indent). */
export function goJSON(v: Value, prefix = '', indent: string | null = null, depth = 0): string {
  switch (typeof v) {
    case 'string':
      return goJSONString(v);
    case 'number':
    case 'bigint':
      return formatNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v === null) return 'null';
  if (v instanceof BigNum) return v.text;
  const nl = (d: number) => (indent === null ? '' : '\n' + prefix + indent.repeat(d));
  if (isArray(v) || isSet(v)) {
    const xs = isArray(v) ? v : setValues(v);
    if (xs.length === 0) return '[]';
    return '[' + xs.map((x) => nl(depth + 1) + goJSON(x, prefix, indent, depth + 1)).join(',') + nl(depth) + ']';
  }
  if (!isObject(v)) return 'null';
  const es = objectEntries(v).map(([k, x]) => [typeof k === 'string' ? k : formatValue(k), x] as const);
  es.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (es.length === 0) return '{}';
  const sep = indent === null ? ':' : ': ';
  return '{' + es.map(([k, x]) => nl(depth + 1) + goJSONString(k) + sep + goJSON(x, prefix, indent, depth + 1)).join(',') + nl(depth) + '}';
}

/**
 * JSON.parse keeping numbers exact as OPA's json.Number does (Node's reviver receives the number's source
 * text): big integers as bigint, decimals beyond float64 (1e400, 0.10000000000000000001) as BigNum.
 */
export function parseJSONExact(text: string): Value {
  const raw = JSON.parse(text, (_k, value, ctx?: { source?: string }) => {
    if (typeof value === 'number' && ctx?.source) {
      const exact = numberFromText(ctx.source);
      if (exact === undefined) throw new SyntaxError(`number too big: ${ctx.source}`);
      return exact;
    }
    return value;
  });
  return fromJSON(raw);
}
