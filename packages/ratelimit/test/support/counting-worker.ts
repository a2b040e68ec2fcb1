// A child process standing in for a gateway worker: a rate-limit service counting through the parent's store
// over IPC. On {run: n} it makes n concurrent decisions for one user and reports how many were OK.
import { createRateLimitService, createRemoteCounterStore, type RateLimitServiceConfig } from '@portico/ratelimit';

const config = JSON.parse(process.argv[2]!) as RateLimitServiceConfig;
const svc = createRateLimitService({ store: createRemoteCounterStore(process as unknown as Parameters<typeof createRemoteCounterStore>[0]), config });
process.on('message', (m: { run?: number; user?: string }) => {
  if (!m.run) return;
  const runs = Array.from({ length: m.run }, () => svc.shouldRateLimit('d', [[{ key: 'userId', value: m.user! }]]));
  void Promise.all(runs).then((r) => process.send!({ ok: r.filter((x) => x.code === 'OK').length }));
});
process.send!({ ready: true });
