// `npm run conformance [-- OPTIONS] [DIR…]`: runs conformance cases in OPA's YAML format and prints one line per
// topic, per class and tree, then `conformance: P passed, F failed, S skipped` last. See USAGE.
import { resolve } from 'node:path';
import { loadCases, type LoadedCase } from './load.ts';
import { runCase, type Outcome } from './run-case.ts';
import { compareToExpectations, readExpectations, writeExpectations, type CaseRecord } from './expectations.ts';
import { parseArgs, USAGE, DEFAULT_SUITE, PORTICO_SUITE, COMPILE_SUITE } from './args.ts';
import { runCompileCase, type CompileCase } from './compile-case.ts';
import { printReport } from './report.ts';

export { DEFAULT_SUITE };

function run(lc: LoadedCase): Outcome {
  try {
    if (lc.suite === 'opa-compile') return runCompileCase(lc.c as unknown as CompileCase, lc.tree);
    return runCase(lc);
  } catch (e) {
    // a harness crash is a failure, never a skip
    return { status: 'fail', reason: 'harness: ' + (e instanceof Error ? e.stack : String(e)) };
  }
}

function main(argv: string[]): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    console.error(`conformance: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const a = parsed.value;
  if (a.help) {
    console.log(USAGE);
    return 0;
  }
  const suites: [string, string, string][] = a.dirs.length
    ? a.dirs.map((d) => [d, resolve(d, '..'), d === COMPILE_SUITE || d.includes('compilecases') ? 'opa-compile' : ''])
    : [
        [DEFAULT_SUITE, DEFAULT_SUITE, ''],
        [PORTICO_SUITE, PORTICO_SUITE, 'portico'],
        [COMPILE_SUITE, COMPILE_SUITE, 'opa-compile'],
      ];
  const cases = suites.flatMap(([dir, base, suite]) => loadCases(dir, base, suite));
  const selected = a.filter ? cases.filter((c) => c.id.includes(a.filter) || c.c.note.includes(a.filter)) : cases;
  const records: CaseRecord[] = [];
  for (const lc of selected) {
    const o = run(lc);
    const topic = `${lc.suite ? lc.suite + ':' : ''}${lc.tree}/${lc.topic}`;
    records.push({ id: lc.id, topic, note: lc.c.note, status: o.status, pass: o.pass, reason: o.reason });
    if (a.verbose && o.status !== 'pass') console.log(`  ${o.status.toUpperCase()} ${lc.id} (${lc.c.note}): ${o.reason}`);
  }
  let code = 0;
  let regressionLines: string[] = [];
  if (a.expect) {
    const expected = readExpectations(a.expect);
    if (a.filter) for (const id of [...expected.keys()]) if (!selected.some((c) => c.id === id)) expected.delete(id);
    const cmp = compareToExpectations(records, expected);
    regressionLines = [
      ...cmp.regressions.map((r) => `REGRESSION ${r.topic}: ${r.id} expected ${r.expected}, got ${r.got}${r.reason ? ': ' + r.reason : ''}`),
      ...cmp.missing.map((id) => `MISSING ${id}: expected to pass but no longer in the suite`),
    ];
    if (cmp.gained.length) regressionLines.push(`${cmp.gained.length} cases pass beyond ${a.expect}; record them with --write-expected ${a.expect}`);
    if (cmp.regressions.length || cmp.missing.length) code = 1;
  }
  if (a.writeExpected) writeExpectations(a.writeExpected, records);
  printReport(records, a.jsonOut, regressionLines);
  return code;
}

process.exitCode = main(process.argv.slice(2));
