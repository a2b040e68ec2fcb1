import type { IncomingMessage, ServerResponse } from 'node:http';

/** Serves Prometheus text from `collect` (a registry's metrics(), or the workers' sum) at the admin API's /metrics. */
export function metricsHandler(collect: () => Promise<string>, contentType: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    collect().then(
      (text) => {
        res.writeHead(200, { 'content-type': contentType });
        res.end(text);
      },
      (err: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`metrics unavailable: ${err.message}\n`);
      },
    );
  };
}
