// Portico's Kubernetes API over a bare store, in its own process (kube-store's test support), for the
// `portico up --kubernetes` tests: its kubeconfig and a kubectl bound to it. `cleanup()` stops everything started.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RbacRule } from '@portico/kube-store';
import { skipReason } from '@portico/testing';
import { startUp } from './helpers.ts';

const API_SERVER = fileURLToPath(new URL('../../kube-store/test/support/api-server.ts', import.meta.url));
export const skipWithoutKubectl = skipReason(spawnSync('sh', ['-c', 'command -v kubectl']).status === 0, 'kubectl');

const children: ChildProcess[] = [];
const dirs: string[] = [];

/** A temporary directory removed by cleanup(). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** Registers a child process for cleanup(). */
export function track(child: ChildProcess): ChildProcess {
  children.push(child);
  return child;
}

export function cleanup(): void {
  for (const c of children) c.kill('SIGTERM');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

export async function startApiServerProcess(): Promise<{ kubeconfig: string; auditLog: string; kubectl: (args: string[], input?: string) => string }> {
  const dir = tempDir('portico-apiserver-');
  const server = track(spawn(process.execPath, [API_SERVER, dir], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const { kubeconfig, auditLog } = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve))) as { kubeconfig: string; auditLog: string };
  const kubectl = (args: string[], input?: string) => {
    const r = spawnSync('kubectl', args, { input, encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dir }, timeout: 30_000 });
    assert.equal(r.status, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  return { kubeconfig, auditLog, kubectl };
}

export interface Replica {
  child: ChildProcess;
  out: () => string;
  /** http://127.0.0.1:port of its gateway and of its portal server. */
  gateway: string;
  portal: string;
}

/** One `portico up --kubernetes` replica with leader election (short leases: 1.5 s, renew deadline 1 s, retry
 *  200 ms) as the replicated overlay runs it, POD_NAME `id`; `args` are added to its command line. */
export async function startReplica(id: string, kubeconfig: string, args: string[] = []): Promise<Replica> {
  const env = { PORTICO_LEADER_ELECT: 'true', POD_NAME: id, PORTICO_LEASE_DURATION_MS: '1500', PORTICO_LEASE_RENEW_DEADLINE_MS: '1000', PORTICO_LEASE_RETRY_PERIOD_MS: '200' };
  const up = await startUp(['--kubernetes', '--kubeconfig', kubeconfig, '--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--no-demo', '--no-idp', '--workers', '0', ...args], { cwd: tempDir(`portico-${id}-`), env });
  track(up.child);
  return { ...up, gateway: /gateway +(http:\/\/\S+)/.exec(up.out())![1]!, portal: /portal server (http:\/\/\S+)/.exec(up.out())![1]! };
}

/** The calls (reads and writes, from the API server's audit log) that clients other than kubectl made and `rules` do
 *  not grant, as `verb group/resource[/subresource]`; `[]` means a cluster enforcing these rules refused none.
 *  Also how many such calls there were, so a test knows the log held the controller's calls at all. */
export function ungrantedCalls(auditLog: string, rules: RbacRule[]): { calls: number; verbs: Set<string>; ungranted: string[] } {
  const calls = readFileSync(auditLog, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { userAgent: string; verb: string; objectRef: { apiGroup: string; resource: string; subresource?: string } })
    .filter((c) => !c.userAgent.startsWith('kubectl/'));
  const granted = (group: string, resource: string, verb: string) => rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));
  const ungranted = new Set<string>();
  for (const c of calls) {
    const resource = c.objectRef.subresource ? `${c.objectRef.resource}/${c.objectRef.subresource}` : c.objectRef.resource;
    if (!granted(c.objectRef.apiGroup, resource, c.verb)) ungranted.add(`${c.verb} ${c.objectRef.apiGroup}/${resource}`);
  }
  return { calls: calls.length, verbs: new Set(calls.map((c) => c.verb)), ungranted: [...ungranted] };
}
