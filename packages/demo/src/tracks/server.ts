import type { IncomingMessage, ServerResponse } from 'node:http';
import { notFound, sendJson, sendText, splitUrl } from '../http.ts';
import { AUTHORS, TRACKS } from './data.ts';
import { TRACKS_OPENAPI_JSON } from './openapi.ts';

// GET /tracks, /tracks/{id}, /authors/{id}, /openapi.json. Read-only.

export function tracksHandler(req: IncomingMessage, res: ServerResponse): void {
  const { parts } = splitUrl(req.url ?? '/');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { code: 405, type: 'error', message: `method ${req.method} not allowed` });
    return;
  }
  const [a, b, extra] = parts;
  if (extra !== undefined) return notFound(res, 'resource');
  if (a === 'openapi.json' && b === undefined) return sendText(res, 200, 'application/json', TRACKS_OPENAPI_JSON);
  if (a === 'tracks' && b === undefined) return sendJson(res, 200, TRACKS);
  if (a === 'tracks') {
    const t = TRACKS.find((x) => x.id === b);
    return t === undefined ? notFound(res, `track ${b}`) : sendJson(res, 200, t);
  }
  if (a === 'authors' && b !== undefined) {
    const au = AUTHORS.find((x) => x.id === b);
    return au === undefined ? notFound(res, `author ${b}`) : sendJson(res, 200, au);
  }
  notFound(res, 'resource');
}
