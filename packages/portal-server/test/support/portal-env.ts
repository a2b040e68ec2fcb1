// A real portal environment for tests: the development IdP, the control plane (embedded store, every landed
// translation stage) fed with manifests, an API key store and the portal server following the snapshots.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDocuments, attachDataPlanes, startControlPlane, type ControlPlane } from '@portico/control-plane';
import { createSqliteApiKeyStore, type ApiKeyStore } from '@portico/apikeys';
import { TRACKS_OPENAPI_JSON } from '@portico/demo';
import { startIdp, type RunningIdp } from '@portico/idp';
import { startPortalServer, type PortalServer, type PortalServerOptions } from '@portico/portal-server';
import { idpTestConfig } from './login.ts';

export interface PortalEnv {
  dir: string;
  idp: RunningIdp;
  cp: ControlPlane;
  keys: ApiKeyStore;
  portal: PortalServer;
  apply(file: string): Promise<void>;
  /** fetch against the portal server with the given Host. */
  call(host: string, path: string, init?: RequestInit & { token?: string; idToken?: string }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export const FIXTURES = new URL('../__fixtures__/', import.meta.url);

export async function startPortalEnv(manifests: string[], extra: Pick<PortalServerOptions, 'teamsApps'> = {}): Promise<PortalEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-portal-'));
  const idp = await startIdp({ port: 0, stateDir: dir, config: idpTestConfig, persistGrants: false });
  const cp = await startControlPlane({ stateDir: dir, admin: false, debounceMs: 5 });
  const keys = createSqliteApiKeyStore({ path: join(dir, 'apikeys.db') });
  const portal = await startPortalServer({
    port: 0,
    keys,
    auth: { issuer: idp.issuer, accessTokenAudiences: ['http://gateway.test'], idTokenAudiences: ['web'] },
    onError: (err) => console.error(err),
    ...extra,
  });
  const unsubscribe = attachDataPlanes(cp, { portal });
  const apply = async (file: string) => {
    const content = (await readFile(new URL(file, FIXTURES), 'utf8')).replace('inlineString: TRACKS_OPENAPI', `inlineString: ${JSON.stringify(TRACKS_OPENAPI_JSON)}`);
    const results = await applyDocuments(cp.store, { documents: [{ file, content }] });
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new Error(`apply ${file}: ${JSON.stringify(failed)}`);
    await cp.reconciler.waitFor();
  };
  for (const m of manifests) await apply(m);
  return {
    dir,
    idp,
    cp,
    keys,
    portal,
    apply,
    async call(host, path, init = {}) {
      // node:http rather than fetch: fetch does not let a caller choose the Host header.
      const headers: Record<string, string> = { host };
      new Headers(init.headers).forEach((v, k) => (headers[k] = v));
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.idToken) headers.id_token = init.idToken;
      const body = typeof init.body === 'string' ? init.body : undefined;
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await new Promise<{ status: number; text: string; headers: Headers }>((resolve, reject) => {
        const req = request(`${portal.url}${path}`, { method: init.method ?? 'GET', headers }, (r) => {
          let text = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (text += c));
          r.on('end', () => {
            const h = new Headers();
            for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') h.set(k, v);
            resolve({ status: r.statusCode ?? 0, text, headers: h });
          });
        });
        req.on('error', reject);
        req.end(body);
      });
      let parsed: unknown = res.text;
      try {
        parsed = res.text ? JSON.parse(res.text) : undefined;
      } catch {
        /* keep the text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      unsubscribe();
      await portal.close();
      await keys.close();
      await cp.close();
      await idp.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
