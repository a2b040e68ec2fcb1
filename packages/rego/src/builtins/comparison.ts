// Comparison operators as builtins (==, !=, <, >, <=, >=) over OPA's total order of values.
import { compare, equal } from '../value/index.ts';
import { T_ANY, T_BOOL, fn } from './lib/decl.ts';
import type { BuiltinTable } from './lib/types.ts';

const A2 = [T_ANY, T_ANY];

export const comparisonBuiltins: BuiltinTable = {
  equal: { decl: fn('equal', A2, T_BOOL), impl: (a) => equal(a[0], a[1]) },
  neq: { decl: fn('neq', A2, T_BOOL), impl: (a) => !equal(a[0], a[1]) },
  lt: { decl: fn('lt', A2, T_BOOL), impl: (a) => compare(a[0], a[1]) < 0 },
  gt: { decl: fn('gt', A2, T_BOOL), impl: (a) => compare(a[0], a[1]) > 0 },
  lte: { decl: fn('lte', A2, T_BOOL), impl: (a) => compare(a[0], a[1]) <= 0 },
  gte: { decl: fn('gte', A2, T_BOOL), impl: (a) => compare(a[0], a[1]) >= 0 },
};
