import { createServer as createHttpServer, STATUS_CODES, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { GatewayConfig } from '../config/types.ts';
import type { GatewayIssue } from '../errors.ts';
import type { AuthService, RateLimitService } from '../hooks/service-types.ts';
import type { GatewayLogger } from '../log/access-log.ts';
import type { AccessLogWriter } from '../log/access-log-writer.ts';
import { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { PoolRegistry } from '../proxy/pools.ts';
import { compileTrustedProxies } from '../proxy/trusted-proxies.ts';
import { compileConfig, type CompileCache, type CompiledConfig } from '../router/compile.ts';
import { CompiledHosts } from '../router/compiled-hosts.ts';
import { createRequestHandler } from './handler.ts';
import { ListenerSet, listenerView, splitDefaultPort, type ListenerState } from './listeners.ts';

// createGateway: a node:http (or https) server in front of undici pools. `update(config)` compiles the
// new config off the hot path and swaps one reference, so in-flight requests finish on the config they
// started with and new ones see the new config; nothing is dropped.

export interface GatewayOptions {
  listen: { host?: string; port?: number };
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  authService?: AuthService | null;
  rateLimitService?: RateLimitService | null;
  logger: GatewayLogger;
  /**
   * Where access-log lines go. Default: `logger.info(record)` per request. An AccessLogWriter (e.g.
   * `pino.destination({ dest, sync: false })`) gets the same record as one hand-serialised JSON line with pino's prefix
   * (level, time, pid, hostname), several times cheaper per request. The caller closes it.
   */
  accessLog?: AccessLogWriter | null;
  /** Where request metrics accumulate (default: a new GatewayMetrics with its own registry); null: none. */
  metrics?: GatewayMetrics | null;
  /** Upstream response timeout when a route sets none. Default 15000 (Envoy's route default). */
  upstreamTimeoutMs?: number;
  /** Largest accepted request head; bigger → 431. Default 16 KiB. */
  maxHeaderBytes?: number;
  connectTimeoutMs?: number;
  connectionsPerOrigin?: number;
  /**
   * Peers (addresses or CIDR ranges) whose X-Request-Id, X-Forwarded-For and X-Forwarded-Host are believed.
   * Default: nobody — the gateway is the edge; those headers from clients are replaced or dropped.
   */
  trustedProxies?: string[];
  /** On close(): how long in-flight requests may take to finish before their connections are cut. Default 10000. */
  drainTimeoutMs?: number;
}

export interface UpdateResult {
  ok: true;
  revision: number;
  /** Routes replaced by a 500 direct response because they could not be compiled. */
  issues: GatewayIssue[];
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly metrics: GatewayMetrics | null;
  update(config: GatewayConfig): UpdateResult;
  revision(): number;
  /** True once the first configuration is loaded (before that every request gets 503 + Retry-After). */
  ready(): boolean;
  /** Stops accepting connections, lets in-flight requests finish (up to drainTimeoutMs), then cuts the rest. */
  /** The VirtualGateway listeners of the current config (opened asynchronously after update). */
  listeners(): ListenerState[];
  /** Resolves once the listeners the last update asked for are open (or failed, see listeners()). */
  listenersReady(): Promise<void>;
  close(): Promise<void>;
}

const EMPTY: GatewayConfig = { revision: 0, virtualHosts: [] };

export async function createGateway(opts: GatewayOptions): Promise<Gateway> {
  const logger = opts.logger;
  const pools = new PoolRegistry({
    connectionsPerOrigin: opts.connectionsPerOrigin ?? 128,
    connectTimeoutMs: opts.connectTimeoutMs ?? 5000,
    keepAliveTimeoutMs: 30_000,
    retireAfterMs: 60_000,
  });
  let current: CompiledConfig = compileConfig(EMPTY).compiled;
  // Shared by the default listener and the extra ones: an unchanged (same frozen object) virtual host is not recompiled.
  const compileCache: CompileCache = new WeakMap();
  // The default listener's host table, patched per update with the hosts that changed (compiled-hosts.ts).
  const defaultHosts = new CompiledHosts(compileCache);
  let loaded = false;
  let closing: Promise<void> | null = null;
  const isTrustedProxy = compileTrustedProxies(opts.trustedProxies);
  const tls = opts.tls ?? null;
  const metrics = opts.metrics === undefined ? new GatewayMetrics() : opts.metrics;
  const handlerFor = (currentOf: () => CompiledConfig, scheme: 'http' | 'https') =>
    createRequestHandler({
      current: currentOf,
      pools,
      authService: opts.authService ?? null,
      rateLimitService: opts.rateLimitService ?? null,
      logger,
      metrics,
      accessLog: opts.accessLog ?? null,
      defaultTimeoutMs: opts.upstreamTimeoutMs ?? 15_000,
      scheme,
      ready: () => loaded,
      isTrustedProxy,
    });
  const handler = handlerFor(() => current, tls === null ? 'http' : 'https');
  const serverOptions = { maxHeaderSize: opts.maxHeaderBytes ?? 16 * 1024, keepAliveTimeout: 60_000 };
  const extra = new ListenerSet({ host: opts.listen.host ?? '127.0.0.1', maxHeaderBytes: serverOptions.maxHeaderSize, logger, makeHandler: handlerFor, cache: compileCache });
  const server: Server =
    tls === null
      ? createHttpServer(serverOptions, handler)
      : (createHttpsServer({ ...serverOptions, cert: tls.cert, key: tls.key }, handler) as unknown as Server);
  if (metrics !== null) {
    server.on('connection', (socket: Socket) => {
      metrics.activeConnections++;
      socket.once('close', () => metrics.activeConnections--);
    });
  }
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => rejectMalformed(err, socket));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.listen.port ?? 8080, opts.listen.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  return {
    url: `${tls === null ? 'http' : 'https'}://${host}:${addr.port}`,
    port: addr.port,
    server,
    metrics,
    update(config) {
      const { merged, separate, clashes } = splitDefaultPort(config, addr.port);
      const { compiled, issues } = defaultHosts.update(listenerView(config, null, merged));
      current = compiled;
      loaded = true;
      const more = extra.reconcile(separate, clashes);
      issues.push(...more.issues);
      pools.retain(more.origins.size ? new Set([...compiled.origins, ...more.origins]) : compiled.origins);
      for (const issue of issues) logger.warn({ code: issue.code, route: issue.where }, issue.message);
      return { ok: true, revision: compiled.revision, issues };
    },
    revision: () => current.revision,
    ready: () => loaded,
    listeners: () => extra.list(),
    listenersReady: () => extra.ready(),
    close() {
      closing ??= drainAndClose();
      return closing;
    },
  };

  async function drainAndClose(): Promise<void> {
    await extra.close();
    // server.close() stops accepting and closes idle keep-alive sockets; a busy one closes once its response
    // is written (node answers it with `connection: close`). What is still running at the deadline is cut.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), opts.drainTimeoutMs ?? 10_000);
    await closed;
    clearTimeout(timer);
    await pools.close();
  }
}

/** node:http's parser rejected the request (bad syntax, head too large…): answer 4xx and close. */
function rejectMalformed(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = `${STATUS_CODES[status]}: ${err.code ?? 'malformed request'}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
