// portico crds: prints the CustomResourceDefinitions of every Gloo kind (generated from @portico/api's schemas), for
// `kubectl apply -f -` on a cluster that a Kubernetes-backed store would use.
import type { Command } from 'commander';
import { crds } from '@portico/api';
import { stringify } from 'yaml';
import type { CliIO } from '../context.ts';

export function register(program: Command, io: CliIO): void {
  program
    .command('crds')
    .description('print the CustomResourceDefinitions of the Gloo kinds Portico understands (multi-document YAML)')
    .action(() => {
      io.stdout(crds().map((c) => stringify(c, { lineWidth: 0 })).join('---\n'));
    });
}
