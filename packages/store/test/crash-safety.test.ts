// A writer killed with SIGKILL in the middle of its writes leaves no half-written resource, and every write it
// reported as committed is there after reopening.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import { openSqliteStore } from '@portico/store';
import { tempDir } from './helpers.ts';

test('SIGKILL mid-write: committed writes survive, nothing is half-written, change log matches rows', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const child = spawn(process.execPath, [join(import.meta.dirname, '__fixtures__', 'writer.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const committed: string[] = [];
  let buf = '';
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      committed.push(...lines);
      // Kill at an arbitrary point after some writes, while it is busy writing the next one.
      if (committed.length >= 40 && !child.killed) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await new Promise((r) => child.once('exit', r));

  const store = openSqliteStore({ dir });
  t.after(() => store.close());
  const all = await store.list('RouteTable', 'crash');
  const byName = new Map(all.map((r) => [r.metadata.name, r]));
  let lastHot = -1;
  for (const line of committed) {
    const [name, i] = line.split(' ') as [string, string];
    if (name === 'hot') lastHot = Number(i);
    else assert.ok(byName.has(name), `committed write ${name} is present`);
  }
  for (const r of all) {
    const body = (r.spec as { http: { directResponse: { body: string } }[] }).http[0]!.directResponse.body;
    assert.equal(createHash('sha256').update(body).digest('hex'), r.metadata.annotations.sum, `${r.metadata.name} is whole`);
  }
  const hot = byName.get('hot');
  assert.ok(hot);
  assert.ok(Number(((hot.spec as { http: { directResponse: { body: string } }[] }).http[0]!.directResponse.body).split(':')[0]) >= lastHot);

  // Every row's resourceVersion has its change-log entry (they are written in one transaction).
  const db = new DatabaseSync(join(dir, 'store.db'), { readOnly: true });
  t.after(() => db.close());
  for (const r of all) {
    const row = db.prepare('SELECT object FROM changes WHERE revision = ?').get(Number(r.metadata.resourceVersion)) as { object: string } | undefined;
    assert.ok(row, `change ${r.metadata.resourceVersion} exists`);
    assert.equal((JSON.parse(row.object) as { metadata: { name: string } }).metadata.name, r.metadata.name);
  }
  assert.equal((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  // The reopened store keeps working.
  const after = await store.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after', namespace: 'crash' }, data: { a: 'b' } });
  assert.equal(after.ok, true);
});
