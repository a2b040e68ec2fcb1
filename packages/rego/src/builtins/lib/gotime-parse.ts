// Go's time.Parse (layout strings) and time.ParseDuration, returning nanoseconds since the epoch.
import { builtinError } from '../builtin-error.ts';
import { DAYS, MONTHS, NS_PER_S, daysFromCivil, tokenize } from './gotime.ts';

function fail(value: string, layout: string, elem: string, valueElem: string, extra = ''): never {
  throw builtinError(
    extra ? `parsing time ${JSON.stringify(value)}${extra}` : `parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(valueElem)} as ${JSON.stringify(elem)}`,
  );
}

function lookupName(rest: string, names: string[], len: number | null): [number, number] | null {
  for (let i = 0; i < names.length; i++) {
    const n = len === null ? names[i] : names[i].slice(0, len);
    if (rest.slice(0, n.length).toLowerCase() === n.toLowerCase()) return [i, n.length];
  }
  return null;
}

export function parseTime(layout: string, value: string): bigint {
  let rest = value;
  let year = 1;
  let month = 1;
  let day = 1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pm: boolean | null = null;
  let offset: number | null = null;
  const num = (std: string, min: number, max: number): number => {
    const m = new RegExp(`^[0-9]{${min},${max}}`).exec(rest);
    if (!m) fail(value, layout, std, rest);
    rest = rest.slice(m[0].length);
    return Number(m[0]);
  };
  const chunks = tokenize(layout);
  for (let ci = 0; ci < chunks.length; ci++) {
    const ch = chunks[ci];
    if ('lit' in ch) {
      if (!rest.startsWith(ch.lit)) fail(value, layout, ch.lit, rest);
      rest = rest.slice(ch.lit.length);
      continue;
    }
    if ('frac' in ch) {
      const m = /^[.,]([0-9]+)/.exec(rest);
      if (!m || (!ch.trim && m[1].length !== ch.digits)) {
        if (ch.trim && !m) continue;
        fail(value, layout, ch.frac + '0'.repeat(ch.digits), rest);
      }
      nsec = Number((m[1] + '000000000').slice(0, 9));
      rest = rest.slice(m[0].length);
      continue;
    }
    const std = ch.std;
    switch (std) {
      case 'January':
      case 'Jan': {
        const hit = lookupName(rest, MONTHS, std === 'Jan' ? 3 : null);
        if (!hit) fail(value, layout, std, rest);
        month = hit[0] + 1;
        rest = rest.slice(hit[1]);
        break;
      }
      case 'Monday':
      case 'Mon': {
        const hit = lookupName(rest, DAYS, std === 'Mon' ? 3 : null);
        if (!hit) fail(value, layout, std, rest);
        rest = rest.slice(hit[1]);
        break;
      }
      case '2006': year = num(std, 4, 4); break;
      case '06': { const y = num(std, 2, 2); year = y >= 69 ? 1900 + y : 2000 + y; break; }
      case '01': month = num(std, 2, 2); break;
      case '1': month = num(std, 1, 2); break;
      case '02': day = num(std, 2, 2); break;
      case '_2': if (rest.startsWith(' ')) rest = rest.slice(1); day = num(std, 1, 2); break;
      case '2': day = num(std, 1, 2); break;
      case '002': yday = num(std, 3, 3); break;
      case '__2': rest = rest.replace(/^ {1,2}/, ''); yday = num(std, 1, 3); break;
      case '15': hour = num(std, 1, 2); break;
      case '03': hour = num(std, 2, 2); break;
      case '3': hour = num(std, 1, 2); break;
      case '04': min = num(std, 2, 2); break;
      case '4': min = num(std, 1, 2); break;
      case '05':
      case '5': {
        sec = num(std, std === '05' ? 2 : 1, 2);
        // Go accepts fractional seconds after the seconds field even when the layout has none.
        const m = /^[.,]([0-9]+)/.exec(rest);
        const next = chunks[ci + 1];
        if (m && !(next && 'frac' in next)) {
          nsec = Number((m[1] + '000000000').slice(0, 9));
          rest = rest.slice(m[0].length);
        }
        break;
      }
      case 'PM':
      case 'pm': {
        const p = rest.slice(0, 2).toUpperCase();
        if (p !== 'AM' && p !== 'PM') fail(value, layout, std, rest);
        pm = p === 'PM';
        rest = rest.slice(2);
        break;
      }
      case 'MST': {
        const m = /^(UTC|GMT|[A-Z]{3,5})/.exec(rest);
        if (!m) fail(value, layout, std, rest);
        rest = rest.slice(m[0].length);
        if (offset === null) offset = 0;
        break;
      }
      default: {
        if (std.startsWith('Z') && rest.startsWith('Z')) {
          rest = rest.slice(1);
          offset = 0;
          break;
        }
        const shape = std.replace(/^Z/, '-');
        const re = { '-07': /^([+-])(\d\d)/, '-0700': /^([+-])(\d\d)(\d\d)/, '-07:00': /^([+-])(\d\d):(\d\d)/, '-070000': /^([+-])(\d\d)(\d\d)(\d\d)/, '-07:00:00': /^([+-])(\d\d):(\d\d):(\d\d)/ }[shape];
        const m = re?.exec(rest);
        if (!m) fail(value, layout, std, rest);
        offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
        rest = rest.slice(m[0].length);
      }
    }
  }
  if (rest !== '') fail(value, layout, '', '', `: extra text: ${JSON.stringify(rest)}`);
  if (pm !== null) {
    if (hour > 12) fail(value, layout, '', '', ': hour out of range');
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  if (yday >= 0) {
    const d = daysFromCivil(year, 1, 1) + yday - 1;
    const back = daysFromCivil(year, 1, 1);
    month = 1;
    day = d - back + 1;
  }
  if (month < 1 || month > 12) fail(value, layout, '', '', ': month out of range');
  const dim = daysFromCivil(year, month + 1, 1) - daysFromCivil(year, month, 1);
  if (day < 1 || day > dim) fail(value, layout, '', '', ': day out of range');
  if (hour > 23) fail(value, layout, '', '', ': hour out of range');
  if (min > 59) fail(value, layout, '', '', ': minute out of range');
  if (sec > 59) fail(value, layout, '', '', ': second out of range');
  const secs = BigInt(daysFromCivil(year, month, day)) * 86400n + BigInt(hour * 3600 + min * 60 + sec) - BigInt(offset ?? 0);
  return secs * NS_PER_S + BigInt(nsec);
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1_000_000n,
  s: NS_PER_S,
  m: 60n * NS_PER_S,
  h: 3600n * NS_PER_S,
  // OPA's parser also accepts days, weeks and (365-day) years.
  d: 86400n * NS_PER_S,
  w: 7n * 86400n * NS_PER_S,
  y: 365n * 86400n * NS_PER_S,
};

/** Go time.ParseDuration: "300ms", "-1.5h", "2h45m"; exact to the nanosecond. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const bad = () => builtinError(`time: invalid duration ${JSON.stringify(orig)}`);
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw bad();
  let total = 0n;
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.' || (m[1] === '' && (m[2] ?? '') === '')) throw bad();
    s = s.slice(m[0].length);
    const u = /^[^0-9.]+/.exec(s);
    if (!u) throw builtinError(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const mult = UNITS[u[0]];
    if (mult === undefined) throw builtinError(`time: unknown unit ${JSON.stringify(u[0])} in duration ${JSON.stringify(orig)}`);
    s = s.slice(u[0].length);
    const frac = m[2] ?? '';
    const whole = BigInt(m[1] || '0') * mult;
    const fracNs = frac ? (BigInt(frac) * mult) / 10n ** BigInt(frac.length) : 0n;
    total += whole + fracNs;
    if (total > (1n << 63n)) throw builtinError(`time: invalid duration ${JSON.stringify(orig)}`);
  }
  return neg ? -total : total;
}
