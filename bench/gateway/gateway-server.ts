// The Portico gateway as the benchmark runs it: its own process (so its RSS is measured alone), a config
// read from a JSON file, the access log written to a file (as in production, not to /dev/null) by the gateway's
// hand-built lines through pino's asynchronous destination (sonic-boom), as `portico up` writes them. Usage: node bench/gateway/gateway-server.ts CONFIG.json ACCESS.log
// (BENCH_ACCESS_LOG=strings|discard|pino varies the access log; BENCH_WORKERS=N runs N gateway processes on one port with node:cluster, as nginx runs N workers;
// BENCH_LOG_LEVEL=silent turns the access log off, to see what it costs; BENCH_ACCESS_LOG=pino writes it through
// pino instead, as before; BENCH_MEMORY=1 prints process.memoryUsage() on exit)
import cluster from 'node:cluster';
import { openSync, readFileSync } from 'node:fs';
import pino from 'pino';
import { reportListening, runPrimary } from './cluster.ts';
import { createGateway, type AccessLogWriter, type GatewayConfig } from '@portico/gateway';
import { openAccessLog } from '../../packages/cli/src/up/access-log.ts';

const [configFile, logFile] = process.argv.slice(2);
const workers = Number(process.env.BENCH_WORKERS ?? '1');
if (workers > 1 && cluster.isPrimary) {
  // The primary only forks; each worker runs a whole gateway and the kernel spreads connections over them.
  runPrimary(workers, (i) => ({ BENCH_WORKER_INDEX: String(i) }));
} else {
  await serve(cluster.isWorker ? `${logFile}.${process.env.BENCH_WORKER_INDEX}` : logFile!);
}

async function serve(logFile: string): Promise<void> {
  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'info' }, pino.destination({ dest: logFile, sync: false, minLength: 8192 }));
  // The access log as `portico up`'s data plane writes it (openAccessLog: buffer mode, 64 KiB batches, bounded);
  // BENCH_ACCESS_LOG=strings writes it through sonic-boom's string mode in 8 KiB batches, as before.
  const strings = process.env.BENCH_ACCESS_LOG === 'strings';
  const file = strings ? pino.destination({ dest: logFile, sync: false, minLength: 8192 }) : openAccessLog(openSync(logFile, 'a'), logger);
  const accessLog: AccessLogWriter | null = process.env.BENCH_ACCESS_LOG === 'discard' ? { write() {} } : process.env.BENCH_ACCESS_LOG === 'pino' || process.env.BENCH_LOG_LEVEL === 'silent' ? null : 'writer' in file ? file.writer : file;
  const gw = await createGateway({ listen: { host: '127.0.0.1', port: 0 }, logger, accessLog });
  const result = gw.update(JSON.parse(readFileSync(configFile!, 'utf8')) as GatewayConfig);
  if (result.issues.length > 0) throw new Error(`config issues: ${JSON.stringify(result.issues)}`);
  reportListening(gw.port);
  process.on('SIGTERM', () => {
    if (process.env.BENCH_MEMORY) process.stderr.write(`memory ${JSON.stringify(process.memoryUsage())}\n`);
    void gw.close()
      .then(() => ('writer' in file ? file.flush() : file.flushSync()))
      .then(() => process.exit(0));
  });
}
