// Chaining (gloo-api.md §2.4; §7 item 42): default AND chain, booleanExpr, shared state, failOnRedirect,
// and how the pipeline maps each denial type to a status. The steps here are tiny fixtures of the step
// interface (the pipeline is what is under test); real steps are tested in their own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthContext } from '../src/pipeline/context.ts';
import { AuthPipeline } from '../src/pipeline/pipeline.ts';
import { parseBoolExpr } from '../src/pipeline/bool-expr.ts';
import { deny, success, type AuthStep, type Denial } from '../src/pipeline/step.ts';
import { checkRequest } from './helpers/check-request.ts';

function step(name: string, result: 'pass' | Denial | 'throw', log: string[], state?: Record<string, unknown>): AuthStep {
  return {
    kind: 'fixture',
    name,
    async evaluate(ctx) {
      log.push(`${name} saw ${JSON.stringify(ctx.state)}`);
      if (result === 'throw') throw new Error('boom');
      if (result === 'pass') return success({ state: state ?? { [name]: true }, headersToSet: [[`x-${name}`, '1']], dynamicMetadata: { [name]: 1 } });
      return deny(result);
    },
    close() {},
  };
}

const forbid: Denial = { type: 'forbidden', code: 'AUTH_TOKEN_MISSING', reason: 'no token' };
const ctx = () => new AuthContext(checkRequest({ configId: 'c' }), 'c', Date.now());
const sig = new AbortController().signal;

test('default chain: all must pass, state flows forward, headers/metadata accumulate', async () => {
  const log: string[] = [];
  const p = new AuthPipeline('c', [step('a', 'pass', log), step('b', 'pass', log)], null, false);
  const r = await p.run(ctx(), sig);
  assert.equal(r.result.allowed, true);
  assert.deepEqual(log, ['a saw null', 'b saw {"a":true}']);
  if (r.result.allowed) {
    assert.deepEqual(r.result.headersToSet, [['x-a', '1'], ['x-b', '1']]);
    assert.deepEqual(r.result.dynamicMetadata, { a: 1, b: 1 });
  }
});

test('default chain: the first failure denies and later steps never run', async () => {
  const log: string[] = [];
  const p = new AuthPipeline('c', [step('identity', forbid, log), step('authz', 'pass', log)], null, false);
  const r = await p.run(ctx(), sig);
  assert.equal(r.result.allowed, false);
  assert.deepEqual(log, ['identity saw null']);
  if (!r.result.allowed) assert.equal(r.result.status, 403);
});

test('booleanExpr a || b allows when only b passes; a && !b; failed steps contribute nothing (item 42)', async () => {
  const names = new Set(['a', 'b']);
  const log: string[] = [];
  const or = new AuthPipeline('c', [step('a', forbid, log), step('b', 'pass', log)], (parseBoolExpr('a || b', names) as unknown as { value: never }).value, false);
  const r1 = await or.run(ctx(), sig);
  assert.equal(r1.result.allowed, true);
  if (r1.result.allowed) assert.deepEqual(r1.result.headersToSet, [['x-b', '1']]);
  const andNot = new AuthPipeline('c', [step('a', 'pass', log), step('b', 'pass', log)], (parseBoolExpr('a && !b', names) as unknown as { value: never }).value, false);
  assert.equal((await andNot.run(ctx(), sig)).result.allowed, false);
});

test('denial types map to statuses: 401 + challenge, 302 + cookies, failOnRedirect → 401, explicit response, error → 403', async () => {
  const log: string[] = [];
  const cases: [Denial, boolean, number, [string, string][]][] = [
    [{ type: 'unauthenticated', code: 'AUTH_TOKEN_MISSING', reason: 'r', challenge: 'API key is missing or invalid' }, false, 401, [['www-authenticate', 'API key is missing or invalid']]],
    [{ type: 'redirect', code: 'AUTH_TOKEN_MISSING', reason: 'r', location: 'http://idp/auth?x', setCookies: ['s=1; HttpOnly'] }, false, 302, [['location', 'http://idp/auth?x'], ['set-cookie', 's=1; HttpOnly']]],
    [{ type: 'redirect', code: 'AUTH_TOKEN_MISSING', reason: 'r', location: 'http://idp/auth?x', setCookies: [] }, true, 401, []],
    [{ type: 'response', code: 'AUTH_OPA_DENIED', reason: 'r', status: 429, headers: [['x-why', 'quota']], body: 'slow down' }, false, 429, [['x-why', 'quota']]],
    [{ type: 'error', code: 'AUTH_OPA_ERROR', reason: 'r' }, false, 403, []],
  ];
  for (const [d, failOnRedirect, status, headers] of cases) {
    const r = await new AuthPipeline('c', [step('s', d, log)], null, failOnRedirect).run(ctx(), sig);
    assert.equal(r.result.allowed, false);
    if (!r.result.allowed) {
      assert.equal(r.result.status, status, d.type);
      assert.deepEqual(r.result.headers, headers);
    }
    assert.equal(r.outcome, d.type === 'error' ? 'error' : 'denied');
  }
});

test('a throwing step denies the request (fail closed) instead of crashing', async () => {
  const r = await new AuthPipeline('c', [step('bad', 'throw', [])], null, false).run(ctx(), sig);
  assert.equal(r.result.allowed, false);
  assert.equal(r.code, 'AUTH_STEP_ERROR');
});
