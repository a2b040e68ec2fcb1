// graph.reachable and graph.reachable_paths over an adjacency object {node: array|set of neighbours}
// (OPA topdown/graphs.go). walk needs the evaluator and lives in the engine.
import type { ObjectValue, Value } from '../value/index.ts';
import { isArray, isSet, makeSet, setValues } from '../value/index.ts';
import { T_ANY, anyOf, arrayOf, fn, objectOf, setOf } from './lib/decl.ts';
import { obj, operandTypeError } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const GRAPH = objectOf(T_ANY, anyOf(arrayOf(), setOf()));
const NODES = anyOf(arrayOf(), setOf());

function nodes(v: Value | undefined): readonly Value[] | null {
  if (v === undefined) return null;
  if (isArray(v)) return v;
  if (isSet(v)) return setValues(v);
  return [];
}

function initial(args: Value[]): readonly Value[] {
  const v = args[1];
  if (isArray(v)) return v;
  if (isSet(v)) return setValues(v);
  throw operandTypeError(2, v, 'array', 'set');
}

function reachable(args: Value[]): Value {
  const g = obj(args, 0) as ObjectValue;
  const seen = makeSet([]);
  const queue = [...initial(args)];
  while (queue.length) {
    const n = queue.shift()!;
    if (seen.has(n)) continue;
    const edges = nodes(g.get(n));
    if (edges === null) continue;
    seen.add(n);
    queue.push(...edges);
  }
  return seen;
}

function reachablePaths(args: Value[]): Value {
  const g = obj(args, 0) as ObjectValue;
  const out: Value[] = [];
  const walk = (node: Value, path: Value[], onPath: Value[]): void => {
    const edges = nodes(g.get(node));
    if (edges === null) {
      if (path.length) out.push(path);
      return;
    }
    const next = [...path, node];
    const fresh = edges.filter((e) => !onPath.some((p) => p === e || JSON.stringify(p) === JSON.stringify(e)));
    if (fresh.length === 0) {
      out.push(next);
      return;
    }
    for (const e of fresh) walk(e, next, [...onPath, e]);
  };
  for (const n of initial(args)) walk(n, [], [n]);
  return makeSet(out);
}

export const graphBuiltins: BuiltinTable = {
  'graph.reachable': { decl: fn('graph.reachable', [GRAPH, NODES], setOf()), impl: reachable },
  'graph.reachable_paths': { decl: fn('graph.reachable_paths', [GRAPH, NODES], setOf(arrayOf())), impl: reachablePaths },
};
