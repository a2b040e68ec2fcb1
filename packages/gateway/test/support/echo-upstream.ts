import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real upstream for gateway tests. It answers with what it received (method, url, headers, body) plus
// its own name, so tests can see rewrites, header handling and which destination served a request.
//   /slow?ms=N      waits N ms before answering (timeouts, in-flight requests during config swaps)
//   /status/N       answers with status N

export interface EchoReply {
  upstream: string;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Upstream {
  url: string;
  port: number;
  server: Server;
  requests: number;
  close(): Promise<void>;
}

export async function startEcho(name: string): Promise<Upstream> {
  const up: Upstream = { url: '', port: 0, server: createServer(), requests: 0, close: async () => undefined };
  up.server.on('request', (req: IncomingMessage, res) => {
    up.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const reply: EchoReply = {
        upstream: name,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const send = (status: number) => {
        const text = JSON.stringify(reply);
        res.writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          'x-upstream': name,
          connection: 'keep-alive',
          'keep-alive': 'timeout=5',
          'set-cookie': ['a=1', 'b=2'],
        });
        res.end(text);
      };
      const status = /^\/status\/(\d{3})$/.exec(u.pathname);
      if (status) return send(Number(status[1]));
      if (u.pathname === '/slow') {
        setTimeout(() => send(200), Number(u.searchParams.get('ms') ?? '100'));
        return;
      }
      send(200);
    });
  });
  await new Promise<void>((resolve) => up.server.listen(0, '127.0.0.1', resolve));
  up.port = (up.server.address() as AddressInfo).port;
  up.url = `http://127.0.0.1:${up.port}`;
  up.close = () =>
    new Promise<void>((resolve) => {
      up.server.close(() => resolve());
      up.server.closeAllConnections();
    });
  return up;
}
