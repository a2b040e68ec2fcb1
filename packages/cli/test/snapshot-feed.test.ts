// The primary's snapshot feed to a worker: unchanged virtual hosts travel by name and come back as the worker's
// own objects (which the gateway's compile cache recognises); at most one snapshot in flight, the latest next.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VirtualHostConfig } from '@portico/gateway';
import { SnapshotDecoder, SnapshotEncoder, type Snapshot, type SnapshotDelta } from '@portico/control-plane/attach';
import { SnapshotFeed } from '../src/up/workers/snapshot-feed.ts';

const host = (name: string, body: string): VirtualHostConfig =>
  Object.freeze({
    name,
    domains: [`${name}.test`],
    routes: [{ name: `${name}-r`, routeTable: { name, namespace: 'n' }, routeIndex: 0, labels: {}, matchers: [], action: { type: 'directResponse', status: 200, body }, filterMetadata: {}, extAuth: null, rateLimit: null }],
  }) as VirtualHostConfig;

const snapshot = (revision: number, hosts: VirtualHostConfig[]): Snapshot => ({
  revision,
  storeRevision: revision,
  authConfigs: new Map(),
  rateLimit: null,
  portal: { products: [] } as unknown as Snapshot['portal'],
  gateway: { revision, virtualHosts: hosts },
});

/** Through a structured clone, as over the IPC channel. */
const wire = (w: SnapshotDelta): SnapshotDelta => structuredClone(w);

describe('snapshot deltas', () => {
  it('sends a virtual host whole once, then by name while its content is the same; the worker keeps its object', () => {
    const enc = new SnapshotEncoder();
    const dec = new SnapshotDecoder();
    const s1 = dec.decode(wire(enc.encode(snapshot(1, [host('a', '1'), host('b', '1'), host('c', '1')]))));
    assert.deepEqual(s1.gateway.virtualHosts.map((v) => v.name), ['a', 'b', 'c']);
    assert.equal(s1.portal, null);

    // The control plane's next snapshot: new objects, b changed, c gone, d new, order changed.
    const sent = enc.encode(snapshot(2, [host('d', '1'), host('b', '2'), host('a', '1')]));
    assert.deepEqual(sent.gateway.virtualHosts.map((v) => (typeof v === 'string' ? `name:${v}` : `whole:${v.name}`)), ['whole:d', 'whole:b', 'name:a']);
    const s2 = dec.decode(wire(sent));
    assert.deepEqual(s2.gateway.virtualHosts.map((v) => v.name), ['d', 'b', 'a']);
    assert.equal(s2.gateway.virtualHosts[2], s1.gateway.virtualHosts[0], 'a is the object the worker already had');
    assert.equal((s2.gateway.virtualHosts[1]!.routes[0]!.action as { body: string }).body, '2');
    assert.equal(s2.revision, 2);
  });

  it('sends hosts whose name is not unique whole, and a new encoder (restarted worker) sends everything whole', () => {
    const enc = new SnapshotEncoder();
    const dec = new SnapshotDecoder();
    dec.decode(wire(enc.encode(snapshot(1, [host('a', '1'), host('a', '2'), host('b', '1')]))));
    const again = enc.encode(snapshot(2, [host('a', '1'), host('a', '2'), host('b', '1')]));
    assert.deepEqual(again.gateway.virtualHosts.map((v) => typeof v === 'string'), [false, false, true]);
    const fresh = new SnapshotEncoder().encode(snapshot(3, [host('b', '1')]));
    assert.equal(typeof fresh.gateway.virtualHosts[0], 'object');
  });

  it('a worker asked for a host it does not have fails loudly (it then asks for the whole snapshot)', () => {
    const enc = new SnapshotEncoder();
    enc.encode(snapshot(1, [host('a', '1')]));
    assert.throws(() => new SnapshotDecoder().decode(wire(enc.encode(snapshot(2, [host('a', '1')])))), /virtual host a/);
  });
});

describe('snapshot feed', () => {
  it('keeps one snapshot in flight and sends the latest once it is applied', () => {
    const sent: number[] = [];
    const feed = new SnapshotFeed((s) => sent.push(s.revision));
    feed.offer(snapshot(1, []));
    feed.offer(snapshot(2, []));
    feed.offer(snapshot(3, []));
    assert.deepEqual(sent, [1]);
    feed.applied();
    assert.deepEqual(sent, [1, 3]);
    feed.applied();
    feed.offer(snapshot(4, []));
    assert.deepEqual(sent, [1, 3, 4]);
    feed.reset();
    feed.offer(snapshot(5, []));
    assert.deepEqual(sent, [1, 3, 4, 5]);
  });
});
