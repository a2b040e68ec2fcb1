// Debian's nginx with `auth_request` against Portico's HTTP ext_authz mode, proxying to the demo upstreams:
// the seed's 403/200 (issue 4 requirement 4). nginx runs in the foreground as a child of this test, from a
// temp-dir config on ports picked here, and is killed at the end. (.ci/run installs nginx when missing.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo } from '@portico/demo';
import { startHttpExtAuthServer } from '../src/transport/http/server.ts';
import { accessClaims } from './helpers/tokens.ts';
import { seedService, SEED_CONFIG_ID } from './helpers/seed-service.ts';
import { skipReason } from '@portico/testing';
import { NGINX_BIN, startNginx } from './helpers/nginx.ts';

test('nginx auth_request → Portico HTTP mode: the seed 403/200', { skip: skipReason(Boolean(NGINX_BIN), 'nginx is not installed (.ci/run installs it)') }, async () => {
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  const { svc, issuer } = await seedService();
  const auth = await startHttpExtAuthServer(svc);
  const nginx = await startNginx(auth.port, SEED_CONFIG_ID, [
    { prefix: '/trackapi/', apiProductId: 'tracks', upstream: `${demo.tracks.url}/` },
    { prefix: '/petstore/', apiProductId: 'petstore', upstream: `${demo.petstore.url}/` },
  ]);
  try {
    const base = nginx.url;
    const both = { authorization: `Bearer ${await issuer.sign(accessClaims('tracks petstore'))}` };
    const onlyTracks = { authorization: `Bearer ${await issuer.sign(accessClaims('tracks'))}` };
    assert.equal((await fetch(`${base}/trackapi/tracks`)).status, 403, 'no token');
    const tracks = await fetch(`${base}/trackapi/tracks`, { headers: both });
    assert.equal(tracks.status, 200);
    assert.equal(((await tracks.json()) as { id: string }[])[0]!.id, 'c_0');
    const pet = await fetch(`${base}/petstore/pet/1`, { headers: both });
    assert.equal(pet.status, 200);
    assert.equal(((await pet.json()) as { name: string }).name, 'Barky');
    assert.equal((await fetch(`${base}/petstore/pet/1`, { headers: onlyTracks })).status, 403);
    assert.equal((await fetch(`${base}/trackapi/tracks`, { headers: onlyTracks })).status, 200);
  } finally {
    await nginx.close();
    await auth.close();
    svc.close();
    await demo.close();
  }
});
