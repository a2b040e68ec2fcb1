// Snapshot deltas (attach/snapshot-delta.ts): a receiver gets whole only the virtual hosts that are new objects;
// the others come as runs of positions in what it was sent last and come back as its own objects (which the
// gateway's compile cache recognises). The message stays a few parts long however many hosts are unchanged.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { VirtualHostConfig } from '@portico/gateway';
import { SnapshotDecoder, SnapshotEncoder, type Snapshot, type SnapshotDelta } from '@portico/control-plane/attach';

const host = (name: string, body: string, freeze = true): VirtualHostConfig => {
  const vh = {
    name,
    domains: [`${name}.test`],
    routes: [{ name: `${name}-r`, routeTable: { name, namespace: 'n' }, routeIndex: 0, labels: {}, matchers: [], action: { type: 'directResponse', status: 200, body }, filterMetadata: {}, extAuth: null, rateLimit: null }],
  } as VirtualHostConfig;
  return freeze ? Object.freeze(vh) : vh;
};

const snapshot = (revision: number, hosts: VirtualHostConfig[]): Snapshot => ({
  revision,
  storeRevision: revision,
  authConfigs: new Map(),
  rateLimit: null,
  portal: { portals: [] } as unknown as Snapshot['portal'],
  gateway: { revision, virtualHosts: hosts },
});

/** Through a structured clone, as over IPC or between threads. */
const wire = (d: SnapshotDelta): SnapshotDelta => structuredClone(d);
const shape = (d: SnapshotDelta) => d.gateway.virtualHosts.map((p) => (Array.isArray(p) ? `${p[0]}+${p[1]}` : p.name));

describe('snapshot deltas', () => {
  it('sends a host whole once, then as a position while it is the same object; the receiver keeps its object', () => {
    const enc = new SnapshotEncoder();
    const dec = new SnapshotDecoder();
    const [a, b, c, d] = [host('a', '1'), host('b', '1'), host('c', '1'), host('d', '1')];
    const first = enc.encode(snapshot(1, [a, b, c]));
    assert.deepEqual(shape(first), ['a', 'b', 'c']);
    const s1 = dec.decode(wire(first));

    // b changed (a new object), c gone, d new, the order changed.
    const b2 = host('b', '2');
    const sent = enc.encode(snapshot(2, [d, b2, a]));
    assert.deepEqual(shape(sent), ['d', 'b', '0+1']);
    const s2 = dec.decode(wire(sent));
    assert.deepEqual(s2.gateway.virtualHosts.map((v) => v.name), ['d', 'b', 'a']);
    assert.equal(s2.gateway.virtualHosts[2], s1.gateway.virtualHosts[0], 'a is the object the receiver already had');
    assert.equal((s2.gateway.virtualHosts[1]!.routes[0]!.action as { body: string }).body, '2');
    assert.equal(s2.revision, 2);
  });

  it('keeps the message a few parts long: 1,000 hosts, one changed in the middle and one added', () => {
    const enc = new SnapshotEncoder();
    const dec = new SnapshotDecoder();
    const hosts = Array.from({ length: 1000 }, (_, i) => host(`h${i}`, '1'));
    const s1 = dec.decode(wire(enc.encode(snapshot(1, hosts))));
    const next = hosts.slice();
    next[500] = host('h500', '2');
    next.push(host('h1000', '1'));
    const sent = enc.encode(snapshot(2, next));
    assert.deepEqual(shape(sent), ['0+500', 'h500', '501+499', 'h1000']);
    const s2 = dec.decode(wire(sent));
    assert.deepEqual(s2.gateway.virtualHosts.map((v) => v.name), next.map((v) => v.name));
    assert.equal(s2.gateway.virtualHosts[999], s1.gateway.virtualHosts[999]);
    assert.notEqual(s2.gateway.virtualHosts[500], s1.gateway.virtualHosts[500]);
    // Nothing changed: one run.
    assert.deepEqual(shape(enc.encode(snapshot(3, next))), ['0+1001']);
  });

  it('sends mutable hosts whole every time, and a new encoder (a restarted receiver) sends everything whole', () => {
    const enc = new SnapshotEncoder();
    const mutable = host('m', '1', false);
    const frozen = host('f', '1');
    enc.encode(snapshot(1, [mutable, frozen]));
    assert.deepEqual(shape(enc.encode(snapshot(2, [mutable, frozen]))), ['m', '1+1']);
    assert.deepEqual(shape(new SnapshotEncoder().encode(snapshot(3, [frozen]))), ['f']);
  });

  it('a receiver out of step fails loudly, naming the positions (a worker then asks for the whole snapshot)', () => {
    const enc = new SnapshotEncoder();
    const a = host('a', '1');
    enc.encode(snapshot(1, [a]));
    assert.throws(() => new SnapshotDecoder().decode(wire(enc.encode(snapshot(2, [a])))), /virtual hosts 0–0 of the previous snapshot, which had 0/);
  });

  it('round-trips any sequence of snapshots, keeping the receiver\'s object wherever the host is the same (fast-check)', () => {
    const step = fc.record({
      op: fc.constantFrom('insert', 'insert', 'remove', 'replace', 'reverse', 'repeat', 'same', 'mutable'),
      at: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
        const enc = new SnapshotEncoder();
        const dec = new SnapshotDecoder();
        let serial = 0;
        let hosts: VirtualHostConfig[] = [];
        /** Sender's object → the receiver's objects for it (one of which it must hand back while it stays frozen). */
        let theirs = new Map<VirtualHostConfig, VirtualHostConfig[]>();
        steps.forEach(({ op, at }, i) => {
          const k = hosts.length === 0 ? 0 : at % hosts.length;
          if (op === 'insert' || hosts.length === 0) hosts.splice(at % (hosts.length + 1), 0, host(`h${serial}`, String(serial++)));
          else if (op === 'remove') hosts.splice(k, 1);
          else if (op === 'replace') hosts[k] = host(`h${serial}`, String(serial++));
          else if (op === 'reverse') hosts = hosts.slice().reverse();
          else if (op === 'repeat') hosts.push(hosts[k]!);
          else if (op === 'mutable') hosts[k] = host(`m${serial}`, String(serial++), false);
          const got = dec.decode(wire(enc.encode(snapshot(i + 1, hosts)))).gateway.virtualHosts;
          assert.deepEqual(got.map((v) => JSON.stringify(v)), hosts.map((v) => JSON.stringify(v)), `step ${i}`);
          // (An object listed twice may cross again: the encoder looks for a host only where it could have moved.)
          const once = hosts.filter((vh) => hosts.indexOf(vh) === hosts.lastIndexOf(vh));
          hosts.forEach((vh, j) => {
            const before = theirs.get(vh);
            if (before !== undefined && Object.isFrozen(vh) && once.includes(vh)) assert.ok(before.includes(got[j]!), `step ${i}: host ${j} is the receiver's own object`);
          });
          theirs = new Map();
          hosts.forEach((vh, j) => theirs.set(vh, [...(theirs.get(vh) ?? []), got[j]!]));
        });
      }),
      { seed: 4343, numRuns: 200 },
    );
  });

  it('carries the portal part only when asked to', () => {
    const s = snapshot(1, []);
    assert.equal(new SnapshotEncoder().encode(s).portal, null);
    assert.deepEqual(new SnapshotEncoder({ portal: true }).encode(s).portal, s.portal);
  });
});
