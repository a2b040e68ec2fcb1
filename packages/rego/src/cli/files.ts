// Loading policies and data the way `opa eval -d/-b` does: `.rego` files are modules; data files are merged
// into `data` at the path of their directory below the given root (`-d` takes every .json/.yaml/.yml file,
// a bundle directory (`-b`) only `data.json`/`data.yaml`). A file given directly is merged at the root.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface Loaded {
  modules: Record<string, string>;
  data: Record<string, unknown>;
}

export class LoadError extends Error {}

const DATA_EXT = new Set(['.json', '.yaml', '.yml']);

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue; // .manifest, .git
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** A JSON or YAML document (`input` or data). */
export function readDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new LoadError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    return extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new LoadError(`${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// Objects merge key by key; any other value may only land where nothing is yet.
function mergeAt(data: Record<string, unknown>, path: string[], value: unknown, file: string): void {
  if (path.length === 0 && !isPlainObject(value)) throw new LoadError(`${file}: a data file at the root must hold an object`);
  let node = data;
  for (const seg of path.slice(0, -1)) {
    const next = node[seg];
    if (next === undefined) node = node[seg] = {};
    else if (isPlainObject(next)) node = next;
    else throw new LoadError(`${file}: merge error: data.${path.join('.')} is under a non-object value`);
  }
  const mergeInto = (target: Record<string, unknown>, obj: Record<string, unknown>, at: string[]) => {
    for (const [k, v] of Object.entries(obj)) {
      const cur = target[k];
      if (cur === undefined) target[k] = v;
      else if (isPlainObject(cur) && isPlainObject(v)) mergeInto(cur, v, [...at, k]);
      else throw new LoadError(`${file}: merge error: data.${[...at, k].join('.')} is defined twice`);
    }
  };
  if (path.length === 0) return mergeInto(data, value as Record<string, unknown>, []);
  mergeInto(node, { [path[path.length - 1]]: value }, path.slice(0, -1));
}

/** `paths`: files or directories given with -d; `bundles`: directories given with -b. */
export function loadPaths(paths: string[], bundles: string[] = []): Loaded {
  const out: Loaded = { modules: {}, data: {} };
  const add = (root: string, onlyDataFiles: boolean) => {
    let st;
    try {
      st = statSync(root);
    } catch {
      throw new LoadError(`${root}: no such file or directory`);
    }
    const files: string[] = [];
    if (st.isDirectory()) walk(root, files);
    else files.push(root);
    for (const f of files) {
      const ext = extname(f);
      if (ext === '.rego') out.modules[f] = readFileSync(f, 'utf8');
      else if (DATA_EXT.has(ext) && (!onlyDataFiles || /^data\.(json|ya?ml)$/.test(basename(f)))) {
        const dir = st.isDirectory() ? relative(root, join(f, '..')) : '';
        mergeAt(out.data, dir ? dir.split(sep) : [], readDocument(f), f);
      }
    }
  };
  for (const p of paths) add(p, false);
  for (const b of bundles) add(b, true);
  return out;
}
