// The demo upstreams over real HTTP: data shaped like the seed, OpenAPI documents that describe the
// served paths, clear 4xx answers for bad input.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PETSTORE_OPENAPI_JSON, startDemo, TRACKS_OPENAPI_JSON, type Demo } from '@portico/demo';

describe('demo upstreams', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  });
  after(() => demo.close());

  const json = async (url: string, init?: RequestInit) => {
    const r = await fetch(url, init);
    return { status: r.status, body: (await r.json()) as Record<string, unknown> & unknown[] };
  };

  it('tracks: the first track is the seed c_0, every track has the same shape', async () => {
    const { status, body } = await json(`${demo.tracks.url}/tracks`);
    assert.equal(status, 200);
    assert.deepEqual(body[0], {
      id: 'c_0',
      thumbnail: '',
      topic: 'Cat-stronomy',
      authorId: 'cat-1',
      title: 'Cat-stronomy, an introduction',
      description:
        'Curious to learn what Cat-stronomy is all about? Explore the planetary and celestial alignments and how they have affected our space missions.',
      numberOfViews: 163,
      createdAt: '2018-09-10T07:13:53.020Z',
      length: 2377,
      modulesCount: 10,
    });
    const keys = Object.keys(body[0] as object).sort();
    for (const t of body) assert.deepEqual(Object.keys(t as object).sort(), keys);
    assert.equal((await json(`${demo.tracks.url}/tracks/c_1`)).body.id, 'c_1');
    assert.equal((await json(`${demo.tracks.url}/tracks/nope`)).status, 404);
    assert.equal((await fetch(`${demo.tracks.url}/tracks`, { method: 'DELETE' })).status, 405);
  });

  it('petstore: /pet/1 is Barky; users and store answer; bad input gets 400', async () => {
    const pet = await json(`${demo.petstore.url}/pet/1`);
    assert.equal(pet.status, 200);
    assert.equal(pet.body.name, 'Barky');
    assert.ok(Array.isArray(pet.body.photoUrls));
    assert.equal((await json(`${demo.petstore.url}/pet/abc`)).status, 400);
    assert.equal((await json(`${demo.petstore.url}/pet/999`)).status, 404);
    const created = await json(`${demo.petstore.url}/pet`, { method: 'POST', body: JSON.stringify({ name: 'Fluffy' }) });
    assert.equal(created.body.name, 'Fluffy');
    assert.equal((await json(`${demo.petstore.url}/pet/${created.body.id}`)).body.name, 'Fluffy');
    assert.equal((await json(`${demo.petstore.url}/pet`, { method: 'POST', body: '{not json' })).status, 400);
    assert.equal((await json(`${demo.petstore.url}/user/user1`)).body.username, 'user1');
    assert.equal(typeof (await json(`${demo.petstore.url}/store/inventory`)).body.available, 'number');
  });

  it('each upstream serves its OpenAPI document, which lists the paths it serves', async () => {
    const pets = (await json(`${demo.petstore.url}/openapi.json`)).body as unknown as { openapi: string; paths: Record<string, unknown> };
    assert.match(pets.openapi, /^3\./);
    assert.deepEqual(pets, JSON.parse(PETSTORE_OPENAPI_JSON));
    for (const p of ['/pet/{petId}', '/user/{username}', '/store/inventory']) assert.ok(p in pets.paths, p);
    const tracks = (await json(`${demo.tracks.url}/openapi.json`)).body as unknown as { paths: Record<string, unknown> };
    assert.deepEqual(tracks, JSON.parse(TRACKS_OPENAPI_JSON));
    assert.ok('/tracks' in tracks.paths);
  });

  it('a port in use is an error, and nothing is left listening', async () => {
    await assert.rejects(startDemo({ petstorePort: 0, tracksPort: demo.tracks.port }), /EADDRINUSE/);
  });
});
