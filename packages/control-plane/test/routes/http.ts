import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';

// GET with an explicit Host header (fetch cannot set Host), one fresh connection per call; an https base URL
// takes the CA to trust (and verifies the certificate as `localhost`).
export function get(
  baseUrl: string,
  path: string,
  host: string,
  tls: { ca: string; minVersion?: 'TLSv1.2' | 'TLSv1.3' } | null = null,
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const u = new URL(baseUrl);
  const options = { host: u.hostname, port: u.port, path, headers: { host }, agent: false as const };
  return new Promise((resolve, reject) => {
    const onResponse = (res: import('node:http').IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    };
    const req = tls === null ? request(options, onResponse) : httpsRequest({ ...options, servername: 'localhost', ca: tls.ca, ...(tls.minVersion ? { minVersion: tls.minVersion } : {}) }, onResponse);
    req.on('error', reject);
    req.end();
  });
}
