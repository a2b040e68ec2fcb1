// Seed-policy benchmark (issue 3): one evaluation of the seed policy over a realistic ext_authz input, against
// the same decision written directly in TypeScript, in the same run. Prints median / p99 per evaluation, the
// ratio, and the policy's compile (prepare) time. Not part of npm test; run with `npm run bench:rego`.
import { prepare } from '@portico/rego';
import { SEED_POLICY } from '../../packages/rego/test/__fixtures__/seed-policy.ts';

const SEED = SEED_POLICY;

// A realistic CheckRequest (Envoy ext_authz, snake_case JSON) plus the state the auth chain stored.
function makeInput(i: number): Record<string, unknown> {
  return {
    check_request: {
      attributes: {
        source: { address: { socket_address: { address: '10.0.0.' + (i % 250), port_value: 50000 + (i % 1000) } } },
        destination: { address: { socket_address: { address: '10.0.1.1', port_value: 8080 } } },
        request: {
          time: '2026-11-24T10:00:00Z',
          http: {
            id: 'req-' + i,
            method: 'GET',
            headers: {
              ':authority': 'api.example.com',
              ':method': 'GET',
              ':path': '/trackapi/v1/tracks?page=' + (i % 10),
              accept: 'application/json',
              authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig',
              'user-agent': 'curl/8.5.0',
              'x-request-id': 'req-' + i,
              'x-forwarded-proto': 'https',
            },
            path: '/trackapi/v1/tracks?page=' + (i % 10),
            host: 'api.example.com',
            scheme: 'https',
            protocol: 'HTTP/1.1',
            size: '0',
          },
        },
        context_extensions: { config_id: 'gloo-mesh.tracks-opa' },
        metadata_context: {
          filter_metadata: {
            'io.solo.gloo.apimanagement': { api_product_id: 'tracks', api_version: 'v1', lifecycle_phase: 'GA', title: 'Tracks' },
            'envoy.filters.http.jwt_authn': {},
          },
        },
      },
    },
    state: {
      jwtAccessToken: {
        iss: 'http://localhost:9000',
        sub: 'user-' + (i % 50),
        aud: 'portal',
        exp: 1800000000,
        iat: 1700000000,
        scope: i % 4 === 0 ? 'openid profile email' : 'openid profile email tracks',
      },
    },
  };
}

// The same decision by hand.
function allowTs(input: any): boolean {
  const fm = input?.check_request?.attributes?.metadata_context?.filter_metadata;
  const id = fm?.['io.solo.gloo.apimanagement']?.api_product_id;
  const scope = input?.state?.jwtAccessToken?.scope;
  if (typeof id !== 'string' || typeof scope !== 'string' || id === '') return false;
  for (const s of scope.split(' ')) if (s !== '' && s === id) return true;
  return false;
}

function stats(samples: number[]): { median: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p99: s[Math.floor(s.length * 0.99)] };
}

const N_INPUTS = 256;
const inputs = Array.from({ length: N_INPUTS }, (_, i) => makeInput(i));

// compile time
const compileSamples: number[] = [];
let prepared;
for (let i = 0; i < 200; i++) {
  const t0 = process.hrtime.bigint();
  const p = prepare({ modules: { 'seed.rego': SEED }, query: 'data.test.allow == true', regoVersion: 0 });
  compileSamples.push(Number(process.hrtime.bigint() - t0) / 1000);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  prepared = p.value;
}
const query = prepared!;

// correctness: both agree on every input
for (const input of inputs) {
  const r = query.eval({ input });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  if ((r.results[0]?.expressions[0] === true) !== allowTs(input)) throw new Error('rego and TypeScript disagree');
}

// Timing: batches of BATCH evaluations per sample (hrtime resolution), interleaved engine/baseline.
const BATCH = 50;
const SAMPLES = 2000;
const regoS: number[] = [];
const tsS: number[] = [];
let sink = 0;
for (let round = 0; round < SAMPLES + 200; round++) {
  const base = (round * BATCH) % N_INPUTS;
  let t0 = process.hrtime.bigint();
  for (let j = 0; j < BATCH; j++) {
    const r = query.eval({ input: inputs[(base + j) % N_INPUTS] });
    if (r.ok && r.results[0]?.expressions[0] === true) sink++;
  }
  const regoNs = Number(process.hrtime.bigint() - t0) / BATCH;
  t0 = process.hrtime.bigint();
  for (let j = 0; j < BATCH; j++) if (allowTs(inputs[(base + j) % N_INPUTS])) sink++;
  const tsNs = Number(process.hrtime.bigint() - t0) / BATCH;
  if (round >= 200) {
    regoS.push(regoNs / 1000);
    tsS.push(tsNs / 1000);
  }
}
const r = stats(regoS);
const t = stats(tsS);
const c = stats(compileSamples);
const f = (x: number) => x.toFixed(3).padStart(8);
console.log(`rego seed policy   median ${f(r.median)} µs   p99 ${f(r.p99)} µs   (per evaluation, batches of ${BATCH})`);
console.log(`typescript         median ${f(t.median)} µs   p99 ${f(t.p99)} µs`);
console.log(`ratio rego/ts      median ${(r.median / t.median).toFixed(1)}x   p99 ${(r.p99 / t.p99).toFixed(1)}x`);
console.log(`compile (prepare)  median ${f(c.median)} µs   p99 ${f(c.p99)} µs`);
console.log(`targets: median ≤ 10 µs → ${r.median <= 10 ? 'met' : 'NOT met'}; ≤ 5x TypeScript → ${r.median / t.median <= 5 ? 'met' : 'NOT met'} (sink ${sink})`);
