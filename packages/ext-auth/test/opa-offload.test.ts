// Issue 11 item 4: one expensive Rego policy must not stall other routes. 20 parallel requests on a heavy policy
// used to make a seed-route request wait for all of them (5.1 s instead of ~5 ms): evaluation is synchronous.
// Now a policy that exhausts its inline budget is evaluated on a worker thread, so the light policy's answer comes
// first — asserted by completion order, not by timing. The step limit still applies on the worker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../src/pipeline/deps.ts';
import { PorticoAuthService } from '../src/service/auth-service.ts';
import type { StepConfig } from '../src/steps/kinds.ts';
import { checkRequest } from './helpers/check-request.ts';

const HEAVY = `package heavy
default allow = false
allow {
  count([x | some x in numbers.range(1, 8000); x % 7 == 0]) > 0
}`;
const RUNAWAY = `package runaway
default allow = false
allow {
  count([x | some x in numbers.range(1, 1500000); x % 7 == 0]) < 0
}`;
const LIGHT = `package light
default allow = false
allow { input.check_request.attributes.metadata_context.filter_metadata["io.solo.gloo.apimanagement"].api_product_id == "tracks" }`;

const opa = (file: string, src: string, query: string): StepConfig => ({ kind: 'opaAuth', name: 'opa', config: { modules: { [file]: src }, query } });

test('a heavy policy is evaluated off the event loop: a light policy answers first; results stay right', async () => {
  const svc = new PorticoAuthService({ logger: silentLogger, regoInlineBudgetMs: 2 });
  const spec = (c: StepConfig) => ({ configs: [c], booleanExpr: null, failOnRedirect: false });
  svc.update(new Map([
    ['ns.heavy', { configId: 'ns.heavy', state: 'ACCEPTED', fingerprint: 'h', spec: spec(opa('h.rego', HEAVY, 'data.heavy.allow == true')) }],
    ['ns.light', { configId: 'ns.light', state: 'ACCEPTED', fingerprint: 'l', spec: spec(opa('l.rego', LIGHT, 'data.light.allow == true')) }],
    ['ns.runaway', { configId: 'ns.runaway', state: 'ACCEPTED', fingerprint: 'r', spec: spec(opa('r.rego', RUNAWAY, 'data.runaway.allow == true')) }],
  ]));
  try {
    // Warm-up: the light policy's first (cold) evaluation must not be what exceeds the inline budget, and the heavy
    // one, once seen over budget, goes straight to the worker — so the race below is decided by where each runs.
    assert.ok((await svc.check(checkRequest({ configId: 'ns.light' }))).allowed);
    assert.ok((await svc.check(checkRequest({ configId: 'ns.heavy' }))).allowed);
    const order: string[] = [];
    const heavy = Array.from({ length: 6 }, (_, i) =>
      Promise.resolve(svc.check(checkRequest({ configId: 'ns.heavy' }))).then((r) => (order.push(`heavy${i}`), r)));
    const light = Promise.resolve(svc.check(checkRequest({ configId: 'ns.light' }))).then((r) => (order.push('light'), r));
    const results = await Promise.all([...heavy, light]);
    assert.ok(results.every((r) => r.allowed), 'every evaluation gave the policy\'s answer');
    assert.equal(order[0], 'light', `completion order: ${order.join(', ')}`);

    // The step limit still holds on the worker: a runaway policy is denied with the limit named.
    const runaway = await svc.check(checkRequest({ configId: 'ns.runaway' }));
    assert.equal(runaway.allowed, false);
    assert.ok(!runaway.allowed && /step limit|time limit/.test(runaway.reason), runaway.allowed ? '' : runaway.reason);
  } finally {
    svc.close();
  }
});
