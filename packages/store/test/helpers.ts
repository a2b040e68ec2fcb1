import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResourceInput } from '@portico/api';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'portico-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function routeTable(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): ResourceInput {
  return { apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', metadata: { name, namespace: 'ns1', labels }, spec };
}
