// The runner's report: one line per topic, per class and tree (relaxed error matches counted apart from exact
// ones), skip reasons, expectation regressions, the pass rate, and the summary line last.
import { writeFileSync } from 'node:fs';
import type { CaseRecord } from './expectations.ts';
import { topicClass } from './classes.ts';

type Tally = { pass: number; fail: number; skip: number; relaxed: number };

function tally(m: Map<string, Tally>, k: string, r: CaseRecord): void {
  const t = m.get(k) ?? { pass: 0, fail: 0, skip: 0, relaxed: 0 };
  t[r.status]++;
  if (r.pass === 'relaxed') t.relaxed++;
  m.set(k, t);
}

function line(k: string, t: Tally): string {
  return `${k.padEnd(44)} ${t.pass} passed${t.relaxed ? ` (${t.relaxed} relaxed)` : ''}, ${t.fail} failed, ${t.skip} skipped`;
}

export function printReport(records: CaseRecord[], jsonOut: string, extra: string[]): void {
  const perTopic = new Map<string, Tally>();
  const perClass = new Map<string, Tally>();
  for (const r of records) {
    tally(perTopic, r.topic, r);
    const slash = r.topic.lastIndexOf('/');
    tally(perClass, `${r.topic.slice(0, slash)} ${topicClass(r.topic.slice(slash + 1))}`, r);
  }
  for (const k of [...perTopic.keys()].sort()) console.log(line(k, perTopic.get(k)!));
  console.log('');
  for (const k of [...perClass.keys()].sort()) console.log(line('class ' + k, perClass.get(k)!));
  const reasons = new Map<string, number>();
  for (const s of records) if (s.status === 'skip') reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  for (const [r, n] of reasons) console.log(`skipped ${n}: ${r}`);
  const count = (f: (r: CaseRecord) => boolean) => records.filter(f).length;
  const exact = count((r) => r.pass === 'exact');
  const relaxed = count((r) => r.pass === 'relaxed');
  console.log(`error cases passed: ${exact} with OPA's exact error text, ${relaxed} relaxed (matched only after stripping location/code)`);
  const p = count((r) => r.status === 'pass');
  const f = count((r) => r.status === 'fail');
  const s = count((r) => r.status === 'skip');
  console.log(`pass rate: ${((100 * p) / Math.max(1, p + f)).toFixed(2)}% of run cases, ${((100 * p) / Math.max(1, records.length)).toFixed(2)}% of all; exact only: ${((100 * (p - relaxed)) / Math.max(1, p + f)).toFixed(2)}% of run cases`);
  for (const x of extra) console.log(x);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(records, null, 1));
  console.log(`conformance: ${p} passed, ${f} failed, ${s} skipped`);
}
