// `npm run conformance [-- DIR…] [--filter TEXT] [--verbose] [--json FILE] [--floor N|FILE]`: runs OPA's YAML cases and
// prints one line per topic, per class and tree, then `conformance: P passed, F failed, S skipped` last.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCases } from './load.ts';
import { runCase, type Outcome } from './run-case.ts';
import { topicClass } from './classes.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SUITE = resolve(here, '../../../../../shared/rego-conformance/opa');

function main(argv: string[]): void {
  const dirs: string[] = [];
  let filter = '';
  let verbose = false;
  let jsonOut = '';
  let floor = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--filter') filter = argv[++i];
    else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--json') jsonOut = argv[++i];
    else if (a === '--floor') {
      const v = argv[++i];
      floor = /^\d+$/.test(v) ? Number(v) : Number(readFileSync(v, 'utf8').trim());
    }
    else dirs.push(resolve(a));
  }
  if (dirs.length === 0) dirs.push(DEFAULT_SUITE);
  const cases = dirs.flatMap((d) => loadCases(d, dirs.length === 1 && d === DEFAULT_SUITE ? d : join(d, '..')));
  const selected = filter ? cases.filter((c) => c.id.includes(filter) || c.c.note.includes(filter)) : cases;
  const perTopic = new Map<string, [number, number, number]>();
  const perClass = new Map<string, [number, number, number]>();
  const records: { id: string; note: string; status: string; reason: string }[] = [];
  let exact = 0;
  let relaxedOnly = 0;
  for (const lc of selected) {
    let o: Outcome;
    try {
      o = runCase(lc);
    } catch (e) {
      o = { status: 'fail', reason: 'harness: ' + (e instanceof Error ? e.stack : String(e)) };
    }
    if (o.exactText === true) exact++;
    if (o.exactText === false) relaxedOnly++;
    const idx = o.status === 'pass' ? 0 : o.status === 'fail' ? 1 : 2;
    const tk = `${lc.tree}/${lc.topic}`;
    const ck = `${lc.tree} ${topicClass(lc.topic)}`;
    for (const [m, k] of [[perTopic, tk], [perClass, ck]] as const) {
      const row = m.get(k) ?? [0, 0, 0];
      row[idx]++;
      m.set(k, row);
    }
    records.push({ id: lc.id, note: lc.c.note, status: o.status, reason: o.reason });
    if (verbose && o.status !== 'pass') console.log(`  ${o.status.toUpperCase()} ${lc.id} (${lc.c.note}): ${o.reason}`);
  }
  const line = (k: string, [p, f, s]: [number, number, number]) => `${k.padEnd(44)} ${p} passed, ${f} failed, ${s} skipped`;
  for (const k of [...perTopic.keys()].sort()) console.log(line(k, perTopic.get(k)!));
  console.log('');
  for (const k of [...perClass.keys()].sort()) console.log(line('class ' + k, perClass.get(k)!));
  const tot = records.reduce((a, r) => (a[r.status === 'pass' ? 0 : r.status === 'fail' ? 1 : 2]++, a), [0, 0, 0]);
  const skips = records.filter((r) => r.status === 'skip');
  if (skips.length) {
    const reasons = new Map<string, number>();
    for (const s of skips) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    for (const [r, n] of reasons) console.log(`skipped ${n}: ${r}`);
  }
  console.log(`error cases: ${exact} with exact error text, ${relaxedOnly} matched only after stripping location/code`);
  console.log(`pass rate: ${((100 * tot[0]) / Math.max(1, tot[0] + tot[1])).toFixed(2)}% of run cases, ${((100 * tot[0]) / Math.max(1, records.length)).toFixed(2)}% of all`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(records, null, 1));
  console.log(`conformance: ${tot[0]} passed, ${tot[1]} failed, ${tot[2]} skipped`);
  // a regression below the floor (or a harness crash, which throws) exits non-zero
  if (tot[0] < floor) process.exitCode = 1;
}

main(process.argv.slice(2));
