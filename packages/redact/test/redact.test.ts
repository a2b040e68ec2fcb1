// The one redaction module: credential query parameters, headers and object keys are replaced wherever a
// Portico logger writes them; everything else is left alone (and the hot-path call is a no-op without them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactHeaders, redactObject, redactUrl, stripQueryParams, CREDENTIAL_QUERY_PARAMS } from '@portico/redact';

describe('redactUrl', () => {
  const cases: [string, string][] = [
    ['/a?access_token=eyJ.x.y&b=1', `/a?access_token=${REDACTED}&b=1`],
    ['/a?API-KEY=k&x=1', `/a?API-KEY=${REDACTED}&x=1`],
    ['/a?api_key=k', `/a?api_key=${REDACTED}`],
    ['/a?access%5Ftoken=t', `/a?access%5Ftoken=${REDACTED}`],
    ['/v1/login?code=abc&state=s', `/v1/login?code=${REDACTED}&state=s`],
    ['/plain?q=1&page=2', '/plain?q=1&page=2'],
    ['/no-query', '/no-query'],
    ['http://h/x?id_token=a', `http://h/x?id_token=${REDACTED}`],
  ];
  for (const [input, expected] of cases) it(input, () => assert.equal(redactUrl(input), expected));
  it('leaves an unchanged string identical (no copy on the hot path)', () => {
    const s = '/x?q=1';
    assert.equal(redactUrl(s), s);
  });
});

describe('stripQueryParams', () => {
  it('removes credential parameters, keeps the rest in order', () => {
    assert.equal(stripQueryParams('a=1&access_token=t&b=2', CREDENTIAL_QUERY_PARAMS), 'a=1&b=2');
    assert.equal(stripQueryParams('access_token=t', CREDENTIAL_QUERY_PARAMS), '');
    assert.equal(stripQueryParams('q=tokenish', CREDENTIAL_QUERY_PARAMS), 'q=tokenish');
  });
});

describe('redactObject / redactHeaders', () => {
  it('replaces credential headers and keys at any depth, URLs in url/path fields', () => {
    const out = redactObject({
      req: { url: '/x?access_token=secret1', headers: { authorization: 'Bearer secret2', cookie: 'id_token=secret3', 'api-key': 'secret4', accept: '*/*' } },
      clientSecret: 'secret5',
      nested: [{ password: 'secret6', ok: 1 }],
    });
    const text = JSON.stringify(out);
    for (let i = 1; i <= 6; i++) assert.ok(!text.includes(`secret${i}`), `secret${i} in ${text}`);
    assert.ok(text.includes('"accept":"*/*"') && text.includes('"ok":1'));
    assert.deepEqual(redactHeaders({ Authorization: 'x', 'Set-Cookie': 'y', host: 'h' }), { Authorization: REDACTED, 'Set-Cookie': REDACTED, host: 'h' });
  });

});
