// Label selectors (equality and set-based: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`) and
// field selectors (`metadata.name=x,metadata.namespace!=y`) as the Kubernetes API parses them.
import { badRequest } from '../http/status.ts';
import { fieldValue } from './objects.ts';

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

/** Splits on commas outside parentheses. */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) (out.push(cur), (cur = ''));
    else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter(Boolean);
}

export function parseLabelSelector(selector: string): Requirement[] {
  return terms(selector).map((t): Requirement => {
    const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t);
    if (set) return { key: set[1]!, op: set[2] as 'in' | 'notin', values: set[3]!.split(',').map((v) => v.trim()).filter(Boolean) };
    const ne = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(t);
    if (ne) return { key: ne[1]!, op: 'notin', values: [ne[2]!] };
    const eq = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(t);
    if (eq) return { key: eq[1]!, op: 'in', values: [eq[2]!] };
    if (/^![^\s!=(),]+$/.test(t)) return { key: t.slice(1), op: '!exists' };
    if (/^[^\s!=(),]+$/.test(t)) return { key: t, op: 'exists' };
    throw badRequest(`unable to parse requirement: ${JSON.stringify(t)}: the label selector must be key, !key, key=value, key!=value, key in (a,b) or key notin (a,b)`);
  });
}

export function matchesLabels(labels: Record<string, string> | undefined, reqs: readonly Requirement[]): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]!);
      case 'notin':
        return !has || !r.values.includes(l[r.key]!);
    }
  });
}

export interface FieldRequirement {
  path: string;
  equal: boolean;
  value: string;
}

export function parseFieldSelector(selector: string): FieldRequirement[] {
  return terms(selector).map((t) => {
    const m = /^([A-Za-z0-9_.-]+)\s*(!=|==|=)\s*(.*)$/.exec(t);
    if (!m) throw badRequest(`invalid field selector ${JSON.stringify(t)}: use field=value or field!=value`);
    return { path: m[1]!, equal: m[2] !== '!=', value: m[3]! };
  });
}

export function matchesFields(obj: unknown, reqs: readonly FieldRequirement[]): boolean {
  return reqs.every((r) => ((fieldValue(obj, r.path) ?? '') === r.value) === r.equal);
}
