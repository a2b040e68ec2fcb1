// Expected passes as data: one line per conformance case that must pass, `<case id> exact|relaxed|result`,
// grouped by topic through the id (`v1/strings/test-strings-0001.yaml#0`). Comparing a run against this list
// per case means a regression in one topic cannot hide behind gains in another, and an error case that
// drops from an exact text match to a relaxed one counts as a regression too.
import { readFileSync, writeFileSync } from 'node:fs';

/** How a passing case passed: `result` (rows matched), `exact` (error text matched as OPA prints it),
 * `relaxed` (error text matched only after stripping OPA's `file:row: code: ` prefix). */
export type PassKind = 'result' | 'exact' | 'relaxed';

export interface CaseRecord {
  id: string;
  topic: string; // `<tree>/<topic>`, or `<suite>:<tree>/<topic>` for suites other than OPA's
  note: string;
  status: 'pass' | 'fail' | 'skip';
  pass?: PassKind;
  reason: string;
}

export type Expectations = Map<string, PassKind>;

const KINDS = new Set<PassKind>(['result', 'exact', 'relaxed']);

export function readExpectations(file: string): Expectations {
  const out: Expectations = new Map();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const t = line.trim();
      if (!t || t.startsWith('#')) return;
      const [id, kind] = t.split(/\s+/);
      if (!KINDS.has(kind as PassKind)) throw new Error(`${file}:${i + 1}: expected "<case id> result|exact|relaxed", got ${JSON.stringify(t)}`);
      out.set(id, kind as PassKind);
    });
  return out;
}

export function writeExpectations(file: string, records: CaseRecord[]): void {
  const lines = records.filter((r) => r.status === 'pass').map((r) => `${r.id} ${r.pass}`);
  lines.sort();
  writeFileSync(
    file,
    '# Conformance cases expected to pass (written by `npm run conformance -- --write-expected FILE`).\n' +
      '# `result`: rows match; `exact`: error text matches as OPA prints it; `relaxed`: matches without the location/code prefix.\n' +
      lines.join('\n') +
      '\n',
  );
}

export interface Regression {
  id: string;
  topic: string;
  expected: PassKind;
  got: string; // status or pass kind now
  reason: string;
}

/** Cases that passed before and now do not (or passed exactly and now only relaxed); ids gone from the suite too. */
export function compareToExpectations(records: CaseRecord[], expected: Expectations): { regressions: Regression[]; gained: CaseRecord[]; missing: string[] } {
  const byId = new Map(records.map((r) => [r.id, r]));
  const regressions: Regression[] = [];
  const missing: string[] = [];
  for (const [id, kind] of expected) {
    const r = byId.get(id);
    if (!r) {
      missing.push(id);
      continue;
    }
    if (r.status !== 'pass') regressions.push({ id, topic: r.topic, expected: kind, got: r.status, reason: r.reason });
    else if (kind === 'exact' && r.pass === 'relaxed') regressions.push({ id, topic: r.topic, expected: kind, got: 'relaxed', reason: r.reason });
  }
  const gained = records.filter((r) => r.status === 'pass' && (!expected.has(r.id) || (expected.get(r.id) === 'relaxed' && r.pass === 'exact')));
  return { regressions, gained, missing };
}
