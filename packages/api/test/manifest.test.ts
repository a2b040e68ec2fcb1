// Manifest parsing: multi-document YAML, each error naming file, document index, field path and rule; the other
// documents still come back valid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatManifestErrors, parseManifests } from '@portico/api';

const text = `
apiVersion: v1
kind: ConfigMap
metadata: {name: opa, namespace: ns}
data: {policy.rego: "package test"}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: bad, namespace: ns}
spec:
  hosts: ["bar.*.com"]
  http: [{name: r, directResponse: {status: 200}}]
---
# only a comment: skipped
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: {name: p, namespace: ns}
spec:
  config:
    glooAuth:
      configs:
        - oauth2:
            access_token_validation:
              jwt:
                remote_jwks: {url: "http://localhost:9000/jwks"}
`;

test('each document is validated on its own; errors name file, index, path and rule', () => {
  const docs = parseManifests(text, 'quick.yaml');
  assert.deepEqual(docs.map((d) => [d.index, d.ok]), [[0, true], [1, false], [3, false], [4, true]]);
  assert.deepEqual(formatManifestErrors(docs[1]!), [
    'quick.yaml: document 1: spec.hosts[0]: a wildcard is only allowed as the left-most character of the host (rule: host syntax)',
  ]);
  const unknown = docs[2]!;
  assert.equal(unknown.ok ? '' : unknown.code, 'API_UNKNOWN_KIND');
  assert.match(formatManifestErrors(unknown)[0]!, /^quick\.yaml: document 3: kind: unknown kind "Widget"/);
  const eap = docs[3]!;
  assert.ok(eap.ok);
  const jwt = (eap.resource.spec as any).config.glooAuth.configs[0].oauth2.accessTokenValidation.jwt;
  assert.deepEqual(jwt, { remoteJwks: { url: 'http://localhost:9000/jwks' } }, '§7.10 remote_jwks snake_case accepted');
});

test('a YAML syntax error reports the line and still lets the other documents through', () => {
  const docs = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: [unclosed\n', 'broken.yaml');
  assert.equal(docs[0]!.ok, true);
  const bad = docs[1]!;
  assert.equal(bad.ok ? '' : bad.code, 'API_YAML_SYNTAX');
  assert.match(formatManifestErrors(bad)[0]!, /^broken\.yaml: document 1: line \d+, column \d+: .* \(rule: YAML syntax\)$/);
});

test('a List document expands to its items with item indexes', () => {
  const docs = parseManifests(
    'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: "Bad_Name"}}\n',
    'list.yaml',
  );
  assert.deepEqual(docs.map((d) => [d.index, d.item, d.ok]), [[0, 0, true], [0, 1, false]]);
  assert.match(formatManifestErrors(docs[1]!)[0]!, /^list\.yaml: document 0 item 1: metadata\.name: a lowercase RFC 1123 subdomain/);
});

test('missing apiVersion/kind and non-object documents are coded errors', () => {
  const docs = parseManifests('metadata: {name: a}\n---\n- 1\n- 2\n', 'x.yaml');
  assert.deepEqual(docs.map((d) => (d.ok ? 'ok' : d.code)), ['API_MISSING_KIND', 'API_NOT_AN_OBJECT']);
});
