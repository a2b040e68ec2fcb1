// Child-process entry for the multi-gateway test: one stack (gateway + ext-auth + rate limit + portal server)
// configured from argv[2] JSON {stateDir, redisUrl, portalAuth, manifests, rateLimitClockMs}; prints {"gatewayPort","portalPort"}
// as one JSON line once the manifests are applied, and exits cleanly on SIGTERM.
import { startStack } from './stack.ts';

const opts = JSON.parse(process.argv[2]!) as { stateDir: string; redisUrl: string; portalAuth: { issuer: string }; manifests: string; rateLimitClockMs: number };
const stack = await startStack({ stateDir: opts.stateDir, redisUrl: opts.redisUrl, portalAuth: opts.portalAuth, rateLimitClockMs: opts.rateLimitClockMs });
await stack.apply(opts.manifests);
process.stdout.write(JSON.stringify({ gatewayPort: stack.gatewayPort, portalPort: stack.portalPort }) + '\n');
process.once('SIGTERM', () => {
  void stack.close().then(() => process.exit(0));
});
