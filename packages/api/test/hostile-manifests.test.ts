// Issue 11 "keep the proof" for the manifest parser: a YAML alias bomb is a per-document error naming the rule
// (the admin API answers 422 instead of 500), and seeded property-based fuzzing (fast-check) of parseManifests:
// whatever the text, it returns one result per document — never throws, never hangs, never accepts a document
// without a kind and a name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseManifests } from '@portico/api';
import { aliasBomb } from './support/alias-bomb.ts';

const good = `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: good, namespace: ns1}
spec:
  hosts: ["api.example.com"]
  http: [{name: r, directResponse: {status: 200, body: ok}}]
`;

test('a YAML alias bomb is one failed document naming the alias rule; its neighbours are unaffected', () => {
  const docs = parseManifests(`${aliasBomb()}---\n${good}`, 'bomb.yaml');
  assert.equal(docs.length, 2);
  const [bomb, ok] = docs;
  assert.equal(bomb!.ok, false);
  if (!bomb!.ok) {
    assert.equal(bomb!.code, 'API_YAML_SYNTAX');
    assert.equal(bomb!.issues[0]!.rule, 'YAML alias limit');
    assert.match(bomb!.message, /aliases/);
  }
  assert.equal(ok!.ok, true);
});

test('fuzz: parseManifests never throws or hangs and accepts only named, kinded documents (fast-check, seeded)', () => {
  let tries = 0;
  let crashes = 0;
  let wronglyAccepted = 0;
  const run = (text: string) => {
    tries++;
    let docs: ReturnType<typeof parseManifests>;
    try {
      docs = parseManifests(text, 'fuzz.yaml');
    } catch {
      crashes++;
      return;
    }
    for (const d of docs) {
      if (!d.ok) continue;
      const r = d.resource as { kind?: unknown; metadata?: { name?: unknown } };
      if (typeof r.kind !== 'string' || typeof r.metadata?.name !== 'string' || r.metadata.name === '') wronglyAccepted++;
    }
  };
  // 1. Arbitrary text, and YAML-ish token soup (anchors, aliases, tags, flow and block syntax).
  const tokens = fc.constantFrom('a: ', '&x ', '*x', '[', ']', '{', '}', ', ', '- ', '\n', '  ', '---\n', '!!str ', '!!binary ', '<<: *x', '"', "'", '|\n', 'kind: RouteTable', 'metadata: {name: n}', 'apiVersion: v1', '? ', '%YAML 1.2\n', '#');
  fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.array(tokens, { maxLength: 60 }).map((t) => t.join(''))), (text) => run(text)), { seed: 1111, numRuns: 600 });
  // 2. A valid manifest with one line replaced, dropped or duplicated.
  const lines = good.split('\n');
  fc.assert(
    fc.property(fc.nat({ max: lines.length - 1 }), fc.constantFrom('drop', 'dup', 'replace'), fc.string({ maxLength: 40 }), (i, op, repl) => {
      const copy = [...lines];
      if (op === 'drop') copy.splice(i, 1);
      else if (op === 'dup') copy.splice(i, 0, copy[i]!);
      else copy[i] = repl;
      run(copy.join('\n'));
    }),
    { seed: 1112, numRuns: 400 },
  );
  // 3. Any JSON value as a document (JSON is YAML).
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => run(JSON.stringify(v))), { seed: 1113, numRuns: 300 });
  // 4. Alias chains of random width and depth.
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (width, depth) => {
      const rows = ['r0: &r0 [x]'];
      for (let i = 1; i < depth; i++) rows.push(`r${i}: &r${i} [${Array.from({ length: width }, () => `*r${i - 1}`).join(',')}]`);
      run(`kind: ConfigMap\napiVersion: v1\nmetadata: {name: a, namespace: b}\ndata:\n${rows.map((r) => `  ${r}`).join('\n')}\n`);
    }),
    { seed: 1114, numRuns: 100 },
  );
  console.log(`# manifest parser fuzz: ${tries} tries, ${wronglyAccepted} wrongly accepted, ${crashes} crashes`);
  assert.equal(crashes, 0);
  assert.equal(wronglyAccepted, 0);
});
