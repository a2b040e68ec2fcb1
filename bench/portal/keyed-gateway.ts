// A Portico gateway process for the portal benchmark: the route requires an API key (apiKeyAuth through the
// in-process ext-auth service and the key index over the shared store) and carries the usage-plan rate limit (usagePlan →
// userId, a limit high enough never to trigger), exactly the quickstart's key route minus the network names.
// Usage: node bench/portal/keyed-gateway.ts UPSTREAM_PORT STATE_DIR [REDIS_URL]
// It loads what a `portico up` gateway worker loads (the backend-free entries, the chosen backend's module), not
// the whole CLI: a process that also holds the control plane's modules has a larger heap and collects it more.
import { openSync } from 'node:fs';
import pino from 'pino';
import { PorticoAuthService } from '@portico/ext-auth/service';
import { createGateway } from '@portico/gateway';
import { indexApiKeys, openSharedState } from '@portico/cli/shared-state';
import { createRateLimitService } from '@portico/ratelimit/core';
import { openAccessLog } from '../../packages/cli/src/up/access-log.ts';
import { singleRouteConfig } from '../gateway/configs.ts';
import { keyedRoute, PLAN_LIMITS, AUTH_CONFIG } from './config.ts';

const [upstreamPort, stateDir, redisUrl] = process.argv.slice(2);
const shared = await openSharedState({ stateDir: stateDir!, redisUrl: redisUrl || null });
// As a `portico up` gateway worker reads keys: from its in-memory index, kept current by the store's feed.
const apiKeys = await indexApiKeys(shared.apiKeys, { stateDir: stateDir!, redisUrl: redisUrl || null });
const auth = new PorticoAuthService({ apiKeys, rego: null, logger: { info() {}, warn() {}, error() {} } });
auth.update(new Map([[AUTH_CONFIG.configId, AUTH_CONFIG]]));
const rateLimit = createRateLimitService({ store: shared.counters, config: PLAN_LIMITS });
const logger = pino(pino.destination({ dest: `${stateDir}/gateway.log`, sync: false }));
// The access log exactly as `portico up`'s data plane writes it (openAccessLog: buffer mode, 64 KiB batches), so
// this row differs from the no-auth gateway's only by the key check and the rate limit.
const accessLog = openAccessLog(openSync(`${stateDir}/access.log`, 'a'), logger);
const gw = await createGateway({ listen: { host: '127.0.0.1', port: 0 }, logger, accessLog: accessLog.writer, authService: auth, rateLimitService: rateLimit });
const result = gw.update(keyedRoute(singleRouteConfig(Number(upstreamPort))));
if (result.issues.length > 0) throw new Error(`config issues: ${JSON.stringify(result.issues)}`);
process.stdout.write(`listening ${gw.port}\n`);
process.on('SIGTERM', () => void gw.close().then(() => accessLog.flush()).then(() => shared.close()).then(() => process.exit(0)));
