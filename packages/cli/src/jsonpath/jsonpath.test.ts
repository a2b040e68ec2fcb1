// kubectl's documented JSONPath examples (kubernetes.io/docs/reference/kubectl/jsonpath/), on the input document
// given on that page, plus client-go's printing rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderJsonPath } from './evaluate.ts';

const input = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2' },
      status: {
        capacity: { cpu: '8' },
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

const cases: [string, string][] = [
  ['the kind is {.kind}', 'the kind is List'],
  ['{.kind}', 'List'],
  ["{['kind']}", 'List'],
  ['{..name}', '127.0.0.1 127.0.0.2 myself e2e'],
  ['{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
  ['{.users[0].name}', 'myself'],
  ['{.users[-1:].name}', 'e2e'],
  ['{.users[0:1].name}', 'myself'],
  ['{.items[*].status.capacity}', '{"cpu":"4"} {"cpu":"8"}'],
  ['{.users[?(@.name=="e2e")].user.password}', 'secret'],
  ['{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
  ["{range .items[*]}{.metadata.name}{'\\t'}{end}", '127.0.0.1\t127.0.0.2\t'],
  ['{.items[0].metadata.labels.kubernetes\\.io/hostname}', '127.0.0.1'],
  ['{.items[*].status.addresses[?(@.type=="LegacyHostIP")].address}', '127.0.0.1 127.0.0.2'],
  ['{.users[0,1].name}', 'myself e2e'],
  ['{.items[*].metadata.missing}', ''],
  ['{.users[?(@.user.password)].name}', 'e2e'],
];

for (const [template, want] of cases) {
  test(`kubectl jsonpath ${template}`, () => {
    assert.equal(renderJsonPath(template, input), want);
  });
}

test('{@} prints the whole input as JSON', () => {
  assert.deepEqual(JSON.parse(renderJsonPath('{@}', input)), input);
});

test('syntax errors are coded', () => {
  assert.throws(() => renderJsonPath('{range .items[*]}{.x}', input), { code: 'CLI_JSONPATH_SYNTAX' });
  assert.throws(() => renderJsonPath('{.items[*}', input), { code: 'CLI_JSONPATH_SYNTAX' });
  assert.throws(() => renderJsonPath('{end}', input), { code: 'CLI_JSONPATH_SYNTAX' });
});
