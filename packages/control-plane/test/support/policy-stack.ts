// End-to-end harness for the route-policy tests: the real control plane (sqlite store in a temp dir, every
// translation stage), the real ext-auth service and the real gateway on loopback, wired as `portico up` wires
// them. `apply` stores manifests and resolves once the snapshot translated from them is served.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifests, type ResourceInput } from '@portico/api';
import { createGateway, type Gateway } from '@portico/gateway';
import { PorticoAuthService, silentLogger, type AuthServiceOptions } from '@portico/ext-auth';
import { attachDataPlanes, startControlPlane, type ControlPlane } from '../../src/index.ts';

export interface PolicyStack {
  cp: ControlPlane;
  gateway: Gateway;
  auth: PorticoAuthService;
  /** Gateway log lines (warn/info objects). */
  logs: Record<string, unknown>[];
  apply(yaml: string): Promise<void>;
  remove(kind: string, namespace: string, name: string): Promise<void>;
  status(kind: string, namespace: string, name: string): Promise<Record<string, unknown> | undefined>;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export async function startPolicyStack(t: { after(f: () => unknown): void }, opts: { apiKeys?: AuthServiceOptions['apiKeys'] } = {}): Promise<PolicyStack> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-policies-'));
  const cp = await startControlPlane({ stateDir: dir, admin: false, debounceMs: 5 });
  const auth = new PorticoAuthService({ logger: silentLogger, apiKeys: opts.apiKeys ?? null });
  const logs: Record<string, unknown>[] = [];
  const logger = { info: (o: object) => logs.push(o as Record<string, unknown>), warn: (o: object) => logs.push(o as Record<string, unknown>), error: (o: object) => logs.push(o as Record<string, unknown>) };
  const gateway = await createGateway({ listen: { host: '127.0.0.1', port: 0 }, authService: auth, logger });
  const unsubscribe = attachDataPlanes(cp, { auth, gateway });
  t.after(async () => {
    unsubscribe();
    await gateway.close();
    auth.close();
    await cp.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const settle = async () => assert.ok(await cp.reconciler.waitFor(undefined, 10_000), 'translation did not catch up');
  return {
    cp,
    gateway,
    auth,
    logs,
    async apply(yaml) {
      for (const d of parseManifests(yaml)) {
        assert.ok(d.ok, d.ok ? '' : d.message);
        const r = await cp.store.apply(d.resource as ResourceInput);
        assert.ok(r.ok, r.ok ? '' : r.message);
      }
      await settle();
    },
    async remove(kind, namespace, name) {
      await cp.store.delete(kind, namespace, name);
      await settle();
    },
    async status(kind, namespace, name) {
      return (await cp.store.get(kind, namespace, name))?.status as Record<string, unknown> | undefined;
    },
  };
}

export function send(port: number, path: string, init: { method?: string; host?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: init.host ?? 'api.test', ...(init.headers ?? {}) };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const req = request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** An ExternalService for a loopback upstream plus a root RouteTable on api.test with the given routes. */
export function upstreamAndRoutes(port: number, routes: { name: string; prefix: string; labels?: Record<string, string> }[]): string {
  const http = routes
    .map(
      (r) => `    - name: ${r.name}
      labels: ${JSON.stringify(r.labels ?? {})}
      matchers: [{ uri: { prefix: ${r.prefix} } }]
      forwardTo: { destinations: [{ ref: { name: echo }, kind: EXTERNAL_SERVICE, port: { number: ${port} } }] }`,
    )
    .join('\n');
  return `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: echo, namespace: ns }
spec: { hosts: [echo.local], addresses: [127.0.0.1], ports: [{ name: http, number: ${port}, protocol: HTTP }] }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: rt, namespace: ns }
spec:
  hosts: [api.test]
  http:
${http}
`;
}

/** A plain HTTP server on a loopback port, closed when the test ends; returns its port. */
export async function serveOnLoopback(t: { after(f: () => unknown): void }, handler: RequestListener): Promise<number> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
  return (server.address() as AddressInfo).port;
}
