// The benches' N-process servers (BENCH_WORKERS): the primary only forks and, once every worker listens on the
// shared port, prints `listening PORT` as a single-process server does; SIGTERM stops the workers, then itself.
import cluster from 'node:cluster';

export function runPrimary(workers: number, envFor: (index: number) => NodeJS.ProcessEnv = () => ({})): void {
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork(envFor(i)).on('message', (m: { port?: number }) => {
      if (typeof m.port === 'number' && ++ready === workers) process.stdout.write(`listening ${m.port}\n`);
    });
  }
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
}

/** A server process says where it listens: to the primary when a cluster worker, else on stdout. */
export function reportListening(port: number): void {
  if (cluster.isWorker) process.send!({ port });
  else process.stdout.write(`listening ${port}\n`);
}
