// The only way the app talks to the server: same-origin fetches to /v1 with the session cookie.
// Non-2xx answers become ApiError values carrying the server's `message`, so pages can show it and offer a retry.

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export const API_BASE = '/v1';

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The portal server cannot be reached. Check your connection and try again.');
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const message =
      parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string'
        ? (parsed as { message: string }).message
        : `The server answered ${res.status} ${res.statusText}`.trim();
    throw new ApiError(res.status, message);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Where the login link goes: the ext-auth OIDC callback path, which sends the user to the IdP and back here. */
export function loginUrl(returnTo: string): string {
  return `${API_BASE}/login?return_to=${encodeURIComponent(returnTo)}`;
}

export function logoutUrl(): string {
  return `${API_BASE}/logout`;
}
