// gloo-api.md §7 items 53 (ROUTE_REPLACEMENT) and 54 (FREEZE_CONFIG), end to end: translated configs are
// served by a real gateway in front of a real demo upstream, on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { startDemo, type Demo } from '@portico/demo';
import { createGateway, type Gateway } from '@portico/gateway';
import { resources, translate, type Translated } from './support.ts';
import { get } from './http.ts';

const upstream = (port: number) => `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: tracks, namespace: default }
spec:
  addresses: [127.0.0.1]
  ports: [{ number: 8082, targetPort: { number: ${port} } }]
`;
const FWD = `forwardTo: { pathRewrite: /, destinations: [{ ref: { name: tracks }, kind: EXTERNAL_SERVICE, port: { number: 8082 } }] }`;

/**
 * Root + child. `broken` breaks the child's second route: 'destination' points it at a missing
 * ExternalService (the route stays matchable and answers 500); 'regex' gives it an invalid RE2 pattern
 * (it can match nothing, so it is left out).
 */
function tree(port: number, mode: string, opts: { broken: 'none' | 'destination' | 'regex'; extraPrefix?: string }) {
  const shakyUri = opts.broken === 'regex' ? 'regex: "/shaky/(unclosed"' : 'prefix: /shaky/';
  const shakyFwd = opts.broken === 'destination' ? FWD.replace('name: tracks', 'name: missing') : FWD;
  return resources(`${upstream(port)}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: root, namespace: default }
spec:
  hosts: [api.example.com]
  failureMode: ${mode}
  http:
    - { matchers: [{ uri: { prefix: / } }], delegate: { routeTables: [{ name: kid }] } }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: kid, namespace: default }
spec:
  http:
    - { name: good, matchers: [{ uri: { prefix: /good/ } }], ${FWD} }
    - { name: shaky, matchers: [{ uri: { ${shakyUri} } }], ${shakyFwd} }
    ${opts.extraPrefix ? `- { name: extra, matchers: [{ uri: { prefix: ${opts.extraPrefix} } }], ${FWD} }` : ''}
`);
}

describe('failure modes', () => {
  let demo: Demo;
  let gw: Gateway;
  const H = 'api.example.com';
  const serve = (t: Translated) => gw.update(t.gateway);

  before(async () => {
    demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
    gw = await createGateway({ listen: { port: 0 }, logger: pino({ level: 'silent' }) });
  });
  after(async () => {
    await gw.close();
    await demo.close();
  });

  it('ROUTE_REPLACEMENT: the broken route answers 500, the others work and keep taking updates (item 53)', async () => {
    const p = demo.tracks.port;
    serve(translate(tree(p, 'ROUTE_REPLACEMENT', { broken: 'destination' })));
    const broken = await get(gw.url, '/shaky/tracks', H);
    assert.equal(broken.status, 500);
    assert.match(broken.body, /route shaky of RouteTable default\/kid is misconfigured/);
    assert.equal((await get(gw.url, '/good/tracks', H)).status, 200);
    // Still broken, but a new good route is applied.
    serve(translate(tree(p, 'ROUTE_REPLACEMENT', { broken: 'destination', extraPrefix: '/extra/' })));
    assert.equal((await get(gw.url, '/extra/tracks', H)).status, 200);
    assert.equal((await get(gw.url, '/good/tracks', H)).status, 200);
    // A route whose matcher cannot be evaluated matches nothing; its siblings are untouched.
    const t = translate(tree(p, 'ROUTE_REPLACEMENT', { broken: 'regex', extraPrefix: '/extra/' }));
    serve(t);
    assert.equal((await get(gw.url, '/shaky/tracks', H)).status, 404);
    assert.equal((await get(gw.url, '/extra/tracks', H)).status, 200);
    const kid = t.result.statuses.find((s) => s.ref.name === 'kid')!.status as { common: { State: { approval: string; message: string } } };
    assert.equal(kid.common.State.approval, 'WARNING');
    assert.match(kid.common.State.message, /route shaky: matcher uri.regex "\/shaky\/\(unclosed" is not valid RE2/);
  });

  it('FREEZE_CONFIG: anything broken → the whole tree keeps its last accepted config until fixed (item 54)', async () => {
    const p = demo.tracks.port;
    const accepted = translate(tree(p, 'FREEZE_CONFIG', { broken: 'none' }));
    serve(accepted);
    assert.equal((await get(gw.url, '/shaky/tracks', H)).status, 200);

    // Break one route and add another: nothing changes, not even the good addition.
    const frozen = translate(tree(p, 'FREEZE_CONFIG', { broken: 'destination', extraPrefix: '/extra/' }), accepted.snapshot);
    serve(frozen);
    assert.equal((await get(gw.url, '/shaky/tracks', H)).status, 200);
    assert.equal((await get(gw.url, '/extra/tracks', H)).status, 404);
    const rootStatus = frozen.result.statuses.find((s) => s.ref.name === 'root')!.status as { common: { State: { approval: string; message: string } } };
    assert.equal(rootStatus.common.State.approval, 'WARNING');
    assert.match(rootStatus.common.State.message, /FREEZE_CONFIG/);

    // Still broken on the next run: the frozen config carries over.
    const stillFrozen = translate(tree(p, 'FREEZE_CONFIG', { broken: 'destination', extraPrefix: '/extra/' }), frozen.snapshot);
    serve(stillFrozen);
    assert.equal((await get(gw.url, '/extra/tracks', H)).status, 404);

    // Fixed: updates resume.
    serve(translate(tree(p, 'FREEZE_CONFIG', { broken: 'none', extraPrefix: '/extra/' }), stillFrozen.snapshot));
    assert.equal((await get(gw.url, '/extra/tracks', H)).status, 200);
    assert.equal((await get(gw.url, '/shaky/tracks', H)).status, 200);
  });

  it('FREEZE_CONFIG with nothing accepted yet falls back to route replacement', async () => {
    serve(translate(tree(demo.tracks.port, 'FREEZE_CONFIG', { broken: 'destination' })));
    assert.equal((await get(gw.url, '/shaky/tracks', H)).status, 500);
    assert.equal((await get(gw.url, '/good/tracks', H)).status, 200);
  });
});
