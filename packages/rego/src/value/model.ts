// The Rego value model. Scalars are JS primitives (null, boolean, number, string; bigint only for integers
// beyond ±2^53), arrays are readonly JS arrays, and sets/objects are the two classes below, hashed by
// `keyOf` so that composite members/keys compare structurally.
// Objects built from JSON (input, data) are wrapped lazily: a lookup by string key converts only the
// child it touches, so evaluating a policy over a large input costs what the policy reads, not the input size.
import { BigNum } from './bignum.ts';
import { compare } from './compare.ts';
import { fromJSON } from './json.ts';

export type Value = null | boolean | number | bigint | BigNum | string | readonly Value[] | SetValue | ObjectValue;

export type TypeName = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'set' | 'object';

export type Entry = readonly [Value, Value];

// Prefix marking a hash key that encodes a composite value; strings starting with it are escaped.
const COMPOSITE = '\u0001';

/** Hash key: primitives map to themselves, composites to a canonical string encoding. */
export function keyOf(v: Value): unknown {
  switch (typeof v) {
    case 'string':
      return v.length > 0 && v.charCodeAt(0) === 1 ? COMPOSITE + 's' + v : v;
    case 'number':
    case 'bigint':
    case 'boolean':
      return v;
    default:
      if (v === null) return null;
      // a BigNum never equals a number or a non-integral bigint; an integral one keys as its integer
      if (v instanceof BigNum) return v.isInteger() ? v.toBigInt() : COMPOSITE + 'n' + v.dec.coef + 'e' + v.dec.exp;
      return COMPOSITE + encode(v);
  }
}

function encode(v: Value): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v === null) return 'null';
  if (v instanceof BigNum) return v.isInteger() ? v.toBigInt().toString() : v.dec.coef + 'e' + v.dec.exp;
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + encode(v[i]);
    return s + ']';
  }
  if (v instanceof SetValue) {
    let s = '{';
    const vals = v.values();
    for (let i = 0; i < vals.length; i++) s += (i ? ',' : '') + encode(vals[i]);
    return s + '}';
  }
  const o = v as ObjectValue;
  let s = '<';
  const es = o.entries();
  for (let i = 0; i < es.length; i++) s += (i ? ',' : '') + encode(es[i][0]) + ':' + encode(es[i][1]);
  return s + '>';
}

function sortValues(vs: Value[]): Value[] {
  return vs.sort(compare);
}

export class SetValue {
  readonly m: Map<unknown, Value>;
  private sorted: Value[] | null = null;
  constructor(m?: Map<unknown, Value>) {
    this.m = m ?? new Map();
  }
  get size(): number {
    return this.m.size;
  }
  has(v: Value): boolean {
    return this.m.has(keyOf(v));
  }
  /** Only while building (before the set is shared). */
  add(v: Value): void {
    const k = keyOf(v);
    if (!this.m.has(k)) {
      this.m.set(k, v);
      this.sorted = null;
    }
  }
  /** Members in OPA's sort order (cached). */
  values(): readonly Value[] {
    if (this.sorted === null) this.sorted = sortValues([...this.m.values()]);
    return this.sorted;
  }
}

export class ObjectValue {
  private map: Map<unknown, Entry> | null;
  // Lazy JSON source: plain object with string keys; `conv` caches converted children.
  private src: Record<string, unknown> | null;
  private conv: Map<string, Value> | null = null;
  private sorted: Entry[] | null = null;

  constructor(map?: Map<unknown, Entry> | null, src?: Record<string, unknown> | null) {
    this.map = map ?? (src ? null : new Map());
    this.src = src ?? null;
  }

  private materialize(): Map<unknown, Entry> {
    if (this.map !== null) return this.map;
    const src = this.src!;
    const m = new Map<unknown, Entry>();
    for (const k in src) {
      if (!Object.hasOwn(src, k)) continue;
      const raw = src[k];
      if (raw === undefined) continue;
      const v = this.conv?.get(k) ?? fromJSON(raw);
      m.set(keyOf(k), [k, v]);
    }
    this.map = m;
    this.src = null;
    this.conv = null;
    return m;
  }

  get size(): number {
    return this.materialize().size;
  }

  /** The plain JSON object behind a lazily wrapped object (null once materialized). */
  raw(): Record<string, unknown> | null {
    return this.map === null ? this.src : null;
  }

  get(k: Value): Value | undefined {
    if (this.map === null) {
      if (typeof k !== 'string') return undefined;
      const src = this.src!;
      if (!Object.hasOwn(src, k)) return undefined;
      const raw = src[k];
      if (raw === undefined) return undefined;
      // Objects wrap lazily for free; only arrays (converted eagerly) are worth caching.
      if (!Array.isArray(raw)) return fromJSON(raw);
      let c = this.conv;
      if (c === null) c = this.conv = new Map();
      let v = c.get(k);
      if (v === undefined) {
        v = fromJSON(raw);
        c.set(k, v);
      }
      return v;
    }
    const e = this.map.get(keyOf(k));
    return e === undefined ? undefined : e[1];
  }

  has(k: Value): boolean {
    return this.get(k) !== undefined;
  }

  /** Only while building (before the object is shared). */
  set(k: Value, v: Value): void {
    this.materialize().set(keyOf(k), [k, v]);
    this.sorted = null;
  }

  /** Entries in OPA's key order (cached). */
  entries(): readonly Entry[] {
    if (this.sorted === null) {
      this.sorted = [...this.materialize().values()].sort((a, b) => compare(a[0], b[0]));
    }
    return this.sorted;
  }

  /** Entries in insertion order (cheaper when order does not matter). */
  unorderedEntries(): Iterable<Entry> {
    return this.materialize().values();
  }
}

export function typeName(v: Value): TypeName {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return v instanceof SetValue ? 'set' : v instanceof BigNum ? 'number' : 'object';
}

export function isNumber(v: Value): v is number | bigint | BigNum {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof BigNum;
}
export function isString(v: Value): v is string {
  return typeof v === 'string';
}
export function isBoolean(v: Value): v is boolean {
  return typeof v === 'boolean';
}
export function isNull(v: Value): v is null {
  return v === null;
}
export function isArray(v: Value): v is readonly Value[] {
  return Array.isArray(v);
}
export function isSet(v: Value): v is SetValue {
  return v instanceof SetValue;
}
export function isObject(v: Value): v is ObjectValue {
  return v instanceof ObjectValue;
}
/** Arrays, sets and objects. */
export function isComposite(v: Value): v is readonly Value[] | SetValue | ObjectValue {
  return typeof v === 'object' && v !== null && !(v instanceof BigNum);
}

/** Integers beyond ±2^53 are bigint; anything in the safe range is a plain number. */
export function normalizeInt(n: bigint): number | bigint {
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}

export function makeSet(values: Iterable<Value>): SetValue {
  const s = new SetValue();
  for (const v of values) s.add(v);
  return s;
}
export const emptySet = (): SetValue => new SetValue();
export function setValues(s: SetValue): readonly Value[] {
  return s.values();
}
export function setHas(s: SetValue, v: Value): boolean {
  return s.has(v);
}
export function setSize(s: SetValue): number {
  return s.size;
}

export function makeObject(entries: Iterable<readonly [Value, Value]>): ObjectValue {
  const o = new ObjectValue();
  for (const [k, v] of entries) o.set(k, v);
  return o;
}
export function objectGet(o: ObjectValue, k: Value): Value | undefined {
  return o.get(k);
}
export function objectEntries(o: ObjectValue): readonly Entry[] {
  return o.entries();
}
export function objectKeys(o: ObjectValue): Value[] {
  return o.entries().map((e) => e[0]);
}
export function objectSize(o: ObjectValue): number {
  return o.size;
}
