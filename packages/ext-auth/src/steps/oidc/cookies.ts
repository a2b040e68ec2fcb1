// Session cookie attributes from Gloo's UserSession.cookieOptions (gloo-api.md §2.5): maxAge 30 days (0 = browser
// session), path "/", HttpOnly, SameSite=Lax, Secure unless notSecure, optional Domain.
export interface CookieOptions {
  maxAge: number; // seconds; 0 = no Max-Age
  notSecure: boolean;
  httpOnly: boolean;
  path: string; // "" = no Path attribute
  sameSite: 'DefaultMode' | 'LaxMode' | 'StrictMode' | 'NoneMode';
  domain: string | null;
}

const SAME_SITE = { DefaultMode: null, LaxMode: 'Lax', StrictMode: 'Strict', NoneMode: 'None' } as const;

export function serializeCookie(name: string, value: string, o: CookieOptions, maxAgeOverride?: number): string {
  const parts = [`${name}=${value}`];
  const maxAge = maxAgeOverride ?? o.maxAge;
  if (maxAgeOverride !== undefined || maxAge > 0) parts.push(`Max-Age=${maxAge}`);
  if (o.domain) parts.push(`Domain=${o.domain}`);
  if (o.path) parts.push(`Path=${o.path}`);
  if (o.httpOnly) parts.push('HttpOnly');
  const sameSite = SAME_SITE[o.sameSite];
  if (sameSite) parts.push(`SameSite=${sameSite}`);
  if (!o.notSecure) parts.push('Secure');
  return parts.join('; ');
}

/** A cookie that deletes `name` (same Path/Domain, so the browser matches it). */
export function clearCookie(name: string, o: CookieOptions): string {
  return serializeCookie(name, '', o, 0);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/;\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
