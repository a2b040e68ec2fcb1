// Input rules shared by every operation; each failure names its field.
import { fail, type AppsFailure } from '../errors.ts';
import { RATE_LIMIT_UNITS, type RateLimit, type RateLimitUnit } from '../model/types.ts';

const MAX_NAME = 200;
const MAX_DESCRIPTION = 4000;
const MAX_METADATA_ENTRIES = 64;
const MAX_METADATA_VALUE = 2048;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function name(v: unknown, field: string): string | AppsFailure {
  const s = typeof v === 'string' ? v.trim() : '';
  if (!s) return fail('APPS_INVALID', `${field}: required`, field);
  if (s.length > MAX_NAME) return fail('APPS_INVALID', `${field}: at most ${MAX_NAME} characters`, field);
  return s;
}

export function description(v: unknown, field = 'description'): string | AppsFailure {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') return fail('APPS_INVALID', `${field}: must be a string`, field);
  if (v.length > MAX_DESCRIPTION) return fail('APPS_INVALID', `${field}: at most ${MAX_DESCRIPTION} characters`, field);
  return v;
}

/** The `{name, description}` body of teams and apps. */
export function nameAndDescription(body: { name?: unknown; description?: unknown }): { name: string; description: string } | AppsFailure {
  const n = name(body.name, 'name');
  if (isFailure(n)) return n;
  const d = description(body.description);
  return isFailure(d) ? d : { name: n, description: d };
}

export function email(v: unknown): string | AppsFailure {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (!EMAIL.test(s) || s.length > 320) return fail('APPS_INVALID', 'email: must be an e-mail address', 'email');
  return s;
}

export function customMetadata(v: unknown): Record<string, string> | AppsFailure {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('APPS_INVALID', 'customMetadata: must be an object of strings', 'customMetadata');
  const entries = Object.entries(v);
  if (entries.length > MAX_METADATA_ENTRIES) return fail('APPS_INVALID', `customMetadata: at most ${MAX_METADATA_ENTRIES} entries`, 'customMetadata');
  for (const [k, val] of entries) {
    if (!k || typeof val !== 'string' || val.length > MAX_METADATA_VALUE) {
      return fail('APPS_INVALID', `customMetadata.${k}: must be a string of at most ${MAX_METADATA_VALUE} characters`, `customMetadata.${k}`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

export function rateLimit(v: unknown): RateLimit | AppsFailure {
  const r = v as { requestsPerUnit?: unknown; unit?: unknown } | null;
  if (typeof r !== 'object' || r === null) return fail('APPS_INVALID', 'rateLimit: must be an object {requestsPerUnit, unit}', 'rateLimit');
  const n = typeof r.requestsPerUnit === 'number' ? String(r.requestsPerUnit) : r.requestsPerUnit;
  if (typeof n !== 'string' || !/^\d{1,12}$/.test(n)) {
    return fail('APPS_INVALID', 'rateLimit.requestsPerUnit: must be a non-negative whole number', 'rateLimit.requestsPerUnit');
  }
  if (typeof r.unit !== 'string' || !(RATE_LIMIT_UNITS as readonly string[]).includes(r.unit)) {
    return fail('APPS_INVALID', `rateLimit.unit: must be one of ${RATE_LIMIT_UNITS.join(', ')}`, 'rateLimit.unit');
  }
  return { requestsPerUnit: String(Number(n)), unit: r.unit as RateLimitUnit };
}

export const isFailure = (v: unknown): v is AppsFailure => typeof v === 'object' && v !== null && (v as AppsFailure).ok === false;
