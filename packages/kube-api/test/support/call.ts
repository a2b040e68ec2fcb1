// One HTTPS request to a test server's Kubernetes API with its token: status, headers and the (JSON-decoded) body.
import { request } from 'node:https';
import type { KubeApi } from '@portico/kube-api';

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Res>;

export function caller(kube: () => KubeApi, token: () => string): Call {
  return (method, path, body, headers = {}) => {
    const k = kube();
    const u = new URL(k.url);
    return new Promise((resolve, reject) => {
      const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const req = request({ host: u.hostname, port: u.port, path, method, ca: k.caPem, headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json', ...headers } }, (res) => {
        let data = '';
        res.on('data', (d: Buffer) => (data += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data && /json/.test(String(res.headers['content-type'])) ? JSON.parse(data) : data }));
      });
      req.on('error', reject);
      req.end(text);
    });
  };
}
