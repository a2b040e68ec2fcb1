// The Portico gateway with in-process ext-auth running the seed's AuthConfig (JWT access token with a cached
// key + the seed OPA policy) on its one route. Writes a valid token (scopes "tracks petstore") to TOKEN_FILE.
// Usage: node bench/extauth/gateway-auth-server.ts CONFIG.json TOKEN_FILE [ACCESS_LOG]
// (with ACCESS_LOG, access lines go there through pino's asynchronous destination, as `portico up` writes them)
import { readFileSync, writeFileSync } from 'node:fs';
import pino from 'pino';
import { bytesWriter, createGateway, type GatewayConfig } from '@portico/gateway';
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
const accessLog = accessLogFile ? pino.destination({ dest: accessLogFile, sync: false, minLength: 8192, contentMode: 'buffer' }) : null;
const gw = await createGateway({ listen: { host: '127.0.0.1', port: 0 }, logger: silent, accessLog: accessLog ? bytesWriter(accessLog) : null, authService: svc });
const result = gw.update(config);
if (result.issues.length > 0) throw new Error(`config issues: ${JSON.stringify(result.issues)}`);
process.stdout.write(`listening ${gw.port}\n`);
process.on('SIGTERM', () => void gw.close().then(() => (accessLog?.flushSync(), svc.close(), process.exit(0))));
