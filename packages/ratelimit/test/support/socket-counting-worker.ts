// A child process standing in for a gateway worker of `portico up`: a rate-limit service counting through the
// counter service's socket (argv[3]). On {run: n} it makes n concurrent decisions for one user and reports how
// many were OK.
import { connectCounterService, createRateLimitService, type RateLimitServiceConfig } from '@portico/ratelimit';

const config = JSON.parse(process.argv[2]!) as RateLimitServiceConfig;
const store = connectCounterService(process.argv[3]!);
const svc = createRateLimitService({ store, config });
process.on('message', (m: { run?: number; user?: string; stop?: boolean }) => {
  if (m.stop) return void store.close().then(() => process.disconnect());
  if (!m.run) return;
  const runs = Array.from({ length: m.run }, () => svc.shouldRateLimit('d', [[{ key: 'userId', value: m.user! }]]));
  void Promise.all(runs).then((r) => process.send!({ ok: r.filter((x) => x.code === 'OK').length, errors: r.filter((x) => x.code !== 'OK' && x.code !== 'OVER_LIMIT').length }));
});
process.send!({ ready: true });
