// net.cidr_* builtins (OPA topdown/cidr.go). net.lookup_ip_addr needs DNS and is listed as skipped.
import type { Value } from '../value/index.ts';
import { isArray, isObject, isSet, makeSet, objectEntries, setValues } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_STR, anyOf, arrayOf, fn, setOf, tupleOf } from './lib/decl.ts';
import { WIDTH, formatCIDR, formatIP, lastAddr, mask, parseCIDR, parseIP, type Net } from './lib/ip.ts';
import { str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const MAX_EXPAND = 1 << 20;

function cidr(s: string): Net {
  const n = parseCIDR(s);
  if (!n) throw builtinError(`invalid CIDR address: ${s}`);
  return n;
}

/** A CIDR, or a bare IP as a single-address network. */
function cidrOrIP(s: string): Net {
  const n = parseCIDR(s);
  if (n) return n;
  const ip = parseIP(s);
  if (!ip) throw builtinError(`invalid CIDR address: ${s}`);
  return { v6: ip.v6, ip: ip.ip, addr: ip.ip, bits: WIDTH(ip.v6) };
}

function contains(outer: Net, inner: Net): boolean {
  return outer.v6 === inner.v6 && outer.bits <= inner.bits && (inner.addr & mask(outer.v6, outer.bits)) === outer.addr;
}

function intersects(a: Net, b: Net): boolean {
  return a.v6 === b.v6 && (contains(a, b) || contains(b, a));
}

/** Keyed CIDR-ish entries of operand `pos`: string → itself, array → index, set → element, object → key. */
function entries(v: Value, pos: number): [Value, string][] {
  const pick = (k: Value, x: Value): [Value, string] => {
    if (typeof x === 'string') return [k, x];
    if (isArray(x) && x.length > 0 && typeof x[0] === 'string') return [k, x[0]];
    throw builtinError(`operand ${pos}: element must be string or non-empty array`);
  };
  if (typeof v === 'string') return [[v, v]];
  if (isArray(v)) return v.map((x, i) => pick(i, x));
  if (isSet(v)) return setValues(v).map((x) => pick(x, x));
  if (isObject(v)) return objectEntries(v).map(([k, x]) => pick(k, x));
  throw builtinError(`operand ${pos} must be one of {string, array, set, object}`);
}

function merge(args: Value[]): Value {
  const v = args[0];
  const xs = isArray(v) ? v : isSet(v) ? setValues(v) : [];
  const nets: Net[] = [];
  for (const x of xs) {
    if (typeof x !== 'string') throw builtinError(`operand 1: element must be string`);
    const n = parseCIDR(x);
    if (n) {
      nets.push(n);
      continue;
    }
    const ip = parseIP(x);
    if (!ip) throw builtinError(`invalid CIDR address: ${x}`);
    if (ip.v6) throw builtinError('IPv6 invalid: needs prefix length');
    // Go's IP.DefaultMask: the classful network of a bare IPv4 address.
    const first = Number(ip.ip >> 24n);
    const bits = first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
    nets.push({ v6: false, ip: ip.ip, addr: ip.ip & mask(false, bits), bits });
  }
  const out: Net[] = [];
  for (const v6 of [false, true]) {
    // Merge as ranges, then cut each range into the fewest aligned blocks.
    const ranges = nets.filter((n) => n.v6 === v6).map((n) => [n.addr, lastAddr(n)] as [bigint, bigint]);
    ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const merged: [bigint, bigint][] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1] + 1n) last[1] = r[1] > last[1] ? r[1] : last[1];
      else merged.push([r[0], r[1]]);
    }
    const w = WIDTH(v6);
    for (let [lo, hi] of merged) {
      while (lo <= hi) {
        let bits = w;
        while (bits > 0) {
          const size = 1n << BigInt(w - bits + 1);
          if (lo % size !== 0n || lo + size - 1n > hi) break;
          bits--;
        }
        out.push({ v6, ip: lo, addr: lo, bits });
        lo += 1n << BigInt(w - bits);
      }
    }
  }
  return makeSet(out.map(formatCIDR));
}

export const netBuiltins: BuiltinTable = {
  'net.cidr_contains': {
    decl: fn('net.cidr_contains', [T_STR, T_STR], T_BOOL),
    impl: (a) => contains(cidr(str(a, 0)), cidrOrIP(str(a, 1))),
  },
  'net.cidr_intersects': {
    decl: fn('net.cidr_intersects', [T_STR, T_STR], T_BOOL),
    impl: (a) => intersects(cidr(str(a, 0)), cidr(str(a, 1))),
  },
  'net.cidr_overlap': {
    decl: fn('net.cidr_overlap', [T_STR, T_STR], T_BOOL),
    impl: (a) => contains(cidr(str(a, 0)), cidrOrIP(str(a, 1))),
  },
  'net.cidr_is_valid': {
    decl: fn('net.cidr_is_valid', [T_ANY], T_BOOL),
    impl: (a) => typeof a[0] === 'string' && parseCIDR(a[0]) !== null,
  },
  'net.cidr_expand': {
    decl: fn('net.cidr_expand', [T_STR], setOf(T_STR)),
    impl: (a) => {
      const n = cidr(str(a, 0));
      const count = lastAddr(n) - n.addr + 1n;
      if (count > BigInt(MAX_EXPAND)) throw builtinError(`CIDR ${str(a, 0)} has more than ${MAX_EXPAND} addresses`);
      const out: string[] = [];
      for (let x = n.addr; x <= lastAddr(n); x++) out.push(formatIP(n.v6, x));
      return makeSet(out);
    },
  },
  'net.cidr_merge': {
    decl: fn('net.cidr_merge', [anyOf(arrayOf(T_STR), setOf(T_STR))], setOf(T_STR)),
    impl: merge,
  },
  'net.cidr_contains_matches': {
    decl: fn('net.cidr_contains_matches', [T_ANY, T_ANY], setOf(tupleOf(T_ANY, T_ANY))),
    impl: (a) => {
      const outer = entries(a[0], 1).map(([k, s]) => [k, cidr(s)] as const);
      const inner = entries(a[1], 2).map(([k, s]) => [k, cidrOrIP(s)] as const);
      const out: Value[] = [];
      for (const [k1, n1] of outer) for (const [k2, n2] of inner) if (contains(n1, n2)) out.push([k1, k2]);
      return makeSet(out);
    },
  },
};

