// Loading OPA's YAML conformance cases the way OPA reads them: YAML 1.1 scalars (y/yes/on → true), every
// mapping key a string, integers exact (bigint when beyond 2^53).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';

export interface Case {
  note: string;
  query: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  want_result?: Record<string, unknown>[];
  want_error_code?: string;
  want_error?: string;
  strict_error?: boolean;
  sort_bindings?: boolean;
  experimental_keywords?: boolean;
  ignore_generated_vars?: boolean;
  env?: Record<string, string>;
}

export interface LoadedCase {
  id: string; // <relative file>#<index>
  tree: 'v0' | 'v1';
  topic: string;
  suite: string; // '' for OPA's suite
  file: string;
  index: number;
  c: Case;
}

function walkYaml(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkYaml(p, out);
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(p);
  }
}

/** `suite` prefixes ids and topics of suites other than OPA's (`portico:v1/annotations/…`). */
export function loadCases(dir: string, base: string = dir, suite = ''): LoadedCase[] {
  const files: string[] = [];
  walkYaml(dir, files);
  const out: LoadedCase[] = [];
  for (const file of files) {
    const rel = (suite ? suite + ':' : '') + (relative(base, file) || file).split(sep).join('/');
    const parts = file.split(sep);
    const vi = parts.lastIndexOf('v0') >= 0 ? parts.lastIndexOf('v0') : parts.lastIndexOf('v1');
    const tree = vi >= 0 ? (parts[vi] as 'v0' | 'v1') : 'v1';
    const topic = vi >= 0 && vi + 1 < parts.length - 1 ? parts[vi + 1] : parts[parts.length - 2];
    const doc = parse(readFileSync(file, 'utf8'), { version: '1.1', intAsBigInt: true }) as { cases?: Case[] } | null;
    (doc?.cases ?? []).forEach((c, index) => out.push({ id: `${rel}#${index}`, tree, topic, suite, file, index, c }));
  }
  return out;
}
