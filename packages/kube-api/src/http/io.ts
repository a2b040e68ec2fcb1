// Bounded body reading, JSON/YAML decoding and JSON responses for the Kubernetes API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'yaml';
import { decodeProtobuf } from './protobuf.ts';
import { badRequest, KubeError } from './status.ts';

export const MAX_BODY_BYTES = 3 * 1024 * 1024; // the API server's default request size limit

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRawBody(req)).toString('utf8');
}

export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () => new KubeError(413, 'RequestEntityTooLarge', `request entity too large: limit is ${MAX_BODY_BYTES}`);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Decodes a request body: JSON, YAML for `application/yaml` and `application/apply-patch+yaml`, or (core kinds)
 *  Kubernetes protobuf. */
export function decodeBody(body: string | Buffer, contentType: string): unknown {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/vnd.kubernetes.protobuf') return decodeProtobuf(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  try {
    if (type.endsWith('yaml')) return parse(text, { maxAliasCount: 100, uniqueKeys: true });
    if (type.endsWith('json') || type === '') return JSON.parse(text);
  } catch (err) {
    throw badRequest(`the body of the request could not be decoded: ${(err as Error).message.split('\n')[0]}`);
  }
  throw new KubeError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-cache, private', ...headers });
  res.end(text);
}

/** `299 - "message"` warning headers, which kubectl prints as `Warning: message`. */
export function warningHeaders(messages: readonly string[]): Record<string, string[]> {
  return messages.length ? { warning: messages.map((m) => `299 - ${JSON.stringify(m)}`) } : {};
}
