// Two `portico up --kubernetes` replicas with leader election (PORTICO_LEADER_ELECT) against one Kubernetes API
// server process: both serve what kubectl applied, exactly one (the Lease holder) writes statuses; SIGKILL the
// leader and the other takes the lease over and statuses keep flowing. Who wrote is read on the server's side: its
// audit log names each write's fieldManager (`portico-controller/<POD_NAME>`), and every call is one the replicated
// overlay's RBAC grants. Short lease timings come from the environment.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { after, test } from 'node:test';
import { controllerRbacRules, leaderElectionRbacRules } from '@portico/kube-store';
import { cleanup, skipWithoutKubectl, startApiServerProcess, startReplica, ungrantedCalls, type Replica } from './kube-api-process.ts';
import { until as poll } from '@portico/testing';

after(cleanup);

function get(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject).end();
  });
}

/** Polls `f` every 100 ms until it returns a value, failing after `ms`. */
const until = <T>(f: () => Promise<T | undefined> | T | undefined, what: string) => poll(f, what, 20_000, 100);

const routeTable = (name: string) => `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: ${name}, namespace: apps}
spec:
  hosts: [${name}.example.com]
  http: [{name: r, directResponse: {status: 200, body: "${name}"}}]
`;

interface Write {
  replica: string;
  verb: string;
  resource: string;
  name: string;
}

/** The controller writes the API server audited, in order: which replica (its fieldManager) wrote what. Lease writes
 *  are left out (every replica tries to acquire). */
const controllerWrites = (auditLog: string): Write[] =>
  readFileSync(auditLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { verb: string; requestURI: string; objectRef: { resource: string; name?: string; subresource?: string }; responseStatus: { code: number } })
    .filter((e) => e.objectRef.resource !== 'leases' && e.responseStatus.code < 300)
    .flatMap((e) => {
      const manager = new URL(e.requestURI, 'https://api').searchParams.get('fieldManager') ?? '';
      if (!manager.startsWith('portico-controller/')) return [];
      return [{ replica: manager.slice('portico-controller/'.length), verb: e.objectRef.subresource ? `${e.verb} ${e.objectRef.subresource}` : e.verb, resource: e.objectRef.resource, name: e.objectRef.name ?? '' }];
    });
const statusWrites = (writes: Write[], replica: string) => writes.filter((w) => w.replica === replica && w.verb === 'update status' && w.resource === 'routetables').map((w) => w.name);

test('two replicas: one Lease holder writes statuses; SIGKILL it and the other takes over', { skip: skipWithoutKubectl }, async () => {
  const { kubeconfig, kubectl, auditLog } = await startApiServerProcess();
  const hasStatus = (name: string) => (JSON.parse(kubectl(['get', 'rt', name, '-n', 'apps', '-o', 'json'])) as { status?: unknown }).status !== undefined || undefined;
  const lease = () => (JSON.parse(kubectl(['get', 'lease', 'portico-controller', '-n', 'portico', '-o', 'json'])) as { spec: { holderIdentity: string; leaseTransitions: number; leaseDurationSeconds: number } }).spec;
  kubectl(['apply', '-f', '-'], routeTable('first'));

  const replicas = new Map<string, Replica>();
  for (const id of ['replica-a', 'replica-b']) replicas.set(id, await startReplica(id, kubeconfig));

  await until(() => hasStatus('first'), 'status of rt/first');
  const leaderId = lease().holderIdentity;
  assert.ok(replicas.has(leaderId), `the lease is held by a replica (${leaderId})`);
  assert.equal(lease().leaseDurationSeconds, 2);
  const leader = replicas.get(leaderId)!;
  const [followerId, follower] = [...replicas].find(([id]) => id !== leaderId)!;

  kubectl(['apply', '-f', '-'], routeTable('second'));
  await until(() => hasStatus('second'), 'status of rt/second');
  for (const r of replicas.values()) await until(async () => ((await get(r.gateway, 'second.example.com')) === 200 ? true : undefined), 'every replica serves rt/second');
  const beforeKill = await until(() => {
    const w = controllerWrites(auditLog);
    return statusWrites(w, leaderId).includes('second') ? w : undefined;
  }, 'the API server audited the leader writing rt/second');
  assert.deepEqual(beforeKill.filter((w) => w.replica !== leaderId), [], 'the follower wrote nothing: no status, no event, no derived resource');
  assert.ok(statusWrites(beforeKill, leaderId).includes('first'));
  assert.match(leader.out(), /"msg":"started leading"/);
  assert.doesNotMatch(follower.out(), /"msg":"started leading"/);

  leader.child.kill('SIGKILL');
  kubectl(['apply', '-f', '-'], routeTable('third'));
  await until(() => hasStatus('third'), 'status of rt/third after the leader was killed');
  await until(() => (lease().holderIdentity === followerId ? true : undefined), 'the follower holds the lease');
  assert.ok(lease().leaseTransitions >= 1);
  // Its log lines may trail the API server's view by a pipe flush.
  await until(() => (/"msg":"started leading"/.test(follower.out()) ? true : undefined), 'the follower logged started leading');
  const writes = await until(() => {
    const w = controllerWrites(auditLog);
    return statusWrites(w, followerId).includes('third') ? w : undefined;
  }, 'the API server audited the new leader writing rt/third');
  // One writer at a time: the old leader's writes, then only the new leader's — never interleaved.
  const firstByNew = writes.findIndex((w) => w.replica === followerId);
  assert.ok(firstByNew >= beforeKill.length, 'the new leader wrote only after the old one was killed');
  assert.deepEqual(writes.slice(firstByNew).filter((w) => w.replica !== followerId), [], 'after the hand-over only the new leader writes');
  assert.deepEqual(new Set(writes.map((w) => w.replica)), new Set([leaderId, followerId]));
  assert.equal(await get(follower.gateway, 'third.example.com'), 200);
  // Every call of both replicas (leases included) is one the replicated overlay's ClusterRole and Lease Role grant.
  const audited = ungrantedCalls(auditLog, [...controllerRbacRules(), ...leaderElectionRbacRules()]);
  assert.ok(audited.verbs.has('get') && audited.verbs.has('update'), 'the replicas read and renewed the Lease');
  assert.deepEqual(audited.ungranted, []);
});
