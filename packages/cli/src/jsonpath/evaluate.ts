// Evaluates a parsed kubectl JSONPath template. Output follows client-go's PrintResults: several results are
// separated by one space; strings and numbers print as text; objects and arrays print as compact JSON (keys
// sorted, as Go's encoding/json does for maps); a missing field prints nothing (kubectl allows missing keys).
import { parseTemplate, type Operand, type Segment, type TemplateNode } from './parse.ts';

export function renderJsonPath(template: string, data: unknown): string {
  return renderNodes(parseTemplate(template), data);
}

function renderNodes(nodes: readonly TemplateNode[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.text;
    else if (n.type === 'path') out += evaluatePath(n.segments, data).map(toText).join(' ');
    else for (const item of evaluatePath(n.segments, data).flatMap(rangeItems)) out += renderNodes(n.body, item);
  }
  return out;
}

/** `range` over one array result iterates its elements (client-go ranges over the slice). */
function rangeItems(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

export function evaluatePath(segments: readonly Segment[], root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const seg of segments) current = current.flatMap((v) => step(seg, v));
  return current;
}

function step(seg: Segment, v: unknown): unknown[] {
  switch (seg.type) {
    case 'field':
      return isObject(v) && Object.hasOwn(v, seg.name) ? [v[seg.name]] : [];
    case 'wildcard':
      return Array.isArray(v) ? v : isObject(v) ? sortedKeys(v).map((k) => v[k]) : [];
    case 'recursive':
      return descendants(v);
    case 'index': {
      if (!Array.isArray(v)) return [];
      const i = seg.index < 0 ? v.length + seg.index : seg.index;
      return i >= 0 && i < v.length ? [v[i]] : [];
    }
    case 'slice':
      return Array.isArray(v) ? slice(v, seg) : [];
    case 'filter':
      return (Array.isArray(v) ? v : isObject(v) ? sortedKeys(v).map((k) => v[k]) : []).filter((item) => filterMatches(seg, item));
    case 'union':
      return seg.branches.flatMap((b) => evaluatePath(b, v));
  }
}

function slice(arr: unknown[], s: { start: number | null; end: number | null; step: number | null }): unknown[] {
  const len = arr.length;
  const norm = (n: number) => (n < 0 ? Math.max(0, len + n) : Math.min(n, len));
  const start = s.start === null ? 0 : norm(s.start);
  const end = s.end === null ? len : norm(s.end);
  const stepBy = s.step === null || s.step === 0 ? 1 : s.step;
  const out: unknown[] = [];
  for (let i = start; i < end; i += Math.abs(stepBy)) out.push(arr[i]);
  return out;
}

/** Pre-order walk, object keys sorted (client-go's evalRecursive). */
function descendants(v: unknown): unknown[] {
  const children = Array.isArray(v) ? v : isObject(v) ? sortedKeys(v).map((k) => v[k]) : [];
  if (children.length === 0) return [];
  return [v, ...children.flatMap(descendants)];
}

function filterMatches(seg: Extract<Segment, { type: 'filter' }>, item: unknown): boolean {
  const left = operandValues(seg.left, item);
  if (seg.op === 'exists') return left.length > 0;
  const right = seg.right ? operandValues(seg.right, item) : [];
  if (left.length === 0 || right.length === 0) return false;
  const [a, b] = [left[0], right[0]];
  switch (seg.op) {
    case '==':
      return a === b || (typeof a === 'number' && Number(b) === a);
    case '!=':
      return a !== b;
    case '<':
      return Number(a) < Number(b);
    case '>':
      return Number(a) > Number(b);
    case '<=':
      return Number(a) <= Number(b);
    case '>=':
      return Number(a) >= Number(b);
  }
}

function operandValues(o: Operand, item: unknown): unknown[] {
  return o.type === 'literal' ? [o.value] : evaluatePath(o.segments, item);
}

function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return goJson(v);
  return String(v);
}

/** encoding/json.Marshal: map keys sorted, <, >, & escaped. */
function goJson(v: unknown): string {
  return JSON.stringify(sortDeep(v)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isObject(v)) return Object.fromEntries(sortedKeys(v).map((k) => [k, sortDeep(v[k])]));
  return v;
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

