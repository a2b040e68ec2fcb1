// A small client for the control plane's admin HTTP API (the only way the CLI touches state).
import type { Resource } from '@portico/api';
import { CliError } from './errors.ts';

export const DEFAULT_SERVER = 'http://127.0.0.1:9900';

/** --server flag, else PORTICO_SERVER, else the default admin address. */
export function serverUrl(flag: string | undefined): string {
  return (flag ?? process.env.PORTICO_SERVER ?? DEFAULT_SERVER).replace(/\/+$/, '');
}

export interface ApiResponse<T> {
  status: number;
  body: T & { ok: boolean; code?: string; message?: string };
}

export class AdminClient {
  readonly base: string;
  readonly token: string | null;
  constructor(base: string, token: string | null = null) {
    this.base = base;
    this.token = token;
  }

  /** Authorization for the admin API (portico up requires its token). */
  authHeaders(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { ...this.authHeaders(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new CliError('CLI_SERVER_UNREACHABLE', `cannot reach the Portico control plane at ${this.base} (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message}); is \`portico up\` running? (set --server or PORTICO_SERVER)`);
    }
    const text = await res.text();
    let parsed: ApiResponse<T>['body'];
    try {
      parsed = JSON.parse(text) as ApiResponse<T>['body'];
    } catch {
      throw new CliError('CLI_SERVER_ERROR', `unexpected answer from ${this.base}${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    }
    return { status: res.status, body: parsed };
  }

  async list(kind: string, namespace: string | undefined, labelSelector?: string): Promise<{ kind: string; apiVersion: string; revision: number; items: Resource[] }> {
    const q = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    const path = `/v1/resources/${encodeURIComponent(kind)}${namespace ? `/${encodeURIComponent(namespace)}` : ''}${q}`;
    const r = await this.request<{ kind: string; apiVersion: string; revision: number; items: Resource[] }>('GET', path);
    if (!r.body.ok) throw serverError(r);
    return r.body;
  }

  async get(kind: string, namespace: string, name: string): Promise<Resource | undefined> {
    const r = await this.request<{ resource: Resource }>('GET', resourcePath(kind, namespace, name));
    if (r.status === 404 && r.body.code === 'CP_NOT_FOUND') return undefined;
    if (!r.body.ok) throw serverError(r);
    return r.body.resource;
  }
}

export function resourcePath(kind: string, namespace: string, name: string): string {
  return `/v1/resources/${encodeURIComponent(kind)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

export function serverError(r: ApiResponse<unknown>): CliError {
  return new CliError('CLI_SERVER_ERROR', `Error from server (${r.body.code ?? r.status}): ${r.body.message ?? 'unknown error'}`);
}

/** One change from GET /v1/watch. */
export interface WatchLine {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  revision: number;
  statusOnly: boolean;
  object: Resource;
}

/** Follows GET /v1/watch until the server closes the stream (or `signal` aborts). */
export async function followWatch(base: string, query: URLSearchParams, onLine: (l: WatchLine) => void, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${base}/v1/watch?${query}`, { headers, ...(signal ? { signal } : {}) });
  } catch (err) {
    throw new CliError('CLI_SERVER_UNREACHABLE', `cannot reach the Portico control plane at ${base} (${(err as Error).message})`);
  }
  if (!res.ok || !res.body) throw new CliError('CLI_SERVER_ERROR', `Error from server: HTTP ${res.status} ${await res.text()}`);
  const decoder = new TextDecoder();
  let buf = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) onLine(JSON.parse(line) as WatchLine);
    }
  }
}
