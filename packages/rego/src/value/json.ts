// Conversion between plain JSON-like JS values and Rego values.
import { BigNum, isRawJSON, numberFromText } from './bignum.ts';
import { ObjectValue, SetValue, normalizeInt, type Value } from './model.ts';


/**
 * Plain JSON → Value. Objects are wrapped lazily (converted on access); arrays are converted eagerly,
 * reusing the array itself when all its elements are already scalars. bigint input is normalised.
 * Throws TypeError for non-JSON values (functions, symbols, NaN/Infinity).
 */
export function fromJSON(x: unknown): Value {
  switch (typeof x) {
    case 'string':
    case 'boolean':
      return x;
    case 'number':
      if (!Number.isFinite(x)) throw new TypeError(`cannot convert ${x} to a Rego number`);
      return x;
    case 'bigint':
      return normalizeInt(x);
    case 'object': {
      if (x === null) return null;
      if (Array.isArray(x)) {
        let out: Value[] | null = null;
        for (let i = 0; i < x.length; i++) {
          const e = x[i];
          const t = typeof e;
          if (out === null && (t === 'string' || t === 'boolean' || e === null || (t === 'number' && Number.isFinite(e)))) continue;
          if (out === null) out = x.slice(0, i) as Value[];
          out.push(fromJSON(e));
        }
        return out ?? (x as Value[]);
      }
      if (x instanceof SetValue || x instanceof ObjectValue || x instanceof BigNum) return x;
      if (isRawJSON(x)) {
        // a number JSON.rawJSON carries exactly (how toJSON hands out a BigNum)
        const n = numberFromText(x.rawJSON);
        if (n === undefined) throw new TypeError('cannot convert raw JSON to a Rego number');
        return n;
      }
      if (x instanceof Map) {
        const o = new ObjectValue();
        for (const [k, v] of x) o.set(fromJSON(k), fromJSON(v));
        return o;
      }
      if (x instanceof Set) {
        const s = new SetValue();
        for (const v of x) s.add(fromJSON(v));
        return s;
      }
      if (typeof (x as { toJSON?: unknown }).toJSON === 'function') return fromJSON((x as { toJSON(): unknown }).toJSON());
      return new ObjectValue(null, x as Record<string, unknown>);
    }
    default:
      throw new TypeError(`cannot convert ${typeof x} to a Rego value`);
  }
}

/**
 * Value → plain JSON the way OPA's ast.JSON prints it: sets become arrays in sort order, non-string
 * object keys become their Rego text. Integers beyond ±2^53 stay bigint (exact).
 */
export function toJSON(v: Value): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof BigNum) return v.toJSON();
  if (Array.isArray(v)) return v.map(toJSON);
  if (v instanceof SetValue) return v.values().map(toJSON);
  const out: Record<string, unknown> = {};
  for (const [k, val] of (v as ObjectValue).entries()) {
    out[typeof k === 'string' ? k : JSON.stringify(toJSON(k), (_x, y) => (typeof y === 'bigint' ? Number(y) : y))] = toJSON(val);
  }
  return out;
}
