import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { uiDistDir } from './build.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/**
 * A node:http handler for the built app: files under dist/, and index.html for any other GET that accepts HTML
 * (client-side routes such as /products/tracks). Returns false for what it does not serve (e.g. /v1/…),
 * so a server can fall through to its API.
 */
export function createUiHandler(root: string = uiDistDir): (req: IncomingMessage, res: ServerResponse) => boolean {
  const base = normalize(root + sep);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/v1/') || url.pathname === '/v1') return false;
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent(url.pathname)));
    } catch {
      return false;
    }
    if (!path.startsWith(base) && path + sep !== base) return false;
    if (existsSync(path) && statSync(path).isFile()) {
      const immutable = url.pathname.startsWith('/assets/');
      send(res, req, path, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return true;
    }
    const wantsHtml = (req.headers.accept ?? '').includes('text/html') || extname(url.pathname) === '';
    if (!wantsHtml) return false;
    send(res, req, join(root, 'index.html'), 'no-cache');
    return true;
  };
}

function send(res: ServerResponse, req: IncomingMessage, file: string, cacheControl: string): void {
  const size = statSync(file).size;
  res.writeHead(200, {
    ...securityHeaders,
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': cacheControl,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
