// The quickstart (issue 2 item 7, seed 000): examples/quickstart/01-upstreams.yaml + 02-route-tables.yaml,
// translated by the routes stage and served by a real gateway in front of the demo upstreams.
//   curl --resolve api.example.com:PORT:127.0.0.1 http://api.example.com:PORT/trackapi/tracks  → c_0 first
//   curl --resolve api.example.com:PORT:127.0.0.1 http://api.example.com:PORT/petstore/pet/1  → Barky
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pino from 'pino';
import type { Resource } from '@portico/api';
import { startDemo, type Demo } from '@portico/demo';
import { createGateway, type Gateway } from '@portico/gateway';
import { skipReason } from '@portico/testing';
import { get } from './http.ts';
import { allRoutes, resources, statusOf, translate, type Translated } from './support.ts';

const example = (f: string) => readFileSync(new URL(`../../../../examples/quickstart/${f}`, import.meta.url), 'utf8');

/** The demo listens on ephemeral ports in tests; point each ExternalService port at them via targetPort. */
function onPorts(res: Resource[], ports: Record<string, number>): Resource[] {
  return res.map((r) => {
    if (r.kind !== 'ExternalService') return r;
    const spec = r.spec as { ports: { number: number; targetPort?: { number: number } }[] };
    return { ...r, spec: { ...spec, ports: spec.ports.map((p) => ({ ...p, targetPort: { number: ports[r.metadata.name]! } })) } };
  });
}

describe('quickstart', () => {
  let demo: Demo;
  let gw: Gateway;
  let t: Translated;
  const H = 'api.example.com';

  before(async () => {
    demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
    gw = await createGateway({ listen: { port: 0 }, logger: pino({ level: 'silent' }) });
    const res = resources(`${example('01-upstreams.yaml')}\n---\n${example('02-route-tables.yaml')}`);
    t = translate(onPorts(res, { petstore: demo.petstore.port, tracks: demo.tracks.port }));
    gw.update(t.gateway);
  });
  after(async () => {
    await gw.close();
    await demo.close();
  });

  it('/trackapi/tracks lists the tracks, c_0 "Cat-stronomy" first', async () => {
    const r = await get(gw.url, '/trackapi/tracks', H);
    assert.equal(r.status, 200);
    const tracks = JSON.parse(r.body) as { id: string; topic: string; numberOfViews: number }[];
    assert.ok(tracks.length > 1);
    assert.equal(tracks[0]!.id, 'c_0');
    assert.equal(tracks[0]!.topic, 'Cat-stronomy');
    assert.equal(tracks[0]!.numberOfViews, 163);
  });

  it('/petstore/pet/1 returns Barky; users and store are routed too', async () => {
    const r = await get(gw.url, '/petstore/pet/1', `${H}:8080`);
    assert.equal(r.status, 200);
    const pet = JSON.parse(r.body) as { id: number; name: string; photoUrls: string[] };
    assert.equal(pet.id, 1);
    assert.equal(pet.name, 'Barky');
    assert.ok(Array.isArray(pet.photoUrls));
    assert.equal((await get(gw.url, '/petstore/user/user1', H)).status, 200);
    assert.equal((await get(gw.url, '/petstore/store/inventory', H)).status, 200);
    assert.equal((await get(gw.url, '/nothing-here', H)).status, 404);
    assert.equal((await get(gw.url, '/trackapi/tracks', 'other.example.com')).status, 404);
  });

  it('the same requests with curl --resolve', async (ctx) => {
    const run = promisify(execFile);
    let out: string;
    try {
      const port = gw.port;
      ({ stdout: out } = await run('curl', ['-s', '--resolve', `${H}:${port}:127.0.0.1`, `http://${H}:${port}/trackapi/tracks`]));
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return ctx.skip(skipReason(false, 'curl is not installed (.ci/run installs it)') || undefined);
      throw err;
    }
    assert.equal((JSON.parse(out) as { id: string }[])[0]!.id, 'c_0');
  });

  it('routes carry the seed labels and API product metadata; all tables ACCEPTED', () => {
    const routes = allRoutes(t.gateway);
    const tracks = routes.find((r) => r.name.startsWith('tracks-api-tracks-rt.'))!;
    assert.equal(tracks.name, 'tracks-api-tracks-rt.gloo-mesh-gateways.cluster1--api-example-com-rt.gloo-mesh-gateways.cluster1');
    assert.equal(tracks.labels.usagePlans, 'dev-portal');
    assert.deepEqual(tracks.filterMetadata['io.solo.gloo.apimanagement'], {
      api_product_id: 'tracks',
      api_product_name: 'Catstronauts Tracks',
      api_id: 'tracks-v1',
      custom_metadata: '{"lifecyclePhase":"General Availability"}',
    });
    const pets = routes.filter((r) => r.filterMetadata['io.solo.gloo.apimanagement']?.api_product_id === 'petstore');
    // ROUTE_SPECIFICITY on the root: longer prefixes first.
    assert.deepEqual(pets.map((r) => r.name.split('-petstore-rt')[0]), ['store-api', 'users-api', 'pets-api']);
    for (const name of ['api-example-com-rt', 'petstore-rt', 'tracks-rt']) {
      assert.equal(statusOf(t, name, 'gloo-mesh-gateways').common.State.approval, 'ACCEPTED', name);
    }
  });
});
