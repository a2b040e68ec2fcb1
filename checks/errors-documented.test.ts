// docs/errors.md lists exactly the error codes of every package, in both directions, and every package that
// has a src/errors.ts appears in the table below.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { API_ERROR_CODES } from '@portico/api';
import { APIKEY_ERROR_CODES } from '@portico/apikeys';
import { ASYNC_ERROR_CODES } from '@portico/async';
import { SYNC_ERROR_CODES } from '@portico/backstage-plugin-catalog-backend-module-portico';
import { CLI_ERROR_CODES } from '@portico/cli';
import { CONTROL_PLANE_ERROR_CODES } from '@portico/control-plane';
import { AUTH_ERROR_CODES } from '@portico/ext-auth';
import { GATEWAY_ERROR_CODES } from '@portico/gateway';
import { IDP_ERROR_CODES } from '@portico/idp';
import { APPS_ERROR_CODES } from '@portico/portal-apps';
import { PORTAL_ERROR_CODES } from '@portico/portal-server';
import { RATELIMIT_ERROR_CODES } from '@portico/ratelimit';
import { REGO_ERROR_CODES } from '@portico/rego';
import { STORE_ERROR_CODES } from '@portico/store';
import { ROOT, workspacePackages } from './workspace.ts';

const CODES: Record<string, readonly string[]> = {
  '@portico/api': API_ERROR_CODES,
  '@portico/apikeys': APIKEY_ERROR_CODES,
  '@portico/async': ASYNC_ERROR_CODES,
  '@portico/backstage-plugin-catalog-backend-module-portico': SYNC_ERROR_CODES,
  '@portico/cli': CLI_ERROR_CODES,
  '@portico/control-plane': CONTROL_PLANE_ERROR_CODES,
  '@portico/ext-auth': AUTH_ERROR_CODES,
  '@portico/gateway': GATEWAY_ERROR_CODES,
  '@portico/idp': IDP_ERROR_CODES,
  '@portico/portal-apps': APPS_ERROR_CODES,
  '@portico/portal-server': PORTAL_ERROR_CODES,
  '@portico/ratelimit': RATELIMIT_ERROR_CODES,
  '@portico/rego': REGO_ERROR_CODES,
  '@portico/store': STORE_ERROR_CODES,
};

const DOC = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');

/** The codes listed as `- \`CODE\` — …` in the `## <package>` section; null without such a section. */
export function documentedCodes(doc: string, pkg: string): string[] | null {
  const section = doc.split(/^## /m).find((s) => s.startsWith(`${pkg}\n`));
  return section ? [...section.matchAll(/^- `([A-Za-z_]+)`/gm)].map((m) => m[1]!) : null;
}

function assertErrorsDocumented(pkg: string, codes: readonly string[]): void {
  const documented = documentedCodes(DOC, pkg);
  assert.ok(documented, `docs/errors.md has a "## ${pkg}" section`);
  assert.deepEqual([...documented].sort(), [...codes].sort(), `docs/errors.md § ${pkg}`);
}

for (const [pkg, codes] of Object.entries(CODES)) {
  test(`docs/errors.md lists exactly the codes of ${pkg}`, () => assertErrorsDocumented(pkg, codes));
}

test('every package with a src/errors.ts is checked here', () => {
  const withErrors = workspacePackages().filter((p) => existsSync(join(ROOT, p.dir, 'src/errors.ts'))).map((p) => p.name);
  assert.deepEqual(withErrors.filter((name) => !(name in CODES)), []);
});

test('the section reader sees only its own section', () => {
  const doc = '# x\n\n## @a/one\n\n- `ONE_A` — a\n- `one_b` — b\n\n## @a/two\n\n- `TWO` — c\n';
  assert.deepEqual(documentedCodes(doc, '@a/one'), ['ONE_A', 'one_b']);
  assert.equal(documentedCodes(doc, '@a/three'), null);
});
