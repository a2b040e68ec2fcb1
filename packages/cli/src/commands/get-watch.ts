// `portico get KIND -w`: the current list, then one line (table row, name, or document) per change, from the
// admin API's watch stream. Table rows after the first print without a header, as kubectl does.
import type { KindDefinition, Resource } from '@portico/api';
import { followWatch } from '../client.ts';
import type { CliIO } from '../context.ts';
import { render, type OutputFormat } from '../output/format.ts';

export async function watchKind(
  io: CliIO,
  client: { base: string; authHeaders(): Record<string, string> },
  def: KindDefinition,
  initial: readonly Resource[],
  revision: number,
  format: OutputFormat,
  namespace: string | undefined,
  allNamespaces: boolean,
): Promise<void> {
  const tabular = format.type === 'table' || format.type === 'wide';
  let headerPrinted = false;
  const print = (items: readonly Resource[]) => {
    if (items.length === 0) return;
    let out = render(format, { def, items, single: items.length === 1 && !tabular, allNamespaces });
    if (tabular && headerPrinted) out = out.slice(out.indexOf('\n') + 1);
    headerPrinted = true;
    io.stdout(format.type === 'yaml' && !out.startsWith('---') ? `---\n${out}` : out);
  };
  print(initial);
  const query = new URLSearchParams({ kind: def.kind, fromRevision: String(revision) });
  if (namespace) query.set('namespace', namespace);
  await followWatch(client.base, query, (line) => print([line.object]), undefined, client.authHeaders());
}
