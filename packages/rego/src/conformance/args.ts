// Command-line options of the conformance runner.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** OPA's own cases (shared/rego-conformance/opa). */
export const DEFAULT_SUITE = resolve(here, '../../../../../shared/rego-conformance/opa');
/** Cases written for this engine in OPA's format (annotations, type checking, strictness). */
export const PORTICO_SUITE = resolve(here, '../../test/cases');
/** OPA's compiler corpus (v1/test/compilecases: type checking, annotations), recorded as data. */
export const COMPILE_SUITE = resolve(here, '../../test/compilecases');

export const USAGE = `usage: npm run conformance -- [OPTIONS] [DIR…]

Runs Rego conformance cases in OPA's YAML format (v0/<topic>/*.yaml, v1/<topic>/*.yaml).
Without DIR: OPA's suite (${DEFAULT_SUITE}), this package's own cases (test/cases) and OPA's compiler
cases (test/compilecases: diagnostics of type checking and annotations).

options:
  --filter TEXT            only cases whose id or note contains TEXT
  --verbose, -v            print every case that does not pass, with the reason
  --json FILE              write every case id with its status, pass kind and reason
  --expect FILE            per-case expectations (one "<case id> result|exact|relaxed" line per expected pass);
                           exit 1 when an expected case fails, is skipped, or drops from exact to relaxed
  --write-expected FILE    write the cases that pass now as expectations
  --help, -h               this text

The last line is always: conformance: P passed, F failed, S skipped`;

export interface Args {
  dirs: string[];
  filter: string;
  verbose: boolean;
  jsonOut: string;
  expect: string;
  writeExpected: string;
  help: boolean;
}

export function parseArgs(argv: string[]): { ok: true; value: Args } | { ok: false; error: string } {
  const a: Args = { dirs: [], filter: '', verbose: false, jsonOut: '', expect: '', writeExpected: '', help: false };
  const valueOf = (i: number, flag: string): string | null => (i < argv.length && !argv[i].startsWith('--') ? argv[i] : (void flag, null));
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    const takes: Record<string, keyof Args> = { '--filter': 'filter', '--json': 'jsonOut', '--expect': 'expect', '--write-expected': 'writeExpected' };
    if (f === '--help' || f === '-h') a.help = true;
    else if (f === '--verbose' || f === '-v') a.verbose = true;
    else if (f in takes) {
      const v = valueOf(++i, f);
      if (v === null) return { ok: false, error: `${f} needs a value` };
      (a[takes[f]] as string) = v;
    } else if (f.startsWith('-')) return { ok: false, error: `unknown option ${f}` };
    else a.dirs.push(resolve(f));
  }
  return { ok: true, value: a };
}
