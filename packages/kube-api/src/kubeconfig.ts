// Writes the kubeconfig kubectl (and the portico CLI) read: one cluster with the generated CA, one user with the
// bearer token, one context named portico.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export function kubeconfigText(o: { server: string; caPem: string; token: string; namespace?: string }): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'portico', cluster: { server: o.server, 'certificate-authority-data': Buffer.from(o.caPem).toString('base64') } }],
    users: [{ name: 'portico', user: { token: o.token } }],
    contexts: [{ name: 'portico', context: { cluster: 'portico', user: 'portico', ...(o.namespace ? { namespace: o.namespace } : {}) } }],
    'current-context': 'portico',
    preferences: {},
  });
}

export function writeKubeconfig(file: string, o: { server: string; caPem: string; token: string }): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, kubeconfigText(o), { mode: 0o600 });
}
