import { request } from 'node:http';

// A plain node:http client for tests: unlike fetch it may set Host (to exercise virtual hosts) and
// never follows redirects. A fresh connection per call keeps tests independent.

export interface SendOptions {
  method?: string;
  host?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

export interface SendResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function send(baseUrl: string, path: string, opts: SendOptions = {}): Promise<SendResult> {
  const u = new URL(baseUrl);
  const headers: Record<string, string | string[]> = { ...(opts.headers ?? {}) };
  if (opts.host !== undefined) headers.host = opts.host;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path, method: opts.method ?? 'GET', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function json(r: SendResult): unknown {
  return JSON.parse(r.body);
}
