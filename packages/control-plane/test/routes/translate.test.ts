// The routes stage: gloo-api.md §7 items 6, 8, 9, 14 (weights), 16–22, plus destinations, portal metadata
// and statuses. Manifests go through @portico/api validation and the real ResourceIndex.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRoutes, FWD, paths, resources, statusOf, translate, UPSTREAM } from './support.ts';

const root = (routes: string, extra = '') => `
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: parent, namespace: default }
spec:
  hosts: [api.example.com]
  ${extra}
  http:
${routes}
`;
const child = (name: string, routes: string, meta = '', spec = '') => `
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: ${name}, namespace: default ${meta} }
spec:
  ${spec}
  http:
${routes}
`;
const docs = (...d: string[]) => d.join('\n---\n');

describe('route names', () => {
  it('duplicates renamed duplicate-<name>-<n>, insecure- trimmed, unnamed-<index> (item 6)', () => {
    const t = translate(
      resources(docs(UPSTREAM, root(`
    - { name: a, matchers: [{ uri: { prefix: /1 } }], ${FWD} }
    - { name: a, matchers: [{ uri: { prefix: /2 } }], ${FWD} }
    - { name: insecure-b, matchers: [{ uri: { prefix: /3 } }], ${FWD} }
    - { matchers: [{ uri: { prefix: /4 } }], ${FWD} }
    - { name: a, matchers: [{ uri: { prefix: /5 } }], ${FWD} }`))),
    );
    assert.deepEqual(statusOf(t, 'parent').routes.map((r) => r.name), ['a', 'duplicate-a-1', 'b', 'unnamed-3', 'duplicate-a-2']);
    assert.deepEqual(allRoutes(t.gateway).map((r) => r.name), [
      'a-parent.default.cluster1',
      'duplicate-a-1-parent.default.cluster1',
      'b-parent.default.cluster1',
      'unnamed-3-parent.default.cluster1',
      'duplicate-a-2-parent.default.cluster1',
    ]);
  });
});

describe('delegation', () => {
  it('parent /product-1,/product-2 × child /foo,/bar → four paths; names chain child--parent (item 16)', () => {
    const t = translate(
      resources(docs(
        UPSTREAM,
        root(`
    - name: products
      matchers: [{ uri: { prefix: /product-1 } }, { uri: { prefix: /product-2 } }]
      delegate: { routeTables: [{ name: kid }] }`),
        child('kid', `
    - { name: foo, matchers: [{ uri: { prefix: /foo } }], ${FWD} }
    - { name: bar, matchers: [{ uri: { prefix: /bar } }], ${FWD} }`),
      )),
    );
    const routes = allRoutes(t.gateway);
    assert.deepEqual(paths(routes), ['prefix:/product-1/foo | prefix:/product-2/foo', 'prefix:/product-1/bar | prefix:/product-2/bar']);
    assert.equal(routes[0]!.name, 'foo-kid.default.cluster1--parent.default.cluster1');
    assert.deepEqual(routes[0]!.routeTable, { name: 'kid', namespace: 'default' });
    assert.equal(statusOf(t, 'kid').numParentRouteTables, 1);
    assert.equal(statusOf(t, 'kid').common.State.approval, 'ACCEPTED');
  });

  it('parent / + child /trackapi/ → /trackapi/ with no double slash (item 17)', () => {
    const t = translate(resources(docs(
      UPSTREAM,
      root(`
    - { matchers: [{ uri: { prefix: / } }], delegate: { routeTables: [{ labels: { team: t } }] } }`),
      child('kid', `
    - { name: tracks, matchers: [{ uri: { prefix: /trackapi/ } }, { uri: { exact: /trackapi } }], ${FWD} }`, ', labels: { team: t }'),
    )));
    assert.deepEqual(paths(allRoutes(t.gateway)), ['prefix:/trackapi/ | exact:/trackapi']);
  });

  it('parent and child header matchers are both required; conflicting matchers replace the parent route (item 18)', () => {
    const t = translate(resources(docs(
      UPSTREAM,
      root(`
    - name: both
      matchers: [{ uri: { prefix: /a }, headers: [{ name: x-parent, value: "1" }] }]
      delegate: { routeTables: [{ name: kid }] }
    - name: clash
      matchers: [{ uri: { prefix: /b }, method: GET }]
      delegate: { routeTables: [{ name: posty }] }`),
      child('kid', `
    - { name: k, matchers: [{ headers: [{ name: X-Child, value: "2" }] }], ${FWD} }`),
      child('posty', `
    - { name: p, matchers: [{ method: POST }], ${FWD} }`),
    )));
    const [both, clash] = allRoutes(t.gateway);
    assert.deepEqual(both!.matchers[0]!.headers.map((h) => `${h.name}=${h.value}`), ['x-parent=1', 'x-child=2']);
    assert.equal(both!.matchers[0]!.uri!.value, '/a');
    assert.equal(clash!.action.type, 'directResponse');
    assert.equal(clash!.name, 'clash-parent.default.cluster1');
    assert.deepEqual(paths([clash!]), ['prefix:/b']);
    if (clash!.action.type === 'directResponse') {
      assert.equal(clash!.action.status, 500);
      assert.match(clash!.action.body, /conflicts with parent method GET/);
    }
    assert.equal(statusOf(t, 'parent').common.State.approval, 'WARNING');
  });

  it('TABLE_WEIGHT: higher weight first; equal weights keep creation order (labels) or list order (names) (item 19)', () => {
    const kid = (name: string, weight: number, p: string) =>
      child(name, `
    - { name: r, matchers: [{ uri: { prefix: ${p} } }], ${FWD} }`, ', labels: { team: t }', `weight: ${weight}`);
    const byLabel = translate(resources(docs(
      UPSTREAM,
      root(`
    - { matchers: [{ uri: { prefix: / } }], delegate: { routeTables: [{ labels: { team: t } }] } }`),
      kid('w90', 90, '/w90'),
      kid('w100', 100, '/w100'),
      kid('eq-old', 10, '/eq-old'),
      kid('eq-new', 10, '/eq-new'),
    )));
    assert.deepEqual(paths(allRoutes(byLabel.gateway)), ['prefix:/w100', 'prefix:/w90', 'prefix:/eq-old', 'prefix:/eq-new']);
    const byName = translate(resources(docs(
      UPSTREAM,
      root(`
    - { matchers: [{ uri: { prefix: / } }], delegate: { routeTables: [{ name: eq-new }, { name: eq-old }] } }`),
      kid('eq-old', 10, '/eq-old'),
      kid('eq-new', 10, '/eq-new'),
    )));
    assert.deepEqual(paths(allRoutes(byName.gateway)), ['prefix:/eq-new', 'prefix:/eq-old']);
  });

  it("ROUTE_SPECIFICITY reproduces route_table.proto's 12-route example (item 20)", () => {
    const r = (m: string, i: number) => `    - { name: r${i}, matchers: [{ uri: { ${m} } }], ${FWD} }`;
    const a = ['prefix: /foo', 'prefix: /foo/more/specific', 'prefix: /foo/even/more/specific', 'exact: /foo/exact', 'exact: /foo/another/exact', 'regex: /foo/*', 'regex: /fooo/*'];
    const b = ['prefix: /bar', 'prefix: /bar/more/specific', 'prefix: /bar/even/more/specific', 'exact: /bar/exact', 'regex: /bar/*'];
    const t = translate(resources(docs(
      UPSTREAM,
      root(`
    - { matchers: [{ uri: { prefix: / } }], delegate: { routeTables: [{ name: table-a }, { name: table-b }], sortMethod: ROUTE_SPECIFICITY } }`),
      child('table-a', a.map(r).join('\n'), '', 'weight: 1'),
      child('table-b', b.map(r).join('\n'), '', 'weight: 2'),
    )));
    assert.deepEqual(paths(allRoutes(t.gateway)), [
      'exact:/foo/another/exact',
      'exact:/bar/exact',
      'exact:/foo/exact',
      'regex:/bar/*',
      'regex:/foo/*',
      'regex:/fooo/*',
      'prefix:/bar/even/more/specific',
      'prefix:/foo/even/more/specific',
      'prefix:/bar/more/specific',
      'prefix:/foo/more/specific',
      'prefix:/bar',
      'prefix:/foo',
    ]);
  });

  it('label precedence: child route > child table > parent route > parent table (item 21)', () => {
    const t = translate(resources(docs(
      UPSTREAM,
      `
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: parent, namespace: default, labels: { a: pt, b: pt, c: pt, d: pt } }
spec:
  hosts: [api.example.com]
  http:
    - { labels: { b: pr, c: pr, d: pr }, matchers: [{ uri: { prefix: / } }], delegate: { routeTables: [{ name: kid }] } }
    - { name: own, labels: { b: own }, matchers: [{ uri: { prefix: /own } }], ${FWD} }`,
      child('kid', `
    - { name: k, labels: { d: cr }, ${FWD} }`, ', labels: { c: ct, d: ct }'),
    )));
    const [k, own] = allRoutes(t.gateway);
    assert.deepEqual(k!.labels, { a: 'pt', b: 'pr', c: 'ct', d: 'cr' });
    // A parent-table label reaches child routes, so a policy selecting it applies to them.
    assert.equal(k!.labels.a, 'pt');
    assert.deepEqual(own!.labels, { a: 'pt', b: 'own', c: 'pt', d: 'pt' });
  });

  it('hosts come from the root only; a table with hosts is never delegated to (item 22)', () => {
    const t = translate(resources(docs(
      UPSTREAM,
      root(`
    - { matchers: [{ uri: { prefix: / } }], delegate: { routeTables: [{ labels: { team: t } }] } }`),
      child('kid', `
    - { name: k, matchers: [{ uri: { prefix: /kid } }], ${FWD} }`, ', labels: { team: t }'),
      child('other-root', `
    - { name: o, matchers: [{ uri: { prefix: /other } }], ${FWD} }`, ', labels: { team: t }', 'hosts: [other.example.com]'),
    )));
    const parentVh = t.gateway.virtualHosts.find((v) => v.name === 'parent.default')!;
    assert.deepEqual(parentVh.domains, ['api.example.com']);
    assert.deepEqual(paths(parentVh.routes), ['prefix:/kid']);
    const otherVh = t.gateway.virtualHosts.find((v) => v.name === 'other-root.default')!;
    assert.deepEqual(otherVh.domains, ['other.example.com']);
  });

  it('a delegation cycle is reported, not followed', () => {
    const t = translate(resources(docs(
      UPSTREAM,
      root(`
    - { matchers: [{ uri: { prefix: /a } }], delegate: { routeTables: [{ name: loop }] } }`),
      child('loop', `
    - { name: back, matchers: [{ uri: { prefix: /b } }], delegate: { routeTables: [{ name: loop }] } }
    - { name: leaf, matchers: [{ uri: { prefix: /c } }], ${FWD} }`),
    )));
    assert.deepEqual(paths(allRoutes(t.gateway)), ['prefix:/a/c']);
    assert.match(statusOf(t, 'loop').common.State.message ?? '', /delegation cycle/);
  });
});

describe('API products (portalMetadata)', () => {
  const product = (name: string, id: string, version: string, display = '') => child(name, `
    - { name: ${name}-api, matchers: [{ uri: { prefix: /${name}/ } }], ${FWD} }`, ', labels: { portal: "yes" }', `portalMetadata: { apiProductId: ${id}, apiVersion: ${version}${display ? `, apiProductDisplayName: "${display}"` : ''}, customMetadata: { lifecyclePhase: "General Availability" } }`);
  const parent = root(`
    - { matchers: [{ uri: { prefix: / } }], delegate: { routeTables: [{ labels: { portal: "yes" } }] } }`);

  it('every route of a product carries io.solo.gloo.apimanagement metadata', () => {
    const t = translate(resources(docs(UPSTREAM, parent, product('tracks', 'tracks', 'v1', 'Catstronauts'))));
    assert.deepEqual(allRoutes(t.gateway)[0]!.filterMetadata, {
      'io.solo.gloo.apimanagement': {
        api_product_id: 'tracks',
        api_product_name: 'Catstronauts',
        api_id: 'tracks-v1',
        custom_metadata: '{"lifecyclePhase":"General Availability"}',
      },
    });
  });

  it('same apiProductId + apiVersion: the newer table is INVALID and not served; other versions join the product (item 8)', () => {
    const t = translate(resources(docs(UPSTREAM, parent, product('pets-a', 'petstore', 'v1'), product('pets-b', 'petstore', 'v1'), product('pets-c', 'petstore', 'v2'))));
    const b = statusOf(t, 'pets-b');
    assert.equal(b.common.State.approval, 'INVALID');
    assert.match(b.common.State.message ?? '', /apiVersion "v1" of API product "petstore" is already defined by RouteTable default\/pets-a/);
    assert.equal(statusOf(t, 'pets-a').common.State.approval, 'ACCEPTED');
    const ids = allRoutes(t.gateway).map((r) => [paths([r])[0], r.filterMetadata['io.solo.gloo.apimanagement']?.api_id]);
    assert.deepEqual(ids, [['prefix:/pets-a/', 'petstore-v1'], ['prefix:/pets-c/', 'petstore-v2']]);
  });

  it('apiProductDisplayName conflict: the oldest table wins; default is the id (item 9)', () => {
    const t = translate(resources(docs(UPSTREAM, parent, product('old', 'petstore', 'v1', 'Pets Old'), product('new', 'petstore', 'v2', 'Pets New'), product('plain', 'plain', 'v1'))));
    const names = allRoutes(t.gateway).map((r) => r.filterMetadata['io.solo.gloo.apimanagement']?.api_product_name);
    assert.deepEqual(names, ['Pets Old', 'Pets Old', 'plain']);
  });
});

describe('destinations', () => {
  it('ExternalService addresses, ExternalEndpoints by selector, weights 50/25/unweighted → 25 (item 14)', () => {
    const t = translate(resources(docs(
      UPSTREAM,
      `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: pool, namespace: default }
spec:
  hosts: [pool.local]
  selector: { app: pool }
  ports: [{ number: 80, name: http }]`,
      `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalEndpoint
metadata: { name: pool-1, namespace: default, labels: { app: pool } }
spec: { address: 127.0.0.2, ports: [{ name: http, number: 9001 }] }`,
      `
apiVersion: v1
kind: Service
metadata: { name: legacy, namespace: default }
spec: { type: ExternalName, externalName: legacy.local, ports: [{ port: 80, targetPort: 8088 }] }`,
      root(`
    - name: w
      forwardTo:
        destinations:
          - { ref: { name: svc }, kind: EXTERNAL_SERVICE, port: { number: 8080 }, weight: 50 }
          - { ref: { name: pool }, kind: EXTERNAL_SERVICE, port: { name: http }, weight: 25 }
          - { ref: { name: legacy }, port: { number: 80 } }`),
    )));
    const action = allRoutes(t.gateway)[0]!.action;
    assert.equal(action.type, 'forward');
    if (action.type !== 'forward') return;
    assert.deepEqual(action.destinations.map((d) => [d.origin, d.host, d.weight]), [
      ['http://127.0.0.1:8080', 'svc.local', 50],
      ['http://127.0.0.2:9001', 'pool.local', 25],
      ['http://legacy.local:8088', 'legacy.local', 25],
    ]);
  });

  it('a missing destination replaces only that route with a 500 and marks the table WARNING', () => {
    const t = translate(resources(docs(UPSTREAM, root(`
    - { name: gone, matchers: [{ uri: { prefix: /gone } }], forwardTo: { destinations: [{ ref: { name: nope }, kind: EXTERNAL_SERVICE, port: { number: 1 } }] } }
    - { name: fine, matchers: [{ uri: { prefix: /fine } }], ${FWD} }`))));
    const [gone, fine] = allRoutes(t.gateway);
    assert.equal(gone!.action.type, 'directResponse');
    assert.equal(fine!.action.type, 'forward');
    const s = statusOf(t, 'parent');
    assert.equal(s.common.State.approval, 'WARNING');
    assert.match(s.common.State.message ?? '', /route gone: destination ExternalService default\/nope not found/);
  });
});

describe('actions and deeper trees', () => {
  it('redirect codes and directResponse translate as Gloo defines them (item 15); defaultDestination fills an empty forwardTo (item 4)', () => {
    const codes = ['MOVED_PERMANENTLY', 'FOUND', 'SEE_OTHER', 'TEMPORARY_REDIRECT', 'PERMANENT_REDIRECT'];
    const t = translate(resources(docs(UPSTREAM, root(`
    - { name: default-code, matchers: [{ uri: { prefix: /r } }], redirect: { hostRedirect: new.example.com } }
${codes.map((c, i) => `    - { name: r${i}, matchers: [{ uri: { prefix: /r${i} } }], redirect: { pathRedirect: /p, responseCode: ${c} } }`).join('\n')}
    - { name: teapot, matchers: [{ uri: { prefix: /tea } }], directResponse: { status: 418, body: short and stout } }
    - { name: fallback, forwardTo: {} }`, 'defaultDestination: { ref: { name: svc }, kind: EXTERNAL_SERVICE, port: { number: 8080 } }'))));
    const actions = allRoutes(t.gateway).map((r) => r.action);
    assert.deepEqual(actions.slice(0, 6).map((a) => (a.type === 'redirect' ? a.responseCode : a.type)), [301, 301, 302, 303, 307, 308]);
    assert.deepEqual(actions[0], { type: 'redirect', hostRedirect: 'new.example.com', pathRedirect: null, responseCode: 301 });
    assert.deepEqual(actions[6], { type: 'directResponse', status: 418, body: 'short and stout' });
    const fallback = actions[7]!;
    assert.equal(fallback.type, 'forward');
    if (fallback.type === 'forward') assert.equal(fallback.destinations[0]!.origin, 'http://127.0.0.1:8080');
  });

  it('three levels: paths compose through every level and names chain to the root', () => {
    const t = translate(resources(docs(
      UPSTREAM,
      root(`
    - { name: top, matchers: [{ uri: { prefix: /api } }], delegate: { routeTables: [{ name: mid }] } }`),
      child('mid', `
    - { name: middle, matchers: [{ uri: { prefix: /v1 } }], labels: { level: mid }, delegate: { routeTables: [{ name: leaf }] } }`),
      child('leaf', `
    - { name: items, matchers: [{ uri: { exact: /items } }], ${FWD} }`),
    )));
    const [r] = allRoutes(t.gateway);
    assert.deepEqual(paths([r!]), ['exact:/api/v1/items']);
    assert.equal(r!.name, 'items-leaf.default.cluster1--mid.default.cluster1--parent.default.cluster1');
    assert.equal(r!.labels.level, 'mid');
    assert.equal(statusOf(t, 'leaf').numParentRouteTables, 1);
  });
});
