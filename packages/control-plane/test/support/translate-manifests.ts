// Stage tests: apply manifests to a real store in a temporary directory, then run the given translation stages
// over what it holds, as the reconciler does. The store and directory are removed when the test ends.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifests } from '@portico/api';
import { openSqliteStore } from '@portico/store';
import { runTranslation } from '../../src/translate/orchestrator.ts';
import { buildResourceIndex } from '../../src/translate/resource-index.ts';
import type { StageEntry } from '../../src/translate/stage.ts';

export async function translateManifests(
  t: { after(f: () => unknown): void },
  stages: readonly StageEntry[],
  ...yamls: string[]
): Promise<ReturnType<typeof runTranslation>> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-stage-'));
  const store = openSqliteStore({ dir });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  for (const y of yamls) {
    for (const d of parseManifests(y)) {
      assert.ok(d.ok, d.ok ? '' : d.message);
      const r = await store.apply(d.resource);
      assert.ok(r.ok, r.ok ? '' : r.message);
      await new Promise((res) => setTimeout(res, 2)); // distinct creationTimestamps: "oldest wins" is by time
    }
  }
  const out = runTranslation(stages, buildResourceIndex(await store.list(), 1), null, new Date().toISOString());
  assert.deepEqual(out.failures, []);
  return out;
}
