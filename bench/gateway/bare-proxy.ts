// The floor for any Node.js proxy: node:http + one undici Pool, hop-by-hop headers stripped, no routing,
// no logging (dependencies.md §5's "19 lines"). Shows how much of the gap to nginx is the platform and how
// much is Portico. Usage: node bench/gateway/bare-proxy.ts UPSTREAM_PORT
// (BENCH_WORKERS=N runs N processes on one port with node:cluster, as the gateway bench's row (g) runs the gateway.)
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { Pool } from 'undici';
import { reportListening, runPrimary } from './cluster.ts';

const workers = Number(process.env.BENCH_WORKERS ?? '1');
if (workers > 1 && cluster.isPrimary) {
  runPrimary(workers);
} else {
  serve();
}

function serve(): void {

  const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-connection']);
  const pool = new Pool(`http://127.0.0.1:${process.argv[2]}`, { connections: 128 });
  const server = createServer((req, res) => {
    const headers: Record<string, string | string[]> = {};
    for (const k in req.headers) if (!HOP.has(k)) headers[k] = req.headers[k]!;
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    pool.request({ path: req.url ?? '/', method: 'GET', headers }).then(
      ({ statusCode, headers: h, body }) => {
        const out: Record<string, string | string[]> = {};
        for (const k in h) if (!HOP.has(k)) out[k] = h[k]!;
        res.writeHead(statusCode, out);
        body.pipe(res);
      },
      () => {
        res.writeHead(502);
        res.end();
      },
    );
  });
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    reportListening(typeof a === 'object' && a ? a.port : 0);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
