// The Portico gateway as the benchmark runs it: its own process (so its RSS is measured alone), a config
// read from a JSON file, the access log written to a file (as in production, not to /dev/null) by the gateway's
// buffered AccessLogFile. Usage: node bench/gateway/gateway-server.ts CONFIG.json ACCESS.log
// (BENCH_LOG_LEVEL=silent turns the access log off, to see what it costs; BENCH_ACCESS_LOG=pino writes it through
// pino instead, as before; BENCH_MEMORY=1 prints process.memoryUsage() on exit)
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { AccessLogFile, createGateway, type GatewayConfig } from '@portico/gateway';

const [configFile, logFile] = process.argv.slice(2);
const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'info' }, pino.destination({ dest: logFile!, sync: false, minLength: 8192 }));
const accessLog = process.env.BENCH_ACCESS_LOG === 'discard' ? ({ write() {}, close() {} } as unknown as AccessLogFile) : process.env.BENCH_ACCESS_LOG === 'pino' || process.env.BENCH_LOG_LEVEL === 'silent' ? null : new AccessLogFile(logFile!);
const gw = await createGateway({ listen: { host: '127.0.0.1', port: 0 }, logger, accessLog });
const result = gw.update(JSON.parse(readFileSync(configFile!, 'utf8')) as GatewayConfig);
if (result.issues.length > 0) throw new Error(`config issues: ${JSON.stringify(result.issues)}`);
process.stdout.write(`listening ${gw.port}\n`);
process.on('SIGTERM', () => {
  if (process.env.BENCH_MEMORY) process.stderr.write(`memory ${JSON.stringify(process.memoryUsage())}\n`);
  void gw.close().then(() => {
    accessLog?.close();
    process.exit(0);
  });
});
