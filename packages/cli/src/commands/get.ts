// portico get KIND [NAME] [-n NS] [-A] [-l SELECTOR] [-o yaml|json|wide|name|jsonpath=TEMPLATE]
import type { Command } from 'commander';
import { clientFor, kindOrFail, namespaceOf, type CliIO } from '../context.ts';
import { watchKind } from './get-watch.ts';
import { CliError } from '../errors.ts';
import { parseOutput, render } from '../output/format.ts';

interface GetOptions {
  watch?: boolean;
  namespace?: string;
  allNamespaces?: boolean;
  output?: string;
  selector?: string;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('get')
    .description('list resources, or show one (kubectl-style)')
    .argument('<kind>', 'kind, plural or short name: rt, routetables, extauthpolicy, authconfig, cm, …')
    .argument('[name]', 'one resource by name')
    .option('-n, --namespace <ns>', 'namespace (default "default", or PORTICO_NAMESPACE)')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('-l, --selector <selector>', 'label selector, e.g. app=petstore,tier!=db')
    .option('-o, --output <format>', 'yaml | json | wide | name | jsonpath=TEMPLATE')
    .option('-w, --watch', 'after listing, print every change (until interrupted)')
    .action(async (kindArg: string, nameArg: string | undefined, opts: GetOptions, cmd: Command) => {
      // kubectl forms: `rt petstore-rt`, `rt/petstore-rt`, `rt,eap`.
      const [kinds, slashName] = kindArg.includes('/') ? (kindArg.split('/', 2) as [string, string]) : [kindArg, undefined];
      const name = nameArg ?? slashName;
      const defs = kinds.split(',').filter(Boolean).map(kindOrFail);
      const format = parseOutput(opts.output);
      const client = clientFor(cmd);
      const ns = namespaceOf(opts.namespace);
      if (name !== undefined) {
        if (defs.length !== 1) throw new CliError('CLI_USAGE', 'error: a resource name needs exactly one kind');
        const def = defs[0]!;
        const r = await client.get(def.kind, ns, name);
        if (!r) throw new CliError('CLI_SERVER_ERROR', `Error from server (NotFound): ${def.plural} "${name}" not found`);
        io.stdout(render(format, { def, items: [r], single: true, allNamespaces: false }));
        return;
      }
      const lists = [];
      let revision = Number.MAX_SAFE_INTEGER;
      for (const def of defs) {
        const list = await client.list(def.kind, opts.allNamespaces ? undefined : ns, opts.selector);
        lists.push({ def, items: list.items });
        revision = Math.min(revision, list.revision);
      }
      if (opts.watch) {
        if (defs.length !== 1) throw new CliError('CLI_USAGE', 'error: --watch works with one kind');
        return watchKind(io, client, defs[0]!, lists[0]!.items, revision, format, opts.allNamespaces ? undefined : ns, opts.allNamespaces === true);
      }
      const all = lists.flatMap((l) => l.items);
      const tabular = format.type === 'table' || format.type === 'wide';
      if (all.length === 0 && tabular) {
        io.stderr(opts.allNamespaces ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
        return;
      }
      if (tabular || format.type === 'name') {
        // One table per kind, as kubectl prints `get rt,eap`.
        const parts = lists.filter((l) => l.items.length > 0).map((l) => render(format, { def: l.def, items: l.items, single: false, allNamespaces: opts.allNamespaces === true }));
        io.stdout(parts.join(tabular ? '\n' : ''));
        return;
      }
      io.stdout(render(format, { def: defs[0]!, items: all, single: false, allNamespaces: opts.allNamespaces === true }));
    });
}
