// A real Portico for the Backstage tests: the development IdP (client_credentials client `backstage`), the control
// plane with its embedded store, and the portal server following the control plane's snapshots.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { applyDocuments, attachDataPlanes, startControlPlane, type ControlPlane } from '@portico/control-plane';
import { PETSTORE_OPENAPI_JSON, TRACKS_OPENAPI_JSON } from '@portico/demo';
import { startIdp, type RunningIdp } from '@portico/idp';
import { startPortalServer, type PortalServer } from '@portico/portal-server';

const FIXTURES = new URL('./__fixtures__/', import.meta.url);
export const CLIENT = { clientId: 'backstage', clientSecret: 'backstage-secret' };

export interface PorticoEnv {
  idp: RunningIdp;
  cp: ControlPlane;
  portal: PortalServer;
  portalServerUrl: string;
  tokenEndpoint: string;
  apply(file: string): Promise<void>;
  remove(kind: string, namespace: string, name: string): Promise<void>;
  stopIdp(): Promise<void>;
  close(): Promise<void>;
}

export async function startPorticoEnv(manifests: string[]): Promise<PorticoEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-backstage-'));
  const idp = await startIdp({ port: 0, stateDir: dir, persistGrants: false, config: {
    audience: 'http://gateway.test', scopes: ['petstore', 'tracks'],
    clients: [{ ...CLIENT, grantTypes: ['client_credentials'], scopes: ['*'] }], users: [] } });
  const cp = await startControlPlane({ stateDir: dir, admin: false, debounceMs: 5 });
  const keys = createSqliteApiKeyStore({ path: join(dir, 'apikeys.db') });
  const portal = await startPortalServer({ port: 0, keys,
    auth: { issuer: idp.issuer, accessTokenAudiences: ['http://gateway.test'], idTokenAudiences: [] } });
  const unsubscribe = attachDataPlanes(cp, { portal });
  let idpOpen = true;
  const apply = async (file: string) => {
    const content = (await readFile(new URL(file, FIXTURES), 'utf8'))
      .replace('inlineString: TRACKS_OPENAPI', `inlineString: ${JSON.stringify(TRACKS_OPENAPI_JSON)}`)
      .replace('inlineString: PETSTORE_OPENAPI', `inlineString: ${JSON.stringify(PETSTORE_OPENAPI_JSON)}`);
    const results = await applyDocuments(cp.store, { documents: [{ file, content }] });
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new Error(`apply ${file}: ${JSON.stringify(failed)}`);
    await cp.reconciler.waitFor();
  };
  for (const m of manifests) await apply(m);
  return {
    idp, cp, portal, apply,
    portalServerUrl: `${portal.url}/v1`,
    tokenEndpoint: `${idp.url}/token`,
    async remove(kind, namespace, name) {
      await cp.store.delete(kind, namespace, name);
      await cp.reconciler.waitFor();
    },
    async stopIdp() {
      if (idpOpen) await idp.close();
      idpOpen = false;
    },
    async close() {
      unsubscribe();
      await portal.close();
      await keys.close();
      await cp.close();
      if (idpOpen) await idp.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
