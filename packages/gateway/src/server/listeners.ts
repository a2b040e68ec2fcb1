// The extra listening sockets a config asks for (one per VirtualGateway listener, issue 12): each has its own
// compiled view of the config (the virtual hosts attached to it), its own scheme and TLS settings, or answers
// every request with a redirect to https. `reconcile` runs off the hot path on each config update: unchanged
// listeners keep their socket and patch their host table (compiled-hosts.ts); changed ones are reopened; removed
// ones close.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig, ListenerConfig } from '../config/types.ts';
import type { GatewayLogger } from '../log/access-log.ts';
import type { CompileCache, CompiledConfig } from '../router/compile.ts';
import { CompiledHosts } from '../router/compiled-hosts.ts';
import type { GatewayIssue } from '../errors.ts';

export interface ListenerState {
  name: string;
  port: number;
  url: string | null;
  /** Why the socket is not open (port in use, bad certificate…), or null. */
  error: string | null;
}

interface Entry {
  config: ListenerConfig;
  /** What forces a reopen when it changes (port, TLS, redirect). */
  fingerprint: string;
  /** The listener's host table, patched per update (kept across a reopen of the same listener). */
  hosts: CompiledHosts;
  compiled: CompiledConfig;
  server: Server | null;
  state: ListenerState;
  opened: Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ListenerSetDeps {
  host: string;
  maxHeaderBytes: number;
  logger: GatewayLogger;
  /** A request handler reading the compiled view through `current`. */
  makeHandler(current: () => CompiledConfig, scheme: 'http' | 'https'): Handler;
  /** The gateway's compile cache (compile.ts), so a listener's view reuses unchanged virtual hosts too. */
  cache?: CompileCache;
}

/** The part of `config` a listener serves: the virtual hosts naming it. The default listener (`null`) serves the
 *  hosts naming no listener, plus those of `mergedIntoDefault` listeners. */
export function listenerView(config: GatewayConfig, listener: string | null, mergedIntoDefault: ReadonlySet<string> = new Set()): GatewayConfig {
  const virtualHosts = config.virtualHosts.filter((vh) =>
    listener === null
      ? vh.listeners === undefined || vh.listeners.some((n) => mergedIntoDefault.has(n))
      : vh.listeners?.includes(listener) === true,
  );
  return { revision: config.revision, virtualHosts };
}

/**
 * A plain-HTTP listener on the gateway's own port is the same socket: its hosts are served there (a VirtualGateway
 * on :8080 next to `portico up`'s default :8080 just works). A TLS or redirect listener there cannot share it.
 */
export function splitDefaultPort(config: GatewayConfig, defaultPort: number): { merged: Set<string>; separate: GatewayConfig; clashes: ListenerConfig[] } {
  const merged = new Set<string>();
  const clashes: ListenerConfig[] = [];
  const listeners: ListenerConfig[] = [];
  for (const l of config.listeners ?? []) {
    if (l.port !== defaultPort) listeners.push(l);
    else if (l.tls === null && l.httpsRedirect === null) merged.add(l.name);
    else clashes.push(l);
  }
  return { merged, separate: { ...config, listeners }, clashes };
}

export class ListenerSet {
  readonly #deps: ListenerSetDeps;
  readonly #cache: CompileCache;
  readonly #entries = new Map<string, Entry>();
  #pending: Promise<unknown>[] = [];
  #clashes: ListenerState[] = [];

  constructor(deps: ListenerSetDeps) {
    this.#deps = deps;
    this.#cache = deps.cache ?? new WeakMap();
  }

  /** Applies the config's listeners; returns the compile issues and every origin the listeners forward to. */
  reconcile(config: GatewayConfig, clashes: readonly ListenerConfig[] = []): { issues: GatewayIssue[]; origins: Set<string> } {
    const issues: GatewayIssue[] = [];
    this.#clashes = clashes.map((l) => ({ name: l.name, port: l.port, url: null, error: `listener ${l.name}: port ${l.port} is the gateway's own (plain HTTP) listener; a TLS or redirect listener cannot share it` }));
    for (const c of this.#clashes) this.#deps.logger.error({ listener: c.name, port: c.port }, c.error!);
    const origins = new Set<string>();
    const wanted = new Map((config.listeners ?? []).map((l) => [l.name, l]));
    for (const [name, e] of this.#entries) {
      if (!wanted.has(name)) {
        this.#entries.delete(name);
        this.#pending.push(e.opened.then(() => closeServer(e.server)));
      }
    }
    for (const l of wanted.values()) {
      const existing = this.#entries.get(l.name);
      const hosts = existing?.hosts ?? new CompiledHosts(this.#cache);
      const { compiled, issues: more } = hosts.update(listenerView(config, l.name));
      issues.push(...more);
      for (const o of compiled.origins) origins.add(o);
      const fingerprint = JSON.stringify([l.port, l.tls, l.httpsRedirect]);
      if (existing && existing.fingerprint === fingerprint) {
        existing.compiled = compiled;
        existing.config = l;
        continue;
      }
      const entry: Entry = { config: l, fingerprint, hosts, compiled, server: null, state: { name: l.name, port: l.port, url: null, error: null }, opened: Promise.resolve() };
      // A reopened port waits for the old socket to close first.
      const before = existing ? existing.opened.then(() => closeServer(existing.server)) : Promise.resolve();
      entry.opened = before.then(() => this.#open(entry));
      this.#pending.push(entry.opened);
      this.#entries.set(l.name, entry);
    }
    return { issues, origins };
  }

  async #open(entry: Entry): Promise<void> {
    const l = entry.config;
    const scheme = l.tls === null ? 'http' : 'https';
    const handler: Handler = l.httpsRedirect ? redirectHandler(l.httpsRedirect.port) : this.#deps.makeHandler(() => entry.compiled, scheme);
    const options = { maxHeaderSize: this.#deps.maxHeaderBytes, keepAliveTimeout: 60_000 };
    let server: Server;
    try {
      server =
        l.tls === null
          ? createHttpServer(options, handler)
          : (createHttpsServer(
              { ...options, cert: l.tls.certPem, key: l.tls.keyPem, minVersion: l.tls.minVersion, maxVersion: l.tls.maxVersion, ...(l.tls.ciphers ? { ciphers: l.tls.ciphers } : {}) },
              handler,
            ) as unknown as Server);
    } catch (err) {
      entry.state.error = `listener ${l.name}: ${(err as Error).message}`;
      this.#deps.logger.error({ listener: l.name, err: String(err) }, 'listener not opened');
      return;
    }
    await new Promise<void>((resolve) => {
      server.once('error', (err) => {
        entry.state.error = `listener ${l.name} on port ${l.port}: ${err.message}`;
        this.#deps.logger.error({ listener: l.name, port: l.port, err: err.message }, 'listener not opened');
        resolve();
      });
      server.listen(l.port, this.#deps.host, () => {
        const addr = server.address() as AddressInfo;
        const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
        entry.server = server;
        entry.state.url = `${scheme}://${host}:${addr.port}`;
        resolve();
      });
    });
    // Removed or replaced while opening: close again.
    if (this.#entries.get(l.name) !== entry) await closeServer(entry.server);
  }

  /** Resolves once every open/close started so far has settled. */
  async ready(): Promise<void> {
    while (this.#pending.length) {
      const p = this.#pending;
      this.#pending = [];
      await Promise.allSettled(p);
    }
  }

  list(): ListenerState[] {
    return [...this.#entries.values()].map((e) => ({ ...e.state })).concat(this.#clashes.map((c) => ({ ...c })));
  }

  async close(): Promise<void> {
    await this.ready();
    const all = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(all.map((e) => closeServer(e.server)));
  }
}

function redirectHandler(httpsPort: number): Handler {
  return (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const location = `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}${req.url ?? '/'}`;
    res.writeHead(301, { location, 'content-length': 0 });
    res.end();
  };
}

function closeServer(server: Server | null): Promise<void> {
  if (server === null || !server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  });
}
