// Small HTTP helpers for the admin API: bounded body reading and JSON responses with coded errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlPlaneErrorCode } from '../errors.ts';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class HttpError extends Error {
  readonly status: number;
  readonly code: ControlPlaneErrorCode;
  constructor(status: number, code: ControlPlaneErrorCode, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, 'CP_PAYLOAD_TOO_LARGE', `request body is ${declared} bytes; the limit is ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'CP_PAYLOAD_TOO_LARGE', `request body exceeds the limit of ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: ControlPlaneErrorCode, message: string): void {
  sendJson(res, status, { ok: false, code, message });
}
