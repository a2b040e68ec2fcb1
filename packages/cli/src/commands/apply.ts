// portico apply -f FILE|DIR|- [-f …] [-R]: sends every document to the control plane, which validates and stores
// each one on its own; prints one line per document and exits 1 when any failed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseAllDocuments } from 'yaml';
import { clientFor, type CliIO } from '../context.ts';
import { CliError } from '../errors.ts';
import { printApplyResults, type ApplyResultLine } from './apply-output.ts';

interface ApplyOptions {
  filename: string[];
  recursive?: boolean;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('apply')
    .description('create or update resources from YAML/JSON manifests')
    .requiredOption('-f, --filename <path>', 'file, directory (*.yaml, *.yml, *.json) or - for stdin; repeatable', collect, [])
    .option('-R, --recursive', 'descend into sub-directories of -f directories')
    .action(async (opts: ApplyOptions, cmd: Command) => {
      const documents: { file: string; content: string }[] = [];
      const notDescended: string[] = [];
      for (const f of opts.filename) documents.push(...(await readManifests(f, opts.recursive === true, io, notDescended)));
      if (documents.length === 0 && notDescended.length > 0) {
        throw new CliError('CLI_USAGE', `error: no objects passed to apply: ${opts.filename.join(', ')} holds no manifests itself, but its sub-directories do (${notDescended.join(', ')}); add -R (--recursive) to apply them`);
      }
      if (documents.length === 0) throw new CliError('CLI_USAGE', `error: no objects passed to apply (no *.yaml, *.yml or *.json files in ${opts.filename.join(', ')})`);
      for (const d of notDescended) io.stderr(`Skipping sub-directory ${d}: it holds manifests; add -R (--recursive) to apply them\n`);
      const r = await clientFor(cmd).request<{ results: ApplyResultLine[] }>('POST', '/v1/apply', { documents });
      if (!Array.isArray(r.body.results)) throw new CliError('CLI_SERVER_ERROR', `Error from server (${r.body.code}): ${r.body.message}`);
      const failed = printApplyResults(r.body.results, io);
      if (failed > 0) throw new CliError('CLI_SERVER_ERROR', `error: ${failed} of ${r.body.results.length} document(s) were not applied`);
    });
}

function looksLikeManifest(content: string): boolean {
  try {
    return parseAllDocuments(content).some((d) => {
      const v = d.toJS() as { apiVersion?: unknown; kind?: unknown } | null;
      return typeof v === 'object' && v !== null && (v.apiVersion !== undefined || v.kind !== undefined);
    });
  } catch {
    return true; // let the control plane report the syntax error with file and document
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Manifests in `path`; sub-directories holding manifests that were not descended into (no -R) go to `notDescended`. */
export async function readManifests(path: string, recursive: boolean, io: CliIO, notDescended: string[] = []): Promise<{ file: string; content: string }[]> {
  if (path === '-') return [{ file: '-', content: await io.stdin() }];
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliError('CLI_READ_FAILED', `error: the path "${path}" does not exist`);
  }
  if (st.isFile()) return [{ file: path, content: readFileSync(path, 'utf8') }];
  const out: { file: string; content: string }[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) {
      if (recursive) out.push(...(await readManifests(full, true, io, notDescended)));
      else if (holdsManifestFiles(full)) notDescended.push(full);
    } else if (/\.(ya?ml|json)$/.test(entry.name)) {
      const content = readFileSync(full, 'utf8');
      // A directory may hold other configuration next to the manifests (examples/quickstart/idp.yaml is the dev
      // IdP's config): files with no document naming an apiVersion or kind are skipped, with a note.
      if (!looksLikeManifest(content)) {
        io.stderr(`Skipping ${full}: no document in it has apiVersion/kind (not a resource manifest)\n`);
        continue;
      }
      out.push({ file: full, content });
    }
  }
  return out;
}

/** Whether `dir` or any directory below it has a *.yaml, *.yml or *.json file. */
function holdsManifestFiles(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).some((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name));
}
