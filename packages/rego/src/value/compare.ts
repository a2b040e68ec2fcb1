// OPA's total order over values (v1/ast/compare.go): null < boolean < number < string < array < object < set.
// Strings order by Unicode code point (Go compares UTF-8 bytes), not by UTF-16 unit as JS `<` does.
import { BigNum, compareDecimal, decimalOf } from './bignum.ts';
import { ObjectValue, SetValue, type Value } from './model.ts';

function rank(v: Value): number {
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
  }
  if (v === null) return 0;
  if (Array.isArray(v)) return 6;
  return v instanceof ObjectValue ? 7 : v instanceof BigNum ? 2 : 8;
}

/** Code-point order: UTF-16 order differs only when one side is a surrogate and the other ≥ U+E000. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function compareSeq(a: readonly Value[], b: readonly Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a ? 1 : -1;
    case 2:
      if (a instanceof BigNum || b instanceof BigNum) return compareDecimal(decimalOf(a as number), decimalOf(b as number));
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 3:
      return compareStrings(a as string, b as string);
    case 6:
      return compareSeq(a as readonly Value[], b as readonly Value[]);
    case 7: {
      const ea = (a as ObjectValue).entries();
      const eb = (b as ObjectValue).entries();
      const n = Math.min(ea.length, eb.length);
      for (let i = 0; i < n; i++) {
        let c = compare(ea[i][0], eb[i][0]);
        if (c !== 0) return c;
        c = compare(ea[i][1], eb[i][1]);
        if (c !== 0) return c;
      }
      return ea.length < eb.length ? -1 : ea.length > eb.length ? 1 : 0;
    }
    default:
      return compareSeq((a as SetValue).values(), (b as SetValue).values());
  }
}

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta !== 'object' || a === null || b === null || typeof b !== 'object') {
    // 1 == 1.0 already holds for JS numbers; a bigint never equals a safe-range number after normalisation.
    if (ta === 'number' || ta === 'bigint') return typeof b === 'number' || typeof b === 'bigint' ? a == b : b instanceof BigNum && bigNumEqual(a, b);
    return a instanceof BigNum && bigNumEqual(a, b);
  }
  if (a instanceof BigNum || b instanceof BigNum) return bigNumEqual(a, b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof SetValue) {
    if (!(b instanceof SetValue) || a.size !== b.size) return false;
    for (const v of a.m.values()) if (!b.has(v)) return false;
    return true;
  }
  if (!(b instanceof ObjectValue)) return false;
  const oa = a as ObjectValue;
  if (oa.size !== b.size) return false;
  for (const [k, v] of oa.unorderedEntries()) {
    const w = b.get(k);
    if (w === undefined || !equal(v, w)) return false;
  }
  return true;
}

function bigNumEqual(a: Value, b: Value): boolean {
  const num = (x: Value) => typeof x === 'number' || typeof x === 'bigint' || x instanceof BigNum;
  return num(a) && num(b) && compareDecimal(decimalOf(a as BigNum), decimalOf(b as BigNum)) === 0;
}
