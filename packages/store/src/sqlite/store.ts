// The embedded store on node:sqlite. Every write is one IMMEDIATE transaction that updates the resource row and
// appends to the change log together; WAL + synchronous=FULL make a committed write survive a crash, and an
// interrupted one leave no trace. Watchers are called after commit, in revision order.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { DEFAULT_NAMESPACE, type ObjectRef, type Resource, type ResourceInput } from '@portico/api';
import { StoreError } from '../errors.ts';
import type { ApplyPrecondition, ApplyResult, EventInput, StatusWrite, Store, StoreEvent, WatchEvent } from '../types.ts';
import { bodyOf, canonicalJson, rowToResource, type ResourceRow } from './rows.ts';
import { CHANGE_LOG_LIMIT, EVENTS_PER_OBJECT, SCHEMA, SCHEMA_VERSION } from './schema.ts';
import { Watchers } from './watchers.ts';

export interface SqliteStoreOptions {
  /** State directory; the database is `<dir>/store.db`. Created when missing. */
  dir: string;
  /** Injected clock for timestamps (tests). */
  now?: () => Date;
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}

export class SqliteStore implements Store {
  readonly path: string;
  #db: DatabaseSync | null;
  #now: () => Date;
  #watchers = new Watchers();
  #stmts: Record<string, StatementSync>;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.path = join(options.dir, 'store.db');
    this.#now = options.now ?? (() => new Date());
    const db = new DatabaseSync(this.path, { timeout: 5000 });
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
    db.exec(SCHEMA);
    const version = db.prepare("SELECT value FROM store_meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    if (version && Number(version.value) > SCHEMA_VERSION) {
      db.close();
      throw new StoreError('STORE_IO', `${this.path} has schema version ${version.value}; this Portico understands ${SCHEMA_VERSION}`);
    }
    db.prepare("INSERT OR IGNORE INTO store_meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
    this.#db = db;
    this.#stmts = {
      get: db.prepare('SELECT * FROM resources WHERE kind = ? AND namespace = ? AND name = ?'),
      rev: db.prepare('SELECT COALESCE(MAX(revision), 0) AS r FROM changes'),
      insert: db.prepare(
        `INSERT INTO resources (kind, namespace, name, api_version, uid, generation, resource_version, creation_timestamp, labels, annotations, body, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      ),
      update: db.prepare(
        'UPDATE resources SET api_version = ?, generation = ?, resource_version = ?, labels = ?, annotations = ?, body = ? WHERE kind = ? AND namespace = ? AND name = ?',
      ),
      status: db.prepare('UPDATE resources SET status = ?, resource_version = ? WHERE kind = ? AND namespace = ? AND name = ?'),
      del: db.prepare('DELETE FROM resources WHERE kind = ? AND namespace = ? AND name = ?'),
      change: db.prepare('INSERT INTO changes (revision, type, status_only, object) VALUES (?, ?, ?, ?)'),
      compact: db.prepare('DELETE FROM changes WHERE revision <= ?'),
      lastEvent: db.prepare('SELECT * FROM events WHERE kind = ? AND namespace = ? AND name = ? ORDER BY id DESC LIMIT 1'),
      bumpEvent: db.prepare('UPDATE events SET count = count + 1, last_timestamp = ? WHERE id = ?'),
      addEvent: db.prepare(
        'INSERT INTO events (kind, namespace, name, type, reason, message, count, first_timestamp, last_timestamp) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)',
      ),
      pruneEvents: db.prepare(
        'DELETE FROM events WHERE kind = ? AND namespace = ? AND name = ? AND id NOT IN (SELECT id FROM events WHERE kind = ? AND namespace = ? AND name = ? ORDER BY id DESC LIMIT ?)',
      ),
      events: db.prepare('SELECT * FROM events WHERE kind = ? AND namespace = ? AND name = ? ORDER BY id'),
      delEvents: db.prepare('DELETE FROM events WHERE kind = ? AND namespace = ? AND name = ?'),
    };
  }

  async apply(input: ResourceInput, precondition?: ApplyPrecondition): Promise<ApplyResult> {
    const problem = inputProblem(input);
    if (problem) return { ok: false, code: 'STORE_INVALID_INPUT', message: problem };
    return this.#tx(() => this.#applyOne(input, precondition));
  }

  /** Applies many resources in ONE transaction (one fsync), each inside its own savepoint: an item that fails is
   *  rolled back alone and reported, the others are committed together. */
  async applyMany(inputs: readonly ResourceInput[]): Promise<ApplyResult[]> {
    const db = this.#db_();
    return this.#tx(() =>
      inputs.map((input): ApplyResult => {
        const problem = inputProblem(input);
        if (problem) return { ok: false, code: 'STORE_INVALID_INPUT', message: problem };
        const mark = this.#watchers.mark();
        db.exec('SAVEPOINT item');
        try {
          const r = this.#applyOne(input);
          db.exec('RELEASE item');
          return r;
        } catch (err) {
          db.exec('ROLLBACK TO item');
          db.exec('RELEASE item');
          this.#watchers.rollbackTo(mark);
          return { ok: false, code: 'STORE_IO', message: `store write failed: ${(err as Error).message}` };
        }
      }),
    );
  }

  #applyOne(input: ResourceInput, precondition?: ApplyPrecondition): ApplyResult {
    const ns = input.metadata.namespace ?? DEFAULT_NAMESPACE;
    const labels = canonicalJson(input.metadata.labels ?? {});
    const annotations = canonicalJson(input.metadata.annotations ?? {});
    const body = bodyOf(input);
    const existing = this.#stmts.get!.get(input.kind, ns, input.metadata.name) as ResourceRow | undefined;
    const failed = preconditionFailure(existing, precondition);
    if (failed) return failed;
    const revision = this.#revision() + 1;
    if (!existing) {
      this.#stmts.insert!.run(input.kind, ns, input.metadata.name, input.apiVersion, randomUUID(), 1, revision, this.#now().toISOString(), labels, annotations, body);
      return { ok: true, action: 'created', resource: this.#record(revision, 'ADDED', false, input.kind, ns, input.metadata.name) };
    }
    const bodyChanged = existing.body !== body;
    if (!bodyChanged && existing.labels === labels && existing.annotations === annotations && existing.api_version === input.apiVersion) {
      return { ok: true, action: 'unchanged', resource: rowToResource(existing) };
    }
    const generation = Number(existing.generation) + (bodyChanged ? 1 : 0);
    this.#stmts.update!.run(input.apiVersion, generation, revision, labels, annotations, body, input.kind, ns, input.metadata.name);
    return { ok: true, action: 'configured', resource: this.#record(revision, 'MODIFIED', false, input.kind, ns, input.metadata.name) };
  }

  async get(kind: string, namespace: string, name: string): Promise<Resource | undefined> {
    const row = this.#db_().prepare('SELECT * FROM resources WHERE kind = ? AND namespace = ? AND name = ?').get(kind, namespace, name) as ResourceRow | undefined;
    return row ? rowToResource(row) : undefined;
  }

  async list(kind?: string, namespace?: string): Promise<Resource[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (kind !== undefined) (where.push('kind = ?'), args.push(kind));
    if (namespace !== undefined) (where.push('namespace = ?'), args.push(namespace));
    const sql = `SELECT * FROM resources ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY kind, namespace, name`;
    return (this.#db_().prepare(sql).all(...args) as unknown as ResourceRow[]).map(rowToResource);
  }

  async delete(kind: string, namespace: string, name: string): Promise<boolean> {
    return this.#tx(() => {
      const existing = this.#stmts.get!.get(kind, namespace, name) as ResourceRow | undefined;
      if (!existing) return false;
      const revision = this.#revision() + 1;
      this.#stmts.del!.run(kind, namespace, name);
      this.#stmts.delEvents!.run(kind, namespace, name);
      const object = rowToResource(existing);
      object.metadata.resourceVersion = String(revision);
      this.#log(revision, 'DELETED', false, object);
      return true;
    });
  }

  async updateStatus(kind: string, namespace: string, name: string, status: unknown): Promise<boolean> {
    return this.#tx(() => this.#statusOne({ kind, namespace, name, status }));
  }

  /** Many status updates in one transaction; one boolean per update (false: the resource is gone). */
  async updateStatuses(updates: readonly StatusWrite[]): Promise<boolean[]> {
    if (updates.length === 0) return [];
    return this.#tx(() => updates.map((u) => this.#statusOne(u)));
  }

  #statusOne(u: StatusWrite): boolean {
    const existing = this.#stmts.get!.get(u.kind, u.namespace, u.name) as ResourceRow | undefined;
    if (!existing) return false;
    const json = u.status === undefined ? null : canonicalJson(u.status);
    if (json === existing.status) return true;
    const revision = this.#revision() + 1;
    this.#stmts.status!.run(json, revision, u.kind, u.namespace, u.name);
    this.#record(revision, 'MODIFIED', true, u.kind, u.namespace, u.name);
    return true;
  }

  watch(onEvent: (e: WatchEvent) => void, fromRevision?: number): () => void {
    const db = this.#db_();
    let replay: WatchEvent[] = [];
    if (fromRevision !== undefined) {
      const oldest = (db.prepare('SELECT MIN(revision) AS r FROM changes').get() as { r: number | null }).r;
      if (oldest !== null && fromRevision < oldest - 1) {
        // The history was compacted: resynchronise with the current state, as a Kubernetes informer relists.
        const rev = this.#revision();
        replay = (db.prepare('SELECT * FROM resources ORDER BY kind, namespace, name').all() as unknown as ResourceRow[]).map((row) => ({
          type: 'ADDED' as const, revision: rev, object: rowToResource(row), statusOnly: false,
        }));
      } else {
        const rows = db.prepare('SELECT * FROM changes WHERE revision > ? ORDER BY revision').all(fromRevision) as unknown as { revision: number; type: WatchEvent['type']; status_only: number; object: string }[];
        replay = rows.map((r) => ({ type: r.type, revision: Number(r.revision), object: JSON.parse(r.object) as Resource, statusOnly: r.status_only === 1 }));
      }
    }
    return this.#watchers.add(onEvent, replay);
  }

  async recordEvent(ref: ObjectRef, event: EventInput): Promise<void> {
    this.#tx(() => this.#eventOne(ref, event));
  }

  /** Many events in one transaction. */
  async recordEvents(events: readonly { ref: ObjectRef; event: EventInput }[]): Promise<void> {
    if (events.length === 0) return;
    this.#tx(() => {
      for (const e of events) this.#eventOne(e.ref, e.event);
    });
  }

  #eventOne(ref: ObjectRef, event: EventInput): void {
    const now = this.#now().toISOString();
    const last = this.#stmts.lastEvent!.get(ref.kind, ref.namespace, ref.name) as { id: number; type: string; reason: string; message: string } | undefined;
    if (last && last.type === event.type && last.reason === event.reason && last.message === event.message) {
      this.#stmts.bumpEvent!.run(now, last.id);
      return;
    }
    this.#stmts.addEvent!.run(ref.kind, ref.namespace, ref.name, event.type, event.reason, event.message, now, now);
    this.#stmts.pruneEvents!.run(ref.kind, ref.namespace, ref.name, ref.kind, ref.namespace, ref.name, EVENTS_PER_OBJECT);
  }

  async events(ref: ObjectRef): Promise<StoreEvent[]> {
    this.#db_();
    const rows = this.#stmts.events!.all(ref.kind, ref.namespace, ref.name) as unknown as { type: 'Normal' | 'Warning'; reason: string; message: string; count: number; first_timestamp: string; last_timestamp: string }[];
    return rows.map((r) => ({
      involvedObject: { ...ref }, type: r.type, reason: r.reason, message: r.message, count: Number(r.count), firstTimestamp: r.first_timestamp, lastTimestamp: r.last_timestamp,
    }));
  }

  async revision(): Promise<number> {
    this.#db_();
    return this.#revision();
  }

  async oldestRevision(): Promise<number> {
    const oldest = (this.#db_().prepare('SELECT MIN(revision) AS r FROM changes').get() as { r: number | null }).r;
    return oldest === null ? this.#revision() : Number(oldest) - 1;
  }

  async close(): Promise<void> {
    this.#watchers.clear();
    this.#db?.close();
    this.#db = null;
  }

  #db_(): DatabaseSync {
    if (!this.#db) throw new StoreError('STORE_CLOSED', 'the store is closed');
    return this.#db;
  }

  #revision(): number {
    return Number((this.#stmts.rev!.get() as { r: number }).r);
  }

  /** Runs fn in an IMMEDIATE transaction; pending watch events are delivered only after COMMIT succeeds. */
  #tx<T>(fn: () => T): T {
    const db = this.#db_();
    db.exec('BEGIN IMMEDIATE');
    let result: T;
    try {
      result = fn();
      db.exec('COMMIT');
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      this.#watchers.discardPending();
      if (err instanceof StoreError) throw err;
      throw new StoreError('STORE_IO', `store write failed: ${(err as Error).message}`, { cause: err });
    }
    this.#watchers.flush();
    return result;
  }

  #record(revision: number, type: WatchEvent['type'], statusOnly: boolean, kind: string, ns: string, name: string): Resource {
    const object = rowToResource(this.#stmts.get!.get(kind, ns, name) as unknown as ResourceRow);
    this.#log(revision, type, statusOnly, object);
    return object;
  }

  #log(revision: number, type: WatchEvent['type'], statusOnly: boolean, object: Resource): void {
    this.#stmts.change!.run(revision, type, statusOnly ? 1 : 0, JSON.stringify(object));
    if (revision % 1000 === 0) this.#stmts.compact!.run(revision - CHANGE_LOG_LIMIT);
    this.#watchers.stage({ type, revision, object, statusOnly });
  }
}

function preconditionFailure(existing: ResourceRow | undefined, p: ApplyPrecondition | undefined): ApplyResult | null {
  if (!p) return null;
  if (p.mode === 'create' && existing) return { ok: false, code: 'STORE_ALREADY_EXISTS', message: 'the object already exists' };
  if ((p.mode === 'update' || p.resourceVersion !== undefined) && !existing) return { ok: false, code: 'STORE_NOT_FOUND', message: 'the object does not exist' };
  if (p.resourceVersion !== undefined && existing && String(existing.resource_version) !== p.resourceVersion) {
    return { ok: false, code: 'STORE_CONFLICT', message: `the object has resourceVersion ${existing.resource_version}, not ${p.resourceVersion}` };
  }
  return null;
}

function inputProblem(r: ResourceInput): string | null {
  if (!r || typeof r !== 'object') return 'resource must be an object';
  if (!r.kind || !r.apiVersion) return 'apiVersion and kind are required';
  if (!r.metadata?.name) return 'metadata.name is required';
  return null;
}
