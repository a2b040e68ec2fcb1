// Through the gateway with the embedded stores: a metadata action with no value and no default generates no
// descriptor, so the request is not limited; with a defaultValue it is (gloo-api.md §7 test 58).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDemo } from '@portico/demo';
import { http } from './support/http.ts';
import { startStack } from './support/stack.ts';

test('§7-58 metadata action without value and without default → no descriptor (not limited)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-meta-'));
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  const stack = await startStack({ stateDir: dir, redisUrl: null, portalAuth: null });
  try {
    await stack.apply((await readFile(new URL('./__fixtures__/metadata-actions.yaml', import.meta.url), 'utf8')).replaceAll('{{TRACKS_PORT}}', String(demo.tracks.port)));
    const codes = async (path: string) => {
      const out: number[] = [];
      for (let i = 0; i < 4; i++) out.push((await http(stack.gatewayPort, 'meta.test', path)).status);
      return out;
    };
    assert.deepEqual(await codes('/no-default'), [200, 200, 200, 200]);
    assert.deepEqual(await codes('/with-default'), [200, 200, 429, 429]);
  } finally {
    await stack.close();
    await demo.close();
    await rm(dir, { recursive: true, force: true });
  }
});
