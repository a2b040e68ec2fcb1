// Go's time package, as far as OPA's time builtins use it: civil date from nanoseconds in a location
// (IANA zones through Intl), layout-string formatting and parsing (Go's reference time
// "Mon Jan 2 15:04:05 MST 2006"), and AddDate's normalisation.
import { builtinError } from '../builtin-error.ts';

export const NS_PER_S = 1_000_000_000n;
export const INT64_MIN = -(1n << 63n);
export const INT64_MAX = (1n << 63n) - 1n;

export const LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  Kitchen: '3:04PM',
  Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000',
  StampMicro: 'Jan _2 15:04:05.000000',
  StampNano: 'Jan _2 15:04:05.000000000',
  DateTime: '2006-01-02 15:04:05',
  DateOnly: '2006-01-02',
  TimeOnly: '15:04:05',
};

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12; day may overflow, as Go's Date). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y += Math.floor((m - 1) / 12);
  m = ((((m - 1) % 12) + 12) % 12) + 1;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  weekday: number;
  yday: number;
  offset: number; // seconds east of UTC
  abbr: () => string; // zone abbreviation, computed only when a layout prints it
}

const zoneCache = new Map<string, Intl.DateTimeFormat>();

/** Validates a zone name ("" and "UTC" are UTC, "Local" is the process zone), as time.LoadLocation. */
export function loadLocation(name: string): string {
  if (name === '' || name === 'UTC') return 'UTC';
  if (name === 'Local') return Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    zoneFormat(name);
  } catch {
    throw builtinError(`unknown time zone ${name}`);
  }
  return name;
}

function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = zoneCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    zoneCache.set(zone, f);
  }
  return f;
}

function zoneAt(zone: string, unixSec: number): { offset: number; abbr: () => string } {
  if (zone === 'UTC') return { offset: 0, abbr: () => 'UTC' };
  const ms = Math.max(Math.min(unixSec * 1000, 8.64e15), -8.64e15);
  const name = zoneFormat(zone).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?/.exec(name);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) : 0;
  return { offset, abbr: () => abbreviation(zone, ms, offset) };
}

// Locales whose short zone names carry tzdata's abbreviations for different regions (en-US: EST/PST,
// en-GB: CET/BST, en-IN: IST, en-AU: AEST, en-ZA: SAST).
const ABBR_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-ZA'];
const abbrFormats = new Map<string, Intl.DateTimeFormat>();

/** Go prints tzdata's abbreviation; where none is known it is numeric ("-03", "+0530") as in tzdata. */
function abbreviation(zone: string, ms: number, offset: number): string {
  for (const loc of ABBR_LOCALES) {
    const key = loc + ' ' + zone;
    let f = abbrFormats.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(loc, { timeZone: zone, timeZoneName: 'short' });
      abbrFormats.set(key, f);
    }
    const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
  }
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = Math.floor((a % 3600) / 60);
  return (offset < 0 ? '-' : '+') + hh + (mm ? String(mm).padStart(2, '0') : '');

}

export function civil(ns: bigint, zone: string): Civil {
  let sec = ns / NS_PER_S;
  let nsec = ns % NS_PER_S;
  if (nsec < 0n) {
    nsec += NS_PER_S;
    sec -= 1n;
  }
  const { offset, abbr } = zoneAt(zone, Number(sec));
  const local = Number(sec) + offset;
  const days = Math.floor(local / 86400);
  const secOfDay = local - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    min: Math.floor((secOfDay % 3600) / 60),
    sec: secOfDay % 60,
    nsec: Number(nsec),
    weekday: (((days + 4) % 7) + 7) % 7,
    yday: days - daysFromCivil(year, 1, 1) + 1,
    offset,
    abbr,
  };
}

/** Nanoseconds of a local civil time in `zone` (Go's time.Date, normalising overflowing fields). */
export function fromCivil(y: number, mo: number, d: number, h: number, mi: number, s: number, nsec: number, zone: string): bigint {
  const localSec = BigInt(daysFromCivil(y, mo, d)) * 86400n + BigInt(h * 3600 + mi * 60 + s);
  // The zone offset depends on the instant; two passes settle it (as Go's lookup does).
  let off = zoneAt(zone, Number(localSec)).offset;
  off = zoneAt(zone, Number(localSec) - off).offset;
  return (localSec - BigInt(off)) * NS_PER_S + BigInt(nsec);
}

export function formatOffset(offset: number, style: string, z: boolean): string {
  if (z && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = String(Math.floor((a % 3600) / 60)).padStart(2, '0');
  const ss = String(a % 60).padStart(2, '0');
  switch (style) {
    case '-07':
      return sign + hh;
    case '-07:00':
      return `${sign}${hh}:${mm}`;
    case '-07:00:00':
      return `${sign}${hh}:${mm}:${ss}`;
    case '-070000':
      return sign + hh + mm + ss;
    default:
      return sign + hh + mm;
  }
}

// Layout chunks, longest first where one is a prefix of another.
const CHUNKS = [
  'January', 'Jan', 'Monday', 'Mon', 'MST',
  '2006', '002', '01', '02', '03', '04', '05', '06', '__2', '_2', '15', '1', '2', '3', '4', '5',
  'PM', 'pm',
  'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07', '-07:00:00', '-070000', '-07:00', '-0700', '-07',
];

export type Chunk = { lit: string } | { std: string } | { frac: string; digits: number; trim: boolean };

export function tokenize(layout: string): Chunk[] {
  const out: Chunk[] = [];
  let lit = '';
  let i = 0;
  const flush = () => {
    if (lit) out.push({ lit });
    lit = '';
  };
  while (i < layout.length) {
    // Fractional seconds: .000 / ,000 (fixed) or .999 (trimmed), when not followed by another digit.
    const fm = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (fm) {
      flush();
      out.push({ frac: layout[i], digits: fm[1].length, trim: fm[1][0] === '9' });
      i += fm[0].length;
      continue;
    }
    const c = CHUNKS.find((k) => layout.startsWith(k, i));
    if (c) {
      // "Jan"/"Mon" etc. must not swallow letters of a longer word ("Monday" handled by order).
      flush();
      out.push({ std: c });
      i += c.length;
      continue;
    }
    lit += layout[i++];
  }
  flush();
  return out;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function formatTime(ns: bigint, zone: string, layout: string): string {
  const t = civil(ns, zone);
  let out = '';
  for (const ch of tokenize(layout)) {
    if ('lit' in ch) {
      out += ch.lit;
      continue;
    }
    if ('frac' in ch) {
      let digits = pad(t.nsec, 9).slice(0, ch.digits);
      if (ch.trim) {
        digits = digits.replace(/0+$/, '');
        if (digits) out += ch.frac + digits;
      } else out += ch.frac + digits;
      continue;
    }
    const s = ch.std;
    switch (s) {
      case 'January': out += MONTHS[t.month - 1]; break;
      case 'Jan': out += MONTHS[t.month - 1].slice(0, 3); break;
      case 'Monday': out += DAYS[t.weekday]; break;
      case 'Mon': out += DAYS[t.weekday].slice(0, 3); break;
      case 'MST': out += t.abbr(); break;
      case '2006': out += t.year < 0 ? '-' + pad(-t.year, 4) : pad(t.year, 4); break;
      case '06': out += pad(((t.year % 100) + 100) % 100, 2); break;
      case '01': out += pad(t.month, 2); break;
      case '1': out += t.month; break;
      case '02': out += pad(t.day, 2); break;
      case '_2': out += String(t.day).padStart(2, ' '); break;
      case '2': out += t.day; break;
      case '002': out += pad(t.yday, 3); break;
      case '__2': out += String(t.yday).padStart(3, ' '); break;
      case '15': out += pad(t.hour, 2); break;
      case '03': out += pad(t.hour % 12 || 12, 2); break;
      case '3': out += t.hour % 12 || 12; break;
      case '04': out += pad(t.min, 2); break;
      case '4': out += t.min; break;
      case '05': out += pad(t.sec, 2); break;
      case '5': out += t.sec; break;
      case 'PM': out += t.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += t.hour >= 12 ? 'pm' : 'am'; break;
      default:
        out += formatOffset(t.offset, s.replace(/^Z/, '-'), s.startsWith('Z'));
    }
  }
  return out;
}
