// The benchmark upstream: node:http answering every request with the same small JSON body
// (33 bytes, as in dependencies.md §5). Usage: node bench/gateway/upstream.ts PORT
import { createServer } from 'node:http';

const body = Buffer.from('{"id":"c_0","topic":"Cat-stronomy"}'.slice(0, 33));
const port = Number(process.argv[2] ?? '0');
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`listening ${typeof a === 'object' && a ? a.port : port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
