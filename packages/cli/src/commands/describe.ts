// portico describe KIND [NAME] [-n NS]: metadata, spec, status and recent events of each resource.
import type { Command } from 'commander';
import type { Resource } from '@portico/api';
import { stringify } from 'yaml';
import { resourcePath } from '../client.ts';
import { clientFor, kindOrFail, namespaceOf, type CliIO } from '../context.ts';
import { CliError } from '../errors.ts';
import { age, renderTable } from '../output/table.ts';

interface DescribeOptions {
  namespace?: string;
  allNamespaces?: boolean;
}

interface EventView {
  type: string;
  reason: string;
  message: string;
  count: number;
  lastTimestamp: string;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('describe')
    .description('show details of a resource: metadata, spec, status and recent events')
    .argument('<kind>', 'kind, plural or short name')
    .argument('[name]', 'resource name (all in the namespace when omitted)')
    .option('-n, --namespace <ns>', 'namespace (default "default")')
    .option('-A, --all-namespaces', 'describe across all namespaces')
    .action(async (kind: string, name: string | undefined, opts: DescribeOptions, cmd: Command) => {
      const def = kindOrFail(kind);
      const client = clientFor(cmd);
      const ns = namespaceOf(opts.namespace);
      let items: Resource[];
      if (name !== undefined) {
        const r = await client.get(def.kind, ns, name);
        if (!r) throw new CliError('CLI_SERVER_ERROR', `Error from server (NotFound): ${def.plural} "${name}" not found`);
        items = [r];
      } else {
        items = (await client.list(def.kind, opts.allNamespaces ? undefined : ns)).items;
        if (items.length === 0) {
          io.stderr(`No resources found in ${ns} namespace.\n`);
          return;
        }
      }
      const blocks: string[] = [];
      for (const r of items) {
        const ev = await client.request<{ events: EventView[] }>('GET', `${resourcePath(def.kind, r.metadata.namespace, r.metadata.name)}/events`);
        blocks.push(describeResource(r, ev.body.events ?? []));
      }
      io.stdout(blocks.join('\n\n') + '\n');
    });
}

export function describeResource(r: Resource, events: readonly EventView[]): string {
  const lines: string[] = [];
  const field = (label: string, value: string) => lines.push(`${(label + ':').padEnd(14)}${value}`);
  field('Name', r.metadata.name);
  field('Namespace', r.metadata.namespace);
  mapField(lines, 'Labels', r.metadata.labels);
  mapField(lines, 'Annotations', r.metadata.annotations);
  field('API Version', r.apiVersion);
  field('Kind', r.kind);
  lines.push('Metadata:');
  lines.push(`  Creation Timestamp:  ${r.metadata.creationTimestamp}`);
  lines.push(`  Generation:          ${r.metadata.generation}`);
  lines.push(`  Resource Version:    ${r.metadata.resourceVersion}`);
  lines.push(`  UID:                 ${r.metadata.uid}`);
  if (r.spec !== undefined) block(lines, 'Spec', r.spec);
  if (r.data !== undefined) block(lines, 'Data', r.kind === 'Secret' ? Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, `${Buffer.from(v, 'base64').length} bytes`])) : r.data);
  block(lines, 'Status', r.status ?? '<none>');
  if (events.length === 0) {
    lines.push('Events:       <none>');
  } else {
    lines.push('Events:');
    const table = renderTable([
      ['Type', 'Reason', 'Age', 'Count', 'Message'],
      ['----', '------', '---', '-----', '-------'],
      ...events.map((e) => [e.type, e.reason, age(e.lastTimestamp), String(e.count), e.message]),
    ]);
    lines.push(...table.trimEnd().split('\n').map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

function mapField(lines: string[], label: string, m: Record<string, string>): void {
  const entries = Object.entries(m ?? {});
  if (entries.length === 0) return void lines.push(`${(label + ':').padEnd(14)}<none>`);
  entries.forEach(([k, v], i) => lines.push(`${i === 0 ? (label + ':').padEnd(14) : ' '.repeat(14)}${k}=${v}`));
}

function block(lines: string[], label: string, value: unknown): void {
  if (typeof value === 'string') return void lines.push(`${(label + ':').padEnd(14)}${value}`);
  lines.push(`${label}:`);
  lines.push(...stringify(value, { lineWidth: 0 }).trimEnd().split('\n').map((l) => `  ${l}`));
}
