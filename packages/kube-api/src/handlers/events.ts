// POST /api/v1/namespaces/{ns}/events: a core v1 Event about an object this server holds — what a controller's event
// recorder sends (Portico's controller in another process, client-go's recorder). Stored as the Store's per-object
// event (Store.recordEvent: a repeat of the last event bumps its count), so it lists, and `kubectl describe` shows
// it, like the events Portico's own control plane records. Events about objects the server does not hold are refused
// (the Store keeps events per object); a cluster would keep them.
import { KINDS } from '@portico/api';
import type { Store } from '@portico/store';
import { badRequest, KubeError, type StatusCause } from '../http/status.ts';
import type { WireObject } from '../resources/objects.ts';
import { toEvent } from '../resources/objects.ts';

export async function createEvent(store: Store, namespace: string | undefined, body: unknown, dryRun: boolean): Promise<WireObject> {
  if (namespace === undefined) throw badRequest('events are namespaced: POST /api/v1/namespaces/{namespace}/events');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request body must be a JSON or YAML object');
  const e = body as { metadata?: { namespace?: unknown }; involvedObject?: Record<string, unknown>; type?: unknown; reason?: unknown; message?: unknown };
  const name = String((e.metadata as { name?: unknown } | undefined)?.name ?? '');
  const causes: StatusCause[] = [];
  const io = e.involvedObject ?? {};
  if (e.metadata?.namespace !== undefined && e.metadata.namespace !== namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  for (const k of ['kind', 'name'] as const) if (typeof io[k] !== 'string' || io[k] === '') causes.push({ reason: 'FieldValueRequired', field: `involvedObject.${k}`, message: `${k} must not be empty (rule: required)` });
  if (io.namespace !== undefined && io.namespace !== '' && io.namespace !== namespace) {
    causes.push({ reason: 'FieldValueInvalid', field: 'involvedObject.namespace', message: `does not match event.namespace ${JSON.stringify(namespace)} (rule: same namespace)` });
  }
  const type = e.type === undefined || e.type === '' ? 'Normal' : e.type;
  if (type !== 'Normal' && type !== 'Warning') causes.push({ reason: 'FieldValueNotSupported', field: 'type', message: `Unsupported value: ${JSON.stringify(type)}: supported values: "Normal", "Warning" (rule: event type)` });
  for (const k of ['reason', 'message'] as const) if (e[k] !== undefined && typeof e[k] !== 'string') causes.push({ reason: 'FieldValueInvalid', field: k, message: 'must be a string (rule: string)' });
  const kind = String(io.kind ?? '');
  const ref = { kind, namespace, name: String(io.name ?? '') };
  const owner = causes.length || !KINDS.some((d) => d.kind === kind) ? undefined : await store.get(kind, namespace, ref.name);
  if (!causes.length && !owner) {
    causes.push({ reason: 'FieldValueNotFound', field: 'involvedObject', message: `${kind} ${namespace}/${ref.name} is not an object this server holds; events are kept per stored object (rule: involved object exists)` });
  }
  if (causes.length) {
    const lines = causes.map((c) => `${c.field}: ${c.message}`);
    throw new KubeError(422, 'Invalid', `Event ${JSON.stringify(name)} is invalid: ${lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`}`, { name, kind: 'Event', causes });
  }
  const event = { type: type as 'Normal' | 'Warning', reason: String(e.reason ?? ''), message: String(e.message ?? '') };
  if (!dryRun) await store.recordEvent(ref, event);
  const events = await store.events(ref);
  const i = events.findLastIndex((x) => x.reason === event.reason && x.message === event.message && x.type === event.type);
  if (i < 0) {
    const now = new Date().toISOString();
    return toEvent({ ...event, involvedObject: ref, count: 1, firstTimestamp: now, lastTimestamp: now }, owner!, events.length);
  }
  return toEvent(events[i]!, owner!, i);
}
