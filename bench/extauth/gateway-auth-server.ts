// The Portico gateway with in-process ext-auth running the seed's AuthConfig (JWT access token with a cached
// key + the seed OPA policy) on its one route. Writes a valid token (scopes "tracks petstore") to TOKEN_FILE.
// Usage: node bench/extauth/gateway-auth-server.ts CONFIG.json TOKEN_FILE [ACCESS_LOG]
// (with ACCESS_LOG, access lines go there exactly as `portico up`'s data plane writes them: openAccessLog)
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { createGateway, type GatewayConfig } from '@portico/gateway';
import { openAccessLog } from '../../packages/cli/src/up/access-log.ts';
import { CONFIG_ID, seedSetup } from './setup.ts';

const [configFile, tokenFile, accessLogFile] = process.argv.slice(2);
const { svc, token } = await seedSetup();
writeFileSync(tokenFile!, token);
const config = JSON.parse(readFileSync(configFile!, 'utf8')) as GatewayConfig;
for (const vh of config.virtualHosts) {
  for (const r of vh.routes) {
    r.extAuth = { configId: CONFIG_ID, server: { requestTimeoutMs: 2000, failureModeAllow: false, statusOnError: 403, maxRequestBytes: null, allowPartialMessage: false } };
    r.filterMetadata = { ...r.filterMetadata, 'io.solo.gloo.apimanagement': { api_product_id: 'tracks', api_product_name: 'Tracks', api_id: 'tracks-v1', custom_metadata: '{}' } };
  }
}
const silent = { info() {}, warn() {}, error() {} };
const accessLog = accessLogFile ? openAccessLog(openSync(accessLogFile, 'a'), silent) : null;
const gw = await createGateway({ listen: { host: '127.0.0.1', port: 0 }, logger: silent, accessLog: accessLog?.writer ?? null, authService: svc });
const result = gw.update(config);
if (result.issues.length > 0) throw new Error(`config issues: ${JSON.stringify(result.issues)}`);
process.stdout.write(`listening ${gw.port}\n`);
process.on('SIGTERM', () => void gw.close().then(() => accessLog?.flush()).then(() => (svc.close(), process.exit(0))));
