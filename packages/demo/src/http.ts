import type { IncomingMessage, ServerResponse } from 'node:http';

// Tiny helpers shared by the demo upstreams (they are sample APIs, not frameworks).

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function notFound(res: ServerResponse, what: string): void {
  sendJson(res, 404, { code: 404, type: 'error', message: `${what} not found` });
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const MAX_BODY = 64 * 1024;

/** Reads a JSON request body (≤64 KiB); null when absent, Error when malformed or too big. */
export async function readJson(req: IncomingMessage): Promise<unknown | Error> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return new Error(`body larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return null;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    return new Error(`body is not JSON: ${(err as Error).message}`);
  }
}

/** Splits "/a/b?x=1" into ["a","b"] and the query. */
export function splitUrl(url: string): { parts: string[]; query: URLSearchParams } {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return {
    parts: path.split('/').filter((p) => p !== ''),
    query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
  };
}
