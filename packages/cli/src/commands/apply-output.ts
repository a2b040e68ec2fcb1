// Prints apply results the way kubectl does (`routetable.networking.gloo.solo.io/x created`), with each error
// naming file, document index, field path and rule, and each ignored field as a warning.
import { kindDefinition } from '@portico/api';
import { qualifiedName, type CliIO } from '../context.ts';

export interface ApplyResultLine {
  file: string;
  index: number;
  item?: number;
  ok: boolean;
  kind?: string;
  name?: string;
  namespace?: string;
  action?: string;
  code?: string;
  message?: string;
  issues?: { path: string; rule: string; message: string }[];
  warnings: { path: string; message: string }[];
  /** Status after reconciliation, when it needs attention (the admin API attaches it). */
  status?: { approval: string; message: string };
}

/** Returns the number of failed documents. */
export function printApplyResults(results: readonly ApplyResultLine[], io: CliIO): number {
  let failed = 0;
  for (const r of results) {
    const where = `${r.file}: document ${r.index}${r.item !== undefined ? ` item ${r.item}` : ''}`;
    for (const w of r.warnings) io.stderr(`Warning: ${where}: ${w.message}\n`);
    const def = r.kind ? kindDefinition(r.kind) : undefined;
    const what = def && r.name ? qualifiedName(def, r.name) : `${r.kind ?? 'object'}${r.name ? `/${r.name}` : ''}`;
    if (r.ok && r.action === 'skipped') {
      io.stdout(`${r.message ?? `${what}: not a Portico resource, skipped`}\n`);
      continue;
    }
    if (r.ok) {
      io.stdout(`${what} ${r.action}\n`);
      // Stored is not served: say so where the operator is looking.
      if (r.status) io.stderr(`Warning: ${what} is ${r.status.approval}${r.status.message ? `: ${r.status.message}` : ''}\n`);
      continue;
    }
    failed++;
    const issues = r.issues?.length ? r.issues : [{ path: '', rule: r.code ?? '', message: r.message ?? 'failed' }];
    for (const i of issues) io.stderr(`error: ${where} (${what}): ${i.path ? `${i.path}: ` : ''}${i.message} (rule: ${i.rule})\n`);
  }
  return failed;
}
