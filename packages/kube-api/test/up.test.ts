// The walkthrough as a user runs it: `portico up --quickstart`, then kubectl with the kubeconfig it wrote — the seed
// manifests applied with `kubectl apply -f -` (only the IdP's URL changed), the seed's queries, the AuthConfig
// ACCEPTED, and the protected route: 403 without a token, 200 with the IdP's access token.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { skipReason } from '@portico/testing';
import { gatewayGet, portico, startUp } from '../../cli/test/helpers.ts';
import { kubectl, kubectlBuilds } from './support/kubectl.ts';

const QUICKSTART = fileURLToPath(new URL('../../../examples/quickstart/', import.meta.url));
const bin = kubectlBuilds().at(-1);

test('portico up, then kubectl as the walkthrough is written; 403 → token → 200 through the gateway', { skip: skipReason(bin !== undefined, 'kubectl is not installed') }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-up-kubectl-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--idp-port', '0', '--petstore-port', '0', '--tracks-port', '0', '--kube-api-port', '0', '--workers', '0'];
  const { child, out: output } = await startUp(['--quickstart', '--state-dir', join(dir, 'state'), ...ports], { cwd: dir });
  t.after(() => child.kill('SIGKILL'));
  const out = output();
  const gateway = /gateway\s+(http:\/\/\S+)/.exec(out)?.[1];
  const idp = /dev IdP\s+(http:\/\/\S+)/.exec(out)?.[1];
  assert.ok(gateway && idp, out);
  assert.match(out, /Kubernetes API\s+https:\/\/127\.0\.0\.1:\d+\s+\(kubectl: export KUBECONFIG=\S+\/state\/kubeconfig\)/);
  const kubeconfig = join(dir, 'state', 'kubeconfig');
  const k = (args: string[], stdin?: string) => kubectl(bin!, kubeconfig, args, stdin === undefined ? {} : { stdin });

  // The seed's manifests, verbatim but for addresses: this run's IdP and demo upstreams listen on ephemeral ports.
  const petstore = new URL(/demo petstore\s+(http:\/\/\S+)/.exec(out)![1]!).port;
  const tracks = new URL(/demo tracks\s+(http:\/\/\S+)/.exec(out)![1]!).port;
  const routes = (readFileSync(join(QUICKSTART, '01-upstreams.yaml'), 'utf8') + '---\n' + readFileSync(join(QUICKSTART, '02-route-tables.yaml'), 'utf8')).replaceAll('8081', petstore).replaceAll('8082', tracks);
  const upstreams = await k(['apply', '-f', '-'], routes);
  assert.equal(upstreams.code, 0, upstreams.stderr);
  // up --quickstart created them without kubectl's last-applied annotation, so kubectl adds it: configured.
  assert.match(upstreams.stdout, /^routetable\.networking\.gloo\.solo\.io\/tracks-rt configured$/m);
  const policy = await k(['apply', '-f', '-'], readFileSync(join(QUICKSTART, '03-extauth-oidc.yaml'), 'utf8').replaceAll('http://localhost:9000', idp));
  assert.equal(policy.code, 0, policy.stderr);
  assert.match(policy.stdout, /^extauthpolicy\.security\.policy\.gloo\.solo\.io\/oauth-okta configured$/m);

  const labels = await k(['get', 'rt', '-n', 'gloo-mesh-gateways', '-o=jsonpath={range .items[*]}[{.metadata.name}, {.spec.http[*].name}, {.spec.http[*].labels}]{"\\n"}{end}']);
  assert.equal(labels.stdout, '[api-example-com-rt, , ]\n[petstore-rt, pets-api users-api store-api, ]\n[tracks-rt, tracks-api, {"usagePlans":"dev-portal"}]\n', labels.stderr);
  const products = await k(['get', 'rt', '-n', 'gloo-mesh-gateways', '-o=jsonpath={range .items[*]}[{.metadata.name}, {.spec.portalMetadata.apiProductId}]{"\\n"}{end}']);
  assert.equal(products.stdout, '[api-example-com-rt, ]\n[petstore-rt, petstore]\n[tracks-rt, tracks]\n');
  const ac = await k(['get', 'authconfig', '-n', 'gloo-mesh-addons', '-o', 'yaml']);
  assert.match(ac.stdout, /state: ACCEPTED/, ac.stdout + ac.stderr);

  assert.equal(await gatewayGet(gateway, '/trackapi/tracks', {}), 403);
  const token = await portico(['token', '--issuer', idp, '--client-id', 'quickstart-client', '--client-secret', 'quickstart-secret', '--scope', 'petstore tracks']);
  assert.equal(token.code, 0, token.stderr);
  const withToken = await gatewayGet(gateway, '/trackapi/tracks', { authorization: `Bearer ${token.stdout.trim()}` });
  assert.equal(withToken, 200, out.split('\n').filter((l) => /trackapi|error|warn/.test(l)).slice(-5).join('\n'));

  // The portico CLI reads the same kubeconfig for its token.
  const cli = await portico(['--server', /admin API\s+(http:\/\/\S+)/.exec(out)![1]!, 'get', 'ac', '-n', 'gloo-mesh-addons'], { env: { KUBECONFIG: kubeconfig } });
  assert.equal(cli.code, 0);
  assert.match(cli.stdout, /ACCEPTED/);

  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});
