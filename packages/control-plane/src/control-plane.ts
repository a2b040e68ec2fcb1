// The embedded control plane: store + reconciler (+ admin API). `portico up` and tests start it through here.
import { resolve } from 'node:path';
import { openSqliteStore, type Store } from '@portico/store';
import type { AdminGuard } from './admin/guard.ts';
import { startAdminServer, type AdminServer } from './admin/server.ts';
import { ApiSchemaDiscoveryLoop, type DiscoveryOptions } from './discovery/discovery.ts';
import { Reconciler } from './reconciler/reconciler.ts';
import type { Snapshot } from './translate/stage.ts';
import { STAGES } from './translate/stages.ts';

export interface ControlPlaneOptions {
  /** State directory (default `.portico` in the working directory). Ignored when `store` is given. */
  stateDir?: string;
  /** Use this store instead of opening the embedded one (e.g. a Kubernetes-backed store). */
  store?: Store;
  /** Admin API listen address; `admin: false` starts none. Port 0 = ephemeral. */
  admin?: { host?: string; port?: number; guard?: AdminGuard } | false;
  debounceMs?: number;
  /** Where translations run (ReconcilerOptions.translation; default 'inline'). */
  translation?: 'inline' | 'thread';
  onError?: (e: { code: string; message: string }) => void;
  /** ApiSchemaDiscovery fetching (on by default); `false` turns it off. */
  discovery?: Omit<DiscoveryOptions, 'store' | 'onError'> | false;
  /** Extra fields for GET /v1/status. */
  info?: () => Record<string, unknown>;
}

export interface ControlPlane {
  store: Store;
  reconciler: Reconciler;
  admin: AdminServer | null;
  discovery: ApiSchemaDiscoveryLoop | null;
  stages: { loaded: string[] };
  /** Current snapshot and every later one; returns unsubscribe. */
  subscribe(fn: (s: Snapshot) => void): () => void;
  current(): Snapshot | null;
  close(): Promise<void>;
}

export const DEFAULT_STATE_DIR = '.portico';
export const DEFAULT_ADMIN_HOST = '127.0.0.1';
export const DEFAULT_ADMIN_PORT = 9900;

export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const store = options.store ?? openSqliteStore({ dir: resolve(options.stateDir ?? DEFAULT_STATE_DIR) });
  const stageInfo = { loaded: STAGES.map((s) => s.name) };
  const reconciler = new Reconciler({ store, stages: STAGES, ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}), ...(options.translation ? { translation: options.translation } : {}), ...(options.onError ? { onError: options.onError } : {}) });
  let admin: AdminServer | null = null;
  const discovery = options.discovery === false ? null : new ApiSchemaDiscoveryLoop({ store, ...(options.discovery ?? {}), ...(options.onError ? { onError: options.onError } : {}) });
  try {
    await reconciler.start();
    await discovery?.start();
    if (options.admin !== false) {
      admin = await startAdminServer({
        store,
        reconciler,
        host: options.admin?.host ?? DEFAULT_ADMIN_HOST,
        port: options.admin?.port ?? DEFAULT_ADMIN_PORT,
        ...(options.admin?.guard ? { guard: options.admin.guard } : {}),
        stages: stageInfo,
        ...(options.info ? { info: options.info } : {}),
      });
    }
  } catch (err) {
    await discovery?.stop();
    await reconciler.stop();
    if (!options.store) await store.close();
    throw err;
  }
  return {
    store,
    reconciler,
    admin,
    discovery,
    stages: stageInfo,
    subscribe: (fn) => reconciler.subscribe(fn),
    current: () => reconciler.current(),
    async close() {
      await admin?.close();
      await discovery?.stop();
      await reconciler.stop();
      if (!options.store) await store.close();
    },
  };
}

