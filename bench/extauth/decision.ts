// In-process decision (issue 4 target: ≤ 30 µs median): AuthService.check with a cached verified token and the
// seed OPA policy, against a baseline in the same run — the same decision hand-written in TypeScript (hash the
// token, look up the cached claims, split the scope, compare with the product id).
import { createHash } from 'node:crypto';
import { percentile, seedSetup } from './setup.ts';

export async function benchDecision(iterations = 20_000): Promise<{ medianUs: number; p99Us: number; freshMedianUs: number; freshP99Us: number; baselineMedianUs: number }> {
  const { svc, token, request } = await seedSetup();
  const reqs = [request('tracks'), request('petstore')];
  const first = await svc.check(reqs[0]!);
  if (!first.allowed) throw new Error(`seed decision denied: ${first.reason}`);
  const denied = await svc.check(request('other'));
  if (denied.allowed) throw new Error('seed decision should deny an unknown product');
  for (let i = 0; i < 2000; i++) await svc.check(reqs[i & 1]!); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await svc.check(reqs[i & 1]!);
    samples.push((performance.now() - t0) * 1000);
  }
  // A fresh CheckRequest per call, as the gateway builds one per request (no identity-keyed caching helps).
  const fresh: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const r = request(i & 1 ? 'petstore' : 'tracks');
    const t0 = performance.now();
    await svc.check(r);
    fresh.push((performance.now() - t0) * 1000);
  }
  svc.close();
  fresh.sort((a, b) => a - b);

  // Baseline: the decision with no pipeline, no policy engine.
  const cache = new Map<string, { scope: string; exp: number }>([[createHash('sha256').update(token).digest('base64url'), { scope: 'tracks petstore', exp: Date.now() / 1000 + 3600 }]]);
  const base: number[] = [];
  let sink = 0;
  for (let i = 0; i < iterations; i++) {
    const r = reqs[i & 1]!;
    const t0 = performance.now();
    const auth = r.attributes.request.http.headers.authorization!;
    const claims = cache.get(createHash('sha256').update(auth.slice(7)).digest('base64url'));
    const product = r.attributes.metadata_context!.filter_metadata!['io.solo.gloo.apimanagement']!.api_product_id as string;
    if (claims && claims.exp > Date.now() / 1000 && claims.scope.split(' ').includes(product)) sink++;
    base.push((performance.now() - t0) * 1000);
  }
  if (sink !== iterations) throw new Error('baseline decision wrong');
  samples.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  return { medianUs: percentile(samples, 50), p99Us: percentile(samples, 99), freshMedianUs: percentile(fresh, 50), freshP99Us: percentile(fresh, 99), baselineMedianUs: percentile(base, 50) };
}
