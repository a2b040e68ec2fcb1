// `rego test`: runs every rule named `test_*` as `opa test` does — a test passes when its rule is true; `with`
// replaces input, data and functions inside tests; `todo_test_*` rules are reported as skipped. --coverage adds
// per-file line coverage of body expressions.
import { parseArgs } from 'node:util';
import { compile, type Policy, type RuleInfo } from '../api/prepare.ts';
import { formatError, type Location, type RegoError } from '../errors.ts';
import { jsonText, usageText, type CliIO } from './io.ts';
import { loadPaths } from './files.ts';
import { COMMON_HELP, COMMON_OPTIONS, formatOption, printErrors, regoVersion, UsageError } from './common.ts';

export const TEST_HELP = `Usage: rego test [OPTIONS] PATH...

Runs the test rules (named test_*) of the policies under PATH; data files there are loaded as with eval -d.

options:
  -v, --verbose          print every test, not only failures, and print() output of failing tests
  -r, --run REGEX        only tests whose full name (data.pkg.test_x) matches REGEX
  -c, --coverage         report line coverage of rule bodies per file
  --threshold PERCENT    with --coverage: exit 1 when total coverage is below PERCENT
  -f, --format FORMAT    pretty (default) or json
${COMMON_HELP}

exit status: 0 all tests pass, 1 a test fails or errors (or coverage is under --threshold), 2 usage or load error`;

export interface TestResult {
  name: string; // data.pkg.test_x
  file: string;
  row: number;
  status: 'pass' | 'fail' | 'error' | 'skip';
  durationMs: number;
  error?: RegoError;
  output: string[]; // print() lines
}

export interface FileCoverage {
  covered: number[];
  not_covered: number[];
  coverage: number;
}

function refText(path: string[]): string {
  return 'data' + path.map((s) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? '.' + s : `[${JSON.stringify(s)}]`)).join('');
}

/** The test rules: `test_*` and `todo_test_*` complete rules, one test per name (several bodies form one test). */
function testRules(policy: Policy, run: RegExp | null): RuleInfo[] {
  const seen = new Set<string>();
  const out: RuleInfo[] = [];
  for (const r of policy.rules()) {
    const name = r.path[r.path.length - 1];
    if (r.kind !== 'complete' || !(name.startsWith('test_') || name.startsWith('todo_test_'))) continue;
    const full = refText(r.path);
    if (seen.has(full) || (run && !run.test(full))) continue;
    seen.add(full);
    out.push(r);
  }
  return out;
}

export function runTests(policy: Policy, data: unknown, io: CliIO, run: RegExp | null, onExpr?: (loc: Location) => void): TestResult[] {
  return testRules(policy, run).map((r): TestResult => {
    const name = refText(r.path);
    const base = { name, file: r.location.file, row: r.location.row, output: [] as string[] };
    if (r.path[r.path.length - 1].startsWith('todo_')) return { ...base, status: 'skip', durationMs: 0 };
    const start = io.now();
    const p = policy.prepare(`__result__ := ${name}`);
    if (!p.ok) return { ...base, status: 'error', durationMs: io.now() - start, error: p.errors[0] };
    const res = p.value.eval({ data, onExpr, print: (m) => base.output.push(m) });
    const durationMs = io.now() - start;
    if (!res.ok) return { ...base, status: 'error', durationMs, error: res.errors[0] };
    const pass = res.results.length === 1 && res.results[0].bindings.__result__ === true;
    return { ...base, status: pass ? 'pass' : 'fail', durationMs };
  });
}

function coverageReport(policy: Policy, hits: Map<string, Set<number>>): { files: Record<string, FileCoverage>; coverage: number } {
  const files: Record<string, FileCoverage> = {};
  let covered = 0;
  let total = 0;
  for (const [file, rows] of [...policy.coverableLines()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const hit = hits.get(file) ?? new Set();
    const all = [...rows].sort((a, b) => a - b);
    const c = all.filter((r) => hit.has(r));
    const n = all.filter((r) => !hit.has(r));
    covered += c.length;
    total += all.length;
    files[file] = { covered: c, not_covered: n, coverage: all.length ? round((100 * c.length) / all.length) : 100 };
  }
  return { files, coverage: total ? round((100 * covered) / total) : 100 };
}

const round = (x: number) => Math.round(x * 100) / 100;

export function runTest(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      verbose: { type: 'boolean', short: 'v' },
      run: { type: 'string', short: 'r' },
      coverage: { type: 'boolean', short: 'c' },
      threshold: { type: 'string' },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    io.out(usageText(io, TEST_HELP) + '\n');
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('rego test needs at least one PATH');
  const format = formatOption(values.format, ['pretty', 'json'], 'pretty');
  let run: RegExp | null = null;
  if (values.run !== undefined) {
    try {
      run = new RegExp(values.run);
    } catch (e) {
      throw new UsageError(`--run: ${(e as Error).message}`);
    }
  }
  const threshold = values.threshold === undefined ? 0 : Number(values.threshold);
  if (!(threshold >= 0 && threshold <= 100)) throw new UsageError('--threshold must be a number from 0 to 100');
  const loaded = loadPaths(positionals);
  const c = compile({ modules: loaded.modules, regoVersion: regoVersion(values), strict: values['strict-builtin-errors'] === true, strictCompile: values.strict === true });
  if (!c.ok) {
    printErrors(io, c.errors, format === 'json' ? 'json' : 'pretty');
    return 1;
  }
  const hits = new Map<string, Set<number>>();
  const onExpr = values.coverage
    ? (loc: Location) => {
        let s = hits.get(loc.file);
        if (!s) hits.set(loc.file, (s = new Set()));
        s.add(loc.row);
      }
    : undefined;
  const results = runTests(c.value, loaded.data, io, run, onExpr);
  const cov = values.coverage ? coverageReport(c.value, hits) : null;
  const failed = results.filter((r) => r.status === 'fail' || r.status === 'error').length;
  if (format === 'json') {
    io.out(jsonText({ tests: results.map((r) => ({ ...r, error: r.error && { code: r.error.code, message: r.error.message, location: r.error.location } })), ...(cov ? { coverage: cov } : {}) }) + '\n');
  } else printPretty(io, results, values.verbose === true, cov);
  if (failed > 0) return 1;
  if (cov && cov.coverage < threshold) {
    io.err(`coverage ${cov.coverage}% is below the threshold ${threshold}%\n`);
    return 1;
  }
  return 0;
}

function printPretty(io: CliIO, results: TestResult[], verbose: boolean, cov: { files: Record<string, FileCoverage>; coverage: number } | null): void {
  const line = '-'.repeat(80);
  const byFile = new Map<string, TestResult[]>();
  for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const label = { pass: 'PASS', fail: 'FAIL', error: 'ERROR', skip: 'SKIPPED' };
  for (const [file, rs] of byFile) {
    const shown = verbose ? rs : rs.filter((r) => r.status === 'fail' || r.status === 'error');
    if (!shown.length) continue;
    io.out(`${file}:\n`);
    for (const r of shown) {
      io.out(`${r.name}: ${label[r.status]} (${r.durationMs.toFixed(1)}ms)\n`);
      if (r.error) io.out(`  ${formatError(r.error)}\n`);
      if (r.status !== 'pass') for (const o of r.output) io.out(`  ${o}\n`);
    }
    io.out('\n');
  }
  if (cov) {
    io.out('coverage (lines of rule bodies evaluated):\n');
    for (const [file, f] of Object.entries(cov.files)) {
      io.out(`  ${file}: ${f.coverage}% (${f.covered.length}/${f.covered.length + f.not_covered.length})${f.not_covered.length ? ` not covered: ${f.not_covered.join(', ')}` : ''}\n`);
    }
    io.out(`  total: ${cov.coverage}%\n`);
  }
  io.out(line + '\n');
  const count = (s: TestResult['status']) => results.filter((r) => r.status === s).length;
  const n = results.length;
  if (n === 0) io.out('no tests found\n');
  for (const s of ['pass', 'fail', 'error', 'skip'] as const) if (count(s)) io.out(`${label[s]}: ${count(s)}/${n}\n`);
}
