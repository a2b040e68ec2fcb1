// A SQLite store in a temporary directory, closed and removed after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '@portico/store';

export function tempStore(t: { after: (f: () => unknown) => void }, options: { now?: () => Date } = {}): SqliteStore {
  const dir = mkdtempSync(join(tmpdir(), 'portico-cp-store-'));
  const store = openSqliteStore({ dir, ...options });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}
