// The SecLang subset: variables, operators, transformations, chains, phases, engine modes and the problems
// reported for what is not supported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWaf } from './engine.ts';
import { parseRuleSets } from './seclang/parse.ts';
import { wafRequest } from './request.ts';

const req = (over: { uri?: string; headers?: Record<string, string>; body?: string; method?: string } = {}) => {
  const uri = over.uri ?? '/a?x=1';
  const q = uri.indexOf('?');
  return wafRequest(over.method ?? 'GET', uri, q === -1 ? uri : uri.slice(0, q), q === -1 ? '' : uri.slice(q + 1), '1.1', '127.0.0.1', { host: 'h', ...(over.headers ?? {}) }, over.body ?? '');
};
const waf = (rules: string, message = 'blocked') => compileWaf({ policies: [{ name: 'ns.p', ruleSets: [rules], interventionMessage: message, requestHeadersOnly: false }] });

test('operators and transformations', () => {
  const w = waf(`
SecRuleEngine On
SecRequestBodyAccess On
SecRule ARGS:q "@pm union select" "id:1,phase:2,deny,status:406,t:urlDecodeUni,t:lowercase,msg:'sqli'"
SecRule REQUEST_HEADERS:User-Agent "@beginsWith sqlmap" "id:2,phase:1,deny"
SecRule REQUEST_METHOD "@streq TRACE" "id:3,phase:1,deny,status:405"
SecRule REQUEST_FILENAME "@contains /admin" "id:4,phase:1,deny,chain"
  SecRule &REQUEST_HEADERS:X-Admin "@eq 0" "t:none"
SecRule ARGS_POST:json.cmd "@rx ^rm\\s" "id:5,phase:2,deny"
SecRule REQUEST_URI "@rx passthrough" "id:6,phase:1,pass,msg:'only logged'"
`);
  assert.deepEqual(w.problems, []);
  assert.equal(w.needsBody, true);
  assert.equal(w.evaluate(req({ uri: '/s?q=1%20UNION%20Select%20*' }))?.status, 406);
  assert.equal(w.evaluate(req({ uri: '/s?q=harmless' })), null);
  assert.equal(w.evaluate(req({ headers: { 'user-agent': 'sqlmap/1.7' } }))?.ruleId, '2');
  assert.equal(w.evaluate(req({ method: 'TRACE' }))?.status, 405);
  assert.equal(w.evaluate(req({ uri: '/admin/users' }))?.ruleId, '4', 'chain: no X-Admin header');
  assert.equal(w.evaluate(req({ uri: '/admin/users', headers: { 'x-admin': '1' } })), null, 'chain broken by the second rule');
  assert.equal(w.evaluate(req({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"cmd":"rm -rf /"}' }))?.ruleId, '5');
  assert.equal(w.evaluate(req({ uri: '/passthrough' })), null, 'pass only logs');
  const m = w.evaluate(req({ uri: '/s?q=union' }))!;
  assert.deepEqual({ body: m.body, enforced: m.enforced, msg: m.msg }, { body: 'blocked', enforced: true, msg: 'sqli' });
});

test('engine modes, body access and exclusions', () => {
  assert.equal(waf('SecRuleEngine DetectionOnly\nSecRule REQUEST_URI "@contains x" "id:1,deny"').evaluate(req())?.enforced, false);
  assert.equal(waf('SecRuleEngine Off\nSecRule REQUEST_URI "@contains x" "id:1,deny"').evaluate(req()), null);
  // SecRequestBodyAccess is Off by default: body variables are empty.
  const noBody = waf('SecRule REQUEST_BODY "@contains evil" "id:1,phase:2,deny"');
  assert.equal(noBody.needsBody, false);
  assert.equal(noBody.evaluate(req({ method: 'POST', body: 'evil' })), null);
  const excl = waf('SecRule REQUEST_HEADERS|!REQUEST_HEADERS:Referer "@contains <script" "id:1,phase:1,deny"');
  assert.equal(excl.evaluate(req({ headers: { referer: '<script>' } })), null);
  assert.notEqual(excl.evaluate(req({ headers: { 'x-a': '<script>' } })), null);
});

test('response phases: headers (3) and body (4, with SecResponseBodyAccess)', () => {
  const w = waf(`
SecResponseBodyAccess On
SecRule RESPONSE_HEADERS:X-Powered-By "@contains PHP" "id:30,phase:3,deny,status:502"
SecRule RESPONSE_STATUS "@streq 418" "id:31,phase:3,deny,status:500"
SecRule RESPONSE_BODY "@rx (?i)stack trace" "id:32,phase:4,deny,status:500"
SecRule RESPONSE_BODY "@contains x" "id:33,phase:2,deny"
`);
  assert.deepEqual(w.problems, ['ns.p: line 6: response variables in a request phase (use phase:3 or phase:4); rule not enforced']);
  assert.equal(w.hasResponseRules, true);
  assert.equal(w.needsResponseBody, true);
  assert.equal(w.evaluate(req()), null, 'response rules never run on the request');
  const resp = (status: number, headers: [string, string][], body: string) => ({ ...req(), response: { status, headers, body } });
  assert.equal(w.evaluateResponse(resp(200, [['x-powered-by', 'PHP/8']], ''))?.ruleId, '30');
  assert.equal(w.evaluateResponse(resp(418, [], ''))?.ruleId, '31');
  assert.equal(w.evaluateResponse(resp(500, [], 'Stack Trace: at x'))?.ruleId, '32');
  assert.equal(w.evaluateResponse(resp(200, [['content-type', 'text/plain']], 'fine')), null);
  // Without SecResponseBodyAccess the body is not inspected.
  const noBody = waf('SecRule RESPONSE_BODY "@contains x" "id:1,phase:4,deny"');
  assert.equal(noBody.needsResponseBody, false);
  assert.equal(noBody.evaluateResponse(resp(200, [], 'x')), null);
});

test('unsupported SecLang is reported by line and never half-enforced', () => {
  const s = parseRuleSets([
    `SecRule REQUEST_HEADERS|XML:/* "@rx a" "id:1,deny"
SecRule ARGS "@detectSQLi" "id:2,deny"
SecRule ARGS "@rx (?<=a)b" "id:3,deny"
SecRule ARGS "@rx a" "id:4,deny,setvar:tx.score=+5"
SecRule ARGS "@rx a" "id:5,phase:5,deny"
SecRule ARGS "@rx a" "id:6,deny,chain"
  SecRule ARGS "@detectXSS" ""
SecDefaultAction "phase:2,deny"
SecRule ARGS "@rx a" "id:7,deny,t:nonexistent"`,
  ]);
  assert.deepEqual(s.rules.map((r) => r.id), ['1']);
  const text = s.problems.join('\n');
  for (const expected of [/line 1: variables XML:\/\* are not supported/, /line 2: operator @detectSQLi is not supported/, /line 3: @rx pattern .* is not RE2/, /line 4: action setvar is not supported/, /line 5: phase:5/, /line 7: .*@detectXSS/, /line 7: the chain this rule belongs to is not enforced/, /line 8: directive SecDefaultAction is not supported/, /line 9: transformation t:nonexistent/]) {
    assert.match(text, expected);
  }
});
