import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

// Buffers a request body for a hook that needs it (ext-auth with maxRequestBytes). Only routes that
// ask for the body pay for buffering. Over the limit: either reject (413) or, with allowPartial, give the
// hook the first `limit` bytes and still forward the whole body upstream.

export type BodyRead =
  | { ok: true; forAuth: Buffer; forUpstream: Buffer | Readable; size: number }
  | { ok: false; code: 'GW_BODY_TOO_LARGE' | 'GW_BAD_REQUEST'; message: string };

export function readBody(req: IncomingMessage, limit: number, allowPartial: boolean): Promise<BodyRead> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit && !allowPartial) {
    req.resume();
    return Promise.resolve({ ok: false, code: 'GW_BODY_TOO_LARGE', message: `request body exceeds ${limit} bytes` });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size > limit) {
        cleanup();
        if (!allowPartial) {
          req.resume();
          resolve({ ok: false, code: 'GW_BODY_TOO_LARGE', message: `request body exceeds ${limit} bytes` });
          return;
        }
        req.pause();
        const head = Buffer.concat(chunks);
        resolve({ ok: true, forAuth: head.subarray(0, limit), forUpstream: concatStream(head, req), size: -1 });
      }
    };
    const onEnd = () => {
      cleanup();
      const all = Buffer.concat(chunks);
      resolve({ ok: true, forAuth: all, forUpstream: all, size: all.length });
    };
    const onError = (err: Error) => {
      cleanup();
      resolve({ ok: false, code: 'GW_BAD_REQUEST', message: `request body could not be read: ${err.message}` });
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function concatStream(head: Buffer, rest: IncomingMessage): Readable {
  return Readable.from(
    (async function* () {
      yield head;
      for await (const chunk of rest) yield chunk as Buffer;
    })(),
  );
}
