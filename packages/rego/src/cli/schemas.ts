// `--schema PATH`: a JSON schema file for `input`, or a directory whose files name their schema by path
// (input.json → schema.input, kubernetes/pod.json → schema.kubernetes.pod), as `opa check -s` reads them.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { LoadError, readDocument } from './files.ts';

export type SchemaSet = Map<string, unknown>; // 'input' / 'kubernetes.pod' → JSON schema

export function loadSchemas(path: string): SchemaSet {
  const out: SchemaSet = new Map();
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new LoadError(`${path}: no such file or directory`);
  }
  if (!st.isDirectory()) {
    out.set('input', readDocument(path));
    return out;
  }
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (extname(p) === '.json' || extname(p) === '.yaml') out.set(relative(path, p).slice(0, -extname(p).length).split(sep).join('.'), readDocument(p));
    }
  };
  walk(path);
  return out;
}
