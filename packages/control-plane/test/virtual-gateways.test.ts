// VirtualGateway (issue 12 item 4, gloo-api-more.md §2) through a real gateway: one socket per listener, TLS from a
// kubernetes.io/tls Secret with minimumProtocolVersion TLSv1_3 (a TLS 1.2 client is refused), an httpsRedirect
// listener, allowedRouteTables host filtering, tables without virtualGateways on the default listener, and the
// status of a table naming a missing VirtualGateway.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { createGateway, type Gateway } from '@portico/gateway';
import { translateRoutes } from '../src/routes/index.ts';
import { selfSignedCert } from '../../gateway/test/support/tls.ts';
import { get } from './routes/http.ts';
import { translateManifests } from './support/translate-manifests.ts';

let gw: Gateway;
before(async () => {
  gw = await createGateway({ listen: { port: 0 }, logger: pino({ level: 'silent' }) });
});
after(() => gw.close());

/** A port nobody listens on right now (the listener config needs a number). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}

/** A TLS 1.2-only handshake: resolves with the error the server's alert causes (or null if it was accepted). */
function tls12Handshake(port: number, ca: string): Promise<Error | null> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port, servername: 'localhost', ca, maxVersion: 'TLSv1.2' });
    s.once('secureConnect', () => {
      s.destroy();
      resolve(null);
    });
    s.once('error', (err) => resolve(err));
  });
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('listeners from a VirtualGateway: TLS 1.3 minimum, https redirect, host-filtered tables, missing gateway', async (t) => {
  const { cert, key } = selfSignedCert();
  const [plainPort, tlsPort] = [await freePort(), await freePort()];
  const yaml = `
apiVersion: v1
kind: Secret
metadata: { name: gw-cert, namespace: gw }
type: kubernetes.io/tls
data: { tls.crt: ${b64(cert)}, tls.key: ${b64(key)} }
---
apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: { name: north-south, namespace: gw }
spec:
  workloads: [{ selector: { labels: { istio: ingressgateway }, cluster: cluster1 } }]
  listeners:
    - { http: {}, port: { number: ${plainPort} }, httpsRedirect: true }
    - http: {}
      port: { number: ${tlsPort} }
      tls: { mode: SIMPLE, secretName: gw-cert, parameters: { minimumProtocolVersion: TLSv1_3 } }
      allowedRouteTables: [{ host: '*.example.com' }]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: api, namespace: gw }
spec:
  hosts: [api.example.com]
  virtualGateways: [{ name: north-south }]
  http: [{ name: hello, directResponse: { status: 200, body: hello over tls } }]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: other, namespace: gw }
spec:
  hosts: [other.org]
  virtualGateways: [{ name: north-south, namespace: gw }]
  http: [{ name: other, directResponse: { status: 200, body: other } }]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: lost, namespace: gw }
spec:
  hosts: [lost.example.com]
  virtualGateways: [{ name: nope }]
  http: [{ name: lost, directResponse: { status: 200, body: lost } }]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: plain, namespace: gw }
spec:
  hosts: [plain.example.com]
  http: [{ name: plain, directResponse: { status: 200, body: plain } }]
`;
  const out = await translateManifests(t, [{ name: 'routes', run: translateRoutes }], yaml);
  gw.update(out.parts.gateway);
  await gw.listenersReady();
  assert.deepEqual(gw.listeners().map((l) => [l.port, l.error]), [[plainPort, null], [tlsPort, null]]);

  const ok = await get(`https://127.0.0.1:${tlsPort}`, '/x', 'api.example.com', { ca: cert, minVersion: 'TLSv1.3' });
  assert.deepEqual([ok.status, ok.body], [200, 'hello over tls']);
  const refused = await tls12Handshake(tlsPort, cert);
  assert.ok(refused !== null, 'a TLS 1.2 client is refused');
  assert.match(String(refused), /protocol version|alert/i);
  assert.equal((await get(`https://127.0.0.1:${tlsPort}`, '/', 'other.org', { ca: cert })).status, 404, 'allowedRouteTables admits only *.example.com tables');

  const redirect = await get(`http://127.0.0.1:${plainPort}`, '/pets?x=1', 'api.example.com');
  assert.deepEqual([redirect.status, redirect.headers.location], [301, `https://api.example.com:${tlsPort}/pets?x=1`]);

  // The gateway's own listener keeps tables without virtualGateways; attached ones are not served there.
  assert.equal((await get(gw.url, '/', 'plain.example.com')).body, 'plain');
  assert.equal((await get(gw.url, '/', 'api.example.com')).status, 404);
  assert.equal((await get(gw.url, '/', 'lost.example.com')).status, 404);

  const status = (kind: string, name: string) => out.statuses.find((s) => s.ref.kind === kind && s.ref.name === name)?.status as any;
  const lost = status('RouteTable', 'lost');
  assert.equal(lost.common.State.approval, 'WARNING');
  assert.match(lost.common.State.message, /virtualGateways\[0\]: VirtualGateway gw\/nope not found; no listener serves this table/);
  assert.equal(lost.numAllowedVirtualGateways, 0);
  assert.equal(status('RouteTable', 'api').numAllowedVirtualGateways, 1);
  const vg = status('VirtualGateway', 'north-south');
  assert.equal(vg.common.State.approval, 'ACCEPTED', vg.common.State.message);
  assert.deepEqual(vg.listenerRouteTables, [
    { listenerIdx: 0, routeTableRef: { name: 'api', namespace: 'gw' } },
    { listenerIdx: 1, routeTableRef: { name: 'api', namespace: 'gw' } },
    { listenerIdx: 0, routeTableRef: { name: 'other', namespace: 'gw' } },
  ]);

  // Dropping the VirtualGateway closes its sockets.
  gw.update({ ...out.parts.gateway, listeners: [] });
  await gw.listenersReady();
  assert.deepEqual(gw.listeners(), []);
  await assert.rejects(get(`http://127.0.0.1:${plainPort}`, '/', 'api.example.com'));
});

test("a plain listener on the gateway's own port shares its socket; a TLS listener there is reported", async (t) => {
  const yaml = `
apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: { name: local, namespace: gw }
spec:
  listeners:
    - { http: {}, port: { number: ${gw.port} } }
---
apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: { name: clash, namespace: gw }
spec:
  listeners:
    - { http: {}, port: { number: ${gw.port} }, tls: { mode: SIMPLE, secretName: none } }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: shared, namespace: gw }
spec:
  hosts: [shared.example.com]
  virtualGateways: [{ name: local }]
  http: [{ name: shared, directResponse: { status: 200, body: shared } }]
`;
  const out = await translateManifests(t, [{ name: 'routes', run: translateRoutes }], yaml);
  const clash = out.statuses.find((s) => s.ref.name === 'clash')?.status as any;
  assert.equal(clash.common.State.approval, 'INVALID');
  assert.match(clash.common.State.message, /port \d+ is already used by listener gw\.local\.0; the listener is not opened/);
  // The control plane already keeps the second listener out; force the clash at the data plane.
  const tls = { certPem: 'x', keyPem: 'y', minVersion: 'TLSv1.2' as const, maxVersion: 'TLSv1.3' as const, ciphers: null };
  gw.update({ ...out.parts.gateway, listeners: [...(out.parts.gateway.listeners ?? []), { name: 'gw.clash.0', port: gw.port, tls, httpsRedirect: null }] });
  await gw.listenersReady();
  assert.equal((await get(gw.url, '/', 'shared.example.com')).body, 'shared');
  const states = gw.listeners();
  assert.deepEqual(states.map((s) => s.name), ['gw.clash.0']);
  assert.match(states[0]!.error ?? '', /is the gateway's own \(plain HTTP\) listener/);
});
