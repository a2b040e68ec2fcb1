// One ApiSchemaDiscovery fetch (gloo-api-more.md §4): GET fetchEndpoint.url, up to pullAttempts times (default 3),
// waiting retryDelay (default 5s) between tries, doubled each time when useBackoff (default true). The body must
// be an OpenAPI (or Swagger) document in JSON or YAML. Every attempt has a timeout and a size cap.
import { durationMs, type ApiSchemaDiscoverySpec } from '@portico/api';
import { parse as parseYaml } from 'yaml';

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_SCHEMA_BYTES = 4 * 1024 * 1024;

export type FetchOutcome = { ok: true; text: string; attempts: number } | { ok: false; message: string; attempts: number };

export interface FetchDeps {
  fetch: typeof fetch;
  /** Waits ms (tests inject a fast clock); resolves early with false when the discovery stops. */
  sleep(ms: number): Promise<boolean>;
}

async function once(deps: FetchDeps, url: string): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await deps.fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' } });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, message: cause?.code ?? cause?.message ?? (err as Error).message };
  }
  if (!res.ok) {
    await res.body?.cancel();
    return { ok: false, message: `HTTP ${res.status}` };
  }
  const text = await res.text();
  if (Buffer.byteLength(text) > MAX_SCHEMA_BYTES) return { ok: false, message: `document larger than ${MAX_SCHEMA_BYTES} bytes` };
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    return { ok: false, message: `not JSON or YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  if (!doc || typeof doc !== 'object' || (!('openapi' in doc) && !('swagger' in doc))) return { ok: false, message: 'not an OpenAPI document (no openapi or swagger field)' };
  return { ok: true, text };
}

export async function fetchSchema(deps: FetchDeps, spec: ApiSchemaDiscoverySpec): Promise<FetchOutcome> {
  const f = spec.openapi.fetchEndpoint;
  const attempts = f.pullAttempts ?? 3;
  let delay = durationMs(f.retryDelay ?? '5s');
  let last = '';
  for (let i = 1; i <= attempts; i++) {
    const r = await once(deps, f.url);
    if (r.ok) return { ok: true, text: r.text, attempts: i };
    last = r.message;
    if (i < attempts) {
      if (!(await deps.sleep(delay))) break;
      if (f.useBackoff ?? true) delay *= 2;
    }
  }
  return { ok: false, message: `fetching ${f.url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${last}`, attempts };
}
