// portico get KIND [NAME] [-n NS] [-A] [-l SELECTOR] [-o yaml|json|wide|name|jsonpath=TEMPLATE]
import type { Command } from 'commander';
import { serverError } from '../client.ts';
import { clientFor, kindOrFail, namespaceOf, type CliIO } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseOutput, render } from '../output/format.ts';

interface GetOptions {
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
    .action(async (kind: string, name: string | undefined, opts: GetOptions, cmd: Command) => {
      const def = kindOrFail(kind);
      const format = parseOutput(opts.output);
      const client = clientFor(cmd);
      const ns = namespaceOf(opts.namespace);
      if (name !== undefined) {
        const r = await client.get(def.kind, ns, name);
        if (!r) throw new CliError('CLI_SERVER_ERROR', `Error from server (NotFound): ${def.plural} "${name}" not found`);
        io.stdout(render(format, { def, items: [r], single: true, allNamespaces: false }));
        return;
      }
      const list = await client.list(def.kind, opts.allNamespaces ? undefined : ns, opts.selector).catch((err: unknown) => {
        throw err instanceof CliError ? err : serverError({ status: 500, body: { ok: false, message: String(err) } });
      });
      if (list.items.length === 0 && (format.type === 'table' || format.type === 'wide')) {
        io.stderr(opts.allNamespaces ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
        return;
      }
      io.stdout(render(format, { def, items: list.items, single: false, allNamespaces: opts.allNamespaces === true }));
    });
}
