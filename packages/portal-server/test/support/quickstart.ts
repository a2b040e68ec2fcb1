// The quickstart (examples/quickstart/) as the end-to-end tests run it: the real manifests and IdP config, with
// the well-known ports (gateway 8080, IdP 9000, demo 8081/8082, portal server 8090) replaced by the test's
// ephemeral ones.
import { readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';

export const QUICKSTART = new URL('../../../../examples/quickstart/', import.meta.url);

export interface Ports {
  issuer: string;
  petstore: number;
  tracks: number;
}

export function quickstartManifests(p: Ports, extra: (text: string) => string = (t) => t): string {
  const files = readdirSync(QUICKSTART).filter((f) => /^\d+-.*\.ya?ml$/.test(f)).sort();
  const text = files.map((f) => readFileSync(new URL(f, QUICKSTART), 'utf8')).join('\n---\n');
  return extra(
    text
      .replaceAll('http://localhost:9000', p.issuer)
      .replaceAll('portal.localhost:8080', 'portal.localhost:{{GATEWAY_PORT}}')
      .replaceAll('number: 8081', `number: ${p.petstore}`)
      .replaceAll('number: 8082', `number: ${p.tracks}`)
      .replaceAll('number: 8090', 'number: {{PORTAL_PORT}}'),
  );
}

export function quickstartIdpConfig(gatewayPort: number): string {
  return readFileSync(new URL('idp.yaml', QUICKSTART), 'utf8').replaceAll('portal.localhost:8080', `portal.localhost:${gatewayPort}`);
}

export async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}
