// Time builtins (OPA topdown/time.go): nanoseconds since the epoch as exact integers, Go layouts,
// IANA time zones.
import type { Value } from '../value/index.ts';
import { isArray, isNumber, normalizeInt, typeName } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_NUM, T_STR, anyOf, arrayOf, fn, tupleOf } from './lib/decl.ts';
import { DAYS, INT64_MAX, INT64_MIN, LAYOUTS, civil, daysFromCivil, formatTime, fromCivil, loadLocation } from './lib/gotime.ts';
import { parseDuration, parseTime } from './lib/gotime-parse.ts';
import { int, operandTypeError, str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const TZ_TIME = anyOf(T_NUM, tupleOf(T_NUM, T_STR));

function nsOf(v: Value, pos: number): bigint {
  if (!isNumber(v)) throw operandTypeError(pos, v, 'number');
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v !== 'number') n = v.isInteger() ? v.toBigInt() : BigInt(Math.trunc(Math.max(-(2 ** 64), Math.min(2 ** 64, v.toNumber()))));
  else if (!Number.isFinite(v) || Math.abs(v) >= 2 ** 63) throw builtinError('timestamp too big');
  else n = BigInt(Math.trunc(v));
  if (n < INT64_MIN || n > INT64_MAX) throw builtinError('timestamp too big');
  return n;
}

/** ns, [ns, tz] or (for time.format) [ns, tz, layout]. */
function tzTime(v: Value, pos: number): { ns: bigint; zone: string; layout: string | null } {
  if (!isArray(v)) return { ns: nsOf(v, pos), zone: 'UTC', layout: null };
  if (v.length < 1 || v.length > 3) throw builtinError(`array argument must have 1 to 3 elements but got ${v.length}`);
  const ns = nsOf(v[0], pos);
  let zone = 'UTC';
  if (v.length > 1) {
    if (typeof v[1] !== 'string') throw builtinError(`timezone argument must be a string but got ${typeName(v[1])}`);
    zone = loadLocation(v[1]);
  }
  let layout: string | null = null;
  if (v.length > 2) {
    if (typeof v[2] !== 'string') throw builtinError(`layout argument must be a string but got ${typeName(v[2])}`);
    layout = LAYOUTS[v[2]] ?? v[2];
  }
  return { ns, zone, layout };
}

function inRange(ns: bigint): Value {
  if (ns < INT64_MIN || ns > INT64_MAX) throw builtinError('time outside of valid range');
  return normalizeInt(ns);
}

function addDate(args: Value[]): Value {
  const ns = nsOf(args[0], 1);
  const t = civil(ns, 'UTC');
  const y = int(args, 1);
  const m = int(args, 2);
  const d = int(args, 3);
  const result = fromCivil(t.year + y, t.month + m, t.day + d, t.hour, t.min, t.sec, t.nsec, 'UTC');
  return inRange(result);
}

/** OPA's time.diff (after icza/gox): [years, months, days, hours, minutes, seconds] between two instants. */
function diff(args: Value[]): Value {
  const a = tzTime(args[0], 1);
  const b = tzTime(args[1], 2);
  let [n1, n2] = [a.ns, b.ns];
  if (n1 > n2) [n1, n2] = [n2, n1];
  const t1 = civil(n1, a.zone);
  const t2 = civil(n2, a.zone);
  let year = t2.year - t1.year;
  let month = t2.month - t1.month;
  let day = t2.day - t1.day;
  let hour = t2.hour - t1.hour;
  let min = t2.min - t1.min;
  let sec = t2.sec - t1.sec;
  if (sec < 0) { sec += 60; min--; }
  if (min < 0) { min += 60; hour--; }
  if (hour < 0) { hour += 24; day--; }
  if (day < 0) {
    // Days in t1's month: Go normalises day 32 of that month into the next one.
    const overflow = daysFromCivil(t1.year, t1.month, 32) - daysFromCivil(t1.year, t1.month + 1, 1) + 1;
    day += 32 - overflow;
    month--;
  }
  if (month < 0) { month += 12; year--; }
  return [year, month, day, hour, min, sec];
}

export const timeBuiltins: BuiltinTable = {
  'time.now_ns': { decl: fn('time.now_ns', [], T_NUM, true), impl: (_a, ctx) => normalizeInt(ctx.nowNs) },
  'time.parse_ns': {
    decl: fn('time.parse_ns', [T_STR, T_STR], T_NUM),
    impl: (a) => inRange(parseTime(LAYOUTS[str(a, 0)] ?? str(a, 0), str(a, 1))),
  },
  'time.parse_rfc3339_ns': {
    decl: fn('time.parse_rfc3339_ns', [T_STR], T_NUM),
    impl: (a) => inRange(parseTime(LAYOUTS.RFC3339, str(a, 0))),
  },
  'time.parse_duration_ns': {
    decl: fn('time.parse_duration_ns', [T_STR], T_NUM),
    impl: (a) => normalizeInt(parseDuration(str(a, 0))),
  },
  'time.format': {
    decl: fn('time.format', [anyOf(T_NUM, tupleOf(T_NUM, T_STR), tupleOf(T_NUM, T_STR, T_STR))], T_STR),
    impl: (a) => {
      const t = tzTime(a[0], 1);
      return formatTime(t.ns, t.zone, t.layout ?? LAYOUTS.RFC3339Nano);
    },
  },
  'time.date': {
    decl: fn('time.date', [TZ_TIME], tupleOf(T_NUM, T_NUM, T_NUM)),
    impl: (a) => { const t = tzTime(a[0], 1); const c = civil(t.ns, t.zone); return [c.year, c.month, c.day]; },
  },
  'time.clock': {
    decl: fn('time.clock', [TZ_TIME], tupleOf(T_NUM, T_NUM, T_NUM)),
    impl: (a) => { const t = tzTime(a[0], 1); const c = civil(t.ns, t.zone); return [c.hour, c.min, c.sec]; },
  },
  'time.weekday': {
    decl: fn('time.weekday', [TZ_TIME], T_STR),
    impl: (a) => { const t = tzTime(a[0], 1); return DAYS[civil(t.ns, t.zone).weekday]; },
  },
  'time.add_date': { decl: fn('time.add_date', [T_NUM, T_NUM, T_NUM, T_NUM], T_NUM), impl: addDate },
  'time.diff': { decl: fn('time.diff', [TZ_TIME, TZ_TIME], arrayOf(T_NUM)), impl: diff },
};

