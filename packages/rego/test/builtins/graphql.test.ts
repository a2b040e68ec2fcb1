// graphql.*: gqlparser's AST shape, parse errors with locations, schema and query validation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, fail } from './call.ts';

const SCHEMA = `
  type Query { employeeByID(id: String!): Employee }
  type Employee { id: String! salary: Int! }
`;

test('parse_query returns the gqlparser AST without empty fields', () => {
  assert.deepEqual(call('graphql.parse_query', '{ f(id: [1,2]) }'), {
    Operations: [{
      Name: '', Operation: 'query',
      SelectionSet: [{
        Alias: 'f', Name: 'f',
        Arguments: [{ Name: 'id', Value: { Children: [
          { Name: '', Value: { ExpectedTypeHasDefault: false, Kind: 1, Raw: '1' } },
          { Name: '', Value: { ExpectedTypeHasDefault: false, Kind: 1, Raw: '2' } },
        ], ExpectedTypeHasDefault: false, Kind: 8, Raw: '' } }],
      }],
    }],
  });
});

test('parse errors carry gqlparser texts and locations', () => {
  assert.equal(fail('graphql.parse_query', 'notanoperation Foo { field }').message, 'graphql.parse_query: Unexpected Name "notanoperation" in GraphQL string at location 1:1');
  assert.equal(fail('graphql.parse_schema', 'type Hello {}').message, 'graphql.parse_schema: expected at least one definition, found } in GraphQL string at location 1:13');
  assert.equal(fail('graphql.parse_schema', 'union Hello = || Wo').message, 'graphql.parse_schema: Expected Name, found | in GraphQL string at location 1:16');
});

test('schema validation', () => {
  assert.equal(call('graphql.schema_is_valid', SCHEMA), true);
  assert.equal(call('graphql.schema_is_valid', 'type Hello implements World { field: String }'), false);
  assert.equal(call('graphql.schema_is_valid', 'type P { f: String } input I { p: P }'), false);
  assert.equal(call('graphql.schema_is_valid', 'extend type User { id: ID! }'), true);
});

test('query validation against a schema', () => {
  assert.equal(call('graphql.is_valid', '{ employeeByID(id: "alice") { salary } }', SCHEMA), true);
  assert.equal(call('graphql.is_valid', '{ employeeByID(id: "alice") { bonus } }', SCHEMA), false);
  assert.equal(call('graphql.is_valid', '{ employeeByID { salary } }', SCHEMA), false);
  assert.equal(call('graphql.is_valid', 'query Q($v: String!) { employeeByID(id: "x") { id } }', SCHEMA), false);
  assert.equal(
    fail('graphql.parse', '{\n  employeeByID {\n    id\n  }\n}', SCHEMA).message,
    'graphql.parse: Field "employeeByID" argument "id" of type "String!" is required, but it was not provided in GraphQL string at location 2:3',
  );
  const [ok, q, s] = call('graphql.parse_and_verify', '{ employeeByID(id: "a") { id } }', SCHEMA) as [boolean, object, object];
  assert.equal(ok, true);
  assert.ok('Operations' in q && 'Definitions' in s);
  assert.deepEqual(call('graphql.parse_and_verify', '{ nope }', SCHEMA), [false, {}, {}]);
});
