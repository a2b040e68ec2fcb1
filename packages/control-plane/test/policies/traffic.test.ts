// HeaderManipulationPolicy, TransformationPolicy, RetryTimeoutPolicy and DLPPolicy through the real stack
// (gloo-api-more.md §6, §8, §9, §11): their effects on what the upstream receives and what the client gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEcho } from '../../../gateway/test/support/echo-upstream.ts';
import { send, serveOnLoopback, startPolicyStack, upstreamAndRoutes } from '../support/policy-stack.ts';

test('HeaderManipulationPolicy and TransformationPolicy: request and response headers, extractors, body template; unsupported parts reported', async (t) => {
  const echo = await startEcho('echo');
  t.after(() => echo.close());
  const s = await startPolicyStack(t);
  await s.apply(
    upstreamAndRoutes(echo.port, [
      { name: 'hm', prefix: '/hm', labels: { hm: 'yes' } },
      { name: 'tp', prefix: '/tp', labels: { tp: 'yes' } },
      { name: 'tr', prefix: '/tr', labels: { tr: 'yes' } },
    ]) +
      `---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: HeaderManipulationPolicy
metadata: { name: hm, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { hm: "yes" } } }]
  config:
    appendRequestHeaders: { x-team: platform, x-dup: second }
    removeRequestHeaders: [x-internal]
    appendResponseHeaders: { x-served-by: portico }
    removeResponseHeaders: [x-upstream]
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: TransformationPolicy
metadata: { name: tp, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { tp: "yes" } } }]
  config:
    request:
      injaTemplate:
        extractors:
          org: { header: ':path', regex: '.*', subgroup: 0 }
          tenant: { header: x-tenant-path, regex: '/tenants/([a-z]+)/.*', subgroup: 1 }
        headers:
          x-tenant: { text: '{{ extraction("tenant") }}' }
          x-auth-b64: { text: '{{ base64_encode(header("x-user")) }}' }
          x-json-user: { text: '{{ user.name }} in {{ user.teams }}' }
        headersToAppend: [{ key: x-note, value: { text: 'from {{ header("x-user") }}' } }]
        headersToRemove: [x-user]
        body: { text: '{"user":"{{ header("x-user") }}"}' }
        dynamicMetadataValues: [{ key: k, value: { text: v } }]
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: TransformationPolicy
metadata: { name: tr, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { tr: "yes" } } }]
  config:
    response:
      injaTemplate:
        headers:
          x-req-user: { text: 'seen {{ request_header("x-user") }}, upstream {{ header("x-upstream") }}' }
          x-echoed-method: { text: '{{ method }}' }
        body: { text: 'replaced {{ upstream }} body' }
        mergeExtractorsToBody: {}
`,
  );
  const port = s.gateway.port;
  const hm = await send(port, '/hm', { headers: { 'x-internal': 'secret', 'x-dup': 'first' } });
  const hmUp = JSON.parse(hm.body).headers as Record<string, string>;
  assert.equal(hmUp['x-team'], 'platform');
  assert.equal(hmUp['x-dup'], 'first, second', 'append adds even when present');
  assert.equal(hmUp['x-internal'], undefined);
  assert.equal(hm.headers['x-served-by'], 'portico');
  assert.equal(hm.headers['x-upstream'], undefined);

  const tp = await send(port, '/tp', { method: 'POST', body: '{"user":{"name":"carol","teams":["a","b"]}}', headers: { 'content-type': 'application/json', 'x-user': 'alice', 'x-tenant-path': '/tenants/acme/x' } });
  assert.equal(tp.status, 200);
  const got = JSON.parse(tp.body) as { headers: Record<string, string>; body: string };
  assert.equal(got.headers['x-tenant'], 'acme', 'extractor subgroup');
  assert.equal(got.headers['x-auth-b64'], Buffer.from('alice').toString('base64'));
  assert.equal(got.headers['x-note'], 'from alice');
  assert.equal(got.headers['x-user'], undefined, 'headersToRemove');
  assert.equal(got.headers['x-json-user'], 'carol in ["a","b"]', 'JSON body fields (ParseAsJson)');
  assert.equal(got.body, '{"user":"alice"}', 'body template replaces the client body');
  assert.equal(got.headers['content-length'], String('{"user":"alice"}'.length));

  const tr = await send(port, '/tr', { headers: { 'x-user': 'bob' } });
  assert.equal(tr.body, 'replaced echo body', 'the upstream JSON body is read by the response template');
  assert.equal(tr.headers['content-length'], String('replaced echo body'.length));
  assert.equal(tr.headers['x-req-user'], 'seen bob, upstream echo');
  assert.equal(tr.headers['x-echoed-method'], 'GET');

  const st = (await s.status('TransformationPolicy', 'ns', 'tp')) as { common: { State: { approval: string; message: string } } };
  assert.equal(st.common.State.approval, 'ACCEPTED', st.common.State.message);
  const trStatus = (await s.status('TransformationPolicy', 'ns', 'tr')) as { common: { State: { approval: string; message: string } } };
  assert.equal(trStatus.common.State.approval, 'WARNING');
  assert.match(trStatus.common.State.message, /mergeExtractorsToBody is not supported/);
  assert.equal(((await s.status('HeaderManipulationPolicy', 'ns', 'hm')) as { common: { State: { approval: string } } }).common.State.approval, 'ACCEPTED');
});

test('RetryTimeoutPolicy: 503s retried up to attempts, requestTimeout → 504, perTryTimeout retried', async (t) => {
  // /flaky/N answers 503 to its first N requests (per path), then 200; /hang never answers in time.
  const hits = new Map<string, number>();
  const port = await serveOnLoopback(t, (req, res) => {
    const n = (hits.get(req.url!) ?? 0) + 1;
    hits.set(req.url!, n);
    const fail = Number(/^\/\w+\/(\d+)/.exec(req.url!)?.[1] ?? 0);
    if ((req.url!.startsWith('/hang') || req.url!.startsWith('/total')) && n <= fail) return void setTimeout(() => res.end('late'), 500).unref();
    res.writeHead(n <= fail ? 503 : 200, { 'content-type': 'text/plain' }).end(`attempt ${n}`);
  });
  const s = await startPolicyStack(t);
  await s.apply(
    upstreamAndRoutes(port, [
      { name: 'retried', prefix: '/flaky', labels: { retry: 'yes' } },
      { name: 'plain', prefix: '/plain' },
      { name: 'hang', prefix: '/hang', labels: { timeout: 'yes' } },
      { name: 'total', prefix: '/total', labels: { timeout: 'total' } },
    ]) +
      `---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: RetryTimeoutPolicy
metadata: { name: retry, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { retry: "yes" } } }]
  config: { retries: { attempts: 2, retryOn: "5xx" } }
---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: RetryTimeoutPolicy
metadata: { name: per-try, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { timeout: "yes" } } }]
  config: { requestTimeout: 3s, retries: { attempts: 1, perTryTimeout: 100ms, retryOn: "gateway-error" } }
---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: RetryTimeoutPolicy
metadata: { name: total, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { timeout: total } } }]
  config: { requestTimeout: 100ms }
`,
  );
  const gw = s.gateway.port;
  const two = await send(gw, '/flaky/2');
  assert.deepEqual([two.status, two.body], [200, 'attempt 3'], 'two 503s retried, the third attempt answers');
  const three = await send(gw, '/flaky/3');
  assert.deepEqual([three.status, three.body], [503, 'attempt 3'], 'attempts exhausted: the last answer goes to the client');
  assert.equal((await send(gw, '/plain/1')).status, 503, 'no policy, no retry');
  const withBody = await send(gw, '/flaky/1?post', { method: 'POST', body: '{"a":1}' });
  assert.deepEqual([withBody.status, withBody.body], [200, 'attempt 2'], 'a request body is kept for the retry');
  const perTry = await send(gw, '/hang/1');
  assert.deepEqual([perTry.status, perTry.body], [200, 'attempt 2'], 'the first try timed out after perTryTimeout and was retried');
  const timedOut = await send(gw, '/total/1');
  assert.equal(timedOut.status, 504);
  assert.match(timedOut.body, /upstream request timeout/);
  assert.equal(((await s.status('RetryTimeoutPolicy', 'ns', 'retry')) as { common: { State: { approval: string } } }).common.State.approval, 'ACCEPTED');
});

test('DLPPolicy: credit cards and custom regexes masked in response bodies and access-log lines', async (t) => {
  const body = 'card 4111 1111 1111 1111 ssn 123-45-6789 hello world';
  const port = await serveOnLoopback(t, (req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'x-account': '12345678' }).end(`${body} path=${req.url} ae=${req.headers['accept-encoding'] ?? 'none'}`));
  const s = await startPolicyStack(t);
  await s.apply(
    upstreamAndRoutes(port, [{ name: 'dlp', prefix: '/dlp', labels: { dlp: 'yes' } }, { name: 'clear', prefix: '/clear' }]) +
      `---
apiVersion: security.policy.gloo.solo.io/v2
kind: DLPPolicy
metadata: { name: dlp, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { dlp: "yes" } } }]
  config:
    actions:
      - predefinedAction: ALL_CREDIT_CARDS
      - predefinedAction: SSN
      - customAction: { name: greet, maskChar: Y, percent: { value: 60 }, regexActions: [{ regex: hello }, { regex: world }] }
      - keyValueAction: { name: account, keysToMask: [x-account] }
`,
  );
  const gw = s.gateway.port;
  const masked = await send(gw, '/dlp/4111111111111111', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(masked.body, 'card XXXXXXXXXXXXXX 1111 ssn XXXXXXXX789 YYYlo YYYld path=/dlp/XXXXXXXXXXXX1111 ae=none', 'the upstream is asked for an uncompressed body');
  assert.equal(masked.headers['content-length'], String(Buffer.byteLength(masked.body)));
  assert.equal(masked.headers['x-account'], 'XXXXXX78');
  const clear = await send(gw, '/clear');
  assert.match(clear.body, /4111 1111 1111 1111/, 'unselected route');
  const line = s.logs.find((l) => l.route_name === 'dlp-rt.ns' || String(l.path ?? '').startsWith('/dlp'));
  assert.ok(line, 'access-log line written');
  assert.equal(line!.path, '/dlp/XXXXXXXXXXXX1111', 'the card number in the path is masked in the access log');
});

test('FaultInjectionPolicy: abort for every request answers the fault status; percentage 0 never aborts; delay then forward', async (t) => {
  const echo = await startEcho('echo');
  t.after(() => echo.close());
  const s = await startPolicyStack(t);
  await s.apply(
    upstreamAndRoutes(echo.port, [
      { name: 'aborted', prefix: '/aborted', labels: { fault: 'abort' } },
      { name: 'never', prefix: '/never', labels: { fault: 'never' } },
      { name: 'delayed', prefix: '/delayed', labels: { fault: 'delay' } },
    ]) +
      `---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: FaultInjectionPolicy
metadata: { name: abort, namespace: ns }
spec: { applyToRoutes: [{ route: { labels: { fault: abort } } }], config: { abort: { httpStatus: 503 } } }
---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: FaultInjectionPolicy
metadata: { name: never, namespace: ns }
spec: { applyToRoutes: [{ route: { labels: { fault: never } } }], config: { abort: { httpStatus: 500, percentage: 0 } } }
---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: FaultInjectionPolicy
metadata: { name: delay, namespace: ns }
spec: { applyToRoutes: [{ route: { labels: { fault: delay } } }], config: { delay: { fixedDelay: 5ms } } }
`,
  );
  const port = s.gateway.port;
  const aborted = await send(port, '/aborted');
  assert.deepEqual([aborted.status, aborted.body], [503, 'fault filter abort']);
  assert.equal((await send(port, '/never')).status, 200);
  assert.equal((await send(port, '/delayed')).status, 200);
  assert.equal(echo.requests, 2, 'the aborted request never reached the upstream');
  assert.ok(s.logs.some((l) => l.response_flags === 'FI'), 'the access log flags the injected fault');
});
