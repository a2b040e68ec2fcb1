// Translation on the translation thread (reconciler/translation-thread/) must publish what translation on the
// reconciler's own thread publishes — the same snapshots, statuses, derived resources — while only changed
// virtual hosts cross back (the others stay the reconciler's objects), and the thread must run at a lower CPU
// priority than the rest of the process.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { applyDocuments, Reconciler, STAGES, type Snapshot } from '@portico/control-plane';
import type { Resource } from '@portico/api';
import type { Store } from '@portico/store';
import { ResourceCache } from '../src/reconciler/resource-cache.ts';
import { ThreadTranslator } from '../src/reconciler/translation-thread/thread-translator.ts';
import { tempStore } from './support/temp-store.ts';

const QUICKSTART = fileURLToPath(new URL('../../../examples/quickstart/', import.meta.url));
const NOW = new Date('2026-01-02T03:04:05Z');

const table = (i: number, body: string) => ({
  apiVersion: 'networking.gloo.solo.io/v2',
  kind: 'RouteTable',
  metadata: { name: `t${i}`, namespace: 'bench' },
  spec: { hosts: [`h${i}.example.com`], http: [{ name: 'r', directResponse: { status: 200, body } }] },
});

async function applyQuickstart(store: Store): Promise<void> {
  const files = readdirSync(QUICKSTART).filter((f) => /^\d+-.*\.yaml$/.test(f)).sort();
  const results = await applyDocuments(store, { documents: files.map((f) => ({ file: f, content: readFileSync(join(QUICKSTART, f), 'utf8') })) });
  assert.deepEqual(results.filter((r) => !r.ok), []);
}

/** Two stores stamp the same manifests' creation times apart by a few milliseconds; blanked for comparison. */
const blankStoreTimes = (json: string) => json.replace(/"(createdAt|updatedAt|creationTimestamp)":"[^"]*"/g, '"$1":""');

/** A snapshot without its numbering (two reconcilers may coalesce changes differently). */
function content(s: Snapshot | null): unknown {
  assert.ok(s);
  return JSON.parse(blankStoreTimes(JSON.stringify({ ...s, revision: 0, storeRevision: 0, gateway: { ...s.gateway, revision: 0 }, authConfigs: [...s.authConfigs] })));
}

/** Every stored status and derived resource, by key. */
async function statuses(store: Store): Promise<Map<string, string>> {
  return new Map((await store.list()).map((r) => [`${r.kind}/${r.metadata.namespace}/${r.metadata.name}`, blankStoreTimes(JSON.stringify(r.status ?? null))]));
}

/** The nice value of each of this process's threads (Linux). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the parenthesised command name; nice is field 19 of stat(5), the 17th after it.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

test('in the translation thread: the same snapshots, statuses and derived resources as on the reconciler thread', async (t) => {
  // Each store's clock moves a second per reading, so both order the resources by creation as they were applied.
  const ticking = () => {
    let tick = 0;
    return () => new Date(Date.UTC(2026, 0, 1) + 1000 * tick++);
  };
  const stores = { inline: tempStore(t, { now: ticking() }), thread: tempStore(t, { now: ticking() }) };
  const recs = {
    inline: new Reconciler({ store: stores.inline, stages: STAGES, debounceMs: 5, now: () => NOW }),
    thread: new Reconciler({ store: stores.thread, stages: STAGES, debounceMs: 5, now: () => NOW, translation: 'thread' }),
  };
  t.after(() => Promise.all([recs.inline.stop(), recs.thread.stop()]));
  const errors: string[] = [];
  for (const store of Object.values(stores)) {
    await applyQuickstart(store);
    for (let i = 0; i < 20; i++) await store.apply(table(i, `body ${i}`));
  }
  await Promise.all(Object.values(recs).map((r) => r.start()));
  // Translation writes statuses and derived resources, and derived resources are translated again: compare once
  // both have translated everything their store holds, their own writes included.
  const settled = async (rec: Reconciler, store: Store) => {
    for (let i = 0; i < 20; i++) {
      const revision = await store.revision();
      assert.equal(await rec.waitFor(revision), true);
      if ((await store.revision()) === revision) return;
    }
    assert.fail('the reconciler kept writing');
  };
  const same = async (what: string) => {
    await Promise.all([settled(recs.inline, stores.inline), settled(recs.thread, stores.thread)]);
    assert.deepEqual(content(recs.thread.current()), content(recs.inline.current()), what);
    assert.deepEqual(await statuses(stores.thread), await statuses(stores.inline), `${what}: statuses`);
  };
  await same('first translation');
  assert.ok(recs.thread.current()!.gateway.virtualHosts.length >= 20);

  const before = recs.thread.current()!;
  for (const store of Object.values(stores)) {
    await store.apply(table(3, 'changed'));
    await store.delete('RouteTable', 'bench', 't7');
    await store.apply(table(99, 'new'));
    // A route table referring to an upstream that does not exist: an error status, the same from both.
    await store.apply({ ...table(50, 'x'), spec: { hosts: ['h50.example.com'], http: [{ name: 'r', forwardTo: { destinations: [{ ref: { name: 'missing', namespace: 'bench' }, port: { number: 80 } }] } }] } });
  }
  await same('after updates, a delete and a bad reference');
  const after = recs.thread.current()!;
  assert.notEqual(after, before);
  const host = (s: Snapshot, name: string) => s.gateway.virtualHosts.find((vh) => vh.domains.includes(name));
  // Unchanged hosts are the same objects as before (they crossed from the thread by name); changed ones are new.
  assert.equal(host(after, 'h5.example.com'), host(before, 'h5.example.com'));
  assert.notEqual(host(after, 'h3.example.com'), host(before, 'h3.example.com'));
  assert.equal(host(after, 'h7.example.com'), undefined);
  assert.ok(Object.isFrozen(host(after, 'h99.example.com')), 'what crossed is frozen again');
  assert.deepEqual(errors, []);

  // A translation that changes nothing publishes nothing.
  await stores.thread.updateStatus('RouteTable', 'bench', 't1', { note: 'someone else' });
  await settled(recs.thread, stores.thread);
  assert.equal(recs.thread.current(), after);
});

test('the translation thread runs at a lower CPU priority; the process keeps its own', { skip: process.platform !== 'linux' }, async (t) => {
  const store = tempStore(t);
  await store.apply(table(1, 'x'));
  const own = threadNices();
  assert.ok(own.every((n) => n === own[0]), 'one priority before');
  const rec = new Reconciler({ store, stages: STAGES, debounceMs: 5, translation: 'thread' });
  await rec.start();
  const during = threadNices();
  assert.equal(during.filter((n) => n === Math.min(19, own[0]! + 10)).length, 1, `one thread reniced by 10: ${during.join(' ')}`);
  assert.ok(during.filter((n) => n === own[0]).length >= own.length, 'the other threads keep theirs');
  await rec.stop();
  assert.deepEqual(threadNices().filter((n) => n !== own[0]), [], 'the thread ends with the reconciler');
});

test('a translation thread runs the built-in stages only', async (t) => {
  const store = tempStore(t);
  const rec = new Reconciler({ store, stages: [{ name: 'routes', run: STAGES[0]!.run }], translation: 'thread' });
  await assert.rejects(rec.start(), /stage routes is not one of the built-in stages/);
});

test('a translation thread that dies fails that translation; the next one starts another from the view', async (t) => {
  const store = tempStore(t);
  await store.apply(table(1, 'one'));
  const view = await ResourceCache.follow(store, () => undefined);
  t.after(() => view.close());
  const errors: string[] = [];
  const translator = new ThreadTranslator({ view, stages: STAGES, onError: (e) => errors.push(e.message) });
  t.after(() => translator.close());
  const first = await translator.translate(view.revision, NOW.toISOString());
  assert.deepEqual(first.snapshot?.gateway.virtualHosts.map((vh) => vh.domains[0]), ['h1.example.com']);
  // An event the thread cannot apply throws there, outside any handler: the thread dies.
  translator.observe({ type: 'ADDED', revision: view.revision + 1, statusOnly: false, object: null as unknown as Resource });
  await assert.rejects(translator.translate(view.revision, NOW.toISOString()), /the translation thread exited/);
  assert.match(errors.join('\n'), /translation thread failed/);
  // A new thread starts from the view (which has the second table) and the last snapshot published.
  await store.apply(table(2, 'two'));
  const again = await translator.translate(view.revision, NOW.toISOString());
  assert.deepEqual(again.snapshot?.gateway.virtualHosts.map((vh) => vh.domains[0]), ['h1.example.com', 'h2.example.com']);
  assert.equal(again.snapshot?.revision, first.snapshot!.revision + 1);
});
