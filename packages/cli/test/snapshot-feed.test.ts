// The primary's snapshot feed to a worker: at most one snapshot in flight, the latest next (the deltas themselves:
// packages/control-plane/test/snapshot-delta.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Snapshot } from '@portico/control-plane/attach';
import { SnapshotFeed } from '../src/up/workers/snapshot-feed.ts';

const snapshot = (revision: number, hosts: Snapshot['gateway']['virtualHosts']): Snapshot => ({
  revision,
  storeRevision: revision,
  authConfigs: new Map(),
  rateLimit: null,
  portal: { products: [] } as unknown as Snapshot['portal'],
  gateway: { revision, virtualHosts: hosts },
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
