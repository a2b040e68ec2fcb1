// One GET against the portal server, classified: the caller gets parsed JSON or a coded failure that says which
// URL answered what. The bearer token goes into the request header and nowhere else.
import { failure, type Result } from '../errors.ts';
import { portalFetch } from './localhost-fetch.ts';

export interface PortalHttpOptions {
  fetch?: typeof globalThis.fetch;
  /** null = anonymous (no Authorization header). */
  token: string | null;
  signal?: AbortSignal;
  requestTimeoutMs?: number;
  /** Counts requests, for the "at most 2 per version" budget. */
  onRequest?: (url: string) => void;
  debug?: (message: string) => void;
}

export type GetJsonResult = Result<unknown> & { status?: number };

function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const message = body?.message ?? body?.error;
    if (typeof message === 'string') return `: ${message.slice(0, 200)}`;
  } catch {
    // not JSON: say nothing about the body rather than echo arbitrary text
  }
  return '';
}

/**
 * GET url and parse JSON. A status in `absentStatuses` gives `{ ok: true, value: undefined, status }`, for the
 * endpoints where it means "nothing here" rather than an error.
 */
export async function getJson(url: string, options: PortalHttpOptions, absentStatuses: readonly number[] = []): Promise<GetJsonResult> {
  const doFetch = options.fetch ?? portalFetch;
  const timeout = AbortSignal.timeout(options.requestTimeoutMs ?? 15_000);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token !== null) headers.authorization = `Bearer ${options.token}`;
  options.onRequest?.(url);
  const started = performance.now();
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, { headers, signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout });
    text = await res.text();
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    return failure('PORTAL_UNREACHABLE', `cannot reach the portal server at ${url}: ${why}`);
  }
  options.debug?.(`GET ${url} -> ${res.status} (${Math.round(performance.now() - started)} ms, ${text.length} bytes)`);
  if (res.status === 401 || res.status === 403) {
    return { ...failure('PORTAL_UNAUTHORIZED', `the portal server refused ${url}: HTTP ${res.status}${errorDetail(text)}`), status: res.status };
  }
  if (absentStatuses.includes(res.status)) return { ok: true, value: undefined, status: res.status };
  if (!res.ok) {
    return { ...failure('PORTAL_HTTP_ERROR', `the portal server answered HTTP ${res.status} for ${url}${errorDetail(text)}`), status: res.status };
  }
  try {
    return { ok: true, value: JSON.parse(text), status: res.status };
  } catch (err) {
    return {
      ...failure('PORTAL_BAD_JSON', `the portal server answered ${url} with malformed JSON: ${(err as Error).message}`),
      status: res.status,
    };
  }
}

/** Runs fn over items with at most `limit` in flight; stops at the first failure and returns it. */
export async function mapLimit<T, R>(
  items: readonly T[], limit: number, fn: (item: T) => Promise<Result<R>>,
): Promise<Result<R[]>> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: Result<R[]> | undefined;
  async function worker(): Promise<void> {
    while (failed === undefined && next < items.length) {
      const i = next++;
      const r = await fn(items[i] as T);
      if (!r.ok) failed ??= r;
      else out[i] = r.value;
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return failed ?? { ok: true, value: out };
}
