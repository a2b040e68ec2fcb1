// The audit log of writes, as kube-apiserver writes it with --audit-log-path and a Metadata-level policy for the write
// verbs: one audit.k8s.io/v1 Event per request (JSON line) once its answer is sent — who (user agent, and the
// fieldManager the client named, in requestURI), what (verb, objectRef with subresource) and the answer's code.
// It lets an operator (and the tests) see from the server's side which client wrote what, e.g. that one controller
// replica alone writes statuses. Reads (get, list, watch) are logged only when asked for: a controller's watches
// would drown the writes; the tests use them to check a client's calls against the RBAC rules it is granted.
import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourcePath } from './route.ts';

export interface AuditLog {
  record(req: IncomingMessage, res: ServerResponse, verb: string, path: ResourcePath): void;
  close(): Promise<void>;
}

export const AUDITED_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export function openAuditLog(file: string, o: { reads?: boolean } = {}): AuditLog {
  const out: WriteStream = createWriteStream(file, { flags: 'a' });
  return {
    record(req, res, verb, path) {
      if (!AUDITED_VERBS.has(verb) && !o.reads) return;
      const received = new Date().toISOString();
      res.once('finish', () => {
        const r = path.resource;
        const event = {
          kind: 'Event',
          apiVersion: 'audit.k8s.io/v1',
          level: 'Metadata',
          auditID: randomUUID(),
          stage: 'ResponseComplete',
          requestURI: req.url ?? '',
          verb,
          user: { username: 'portico-token' }, // one bearer token: one user
          sourceIPs: [req.socket.remoteAddress ?? ''],
          userAgent: String(req.headers['user-agent'] ?? ''),
          objectRef: {
            resource: r.plural,
            ...(path.namespace !== undefined ? { namespace: path.namespace } : {}),
            ...(path.name !== undefined ? { name: path.name } : {}),
            apiGroup: r.group,
            apiVersion: r.version,
            ...(path.subresource !== undefined ? { subresource: path.subresource } : {}),
          },
          responseStatus: { metadata: {}, code: res.statusCode },
          requestReceivedTimestamp: received,
          stageTimestamp: new Date().toISOString(),
        };
        out.write(`${JSON.stringify(event)}\n`);
      });
    },
    close: () => new Promise<void>((resolve) => out.end(() => resolve())),
  };
}
