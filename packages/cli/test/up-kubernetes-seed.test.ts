// The seed walkthrough ("Use OIDC for multiple API products") through a controller: `portico up --kubernetes` in one
// process, a Kubernetes API server (Portico's, over a bare store: no control plane of its own) in another, the seed's
// manifests applied there with real kubectl. The controller derives the AuthConfig and creates it in the API server
// with an ownerReference to its ExtAuthPolicy, writes statuses through /status and Events through core v1; its
// gateway answers 403 without a token and 200 with the dev IdP's access token. Every call the controller made is one
// its ClusterRole grants (the API server audits reads and writes).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startIdp } from '@portico/idp';
import { controllerRbacRules } from '@portico/kube-store';
import { until } from '@portico/testing';
import { gatewayGet, portico, QUICKSTART, startUp } from './helpers.ts';
import { cleanup, skipWithoutKubectl, startApiServerProcess, tempDir, track, ungrantedCalls } from './kube-api-process.ts';

after(cleanup);

interface Wire {
  metadata: { uid: string; ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[] };
  status?: { state?: string; common?: { State?: { approval?: string } } };
}

test('controller: the seed manifests applied with kubectl to the API server; 403 → token → 200 through the controller', { skip: skipWithoutKubectl }, async (t) => {
  const { kubeconfig, kubectl, auditLog } = await startApiServerProcess();
  const idp = await startIdp({ port: 0, stateDir: tempDir('portico-seed-idp-'), config: join(QUICKSTART, 'idp.yaml'), persistGrants: false });
  t.after(() => idp.close());
  const up = await startUp(['--kubernetes', '--kubeconfig', kubeconfig, '--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--petstore-port', '0', '--tracks-port', '0', '--no-idp', '--workers', '0'], { cwd: tempDir('portico-seed-controller-') });
  track(up.child);
  const out = up.out();
  const gateway = /gateway +(http:\/\/\S+)/.exec(out)![1]!;
  const petstore = new URL(/demo petstore\s+(http:\/\/\S+)/.exec(out)![1]!).port;
  const tracks = new URL(/demo tracks\s+(http:\/\/\S+)/.exec(out)![1]!).port;

  // The seed's manifests as written, but for this run's addresses (the demo upstreams' and the IdP's ports).
  const routes = (readFileSync(join(QUICKSTART, '01-upstreams.yaml'), 'utf8') + '---\n' + readFileSync(join(QUICKSTART, '02-route-tables.yaml'), 'utf8')).replaceAll('8081', petstore).replaceAll('8082', tracks);
  assert.match(kubectl(['apply', '-f', '-'], routes), /^routetable\.networking\.gloo\.solo\.io\/tracks-rt created$/m);
  assert.match(kubectl(['apply', '-f', '-'], readFileSync(join(QUICKSTART, '03-extauth-oidc.yaml'), 'utf8').replaceAll('http://localhost:9000', idp.issuer)), /^extauthpolicy\.security\.policy\.gloo\.solo\.io\/oauth-okta created$/m);

  // The seed's queries answer as the walkthrough shows.
  const labels = kubectl(['get', 'rt', '-n', 'gloo-mesh-gateways', '-o=jsonpath={range .items[*]}[{.metadata.name}, {.spec.http[*].name}, {.spec.http[*].labels}]{"\\n"}{end}']);
  assert.equal(labels, '[api-example-com-rt, , ]\n[petstore-rt, pets-api users-api store-api, ]\n[tracks-rt, tracks-api, {"usagePlans":"dev-portal"}]\n');

  // The derived AuthConfig: created in the API server by the controller, owned by its policy, ACCEPTED through /status.
  const policy = JSON.parse(kubectl(['get', 'extauthpolicy', 'oauth-okta', '-n', 'gloo-mesh-addons', '-o', 'json'])) as Wire;
  const ac = await until(() => {
    const list = JSON.parse(kubectl(['get', 'authconfig', '-n', 'gloo-mesh-addons', '-o', 'json'])) as { items: Wire[] };
    return list.items.find((a) => a.status?.state === 'ACCEPTED');
  }, 'an ACCEPTED AuthConfig in the API server', 30_000, 100);
  assert.deepEqual(ac.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.uid, o.controller]), [['ExtAuthPolicy', 'oauth-okta', policy.metadata.uid, true]]);
  await until(() => ((JSON.parse(kubectl(['get', 'rt', 'tracks-rt', '-n', 'gloo-mesh-gateways', '-o', 'json'])) as Wire).status?.common?.State?.approval === 'ACCEPTED' || undefined), 'tracks-rt ACCEPTED');
  // Events: the controller's core v1 Events, listed by the API server about the objects they concern.
  await until(() => (/ACCEPTED/.test(kubectl(['get', 'events', '-n', 'gloo-mesh-gateways', '--field-selector', 'involvedObject.name=tracks-rt'])) || undefined), 'an event about tracks-rt');

  // 403 without a token, 200 with the IdP's access token — through the controller's gateway.
  await until(async () => ((await gatewayGet(gateway, '/trackapi/tracks')) === 403 || undefined), 'tracks protected (403 without a token)', 30_000, 100);
  const token = await portico(['token', '--issuer', idp.issuer, '--client-id', 'quickstart-client', '--client-secret', 'quickstart-secret', '--scope', 'petstore tracks']);
  assert.equal(token.code, 0, token.stderr);
  assert.equal(await gatewayGet(gateway, '/trackapi/tracks', { authorization: `Bearer ${token.stdout.trim()}` }), 200);

  // Server side: the AuthConfig, its status and the events were written by the controller (its fieldManager).
  const writes = readFileSync(auditLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { verb: string; requestURI: string; objectRef: { resource: string; subresource?: string }; responseStatus: { code: number } });
  const by = (resource: string, verb: string, subresource?: string) => writes.filter((w) => w.objectRef.resource === resource && w.verb === verb && w.objectRef.subresource === subresource);
  for (const w of [...by('authconfigs', 'create'), ...by('authconfigs', 'update', 'status'), ...by('events', 'create')]) {
    assert.match(w.requestURI, /fieldManager=portico-controller(&|$)/);
    assert.equal(w.responseStatus.code < 300, true, `${w.verb} ${w.requestURI}: ${w.responseStatus.code}`);
  }
  assert.ok(by('authconfigs', 'create').length >= 1 && by('events', 'create').length >= 1);

  // Deleting the policy removes what was derived from it.
  kubectl(['delete', 'extauthpolicy', 'oauth-okta', '-n', 'gloo-mesh-addons']);
  await until(() => ((JSON.parse(kubectl(['get', 'authconfig', '-n', 'gloo-mesh-addons', '-o', 'json'])) as { items: unknown[] }).items.length === 0 || undefined), 'the AuthConfig deleted with its policy');

  // Every call the controller made (reads too: the server audits them) is one its ClusterRole grants
  // (controllerRbacRules, deploy/overlays/controller/clusterrole.yaml): on a cluster none would be refused.
  const audited = ungrantedCalls(auditLog, controllerRbacRules());
  assert.ok(audited.verbs.has('list') && audited.verbs.has('delete'), 'the controller listed and deleted');
  assert.deepEqual(audited.ungranted, []);
});
